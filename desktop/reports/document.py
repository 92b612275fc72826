"""ReportDocument: the one way every report of Branch Desk is written, as PDF or Word.

A report kind calls title(), heading(), paragraph(), table() … once; the calls are kept
as neutral blocks (blocks.py), and build() renders them as a PDF (pdf_render.py) or a
.docx (word_render.py) with the same GB/T 9704 layout.
"""
from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm

from ..errors import UserError
from . import blocks as b
from .fonts import FontSet
from .glyphs import GlyphResolver, MissingCharacter, missing_message
from .images import prepared_photo
from .layout import GEOMETRY, HEADING_ROLES, LEADING, PORTRAIT, TABLE_SIZE, heading_number

log = logging.getLogger(__name__)

PHOTO_DPI = 200  # photos are downscaled to this at their printed size: sharp, yet a small file
PDF, DOCX = "pdf", "docx"
FORMATS = (PDF, DOCX)
# Called with each new page number while a PDF is built: the child process that
# builds the app's previews reports progress through it (see child.py).
page_listener: Callable[[int], None] | None = None


class ReportWriteError(UserError):
    """The file could not be written (e.g. the old file is open in a PDF reader or Word)."""


@dataclass
class ReportResult:
    path: Path | None
    page_count: int                 # 0 for Word: Word and WPS lay out the pages themselves
    missing_characters: list[MissingCharacter] = field(default_factory=list)
    empty_sections: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    data: bytes | None = None       # the file, when built in memory (path=None)
    seconds: float = 0.0
    format: str = PDF

    @property
    def missing_message(self) -> str:
        """'以下字符在所有可用字体中都没有字形……：𪚥（“姓名”：李𪚥）', or '' when none."""
        return missing_message(self.missing_characters)


def format_of(path: Path | str | None) -> str:
    """'docx' for a .docx path, else 'pdf' (the CLI and the page pick the format by extension)."""
    return DOCX if path is not None and Path(path).suffix.lower() == ".docx" else PDF


class ReportDocument:
    """A GB/T 9704 document assembled call by call, then written by build().

    path: where to write; a .docx path writes Word, any other a PDF; None builds in memory
    (ReportResult.data) in *fmt* (default PDF).
    title: the file's metadata title (shown by viewers) and the default of title().
    orientation: 'portrait' or 'landscape' for the first page.
    fonts: a FontSet (e.g. with the user's choices); None uses the default discovery.
    """

    def __init__(self, path: Path | str | None, *, title: str, orientation: str = PORTRAIT,
                 fonts: FontSet | None = None, subject: str = "", author: str = "支部工作台",
                 fmt: str | None = None):
        if orientation not in GEOMETRY:
            raise ValueError(f"orientation must be 'portrait' or 'landscape', not {orientation!r}")
        self.path = Path(path) if path is not None else None
        self.format = fmt or format_of(path)
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {self.format!r}")
        self.doc_title = title
        self.subject = subject
        self.author = author
        self.orientation = orientation
        self.fonts = fonts or FontSet()
        self.blocks: list[object] = []
        self._numbers = [0, 0, 0, 0]
        self._empty: list[str] = []
        self._warnings: list[str] = []
        self._current = orientation
        self._built = False

    @property
    def width(self) -> float:
        """Width of the current text block in points."""
        return GEOMETRY[self._current].width

    # -- content ---------------------------------------------------------------------------

    def title(self, text: str | None = None) -> None:
        """The document title: 2号 小标宋, centred, then one blank line."""
        self.blocks.append(b.Title(self.doc_title if text is None else text))

    def subtitle(self, text: str) -> None:
        """A centred 仿宋 line under the title (branch name, period, date printed)."""
        self.blocks.append(b.Subtitle(text))

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
        self.blocks.append(b.Heading(level, number + text))
        return number

    def paragraph(self, text: str, indent_first_line: bool = True, where: str = "") -> None:
        """Body text, 3号 仿宋; a line break in *text* starts a new line within the paragraph."""
        self.blocks.append(b.Paragraph(text, indent_first_line, where))

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
        self.blocks.append(b.Table(
            [_text(h) for h in header], [[_text(v) for v in row] for row in rows],
            list(col_widths) if col_widths else None, font_size, list(align) if align else None, where,
            min_row_height_mm * mm if min_row_height_mm else None, self.width))

    def form(self, rows: Sequence[Sequence[tuple[str, object]]], label_sample: str = "会议类型",
             font_size: float = TABLE_SIZE, where: str = "") -> None:
        """A bordered label/value block (the header of a printed 会议记录本 or 签到表).

        rows: each one or two (label, value) pairs; a lone pair's value spans the row.
        label_sample: the longest label that must fit on one line; longer ones wrap.
        """
        for pairs in rows:
            if not 1 <= len(pairs) <= 2:
                raise ValueError("a form row holds one or two (label, value) pairs")
        self.blocks.append(b.Form([[(label, _text(value)) for label, value in pairs] for pairs in rows],
                                  label_sample, font_size, where, self.width))

    def image(self, path: Path | str, max_width_mm: float, max_height_mm: float) -> None:
        """A photo, centred, scaled to fit the box and the text block, aspect kept."""
        max_w = min(max_width_mm * mm, self.width)
        max_h = min(max_height_mm * mm, GEOMETRY[self._current].height - LEADING)
        photo, problem = prepared_photo(Path(path), max_w, max_h, PHOTO_DPI)
        if problem:
            self._warnings.append(problem)
            self.paragraph(f"〔{problem}〕", indent_first_line=False)
            return
        self.blocks.append(b.Photo(*photo))

    def problem(self, text: str) -> None:
        """Something the reader must know is missing here: printed in 〔〕 and listed in
        ReportResult.warnings (as an unreadable image is)."""
        self._warnings.append(text)
        self.paragraph(f"〔{text}〕", indent_first_line=False)

    def drawing(self, drawing) -> None:
        """A reportlab.graphics Drawing (a chart, see charts.py), centred, kept on one page."""
        self.blocks.append(b.Drawing(drawing))

    def closing(self, lines: Sequence[str]) -> None:
        """落款: the issuer and the date, right-aligned four characters in (GB/T 9704 右空四字)."""
        self.blocks.append(b.Closing(list(lines)))

    def signature_lines(self, labels: Sequence[str], names: Sequence[str] | None = None) -> None:
        """One line such as 主持人：________  记录人：________ (names fill the blanks)."""
        names = list(names or []) + [""] * (len(labels) - len(names or []))
        self.blocks.append(b.Signatures(list(labels), names, self.width))

    def spacer(self, lines: float = 1) -> None:
        """Blank space of *lines* body lines (keeps text on the 22-line grid)."""
        self.blocks.append(b.Space(lines))

    def page_break(self, orientation: str | None = None) -> None:
        """Start a new page, optionally turning to 'portrait' or 'landscape' from there on."""
        turn = None
        if orientation and orientation != self._current:
            if orientation not in GEOMETRY:
                raise ValueError(f"orientation must be 'portrait' or 'landscape', not {orientation!r}")
            self._current = turn = orientation
        self.blocks.append(b.PageBreak(turn))

    def note_empty(self, section_name: str) -> None:
        """Say that a section has no records (every report must say so, never leave it blank)."""
        self._empty.append(section_name)
        self.paragraph(f"{section_name}：暂无记录。")

    # -- output ------------------------------------------------------------------------------

    def build(self) -> ReportResult:
        """Write the file (or build it in memory when path is None). Call once."""
        if self._built:
            raise RuntimeError("a ReportDocument can be built only once")
        self._built = True
        started = time.perf_counter()
        glyphs = GlyphResolver(self.fonts)
        if self.format == DOCX:
            from .font_choice import load_choices
            from .word_render import render_docx

            # A font picked in 设置 is named by its family in the Word file too.
            data = render_docx(self.blocks, self.fonts, self.orientation, self.doc_title, self.subject,
                               self.author, chosen=load_choices())
            pages = 0
        else:
            from .pdf_render import render_pdf

            metadata = {"title": self.doc_title, "author": self.author, "subject": self.subject}
            data, pages = render_pdf(self.blocks, self.fonts, glyphs, self.orientation, metadata, page_listener)
        if self.path is not None:
            _write_atomically(self.path, data)
        result = ReportResult(
            path=self.path, page_count=pages, missing_characters=list(glyphs.missing),
            empty_sections=list(self._empty), warnings=list(self._warnings) + list(self.fonts.notes),
            data=data if self.path is None else None, seconds=time.perf_counter() - started,
            format=self.format,
        )
        log.info("report %s: %s, %d pages in %.2f s", self.path or "(memory)", self.format, result.page_count,
                 result.seconds)
        return result


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~" + path.stem, suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except PermissionError as exc:
        raise ReportWriteError(
            f"无法写入 {path}：文件可能正被其他程序（如 PDF 阅读器或 Word）打开，请关闭后重试。") from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
