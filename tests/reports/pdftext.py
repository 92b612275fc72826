"""Reading generated PDFs back: text runs with position, size and font (pypdf only)."""
from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass
class Run:
    page: int      # 1-based
    x: float       # start of the text line, points from the left
    y: float       # baseline, points from the bottom
    size: float    # effective font size in points
    font: str      # BaseFont without the subset prefix
    text: str


@dataclass
class Line:
    page: int
    x: float
    y: float
    size: float
    text: str
    runs: list[Run]


def reader(pdf: Path | bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf))


def runs(pdf: Path | bytes) -> list[Run]:
    found: list[Run] = []
    for number, page in enumerate(reader(pdf).pages, start=1):
        def visit(text, cm, tm, font, size, number=number):
            if not text.strip("\n"):
                return
            a, b, c, d, e, f = cm
            x = tm[4] * a + tm[5] * c + e
            y = tm[4] * b + tm[5] * d + f
            scale = math.hypot(tm[0] * a + tm[1] * c, tm[0] * b + tm[1] * d)
            base = str(font.get("/BaseFont", "")) if font else ""
            found.append(Run(number, x, y, size * scale, re.sub(r"^/?([A-Z]{6}\+)?", "", base),
                             text.replace("\n", "")))
        page.extract_text(visitor_text=visit)
    return [r for r in found if r.text.strip()]  # pypdf adds bare spaces of its own


def lines(pdf: Path | bytes) -> list[Line]:
    """Runs on the same page and baseline joined, in reading order."""
    grouped: dict[tuple[int, float], list[Run]] = {}
    for run in runs(pdf):
        grouped.setdefault((run.page, round(run.y, 1)), []).append(run)
    result = []
    for (page, _y), members in grouped.items():
        # A table row shares a baseline across cells: split where x jumps to a new cell.
        cells: dict[float, list[Run]] = {}
        for run in members:
            cells.setdefault(round(run.x, 1), []).append(run)
        for _, cell in sorted(cells.items()):
            # pypdf prefixes a space when the text origin jumps (e.g. an indent): not ours, drop it.
            text = "".join(r.text for r in cell).strip()
            result.append(Line(page, cell[0].x, cell[0].y, max(r.size for r in cell), text, cell))
    return sorted(result, key=lambda line: (line.page, -line.y, line.x))


def page_text(pdf: Path | bytes, page: int) -> str:
    return "\n".join(line.text for line in lines(pdf) if line.page == page)


def all_text(pdf: Path | bytes) -> str:
    return "\n".join(line.text for line in lines(pdf))
