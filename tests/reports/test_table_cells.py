"""Plain table cells (CellText) print exactly what a CJKParagraph would, only faster."""
from __future__ import annotations

import random

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.models import Member
from desktop.reports import tables
from desktop.reports.document import ReportDocument
from desktop.reports.fonts import BODY
from desktop.reports.glyphs import GlyphResolver, escape
from desktop.reports.linebreak import NO_LINE_START, CJKParagraph, plain_lines
from desktop.reports.members import build_members_report
from desktop.reports.tables import CellText

from .pdftext import lines

ALPHABET = "党支部会议组织委员市统计局科员" * 3 + "，。、；：？！”’）》" + "“‘（《" + "0123456789" * 2 + "abXY -./:*—…"


def random_text(rng: random.Random) -> str:
    raw = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 60)))
    parts = [" ".join(part.split()) for part in raw.split("\n")]
    return "\n".join(part for part in parts if part)


def paragraph_lines(text: str, style, width: float) -> list[tuple[str, float]]:
    para = CJKParagraph(escape(text).replace("\n", "<br/>"), style)
    para.wrap(width, 1e6)
    return [("".join(word.text for word in line.words), line.currentWidth) for line in para.blPara.lines]


def test_plain_lines_break_like_the_paragraph(fonts):
    font = fonts.font_name(BODY)
    style = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12.15, wordWrap="CJK")
    rng = random.Random(8)
    compared = 0
    for _ in range(400):
        text = random_text(rng)
        if not text:
            continue
        width = rng.uniform(20, 160)
        ours = plain_lines(text, lambda c: stringWidth(c, font, 9), width)
        theirs = paragraph_lines(text, style, width)
        assert [line for line, _ in ours] == [line for line, _ in theirs], (text, width)
        assert [w for _, w in ours] == pytest.approx([w for _, w in theirs]), (text, width)
        compared += 1
    assert compared > 300


def test_punctuation_never_starts_a_cell_line(fonts):
    font = fonts.font_name(BODY)
    found = plain_lines("市自然资源和规划局办公室主任，副科长。", lambda c: stringWidth(c, font, 9), 9 * 7)
    assert len(found) > 1
    assert not [line for line, _ in found[1:] if line[0] in NO_LINE_START]


def test_cells_needing_a_borrowed_or_missing_glyph_stay_paragraphs(fonts):
    resolver = GlyphResolver(fonts)
    style = ParagraphStyle("cell", fontName=fonts.font_name(BODY), fontSize=9, leading=12.15, wordWrap="CJK")
    assert isinstance(tables.cell_flowable(resolver, "王志远\n（已撤离）", BODY, style, 60, ""), CellText)
    assert isinstance(tables.cell_flowable(resolver, "李\U0002A6A5", BODY, style, 60, "姓名"), CJKParagraph)
    assert isinstance(tables.cell_flowable(resolver, "a\tb", BODY, style, 60, ""), CJKParagraph)
    assert isinstance(tables.cell_flowable(resolver, " 前后有空格 ", BODY, style, 60, ""), CJKParagraph)
    assert [(m.char, m.where) for m in resolver.missing] == [("\U0002A6A5", "姓名")]  # reported once


def _positions(data: bytes) -> list[tuple]:
    """Every printed line with its place; sorted, as baselines a hair apart may be read in either order."""
    return sorted((line.page, round(line.x, 2), round(line.y, 2), line.size, line.text) for line in lines(data))


def _slow(monkeypatch) -> None:
    """Every cell a CJKParagraph, as before CellText."""
    monkeypatch.setattr(GlyphResolver, "drawable", lambda self, text, role: False)


def test_a_long_roster_prints_the_same_with_plain_cells(fonts, monkeypatch):
    units = ["市统计局", "市自然资源和规划局", "区人力资源和社会保障局（借调）"]
    Member.insert_many([
        {"name": f"成员{i:03d}", "name_pinyin": f"cy{i:03d}", "gender": "男女"[i % 2],
         "political_status": "中共党员", "unit": units[i % 3], "unit_post": "一级主任科员，办公室主任" * (i % 2 + 1),
         "phone": f"139{i:08d}", "id_number": f"110199198{i % 10}0101{i:03d}X", "branch_role": "党员",
         "departed_on": "2026-11-01" if i % 17 == 3 else None}
        for i in range(120)
    ]).execute()
    fast = build_members_report(None, include_departed=True, fonts=fonts)
    _slow(monkeypatch)
    slow = build_members_report(None, include_departed=True, fonts=fonts)
    assert fast.page_count == slow.page_count > 2
    assert _positions(fast.data) == _positions(slow.data)


@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_a_table_prints_the_same_with_plain_cells(fonts, monkeypatch, align):
    def build() -> bytes:
        doc = ReportDocument(None, title="表", fonts=fonts)
        doc.table(["序号", "事项及办理情况说明", "金额"],
                  [["1", "为3号楼独居老人送药，共2盒；联系社区卫生服务站。", "12.50"],
                   ["2", "A&B <测试> 1+1", ""], ["3", "一行\n两行", "—"]],
                  align=[align] * 3)
        return doc.build().data

    fast = build()
    _slow(monkeypatch)
    assert _positions(fast) == _positions(build())
