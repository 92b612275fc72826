"""The PDF of a report: its neutral blocks (blocks.py) as reportlab flowables, on GB/T 9704 pages."""
from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from . import blocks as b
from .fonts import BODY, TITLE, FontSet
from .glyphs import GlyphResolver
from .images import photo_flowable
from .layout import (
    BODY_SIZE,
    CHAR,
    HEADING_ROLES,
    LEADING,
    Styles,
    page_number_text,
    page_templates,
)
from .linebreak import CJKParagraph
from .tables import build_form, build_table

# reportlab's TTFont keeps per-document state and its font registry is global: one build at a time.
_build_lock = threading.Lock()


class PdfRenderer:
    """Turns one document's blocks into a story of flowables, then into PDF bytes."""

    def __init__(self, fonts: FontSet, glyphs: GlyphResolver):
        self.fonts = fonts
        self.styles = Styles(fonts)
        self.glyphs = glyphs
        self._story: list = []
        self._blank_line_due = False  # one blank line between the title block and the text

    def _add(self, *flowables) -> None:
        if self._blank_line_due:
            self._blank_line_due = False
            self._story.append(Spacer(1, LEADING))
        self._story.extend(flowables)

    def _para(self, text: str, style, role: str = BODY, where: str = "") -> CJKParagraph:
        return CJKParagraph(self.glyphs.markup(text, role, where=where), style)

    # -- blocks ----------------------------------------------------------------------------

    def story(self, content: Sequence[object]) -> list:
        for block in content:
            getattr(self, "_" + type(block).__name__.lower())(block)
        return self._story

    def _title(self, block: b.Title) -> None:
        para = CJKParagraph(self.glyphs.markup(block.text, TITLE, where=f"标题：{block.text}"), self.styles.title)
        para.keepWithNext = 1
        self._story.append(para)
        self._blank_line_due = True

    def _subtitle(self, block: b.Subtitle) -> None:
        para = self._para(block.text, self.styles.subtitle, where=f"副标题：{block.text}")
        para.keepWithNext = 1
        self._story.append(para)

    def _heading(self, block: b.Heading) -> None:
        markup = self.glyphs.markup(block.text, HEADING_ROLES[block.level], where=f"标题：{block.text}")
        para = CJKParagraph(markup, self.styles.heading(block.level))
        para.keepWithNext = 1  # a heading never ends a page alone
        self._add(para)

    def _paragraph(self, block: b.Paragraph) -> None:
        style = self.styles.body if block.indent_first_line else self.styles.body_flush
        self._add(self._para(block.text, style, where=block.where))

    def _table(self, block: b.Table) -> None:
        table = build_table(self.styles, self.glyphs, block.header, block.rows, block.available,
                            block.col_widths, block.font_size, block.align, block.where, block.min_row_height)
        table.spaceAfter = LEADING / 2  # unlike a Spacer, never pushes a page break of its own
        self._add(table)

    def _form(self, block: b.Form) -> None:
        table = build_form(self.styles, self.glyphs, block.rows, block.available, block.label_sample,
                           block.font_size, block.where)
        table.spaceAfter = LEADING / 2
        self._add(table)

    def _photo(self, block: b.Photo) -> None:
        self._add(photo_flowable(block.jpeg, block.width, block.height))

    def _drawing(self, block: b.Drawing) -> None:
        drawing = block.drawing
        # In a one-cell table: a Drawing refuses flowable attributes (keepWithNext, spaceAfter).
        box = Table([[drawing]], colWidths=[drawing.width], hAlign="CENTER")
        box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fonts.font_name(BODY))]  # not Helvetica
                                + [(side, (0, 0), (-1, -1), 0) for side in
                                   ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]))
        box.spaceAfter = LEADING / 2
        self._add(box)

    def _closing(self, block: b.Closing) -> None:
        style = ParagraphStyle("closing", parent=self.styles.body_flush, alignment=TA_RIGHT,
                               rightIndent=4 * CHAR)
        self._add(Spacer(1, LEADING), *[self._para(line, style, where="落款") for line in block.lines])

    def _signatures(self, block: b.Signatures) -> None:
        labels, names = block.labels, block.names
        share = block.available / max(len(labels), 1)
        # Tight leading, so the blank's rule sits just under the text, as on a printed form.
        style = ParagraphStyle("signature", parent=self.styles.body_flush, leading=BODY_SIZE * 1.3)
        row, widths = [], []
        for label, name in zip(labels, names):
            label = label.rstrip("：:") + "："
            label_width = (len(label) + 0.5) * self.styles.body.fontSize
            row += [self._para(label, style, where=f"签名栏：{label}"),
                    self._para(name, style, where=f"签名栏：{name}")]
            widths += [label_width, max(share - label_width - BODY_SIZE, BODY_SIZE * 3), BODY_SIZE]
            row.append("")
        table = Table([row[:-1]], colWidths=widths[:-1], hAlign="LEFT")
        commands = [("FONTNAME", (0, 0), (-1, -1), self.fonts.font_name(BODY)),  # not Helvetica
                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
        for i in range(len(labels)):
            commands.append(("LINEBELOW", (3 * i + 1, 0), (3 * i + 1, 0), 0.6, colors.black))
        table.setStyle(TableStyle(commands))
        table.spaceBefore = LEADING  # dropped at the top of a page, unlike a Spacer
        table.spaceAfter = LEADING / 2  # text after it must not touch the rule
        if self._story and not isinstance(self._story[-1], (PageBreak, NextPageTemplate, Spacer)):
            self._story[-1].keepWithNext = 1  # signatures never stand alone on a page
        self._add(table)

    def _space(self, block: b.Space) -> None:
        self._add(Spacer(1, LEADING * block.lines))

    def _pagebreak(self, block: b.PageBreak) -> None:
        if block.orientation:
            self._story.append(NextPageTemplate(block.orientation))
        self._story.append(PageBreak())


def render_pdf(content: Sequence[object], fonts: FontSet, glyphs: GlyphResolver, orientation: str,
               metadata: dict, page_listener: Callable[[int], None] | None) -> tuple[bytes, int]:
    """(PDF bytes, page count) of *content*, first page in *orientation*."""
    renderer = PdfRenderer(fonts, glyphs)
    story = renderer.story(content)
    pages = [0]

    def label(n: int) -> str:
        if n > pages[0] and page_listener is not None:
            page_listener(n)
        pages[0] = max(pages[0], n)
        return glyphs.plain(page_number_text(n), BODY, where="页码")

    templates = page_templates(fonts, label)
    templates.sort(key=lambda t: t.id != orientation)  # the first page's template first
    buffer = io.BytesIO()
    with _build_lock:
        doc = BaseDocTemplate(
            buffer, pagesize=templates[0].pagesize, pageTemplates=templates, creator="支部工作台",
            lang="zh-CN", displayDocTitle=True, initialFontName=fonts.font_name(BODY),
            initialFontSize=BODY_SIZE, **metadata,
        )
        # Binary (deflated) streams, not ASCII85 on top: reportlab's pure-Python ASCII85
        # took a tenth of a long build, and the file gets a fifth smaller.
        a85, rl_config.useA85 = rl_config.useA85, 0
        try:
            doc.build(list(story) or [Spacer(1, 1)])
        finally:
            rl_config.useA85 = a85
    return buffer.getvalue(), pages[0]
