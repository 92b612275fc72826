"""The printed 交接班记录: each record's form with the 交班人/接班人 signature lines."""
from __future__ import annotations

import datetime as dt

from desktop.duty import handover as H
from desktop.duty import setup as S
from desktop.models import DutyAssignment, Member
from desktop.reports.handover_sheet import build_handover_sheet
from desktop.reports.kinds import Choices, kind
from desktop.roster.pinyin import pinyin_key

from .pdftext import all_text

D = dt.date(2026, 11, 16)


def person(name: str) -> Member:
    return Member.create(name=name, name_pinyin=pinyin_key(name), political_status="中共党员")




def test_the_printed_record_carries_both_signers(tmp_path, fonts):
    pattern = S.ensure_default_pattern()
    post = S.create_post("东门卡口", pattern.id)
    early, middle, _ = S.shifts_of(pattern.id)
    wang, li = person("王志远"), person("李晓燕")
    DutyAssignment.create(date=D, post=post, shift=early, member=wang)
    DutyAssignment.create(date=D, post=post, shift=middle, member=li)
    record = H.handover_for(D, post.id, early.id)
    H.save_handover(record.id, people_checked=312, open_matters="3号楼药品未送到")
    H.set_signers(record.id, wang.id, li.id)
    H.handover_for(D, post.id, middle.id)  # no signer chosen: blank lines to sign by hand
    result = build_handover_sheet(None, D, D, fonts=fonts)
    text = all_text(result.data)
    assert text.count("交班人") == 2 and text.count("接班人") == 2
    assert "312" in text and "3号楼药品未送到" in text and "李晓燕" in text
    assert kind("handover").title == "交接班记录"
    out = kind("handover").build(Choices(D, D, fonts=fonts), tmp_path / "h.pdf")  # as the 报表 page builds it
    assert out.page_count >= 1 and (tmp_path / "h.pdf").exists()
