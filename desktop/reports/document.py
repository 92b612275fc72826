"""ReportDocument: the one way every PDF of Branch Desk is written."""
from __future__ import annotations

import io
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, NextPageTemplate, PageBreak, Spacer, Table, TableStyle

from .fonts import BODY, TITLE, FontSet
from .glyphs import GlyphResolver, MissingCharacter, missing_message
from .images import photo_flowable
from .layout import (
    BODY_SIZE, CHAR, GEOMETRY, HEADING_ROLES, LEADING, PORTRAIT, TABLE_SIZE, Styles, heading_number,
    page_number_text, page_templates,
)
from .linebreak import CJKParagraph
from .tables import build_form, build_table

log = logging.getLogger(__name__)

# reportlab's TTFont keeps per-document state and its font registry is global: one build at a time.
_build_lock = threading.Lock()
PHOTO_DPI = 200  # photos are downscaled to this at their printed size: sharp, yet a small file
# Called with each new page number while a document is built: the child process that
# builds the app's previews reports progress through it (see child.py).
page_listener: Callable[[int], None] | None = None


class ReportWriteError(Exception):
    """The PDF could not be written (e.g. the old file is open in a PDF reader)."""


@dataclass
class ReportResult:
    path: Path | None
    page_count: int
    missing_characters: list[MissingCharacter] = field(default_factory=list)
    empty_sections: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    data: bytes | None = None       # the PDF, when built in memory (path=None)
    seconds: float = 0.0

    @property
    def missing_message(self) -> str:
        """'以下字符在所有可用字体中都没有字形……：𪚥（“姓名”：李𪚥）', or '' when none."""
        return missing_message(self.missing_characters)


class ReportDocument:
    """A GB/T 9704 document assembled call by call, then written by build().

    path: where to write the PDF; None builds in memory (ReportResult.data).
    title: the PDF's metadata title (shown by viewers) and the default of title().
    orientation: 'portrait' or 'landscape' for the first page.
    fonts: a FontSet (e.g. with the user's choices); None uses the default discovery.
    """

    def __init__(self, path: Path | str | None, *, title: str, orientation: str = PORTRAIT,
                 fonts: FontSet | None = None, subject: str = "", author: str = "支部工作台"):
        if orientation not in GEOMETRY:
            raise ValueError(f"orientation must be 'portrait' or 'landscape', not {orientation!r}")
        self.path = Path(path) if path is not None else None
        self.doc_title = title
        self.subject = subject
        self.author = author
        self.orientation = orientation
        self.fonts = fonts or FontSet()
        self.styles = Styles(self.fonts)
        self.glyphs = GlyphResolver(self.fonts)
        self._story: list = []
        self._numbers = [0, 0, 0, 0]
        self._empty: list[str] = []
        self._warnings: list[str] = []
        self._current = orientation
        self._built = False
        self._blank_line_due = False  # one blank line between the title block and the text

    def _add(self, *flowables) -> None:
        if self._blank_line_due:
            self._blank_line_due = False
            self._story.append(Spacer(1, LEADING))
        self._story.extend(flowables)

    @property
    def width(self) -> float:
        """Width of the current text block in points."""
        return GEOMETRY[self._current].width

    def _para(self, text: str, style, role: str = BODY, where: str = "") -> CJKParagraph:
        return CJKParagraph(self.glyphs.markup(text, role, where=where), style)

    # -- content ---------------------------------------------------------------------------

    def title(self, text: str | None = None) -> None:
        """The document title: 2号 小标宋, centred, then one blank line."""
        text = self.doc_title if text is None else text
        style = self.styles.title
        para = CJKParagraph(self.glyphs.markup(text, TITLE, where=f"标题：{text}"), style)
        para.keepWithNext = 1
        self._story.append(para)
        self._blank_line_due = True

    def subtitle(self, text: str) -> None:
        """A centred 仿宋 line under the title (branch name, period, date printed)."""
        para = self._para(text, self.styles.subtitle, where=f"副标题：{text}")
        para.keepWithNext = 1
        self._story.append(para)

    def heading(self, level: int, text: str, numbered: bool = True) -> str:
        """A heading of level 1-4: 一、(黑体) （一）(楷体) 1.(仿宋) （1）(仿宋).

        Numbers count automatically (a higher level restarts the lower ones); pass
        numbered=False when *text* already carries its number. Returns the number used.
        """
        if level not in HEADING_ROLES:
            raise ValueError("heading level must be 1, 2, 3 or 4")
        number = ""
        if numbered:
            self._numbers[level - 1] += 1
            self._numbers[level:] = [0] * (4 - level)
            number = heading_number(level, self._numbers[level - 1])
        style = self.styles.heading(level)
        markup = self.glyphs.markup(number + text, HEADING_ROLES[level], where=f"标题：{text}")
        para = CJKParagraph(markup, style)
        para.keepWithNext = 1  # a heading never ends a page alone
        self._add(para)
        return number

    def paragraph(self, text: str, indent_first_line: bool = True, where: str = "") -> None:
        """Body text, 3号 仿宋; a line break in *text* starts a new line within the paragraph."""
        style = self.styles.body if indent_first_line else self.styles.body_flush
        self._add(self._para(text, style, where=where))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]],
              col_widths: Sequence[float | str | None] | None = None, font_size: float = TABLE_SIZE,
              align: Sequence[str] | None = None, where: str = "",
              min_row_height_mm: float | None = None) -> None:
        """A table with its header row repeated on every page.

        col_widths: per column a width in mm, a sample text the column must hold on one
        line (e.g. "00000000000"), or None to share the rest; omitted: fitted to the content.
        align: per column 'left' | 'center' | 'right' (default: prose left, the rest centred).
        Empty *rows* print the header and a 暂无记录 row.
        min_row_height_mm: body rows at least this tall (e.g. 12 for a column to sign in).
        """
        table = build_table(self.styles, self.glyphs, header, rows, self.width, col_widths,
                            font_size, align, where,
                            min_row_height_mm * mm if min_row_height_mm else None)
        table.spaceAfter = LEADING / 2  # unlike a Spacer, never pushes a page break of its own
        self._add(table)

    def form(self, rows: Sequence[Sequence[tuple[str, object]]], label_sample: str = "会议类型",
             font_size: float = TABLE_SIZE, where: str = "") -> None:
        """A bordered label/value block (the header of a printed 会议记录本 or 签到表).

        rows: each one or two (label, value) pairs; a lone pair's value spans the row.
        label_sample: the longest label that must fit on one line; longer ones wrap.
        """
        table = build_form(self.styles, self.glyphs, rows, self.width, label_sample, font_size, where)
        table.spaceAfter = LEADING / 2
        self._add(table)

    def image(self, path: Path | str, max_width_mm: float, max_height_mm: float) -> None:
        """A photo, centred, scaled to fit the box and the text block, aspect kept."""
        max_w = min(max_width_mm * mm, self.width)
        max_h = min(max_height_mm * mm, GEOMETRY[self._current].height - LEADING)
        flowable, problem = photo_flowable(Path(path), max_w, max_h, PHOTO_DPI)
        if problem:
            self._warnings.append(problem)
            self.paragraph(f"〔{problem}〕", indent_first_line=False)
            return
        self._add(flowable)

    def problem(self, text: str) -> None:
        """Something the reader must know is missing here: printed in 〔〕 and listed in
        ReportResult.warnings (as an unreadable image is)."""
        self._warnings.append(text)
        self.paragraph(f"〔{text}〕", indent_first_line=False)

    def drawing(self, drawing) -> None:
        """A reportlab.graphics Drawing (a chart, see charts.py), centred, kept on one page."""
        # In a one-cell table: a Drawing refuses flowable attributes (keepWithNext, spaceAfter).
        box = Table([[drawing]], colWidths=[drawing.width], hAlign="CENTER")
        box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fonts.font_name(BODY))]  # not Helvetica
                                + [(side, (0, 0), (-1, -1), 0) for side in
                                   ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]))
        box.spaceAfter = LEADING / 2
        self._add(box)

    def closing(self, lines: Sequence[str]) -> None:
        """落款: the issuer and the date, right-aligned four characters in (GB/T 9704 右空四字)."""
        style = ParagraphStyle("closing", parent=self.styles.body_flush, alignment=TA_RIGHT,
                               rightIndent=4 * CHAR)
        self._add(Spacer(1, LEADING), *[self._para(line, style, where="落款") for line in lines])

    def signature_lines(self, labels: Sequence[str], names: Sequence[str] | None = None) -> None:
        """One line such as 主持人：________  记录人：________ (names fill the blanks)."""
        names = list(names or []) + [""] * (len(labels) - len(names or []))
        share = self.width / max(len(labels), 1)
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

    def spacer(self, lines: float = 1) -> None:
        """Blank space of *lines* body lines (keeps text on the 22-line grid)."""
        self._add(Spacer(1, LEADING * lines))

    def page_break(self, orientation: str | None = None) -> None:
        """Start a new page, optionally turning to 'portrait' or 'landscape' from there on."""
        if orientation and orientation != self._current:
            if orientation not in GEOMETRY:
                raise ValueError(f"orientation must be 'portrait' or 'landscape', not {orientation!r}")
            self._story.append(NextPageTemplate(orientation))
            self._current = orientation
        self._story.append(PageBreak())

    def note_empty(self, section_name: str) -> None:
        """Say that a section has no records (every report must say so, never leave it blank)."""
        self._empty.append(section_name)
        self.paragraph(f"{section_name}：暂无记录。")

    # -- output ------------------------------------------------------------------------------

    def build(self) -> ReportResult:
        """Write the PDF (or build it in memory when path is None). Call once."""
        if self._built:
            raise RuntimeError("a ReportDocument can be built only once")
        self._built = True
        started = time.perf_counter()
        pages = [0]

        def label(n: int) -> str:
            if n > pages[0] and page_listener is not None:
                page_listener(n)
            pages[0] = max(pages[0], n)
            return self.glyphs.plain(page_number_text(n), BODY, where="页码")

        templates = page_templates(self.fonts, label)
        templates.sort(key=lambda t: t.id != self.orientation)  # the first page's template first
        buffer = io.BytesIO()
        with _build_lock:
            doc = BaseDocTemplate(
                buffer, pagesize=templates[0].pagesize, pageTemplates=templates, title=self.doc_title,
                author=self.author, subject=self.subject, creator="支部工作台", lang="zh-CN",
                displayDocTitle=True, initialFontName=self.fonts.font_name(BODY), initialFontSize=BODY_SIZE,
            )
            # Binary (deflated) streams, not ASCII85 on top: reportlab's pure-Python ASCII85
            # took a tenth of a long build, and the file gets a fifth smaller.
            a85, rl_config.useA85 = rl_config.useA85, 0
            try:
                doc.build(list(self._story) or [Spacer(1, 1)])
            finally:
                rl_config.useA85 = a85
        data = buffer.getvalue()
        if self.path is not None:
            _write_atomically(self.path, data)
        result = ReportResult(
            path=self.path, page_count=pages[0], missing_characters=list(self.glyphs.missing),
            empty_sections=list(self._empty), warnings=list(self._warnings) + list(self.fonts.notes),
            data=data if self.path is None else None, seconds=time.perf_counter() - started,
        )
        log.info("report %s: %d pages in %.2f s", self.path or "(memory)", result.page_count, result.seconds)
        return result


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~" + path.stem, suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except PermissionError as exc:
        raise ReportWriteError(
            f"无法写入 {path}：文件可能正被其他程序（如 PDF 阅读器）打开，请关闭后重试。") from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
