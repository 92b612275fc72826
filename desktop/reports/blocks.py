"""The neutral content of a report: what ReportDocument records, call by call.

Every report kind describes its content once, as a list of these blocks; the PDF
renderer (pdf_render.py) and the Word renderer (word_render.py) each turn the same
list into their own format. Blocks hold plain text (no markup) and sizes in points.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Subtitle:
    text: str


@dataclass(frozen=True)
class Heading:
    level: int   # 1 黑体, 2 楷体, 3-4 仿宋
    text: str    # with its number (一、 （一） 1. （1）) when it has one


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent_first_line: bool = True
    where: str = ""


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    col_widths: Sequence[float | str | None] | None  # mm, a sample text, or None (see tables.py)
    font_size: float
    align: Sequence[str] | None
    where: str
    min_row_height: float | None  # points
    available: float              # width of the text block, points


@dataclass(frozen=True)
class Form:
    rows: Sequence[Sequence[tuple[str, str]]]
    label_sample: str
    font_size: float
    where: str
    available: float


@dataclass(frozen=True)
class Photo:
    jpeg: bytes
    width: float   # printed size, points
    height: float


@dataclass(frozen=True)
class Drawing:
    """A reportlab.graphics Drawing (a chart or ruled lines, charts.py): a vector in the
    PDF, a picture in Word (chart_image.py)."""
    drawing: object


@dataclass(frozen=True)
class Closing:
    lines: Sequence[str]


@dataclass(frozen=True)
class Signatures:
    labels: Sequence[str]
    names: Sequence[str]
    available: float


@dataclass(frozen=True)
class Space:
    lines: float


@dataclass(frozen=True)
class PageBreak:
    orientation: str | None  # the orientation from the new page on; None: unchanged
