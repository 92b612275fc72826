"""The GB/T 9704-2012 page: A4, text block, type sizes, styles and page numbers.

Portrait: top margin 37 mm, left margin 28 mm, text block 156 x 225 mm holding
22 lines of 28 characters of 3号 (16 pt) 仿宋. Landscape pages (tables) turn the
same block on its side: 225 x 156 mm, the binding edge's 28 mm at the top.
Page numbers: 4号 (14 pt) "— 1 —", the dashes 7 mm below the text block,
odd pages at the right and even pages at the left, one character in from the
block's edge.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Frame, PageTemplate

from .fonts import BODY, GRID_ADVANCE, HEI, KAI, TITLE, FontSet

BODY_SIZE = 16.0          # 3号
TITLE_SIZE = 22.0         # 2号
PAGE_NUMBER_SIZE = 14.0   # 4号
TABLE_SIZE = 10.5         # 5号, the usual size for tables
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LEADING = 225 * mm / LINES_PER_PAGE          # 28.99 pt: 22 lines fill the block
CHAR = BODY_SIZE * GRID_ADVANCE / 1000       # 15.79 pt: 28 characters fill the line
PAGE_NUMBER_GAP = 7 * mm                      # dashes below the block's lower edge
PORTRAIT, LANDSCAPE = "portrait", "landscape"

# (number style, font role) of the four heading levels: 一、 （一） 1. （1）
HEADING_ROLES = {1: HEI, 2: KAI, 3: BODY, 4: BODY}


@dataclass(frozen=True)
class PageGeometry:
    """A page and its text block, all in points from the lower-left corner."""

    page_width: float
    page_height: float
    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        """Lower edge of the text block."""
        return self.page_height - self.top - self.height

    @property
    def right(self) -> float:
        """Right edge of the text block."""
        return self.left + self.width


GEOMETRY = {
    PORTRAIT: PageGeometry(*A4, left=28 * mm, top=37 * mm, width=156 * mm, height=225 * mm),
    LANDSCAPE: PageGeometry(*landscape(A4), left=37 * mm, top=28 * mm, width=225 * mm, height=156 * mm),
}


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (heading numbers)."""
    digits = "零一二三四五六七八九"
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else digits[tens]) + "十" if tens else ""
    return text + (digits[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    return {1: f"{chinese_number(n)}、", 2: f"（{chinese_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


class Styles:
    """Paragraph styles of one document, bound to its fonts."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        body = fonts.font_name(BODY)
        base = dict(fontName=body, fontSize=BODY_SIZE, leading=LEADING, wordWrap="CJK",
                    alignment=TA_LEFT, spaceBefore=0, spaceAfter=0)
        self.body = ParagraphStyle("body", firstLineIndent=2 * CHAR, **base)
        self.body_flush = ParagraphStyle("body_flush", **base)
        self.subtitle = ParagraphStyle("subtitle", **{**base, "alignment": TA_CENTER})
        self._base = base
        self._cache: dict[str, ParagraphStyle] = {}

    def _lazy(self, key: str, role: str, **overrides) -> ParagraphStyle:
        # Heading fonts are resolved only when used: a report without 一、 never converts 黑体.
        if key not in self._cache:
            self._cache[key] = ParagraphStyle(key, **{**self._base, "fontName": self.fonts.font_name(role),
                                                      **overrides})
        return self._cache[key]

    @property
    def title(self) -> ParagraphStyle:
        return self._lazy("title", TITLE, fontSize=TITLE_SIZE, alignment=TA_CENTER)

    def heading(self, level: int) -> ParagraphStyle:
        return self._lazy(f"h{level}", HEADING_ROLES[level], firstLineIndent=2 * CHAR)

    def cell(self, size: float, header: bool = False, align: int = TA_LEFT) -> ParagraphStyle:
        key = f"cell-{size}-{header}-{align}"
        return self._lazy(key, HEI if header else BODY, fontSize=size, leading=round(size * 1.35, 2),
                          alignment=align)


def page_templates(fonts: FontSet, page_label, on_page=None) -> list[PageTemplate]:
    """One template per orientation; page_label(n) gives the text of page n's number."""
    templates = []
    for orientation, geo in GEOMETRY.items():
        frame = Frame(geo.left, geo.bottom - 1, geo.width, geo.height + 1,  # 1 pt: 22 lines fit despite rounding
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=orientation)

        def draw(canvas, doc, geo=geo):
            draw_page_number(canvas, geo, fonts.font_name(BODY), page_label(canvas.getPageNumber()))
            if on_page:
                on_page(canvas, doc)

        templates.append(PageTemplate(id=orientation, frames=[frame], onPage=draw,
                                      pagesize=(geo.page_width, geo.page_height)))
    return templates


def page_number_position(geo: PageGeometry, page: int, text_width: float) -> tuple[float, float]:
    """(x, baseline) of the page number: odd pages right, even pages left, one character in."""
    indent = PAGE_NUMBER_SIZE
    x = geo.right - indent - text_width if page % 2 else geo.left + indent
    # The dashes sit about 0.35 em above the baseline; their line is 7 mm below the block.
    baseline = geo.bottom - PAGE_NUMBER_GAP - 0.35 * PAGE_NUMBER_SIZE
    return x, baseline


def draw_page_number(canvas, geo: PageGeometry, font_name: str, text: str) -> None:
    width = stringWidth(text, font_name, PAGE_NUMBER_SIZE)
    x, y = page_number_position(geo, canvas.getPageNumber(), width)
    canvas.saveState()
    canvas.setFont(font_name, PAGE_NUMBER_SIZE)
    canvas.drawString(x, y, text)
    canvas.restoreState()


def page_number_text(n: int) -> str:
    """'— 1 —': half-width digits between two 一字线 (em dashes)."""
    return f"— {n} —"
