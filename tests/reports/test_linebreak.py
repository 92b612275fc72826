"""Chinese line breaking: punctuation never starts a line, numbers stay whole."""
from __future__ import annotations

import pytest

from desktop.reports.document import ReportDocument
from desktop.reports.linebreak import NO_LINE_START, break_point

from .pdftext import lines


def test_single_closing_mark_hangs_in_the_margin():
    chars = list("一二三，四五")
    # "，" (index 3) overflows: it stays on the line instead of starting the next one.
    assert break_point(chars, 0, 3) == 4


def test_two_closing_marks_pull_a_character_down():
    chars = list("一二三”。四五")
    # "”" overflows and "。" follows: "三”。" moves to the next line together.
    assert break_point(chars, 0, 3) == 2


def test_opening_mark_does_not_end_a_line():
    chars = list("一二“三四")
    assert break_point(chars, 0, 3) == 2


def test_digits_are_not_cut_when_they_fit_on_the_next_line():
    chars = list("电话13912345678")
    assert break_point(chars, 0, 6) == 2


def test_a_run_longer_than_the_line_is_cut_where_it_overflows():
    chars = list("13912345678139")
    assert break_point(chars, 0, 8) == 8


@pytest.mark.parametrize("mark", ["，", "。", "；", "：", "？", "！", "”", "、", "）", "》"])
def test_punctuation_never_starts_a_line_in_the_pdf(fonts, mark):
    doc = ReportDocument(None, title="断行", fonts=fonts)
    # First line holds 26 characters after the 2-character indent: a naive break puts *mark*
    # at the start of line 2; the second paragraph has two marks at that spot.
    doc.paragraph("党" * 26 + mark + "支部" * 20)
    doc.paragraph("党" * 25 + "”" + mark + "支部" * 20)
    doc.paragraph(("党支部坚持三会一课制度" + mark) * 12)
    data = doc.build().data
    body = [line for line in lines(data) if line.size == pytest.approx(16)]
    assert len(body) >= 6
    assert not [line.text for line in body if line.text[0] in NO_LINE_START]
    assert body[0].text == "党" * 26 + mark  # the mark hangs on the first line


def test_phone_number_moves_to_the_next_line_whole(fonts):
    doc = ReportDocument(None, title="断行", fonts=fonts)
    doc.paragraph("党" * 22 + "电话13912345678。")
    body = [line.text for line in lines(doc.build().data) if line.size == pytest.approx(16)]
    assert any(text.startswith("13912345678") for text in body[1:2])


def _line_dicts(paragraph) -> list[tuple[dict, list[dict]]]:
    return [({k: v for k, v in line.__dict__.items() if k != "words"}, [dict(w.__dict__) for w in line.words])
            for line in paragraph.blPara.lines]


@pytest.mark.parametrize("markup", [
    "党支部会议记录，电话13912345678。" * 6,
    '党支部<font name="{hei}">会议</font>记录“三会一课”<font name="{hei}">制度</font>。' * 4,
    "第一行<br/>第二行很长很长" * 5,
    "A&amp;B &lt;测试&gt; 1+1=2，" * 8,
])
def test_fast_line_building_matches_reportlab(fonts, monkeypatch, markup):
    """para_line builds the very FragLines of reportlab's makeCJKParaLine."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.paragraph import cjkU, makeCJKParaLine

    from desktop.reports import linebreak
    from desktop.reports.fonts import BODY, HEI

    style = ParagraphStyle("body", fontName=fonts.font_name(BODY), fontSize=16, leading=29, wordWrap="CJK",
                           firstLineIndent=32)
    text = markup.replace("{hei}", fonts.font_name(HEI))

    def wrapped():
        paragraph = linebreak.CJKParagraph(text, style)
        paragraph.wrap(300, 1e6)
        return _line_dicts(paragraph)

    ours = wrapped()
    monkeypatch.setattr(linebreak, "para_line", lambda chars, owners, mw, w, forced, cb: makeCJKParaLine(
        [cjkU(c, f, "utf8") for c, f in zip(chars, owners)], mw, w, mw - w, forced, cb))
    assert len(ours) > 2
    assert ours == wrapped()


def test_full_width_spaces_are_printed_as_typed(fonts):
    """An indent typed as full-width spaces is kept (reportlab's parser makes it one space)."""
    doc = ReportDocument(None, title="空格", fonts=fonts)
    doc.paragraph("\u3000\u3000会议由书记主持。\u3000\u3000二、议题", indent_first_line=False)
    doc.paragraph("会议由书记主持。", indent_first_line=False)
    body = [line for line in lines(doc.build().data) if line.size == pytest.approx(16)]
    drawn = ["".join(run.text for run in line.runs).strip(" ") for line in body]  # pypdf's own spaces
    assert drawn[0] == "\u3000\u3000会议由书记主持。\u3000\u3000二、议题"
    assert drawn[1] == "会议由书记主持。"
