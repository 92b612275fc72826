"""Tables: cells that wrap Chinese text, column widths fitted to the content,
header rows repeated on every page."""
from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from . import colwidths
from .colwidths import PAD_X, fit_widths  # noqa: F401 - fit_widths: part of this module's API
from .fonts import BODY, HEI
from .glyphs import GlyphResolver
from .layout import Styles
from .linebreak import CJKParagraph, char_width, plain_lines

PAD_Y = 2.5
ALIGNS = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
EMPTY_ROW_TEXT = "暂无记录"
_NUMERIC = re.compile(r"^[\d\s.,:/*+\-—]*$")


def _cell_text(value: object) -> str:
    return "" if value is None else str(value)


class CellText(Flowable):
    """Cell text whose every line fits its column and prints in the style's own font: drawn
    as plain strings where a CJKParagraph would put them (same height, baselines and
    alignment), without parsing markup or breaking lines -- tables of hundreds of rows
    spend most of their time there otherwise."""

    def __init__(self, lines: list[str], widths: list[float], style):
        super().__init__()
        self.lines = lines
        self.widths = widths  # of each line, in points
        self.style = style

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):
        # Drawn at page coordinates (no per-cell translate and saved state, unlike
        # Flowable.drawOn); the font is switched only if the table's cell font is another.
        x = self._hAlignAdjust(x, _sW)
        style = self.style
        own_font = canvas._fontname == style.fontName and canvas._fontsize == style.fontSize
        if not own_font:
            canvas.saveState()
            canvas.setFont(style.fontName, style.fontSize, style.leading)
        baseline = y + self.height - style.fontSize  # where Paragraph puts its first baseline
        for line, width in zip(self.lines, self.widths):
            shift = {TA_CENTER: (self.width - width) / 2, TA_RIGHT: self.width - width}.get(style.alignment, 0)
            canvas.drawString(x + shift, baseline, line)
            baseline -= style.leading
        if not own_font:
            canvas.restoreState()


def cell_flowable(resolver: GlyphResolver, text: str, role: str, style, width: float, where: str):
    """The flowable for one cell: CellText when the text needs no borrowed glyph or marker
    (its lines broken here by the same rules), else a CJKParagraph."""
    lines = text.split("\n") if text else []
    if all(line and line == line.strip() and "  " not in line for line in lines) \
            and resolver.drawable(text, role):
        font, size = style.fontName, style.fontSize
        broken = plain_lines(text, lambda c: char_width(c, font, size), width)
        return CellText([line for line, _ in broken], [w for _, w in broken], style)
    return CJKParagraph(resolver.markup(text, role, where=where), style)


def given_widths(spec: Sequence[float | str | None], available: float, font: str, size: float,
                 columns: Sequence[Sequence[str]] | None = None) -> list[float]:
    """colwidths.given_widths in *font* at *size* (a str spec: a sample to hold on one line)."""
    return colwidths.given_widths(spec, available, lambda t: stringWidth(t, font, size), columns, mm=mm)


def auto_widths(header: Sequence[str], rows: Sequence[Sequence[object]], available: float,
                body_font: str, header_font: str, size: float) -> list[float]:
    return colwidths.auto_widths(header, [[_cell_text(v) for v in row] for row in rows], available,
                                 lambda t: stringWidth(t, body_font, size),
                                 lambda t: stringWidth(t, header_font, size), size)


def balanced(text: str, width: float, font: str, size: float) -> str:
    """A header too wide for its column, broken into two even halves (出生 / 年月, not 出生年 / 月)."""
    if "\n" in text or stringWidth(text, font, size) <= width or len(text) < 4:
        return text
    half = (len(text) + 1) // 2
    first, second = text[:half], text[half:]
    if max(stringWidth(first, font, size), stringWidth(second, font, size)) > width:
        return text  # three lines or more: leave it to the line breaker
    return f"{first}\n{second}"


def build_table(styles: Styles, resolver: GlyphResolver, header: Sequence[str],
                rows: Sequence[Sequence[object]], available: float,
                col_widths: Sequence[float | str | None] | None = None,
                font_size: float = 10.5, align: Sequence[str] | None = None, where: str = "",
                min_row_height: float | None = None) -> Table:
    """A reportlab Table whose header row repeats on every page it spans.

    col_widths: per column a width in mm, a sample text to hold on one line, or None to
    share the rest (see given_widths); omitted: fitted to the content.
    align: per column 'left' | 'center' | 'right'; default centres short columns.
    min_row_height: body rows at least this tall in points (room for a handwritten signature).
    """
    header = [_cell_text(h) for h in header]
    rows = [[_cell_text(v) for v in row] + [""] * (len(header) - len(row)) for row in rows]
    body_font, header_font = styles.fonts.font_name(BODY), styles.fonts.font_name(HEI)
    if col_widths:
        widths = given_widths(col_widths, available, body_font, font_size,
                              [[resolver.visible(row[c], BODY) for row in rows] for c in range(len(header))])
    else:
        shown = [[resolver.visible(text, BODY) for text in row] for row in rows]
        widths = auto_widths(header, shown, available, body_font, header_font, font_size)
    if align is None:  # prose is left-aligned; numbers, dates and short words centred
        align = ["left" if any(len(r[c]) > 8 and not _NUMERIC.match(r[c]) for r in rows) else "center"
                 for c in range(len(header))]

    prefix = f"{where}“" if where else "“"
    head_style = styles.cell(font_size, header=True, align=TA_CENTER)
    data = [[cell_flowable(resolver, balanced(h, w - 2 * PAD_X, header_font, font_size), HEI, head_style,
                           w - 2 * PAD_X, f"{where}表头：{h}")
             for h, w in zip(header, widths)]]
    body_styles = [styles.cell(font_size, align=ALIGNS[a]) for a in align]
    for row in rows:
        data.append([cell_flowable(resolver, text, BODY, body_styles[c], widths[c] - 2 * PAD_X,
                                   f"{prefix}{header[c]}”：{text}")
                     for c, text in enumerate(row)])
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), body_font),  # string cells would otherwise set Helvetica
        # The body cells' own font and size: their CellText then draws with no font switch.
        ("FONTSIZE", (0, 0), (-1, -1), font_size), ("LEADING", (0, 0), (-1, -1), round(font_size * 1.35, 2)),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y + 1),
    ]
    if not rows:
        data.append([CJKParagraph(EMPTY_ROW_TEXT, styles.cell(font_size, align=TA_CENTER))]
                    + [""] * (len(header) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    heights = _row_heights(data, widths, min_row_height) if min_row_height and rows else None
    table = Table(data, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


def _row_heights(data: list[list], widths: Sequence[float], minimum: float) -> list[float | None]:
    """Header row natural; body rows the taller of *minimum* and their wrapped text
    (a fixed height alone would let a long cell spill over the grid)."""
    heights: list[float | None] = [None]
    for row in data[1:]:
        needed = max((cell.wrap(w - 2 * PAD_X, 10_000)[1] for cell, w in zip(row, widths)
                      if hasattr(cell, "wrap")), default=0.0)
        heights.append(max(minimum, needed + 2 * PAD_Y + 1))
    return heights


def build_form(styles: Styles, resolver: GlyphResolver, rows: Sequence[Sequence[tuple[str, object]]],
               available: float, label_sample: str, font_size: float = 10.5, where: str = "") -> Table:
    """A bordered label/value block, like the printed header of a 会议记录本 or 签到表.

    rows: each one or two (label, value) pairs; a lone pair's value spans the row.
    Labels 黑体 centred in columns as wide as *label_sample*; values 仿宋, left, wrapping.
    """
    header_font = styles.fonts.font_name(HEI)
    label_w = stringWidth(label_sample, header_font, font_size) + 2 * PAD_X + 0.5
    value_w = (available - 2 * label_w) / 2
    widths = [label_w, value_w, label_w, value_w]
    label_style = styles.cell(font_size, header=True, align=TA_CENTER)
    value_style = styles.cell(font_size)
    data, commands = [], [
        ("FONTNAME", (0, 0), (-1, -1), styles.fonts.font_name(BODY)),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X), ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y + 1), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y + 2),
    ]
    prefix = f"{where}“" if where else "“"
    for r, pairs in enumerate(rows):
        if not 1 <= len(pairs) <= 2:
            raise ValueError("a form row holds one or two (label, value) pairs")
        cells: list = []
        for label, value in pairs:
            text = _cell_text(value)
            cells.append(CJKParagraph(resolver.markup(balanced(label, label_w - 2 * PAD_X, header_font,
                                                               font_size), HEI, where=f"{where}表头：{label}"),
                                      label_style))
            cells.append(CJKParagraph(resolver.markup(text, BODY, where=f"{prefix}{label}”：{text}"),
                                      value_style))
        if len(pairs) == 1:
            cells += ["", ""]
            commands.append(("SPAN", (1, r), (3, r)))
        data.append(cells)
    table = Table(data, colWidths=widths, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table
