"""工作情况报告: a small branch made through the services, read back from the PDF."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop.diaries import service as diaries
from desktop.duty import setup as rota
from desktop.meetings import (
    add_action_item,
    add_decision,
    close_item,
    list_meetings,
    set_absent,
    start_meeting,
    update_meeting,
)
from desktop.models import Branch, DutyAssignment
from desktop.reports.notes import report_text, set_report_text
from desktop.reports.summary import build_summary_report
from desktop.roster import service as roster

from .pdftext import all_text, lines, reader
from .test_document import embedded_font_problems

FROM, TO = dt.date(2022, 11, 14), dt.date(2022, 11, 20)
TODAY = dt.date(2022, 11, 22)
SHOTS = Path("/tmp/shots/summary_report")
A4 = (595.28, 841.89)


def add_member(name, status="中共党员", unit="市统计局", **extra):
    values = {"name": name, "political_status": status, "unit": unit, "arrived_on": dt.date(2022, 11, 1),
              **extra}
    return roster.save_member(values, today=TODAY)


@pytest.fixture
def branch():
    row = Branch.current()
    row.name, row.approving_org, row.approval_doc_no = "丰泽园小区临时党支部", "中共平街道工作委员会", "平街党发〔2022〕12号"
    row.founded_on = dt.date(2022, 11, 2)
    row.save()
    p = SimpleNamespace(zhou=add_member("周明"), an=add_member("安然", unit="区教育局"),
                        fang=add_member("方圆", "群众", unit="区教育局"))
    roster.set_committee({p.zhou.id: "书记", p.an.id: "组织委员"})
    first = start_meeting(on=FROM, now=dt.datetime(2022, 11, 14, 7, 30))
    set_absent(first.id, p.fang.id, "值班")
    add_decision(first.id, "东门卡口增派一人值守")
    update_meeting(first.id, problems="西门测温枪电池不足\n快递堆放点无遮挡", today=TODAY)
    item = add_action_item(first.id, "联系物业搭设雨棚", owner_id=p.an.id)
    add_action_item(first.id, "补充测温枪电池", owner_id=p.zhou.id)
    second = start_meeting(on=FROM + dt.timedelta(days=2), now=dt.datetime(2022, 11, 16, 7, 30))
    close_item(item.id, second.id)
    pattern = rota.ensure_preset(rota.EVENING_PATTERN)
    post = rota.create_post("北门值守点", pattern.id)
    evening, late = rota.shifts_of(pattern.id)
    DutyAssignment.create(date=FROM, post=post, shift=evening, member=p.zhou)
    DutyAssignment.create(date=FROM, post=post, shift=late, member=p.an)
    diaries.save_entry(p.zhou.id, FROM, "走访3号楼独居老人。", tags=["值守"], figures=[("走访户数", 12, "户")],
                       today=TODAY)
    diaries.save_entry(p.an.id, FROM, "配送蔬菜包。", tags=["物资配送"], figures=[("走访户数", 3, "户")],
                       today=TODAY)
    return p


def text_of(path) -> str:
    return all_text(path).replace("\n", "")


def test_report_reads_back(branch, fonts, tmp_path):
    path = tmp_path / "报告.pdf"
    result = build_summary_report(path, FROM, TO, fonts=fonts, today=TODAY)
    text = text_of(path)
    title = "丰泽园小区临时党支部关于下沉防控工作情况的报告"
    assert title in text and "（2022年11月14日至2022年11月20日）" in text
    assert "".join(line.text for line in lines(path) if line.size == pytest.approx(22)) == title
    for heading in ("一、支部基本情况", "二、组织生活开展情况", "三、值班值守情况", "四、包保工作成效",
                    "五、发现的问题和整改情况"):
        assert heading in text
    assert "平街党发〔2022〕12号" in text and "支部书记周明" in text
    for name in ("周明", "安然", "方圆"):
        assert name in text
    assert f"本期共召开会议{len(list_meetings(FROM, TO))}次" in text
    assert "应到6人次，实到5人次" in text
    assert "东门卡口增派一人值守" in text and "西门测温枪电池不足" in text
    assert "共布置待办事项2项，已完成1项，已取消0项，尚未完成1项" in text and "补充测温枪电池" in text
    assert "本期共安排值班2人次" in text and "北门值守点" in text
    assert "走访户数 15 户" in text
    assert "丰泽园小区临时党支部2022年11月22日" in text  # 落款
    assert result.warnings[:3] == ["尚未填写：主要工作成效", "尚未填写：存在的问题", "尚未填写：下一步工作打算"]
    assert "未填写" not in text and "下一步工作打算" not in text
    pages = reader(path).pages
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == pytest.approx(A4, abs=0.01) for p in pages)
    assert embedded_font_problems(path) == []
    render(path, "test_summary")


def test_free_text_is_printed(branch, fonts, tmp_path):
    set_report_text("summary", FROM, TO, "成效", "群众满意度明显提升。")
    set_report_text("summary", FROM, TO, "下一步", "一是加强值守。\n二是做好物资保障。")
    set_report_text("summary", FROM, TO, "下一步", "一是加强值守。\n二是做好物资保障。")  # no duplicate row
    assert report_text("summary", FROM, TO, "下一步") == "一是加强值守。\n二是做好物资保障。"
    result = build_summary_report(None, FROM, TO, fonts=fonts, today=TODAY)
    text = text_of(result.data)
    assert "群众满意度明显提升。" in text and "六、下一步工作打算" in text and "二是做好物资保障。" in text
    assert [w for w in result.warnings if w.startswith("尚未填写")] == ["尚未填写：存在的问题"]


def test_empty_database_says_every_part_is_empty(fonts, tmp_path):
    path = tmp_path / "empty.pdf"
    result = build_summary_report(path, FROM, TO, fonts=fonts, today=TODAY)
    text = text_of(path)
    for part in ("支部概况", "支部成员", "组织生活", "值班值守", "包保日记", "会议查摆的问题", "待办事项"):
        assert f"{part}：暂无记录。" in text
    assert set(result.empty_sections) >= {"组织生活", "值班值守", "包保日记", "待办事项"}
    assert "尚未填写：下一步工作打算" in result.warnings
    render(path, "test_summary_empty")


def test_period_must_be_in_order(fonts):
    with pytest.raises(ValueError):
        build_summary_report(None, TO, FROM, fonts=fonts)


def render(pdf: Path, name: str) -> None:
    if shutil.which("pdftoppm") is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(SHOTS / name)], check=True)


def test_action_item_dates_are_whole_and_in_one_style(branch, fonts, tmp_path):
    """Issue 12.11: "2026.12.0" / "6" must never happen; dates read like the text's 11月14日."""
    first = list_meetings(FROM, FROM)[0]
    add_action_item(first.id, "协调物业在北门外搭设快递雨棚并安排专人每天清点登记" * 2, owner_id=branch.fang.id,
                    due=dt.date(2022, 12, 16))
    add_action_item(first.id, "次年的事项", owner_id=branch.an.id, due=dt.date(2023, 1, 6))
    path = tmp_path / "报告.pdf"
    build_summary_report(path, FROM, TO, fonts=fonts, today=TODAY)
    cells = [line.text for line in lines(path)]
    assert "完成时限" in cells and "提出日期" in cells
    for date in ("12月16日", "2023年1月6日", "11月14日"):  # each a whole line of its cell, never cut
        assert date in cells
    text = text_of(path)
    assert "2022.12.16" not in text and "2023.01.06" not in text  # no second date style
