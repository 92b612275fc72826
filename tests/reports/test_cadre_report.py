"""下沉干部现实表现情况: one section per cadre, figures from the services, read back from the PDF."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.duty.stats import duty_stats
from desktop.meetings import attendance_rates
from desktop.models import Member
from desktop.reports.cadre import build_cadre_report, days_in_post
from desktop.reports.notes import set_report_text

from .pdftext import all_text, lines, page_text
from .test_document import embedded_font_problems
from .test_summary_report import FROM, TO, branch, render  # noqa: F401  (the fixture)


def test_every_cadre_on_a_page_of_their_own(branch, fonts, tmp_path):
    set_report_text("cadre", FROM, TO, "评价", "工作积极主动，值守认真负责。", member_id=branch.zhou.id)
    path = tmp_path / "cadre.pdf"
    result = build_cadre_report(path, FROM, TO, fonts=fonts)
    text = all_text(path).replace("\n", "")
    # Pinyin order, each section starting on a new page with its own title.
    starts = [line.page for line in lines(path) if line.text == "下沉干部现实表现情况"]
    assert len(starts) == 3 and len(set(starts)) == 3
    order = [Member.get(Member.name == n) for n in ("安然", "方圆", "周明")]
    assert [page_text(path, p).replace("\n", "").split("姓名")[1][:2] for p in starts] == [m.name for m in order]
    assert all(line.size == pytest.approx(22) for line in lines(path) if line.text == "下沉干部现实表现情况")
    zhou_duty = next(p for p in duty_stats(FROM, TO) if p.member.id == branch.zhou.id)
    assert f"本期值班{zhou_duty.shifts}次，累计{zhou_duty.hours:g}小时" in text
    rate = next(r for r in attendance_rates(FROM, TO) if r.member.id == branch.fang.id)
    assert f"本期应参加会议{rate.expected}次，实际参加{rate.present}次" in text
    assert "本期记录包保日记1篇" in text and "走访3号楼独居老人。" in text
    assert "本期承办支部会议布置的待办事项1项，已完成1项。" in text  # 安然
    assert "工作积极主动，值守认真负责。" in text
    assert "临时党支部书记（签字）" in text and "（盖章）" in text
    assert result.warnings[:2] == ["尚未填写：安然的支部评价意见", "尚未填写：方圆的支部评价意见"]
    assert days_in_post(branch.zhou, FROM, TO) == 7 and "2022年11月1日—至今（本期在岗7天）" in text
    assert embedded_font_problems(path) == []
    render(path, "test_cadre")


def test_one_cadre_and_departure(branch, fonts):
    fang = branch.fang
    fang.departed_on = FROM + dt.timedelta(days=2)
    fang.save()
    result = build_cadre_report(None, FROM, TO, member_id=fang.id, fonts=fonts)
    text = all_text(result.data).replace("\n", "")
    assert "方圆" in text and "周明" not in text.split("组织关系")[0].replace("方圆", "")
    assert "2022年11月1日—2022年11月16日（本期在岗3天）" in text and days_in_post(fang, FROM, TO) == 3
    assert result.warnings[0] == "尚未填写：方圆的支部评价意见"


def test_empty_database(fonts, tmp_path):
    path = tmp_path / "empty.pdf"
    result = build_cadre_report(path, FROM, TO, fonts=fonts)
    assert "下沉干部：暂无记录。" in all_text(path) and result.empty_sections == ["下沉干部"]


def test_cadre_without_records_says_so(fonts):
    from desktop.roster import service as roster

    m = roster.save_member({"name": "白云", "political_status": "中共党员", "arrived_on": FROM},
                           today=TO)
    result = build_cadre_report(None, FROM, TO, member_id=m.id, fonts=fonts)
    text = all_text(result.data)
    for part in ("值班记录", "参会记录", "包保日记", "承办的待办事项"):
        assert f"{part}：暂无记录。" in text
