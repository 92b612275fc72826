"""A paragraph's lines are broken once per width: the layout is the same as breaking them anew."""
from __future__ import annotations

import random

from desktop.reports.document import ReportDocument
from desktop.reports.linebreak import CJKParagraph

from .pdftext import lines, reader

SENTENCES = ("早上六点半到采样点，按楼栋顺序组织居民排队，喊号、扫码、维持一米线。",
             "帮3号楼一户居民从医院取回孩子的哮喘药，路上来回一个多小时，家长连声道谢。",
             "晚上巡查各楼栋单元门，12号楼的单元门锁坏了，已报物业维修（电话13912345678）。",
             "“三会一课”制度：支部党员大会、支部委员会、党小组会，按时上好党课。")


def _long_document(fonts) -> bytes:
    rng = random.Random(3)
    doc = ReportDocument(None, title="包保日记汇编", fonts=fonts)
    doc.title()
    for person in range(6):
        doc.heading(1, f"成员{person}（市统计局）")
        for day in range(5):
            doc.heading(2, f"4月{day + 1}日（星期一）", numbered=False)
            for _ in range(rng.randrange(1, 4)):
                doc.paragraph("".join(rng.choice(SENTENCES) for _ in range(rng.randrange(1, 9))))
    doc.signature_lines(["主持人", "记录人"])
    return doc.build().data


def test_cached_line_breaks_lay_out_the_same(fonts, monkeypatch):
    cached = _long_document(fonts)
    real = CJKParagraph.breakLinesCJK

    def uncached(self, maxWidths):
        self.__dict__.pop("_broken", None)
        return real(self, maxWidths)

    monkeypatch.setattr(CJKParagraph, "breakLinesCJK", uncached)
    fresh = _long_document(fonts)
    assert len(reader(cached).pages) == len(reader(fresh).pages) > 5
    positions = [sorted((ln.page, round(ln.x, 2), round(ln.y, 2), ln.text) for ln in lines(pdf))
                 for pdf in (cached, fresh)]
    assert positions[0] == positions[1]


def test_a_split_paragraph_breaks_anew(fonts):
    from reportlab.lib.styles import ParagraphStyle

    from desktop.reports.fonts import BODY

    style = ParagraphStyle("b", fontName=fonts.font_name(BODY), fontSize=16, leading=29, wordWrap="CJK")
    paragraph = CJKParagraph("党支部坚持三会一课制度，" * 30, style)
    paragraph.wrap(400, 1000)
    first = paragraph.breakLinesCJK([400, 400])
    assert paragraph.breakLinesCJK([400, 400]) is first  # cached
    top, rest = paragraph.split(400, 29 * 3)
    assert len(top.blPara.lines) == 3 and isinstance(rest, CJKParagraph)
    assert paragraph.breakLinesCJK([400, 400]) is not first  # split edited the lines: not reused
