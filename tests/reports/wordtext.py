"""Reading generated .docx files back with python-docx: text, fonts, fields."""
from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml.ns import qn


def open_docx(source: Path | bytes):
    return docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))


def all_text(document) -> str:
    """Every text run of the body (paragraphs and table cells) in order, without breaks."""
    return "".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def east_asian_font(style) -> str:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else ""


def field_instructions(part) -> list[str]:
    return [t.text.strip() for t in part._element.iter(qn("w:instrText"))]


def styled(document, style_name: str) -> list:
    return [p for p in document.paragraphs if p.style.name == style_name]
