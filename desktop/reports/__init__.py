"""Official-format reports (GB/T 9704-2012 layout) as PDF or Word, Qt-free.

Every report of Branch Desk goes through ReportDocument; the CLI and the UI call the
report functions (build_members_report, ...) and show ReportResult to the user. A report
kind describes its content once: ReportDocument records the calls below as neutral blocks
(blocks.py), and build() renders them as a PDF (pdf_render.py) or, for a path ending in
.docx, as an editable Word document with the same layout (word_render.py).

A new report kind is a module here with one function that reads the database and
feeds a ReportDocument, e.g. meetings.py::

    from .document import ReportDocument, ReportResult

    def build_meeting_report(path, meeting_id, fonts=None) -> ReportResult:
        meeting = ...                                # read the models
        doc = ReportDocument(path, title="支部委员会会议记录", fonts=fonts)
        doc.title()                                  # 2号 小标宋, centred (default: the title above)
        doc.subtitle("丰泽园小区临时党支部　2026年11月22日")  # 仿宋, centred
        doc.heading(1, "会议议题")                    # prints 一、会议议题 (黑体)
        doc.heading(2, "学习传达")                    # （一）学习传达 (楷体); 3: 1. / 4: （1） (仿宋)
        doc.paragraph(meeting.minutes, where="会议记录")  # 3号 仿宋, 2-character indent
        if not meeting.attendees:
            doc.note_empty("参会人员")               # "参会人员：暂无记录。" -- never leave a part blank
        else:
            doc.table(["姓名", "职务"], rows)         # header repeated on every page
        doc.image(photo_path, max_width_mm=120, max_height_mm=90)
        doc.signature_lines(["主持人", "记录人"])
        return doc.build()

Rules the document enforces so report modules need not think about them:
- A4 portrait (or orientation="landscape" / page_break("landscape") for wide tables):
  text block 156 x 225 mm, 22 lines of 28 characters; page numbers "— 1 —" below the
  block, odd pages right, even pages left.
- Text is plain text: it is escaped for reportlab's markup; "\\n" breaks a line.
- Chinese punctuation never starts a line (linebreak.py); numbers are not cut in two.
- A character missing from a font is borrowed from another font; one that no font has
  prints as 〔U+2A6A5〕 and is listed in ReportResult.missing_characters with *where*
  it occurred (pass where= to name the field; tables name the column themselves).
  Show ReportResult.missing_message to the user when it is not empty.
- Fonts (fonts.py): FontSet(chosen={role: path}) for the user's choices in 设置,
  otherwise system 仿宋/黑体/楷体/小标宋, otherwise the bundled Noto fonts, converted
  to TrueType once (FontSet.prepare() on first run: up to a minute). FontSet.describe()
  says which file serves which role. Every font is embedded as a subset.
- path=None builds in memory: ReportResult.data holds the PDF bytes (UI preview).
- Each flowable is created per call; a ReportDocument is built once.

Tables: doc.table(header, rows, col_widths=None, font_size=10.5, align=None). col_widths
per column: a width in mm, a sample text the column must hold on one line ("00000000000"
for phones -- right in whichever font serves), or None to share the rest; omitted, the
widths are fitted to the content.
"""
import importlib

# Loaded on first use (PEP 562): importing one light submodule (kinds, fontfind, notes) must
# not pull in reportlab's platypus, ~0.1 s — the 设置 and 报表 pages import such submodules.
_EXPORTS = {
    "ReportDocument": "document", "ReportResult": "document", "ReportWriteError": "document",
    "BODY": "fonts", "HEI": "fonts", "KAI": "fonts", "ROLE_LABELS": "fonts", "ROLES": "fonts",
    "TITLE": "fonts", "FontSet": "fonts", "FontUnavailable": "fonts", "MissingCharacter": "glyphs",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
