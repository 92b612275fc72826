"""The Word (.docx) file of a report: the same neutral blocks as the PDF (blocks.py), laid
out to GB/T 9704 by Word or WPS itself, so the secretary can edit it before it goes out.

A4, margins 37 mm top / 28 mm left (text block 156 × 225 mm), 3号 仿宋 body on a fixed
line spacing of 22 lines a page, 2号 小标宋 title, 黑体 / 楷体 headings, "— N —" page
numbers as a PAGE field (odd pages right, even pages left), fonts by the names offices
have them, tables as real tables whose header row repeats, charts as pictures.
"""
from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import blocks as b
from . import word_xml as x
from .chart_image import drawing_png
from .colwidths import PAD_X, auto_widths, given_widths, is_atomic
from .fonts import BODY, HEI, KAI, ROLES, TITLE, FontSet
from .layout import (
    BODY_SIZE,
    CHAR,
    GEOMETRY,
    HEADING_ROLES,
    LANDSCAPE,
    LEADING,
    PAGE_NUMBER_GAP,
    PAGE_NUMBER_SIZE,
    TITLE_SIZE,
    page_number_text,
)
from .tables import EMPTY_ROW_TEXT

# The names Chinese offices' machines have, and what Word uses where one is missing.
OFFICE_FONTS = {BODY: ("仿宋_GB2312", "仿宋"), HEI: ("黑体", "SimHei"), KAI: ("楷体_GB2312", "楷体"),
                TITLE: ("方正小标宋简体", "宋体")}
STYLE_NAMES = {"title": "公文标题", "subtitle": "公文副标题", 1: "一级标题", 2: "二级标题", 3: "三级标题",
               4: "四级标题", "cell": "表格文字", "head": "表格表头"}
EXACT_LINE = Pt(int(LEADING * 20) / 20)   # 28.95 pt: 22 lines fill 225 mm (rounded down to Word's twips)
CELL_PAD_TWIPS = round(PAD_X * 20)


def office_font_names(chosen: dict | None = None) -> dict[str, tuple[str, str]]:
    """role -> (font name, alternative) for the Word file: a font picked in 设置 by its own
    family name, else the official names (仿宋_GB2312 falling back to 仿宋 …)."""
    names = dict(OFFICE_FONTS)
    for role, font in (chosen or {}).items():
        if role in ROLES and getattr(font, "family", "") and font.path.is_file():
            names[role] = (font.family, OFFICE_FONTS[role][1])
    return names


def _measure(font_name: str, size: float):
    """Width of a text in points for a Word table: the PDF font's width, but never less than
    0.6 em per Latin character and 1 em per Chinese one, plus a quarter em. Word or WPS may
    show the cell in a substitute font whose digits run wider (LibreOffice without 仿宋 broke
    "100.0%" after "100.0" with the PDF's widths alone)."""
    def measure(text: str) -> float:
        if not text:
            return 0.0
        estimate = sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.6 * size for ch in text)
        return max(stringWidth(text, font_name, size), estimate) + size / 4
    return measure


class WordRenderer:
    def __init__(self, fonts: FontSet, names: dict[str, tuple[str, str]], orientation: str):
        self.fonts = fonts
        self.names = names
        self.doc = Document()
        self._blank_line_due = False
        self._break_due = False
        self._setup_styles()
        self._setup_section(self.doc.sections[0], orientation)
        self.doc.settings.odd_and_even_pages_header_footer = True
        x.declare_fonts(self._font_table(), {name: alt for name, alt in names.values()})

    # -- document set-up ---------------------------------------------------------------------

    def _font_table(self):
        return next(rel.target_part for rel in self.doc.part.rels.values() if rel.reltype.endswith("/fontTable"))

    def _style(self, name: str, role: str, size: float, base: str = "Normal"):
        styles = self.doc.styles
        style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if name != "Normal":
            style.base_style = styles[base]
            style.quick_style = True
        style.font.size = Pt(size)
        style.font.color.rgb = None
        r_pr = style.element.get_or_add_rPr()
        x.set_fonts(r_pr, self.names[role][0])
        x.set_language(r_pr)
        return style

    def _setup_styles(self) -> None:
        normal = self._style("Normal", BODY, BODY_SIZE)
        fmt = normal.paragraph_format
        fmt.line_spacing = EXACT_LINE  # a Length: python-docx writes lineRule="exact"
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.widow_control = True
        x.no_auto_space(normal.element.get_or_add_pPr())
        title = self._style(STYLE_NAMES["title"], TITLE, TITLE_SIZE)
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.keep_with_next = True
        x.no_snap_to_grid(title.element.get_or_add_pPr())
        subtitle = self._style(STYLE_NAMES["subtitle"], BODY, BODY_SIZE)
        subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subtitle.paragraph_format.keep_with_next = True
        for level, role in HEADING_ROLES.items():
            heading = self._style(STYLE_NAMES[level], role, BODY_SIZE)
            heading.paragraph_format.first_line_indent = Pt(2 * CHAR)
            heading.paragraph_format.keep_with_next = True  # a heading never ends a page alone
            x.outline_level(heading.element.get_or_add_pPr(), level - 1)
        for key, role in (("cell", BODY), ("head", HEI)):
            cell = self._style(STYLE_NAMES[key], role, 10.5)
            cell.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            x.no_snap_to_grid(cell.element.get_or_add_pPr())

    def _setup_section(self, section, orientation: str) -> None:
        geo = GEOMETRY[orientation]
        to_mm = 25.4 / 72
        section.orientation = WD_ORIENT.LANDSCAPE if orientation == LANDSCAPE else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(round(geo.page_width * to_mm)), Mm(round(geo.page_height * to_mm))
        section.top_margin = Mm(round(geo.top * to_mm))
        section.left_margin = Mm(round(geo.left * to_mm))
        section.right_margin = Mm(round((geo.page_width - geo.right) * to_mm))
        section.bottom_margin = Mm(round(geo.bottom * to_mm))
        section.header_distance = Mm(15)
        # The dashes' line starts 7 mm below the text block (GB/T 9704 7.5).
        section.footer_distance = Pt(geo.bottom - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * 1.3)
        x.page_grid(section._sectPr, int(LEADING * 20), round((CHAR - BODY_SIZE) * 4096))
        if not getattr(self, "_footers_done", False):  # later sections link to the first one's
            self._footers_done = True
            self._page_number(section.footer.paragraphs[0], odd=True)
            self._page_number(section.even_page_footer.paragraphs[0], odd=False)

    def _page_number(self, paragraph, odd: bool) -> None:
        """'— N —' in 4号, odd pages right and even pages left, one character in from the block."""
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        fmt.first_line_indent = Pt(0)
        fmt.right_indent = Pt(PAGE_NUMBER_SIZE) if odd else Pt(0)
        fmt.left_indent = Pt(0) if odd else Pt(PAGE_NUMBER_SIZE)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        before, after = page_number_text(0).split("0")
        first = paragraph.add_run(before)
        first.font.size = Pt(PAGE_NUMBER_SIZE)
        x.add_field(paragraph, "PAGE", "1", r_pr=first._r.get_or_add_rPr())
        paragraph.add_run(after).font.size = Pt(PAGE_NUMBER_SIZE)

    # -- blocks ------------------------------------------------------------------------------

    def render(self, content: Sequence[object]) -> bytes:
        for block in content:
            getattr(self, "_" + type(block).__name__.lower())(block)
        if not content:
            self.doc.add_paragraph()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def _para(self, text: str = "", style: str | None = None, title_block: bool = False):
        if not title_block and self._blank_line_due:
            self._blank_line_due = False
            self.doc.add_paragraph()  # one blank line between the title block and the text
        paragraph = self.doc.add_paragraph(style=style)
        x.no_auto_space(paragraph._p.get_or_add_pPr())
        if self._break_due:
            self._break_due = False
            paragraph.paragraph_format.page_break_before = True
        lines = text.split("\n") if text else []
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if i < len(lines) - 1:
                run.add_break()  # "\n": a new line within the paragraph, as in the PDF
        return paragraph

    def _title(self, block: b.Title) -> None:
        self._para(block.text, STYLE_NAMES["title"], title_block=True)
        self._blank_line_due = True

    def _subtitle(self, block: b.Subtitle) -> None:
        self._para(block.text, STYLE_NAMES["subtitle"], title_block=True)

    def _heading(self, block: b.Heading) -> None:
        self._para(block.text, STYLE_NAMES[block.level])

    def _paragraph(self, block: b.Paragraph) -> None:
        paragraph = self._para(block.text)
        paragraph.paragraph_format.first_line_indent = Pt(2 * CHAR) if block.indent_first_line else Pt(0)

    def _closing(self, block: b.Closing) -> None:
        self._para()
        for line in block.lines:
            paragraph = self._para(line)
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(4 * CHAR)  # GB/T 9704 右空四字

    def _signatures(self, block: b.Signatures) -> None:
        """主持人：________  记录人：________ : underlined tabs up to stops, like a printed form."""
        paragraph = self._para()
        fmt = paragraph.paragraph_format
        fmt.space_before = EXACT_LINE
        share = block.available / max(len(block.labels), 1)
        self._keep_with_previous(paragraph)
        for i, (label, name) in enumerate(zip(block.labels, block.names)):
            stop = i * share + share - BODY_SIZE
            fmt.tab_stops.add_tab_stop(Pt(stop), WD_TAB_ALIGNMENT.LEFT)
            if i + 1 < len(block.labels):
                fmt.tab_stops.add_tab_stop(Pt((i + 1) * share), WD_TAB_ALIGNMENT.LEFT)
            paragraph.add_run(label.rstrip("：:") + "：")
            blank = paragraph.add_run(f"{name}\t")
            blank.font.underline = True
            if i + 1 < len(block.labels):
                paragraph.add_run("\t")

    def _keep_with_previous(self, paragraph) -> None:
        """Signatures never stand alone on a page: what comes before them keeps with them --
        a paragraph, or the spacer after a table and the table's last row (Word keeps a row
        with the next paragraph when every paragraph in the row keeps with the next)."""
        previous = paragraph._p.getprevious()
        while previous is not None and previous.tag in (qn("w:p"), qn("w:tbl")):
            if previous.tag == qn("w:tbl"):
                for p in previous.findall(f"{qn('w:tr')}")[-1].iter(qn("w:p")):
                    Paragraph(p, paragraph._parent).paragraph_format.keep_with_next = True
                return
            Paragraph(previous, paragraph._parent).paragraph_format.keep_with_next = True
            if "".join(t.text or "" for t in previous.iter(qn("w:t"))):
                return  # a paragraph with text: enough
            previous = previous.getprevious()  # an empty spacer: keep on to what it follows

    def _space(self, block: b.Space) -> None:
        paragraph = self._para()
        paragraph.paragraph_format.line_spacing = Pt(int(LEADING * block.lines * 20) / 20)

    def _pagebreak(self, block: b.PageBreak) -> None:
        if block.orientation:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            self._setup_section(section, block.orientation)
        else:
            self._break_due = True

    def _picture(self, data: bytes, width: float, height: float) -> None:
        paragraph = self._para()
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact line would crop the picture
        fmt.keep_together = True
        paragraph.add_run().add_picture(io.BytesIO(data), width=Pt(width), height=Pt(height))

    def _photo(self, block: b.Photo) -> None:
        self._picture(block.jpeg, block.width, block.height)

    def _drawing(self, block: b.Drawing) -> None:
        drawing = block.drawing
        self._picture(drawing_png(drawing, self.fonts.font_name(BODY)), drawing.width, drawing.height)

    # -- tables ------------------------------------------------------------------------------

    def _new_table(self, rows: int, widths: list[float]):
        if self._blank_line_due:
            self._blank_line_due = False
            self.doc.add_paragraph()
        if self._break_due:  # a table cannot start a page by itself: a break before it
            self._break_due = False
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        table = self.doc.add_table(rows=rows, cols=len(widths))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False  # fixed layout: the widths below hold
        x.cell_margins(table, CELL_PAD_TWIPS, 30)
        for column, width in zip(table.columns, widths):
            column.width = Pt(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Pt(width)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        return table

    def _fill(self, cell, text: str, style: str, size: float, align: str = "left") -> None:
        paragraph = cell.paragraphs[0]
        paragraph.style = self.doc.styles[style]
        x.no_auto_space(paragraph._p.get_or_add_pPr())
        paragraph.paragraph_format.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                                                "center": WD_ALIGN_PARAGRAPH.CENTER}[align]
        lines = text.split("\n")
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if size != 10.5:
                run.font.size = Pt(size)
            if i < len(lines) - 1:
                run.add_break()

    def _after_table(self) -> None:
        spacer = self.doc.add_paragraph()  # the PDF's half line after a table
        spacer.paragraph_format.line_spacing = Pt(int(LEADING * 10) / 20)

    def _table(self, block: b.Table) -> None:
        size = block.font_size
        header = list(block.header)
        rows = [list(r) + [""] * (len(header) - len(r)) for r in block.rows]
        measure = _measure(self.fonts.font_name(BODY), size)
        if block.col_widths:
            widths = given_widths(block.col_widths, block.available, measure,
                                  [[r[c] for r in rows] for c in range(len(header))])
        else:
            widths = auto_widths(header, rows, block.available, measure,
                                 _measure(self.fonts.font_name(HEI), size), size)
        align = block.align or ["left" if any(len(r[c]) > 8 and not is_atomic(r[c]) for r in rows) else "center"
                                for c in range(len(header))]
        table = self._new_table(1 + max(len(rows), 1), widths)
        head = table.rows[0]
        x.repeat_header(head)
        x.cant_split(head)
        for cell, text in zip(head.cells, header):
            self._fill(cell, text, STYLE_NAMES["head"], size, "center")
        if not rows:
            merged = table.rows[1].cells[0].merge(table.rows[1].cells[-1])
            self._fill(merged, EMPTY_ROW_TEXT, STYLE_NAMES["cell"], size, "center")
        for row, texts in zip(table.rows[1:], rows):
            x.cant_split(row)
            if block.min_row_height:
                row.height, row.height_rule = Pt(block.min_row_height), WD_ROW_HEIGHT_RULE.AT_LEAST
            for c, (cell, text) in enumerate(zip(row.cells, texts)):
                self._fill(cell, text, STYLE_NAMES["cell"], size, align[c])
        self._after_table()

    def _form(self, block: b.Form) -> None:
        size = block.font_size
        label_w = _measure(self.fonts.font_name(HEI), size)(block.label_sample) + 2 * PAD_X + 2
        value_w = (block.available - 2 * label_w) / 2
        table = self._new_table(len(block.rows), [label_w, value_w, label_w, value_w])
        for row, pairs in zip(table.rows, block.rows):
            x.cant_split(row)
            cells = row.cells
            if len(pairs) == 1:
                cells = [cells[0], cells[1].merge(cells[3])]
            for i, (label, value) in enumerate(pairs):
                self._fill(cells[2 * i], label, STYLE_NAMES["head"], size, "center")
                self._fill(cells[2 * i + 1], value, STYLE_NAMES["cell"], size)
        # A form is one short record (a 交接班记录, a meeting's header): kept on one page, as
        # the PDF keeps it, instead of Word leaving its first rows at the foot of a page.
        for row in table.rows[:-1]:
            for paragraph in row._tr.iter(qn("w:p")):
                Paragraph(paragraph, table._parent).paragraph_format.keep_with_next = True
        self._after_table()


def render_docx(content: Sequence[object], fonts: FontSet, orientation: str, title: str, subject: str,
                author: str, chosen: dict | None = None) -> bytes:
    """The .docx bytes of *content*, first page in *orientation*."""
    renderer = WordRenderer(fonts, office_font_names(chosen), orientation)
    properties = renderer.doc.core_properties
    properties.title, properties.subject, properties.author = title, subject, author
    properties.language = "zh-CN"
    return renderer.render(content)
