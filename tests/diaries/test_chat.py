"""A pasted WeChat group chat (issue 12, point 7): header lines set the author and the day."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.diaries import service as S
from desktop.diaries.chat import chat_header, split_chat
from desktop.diaries.importer import NEW, apply_diary_import, plan_chat_import
from desktop.models import DiaryEntry

from .conftest import person

TODAY = dt.date(2026, 12, 5)
CHAT = """张建国 2026/12/2 21:40
12月2日：东门值守，登记车辆 42 辆。
刘海波 2026/12/2 22:01
今天走访 3 号楼 12 户。
张建国 2026/12/3 22:05
晚上巡查 5 号楼，2.5 元一斤的白菜已送到。
2026-12-03 22:10:11 李四
收到
刘海波 22:30
夜班交接完毕。
2026-12-04 08:01 刘海波
早上核酸采样 320 人。
"""


@pytest.mark.parametrize("line, expected", [
    ("张建国 2026/12/3 22:05", ("张建国", dt.date(2026, 12, 3), "22:05")),
    ("张建国 2026-12-03 22:05:11", ("张建国", dt.date(2026, 12, 3), "22:05")),
    ("2026-12-03 22:05:11 张建国", ("张建国", dt.date(2026, 12, 3), "22:05")),
    ("2026-12-03 22:05 张建国", ("张建国", dt.date(2026, 12, 3), "22:05")),
    ("张建国 2026年12月3日 22:05", ("张建国", dt.date(2026, 12, 3), "22:05")),
    ("張建國 ２０２６/１２/３ ２２：０５", ("張建國", dt.date(2026, 12, 3), "22:05")),
    ("张建国 22:05", ("张建国", None, "22:05")),
    ("张建国 9:05:59", ("张建国", None, "09:05")),
])
def test_header_forms(line, expected):
    header = chat_header(1, line)
    assert (header.name, header.day, header.time) == expected


@pytest.mark.parametrize("line", ["12月3日：值守", "张建国 2026/13/3 22:05", "张建国 25:05",
                                  "送药到 3 号楼，22:05 回来", "22:05 巡查"])
def test_not_headers(line):
    assert chat_header(1, line) is None


def test_split_by_sender_and_day():
    members = {"张建国", "刘海波"}
    result = split_chat(CHAT, members.__contains__, TODAY)
    assert [(e.name, e.day, e.text) for e in result.entries] == [
        ("张建国", dt.date(2026, 12, 2), "东门值守，登记车辆 42 辆。"),
        ("刘海波", dt.date(2026, 12, 2), "今天走访 3 号楼 12 户。"),
        ("张建国", dt.date(2026, 12, 3), "晚上巡查 5 号楼，2.5 元一斤的白菜已送到。"),
        ("刘海波", dt.date(2026, 12, 3), "夜班交接完毕。"),  # the time-only header keeps 12/3
        ("刘海波", dt.date(2026, 12, 4), "早上核酸采样 320 人。"),
    ]
    assert result.strangers == [("李四", [7, 8])] and result.problems == []


def test_a_plain_diary_with_a_time_at_the_end_of_a_line_is_no_chat():
    assert split_chat("4月3日：值守\n巡查到 22:05", lambda name: False, TODAY) is None
    # ...but a member's name and a time is a header, and today is the day (WeChat's "today").
    result = split_chat("刘海波 22:30\n夜班交接完毕。", {"刘海波"}.__contains__, TODAY)
    assert [(e.name, e.day) for e in result.entries] == [("刘海波", TODAY)]
    assert result.notes == ["第1行“刘海波 22:30”只有时间，按今天（2026年12月5日）处理。"]


def test_plan_and_apply_a_chat_each_to_its_member():
    person("张建国", arrived=dt.date(2026, 11, 1))
    liu = person("刘海波", arrived=dt.date(2026, 11, 1))
    S.save_entry(liu.id, dt.date(2026, 12, 2), "白天值守。", today=TODAY)
    plan = plan_chat_import(CHAT, today=TODAY)
    assert [(r.member_name, r.day, r.action) for r in plan.rows] == [
        ("张建国", dt.date(2026, 12, 2), NEW), ("刘海波", dt.date(2026, 12, 2), "追加"),
        ("张建国", dt.date(2026, 12, 3), NEW), ("刘海波", dt.date(2026, 12, 3), NEW),
        ("刘海波", dt.date(2026, 12, 4), NEW)]
    assert plan.skipped == ["发送人“李四”不在花名册中：第7行、第8行的消息未导入。"]
    assert plan.authors == ["张建国", "刘海波"]
    assert apply_diary_import(plan, today=TODAY) == (4, 1, 0)
    stored = {(e.member.name, e.date): e.text for e in DiaryEntry.select()}
    assert stored == {
        ("张建国", dt.date(2026, 12, 2)): "东门值守，登记车辆 42 辆。",
        ("刘海波", dt.date(2026, 12, 2)): "白天值守。\n今天走访 3 号楼 12 户。",
        ("张建国", dt.date(2026, 12, 3)): "晚上巡查 5 号楼，2.5 元一斤的白菜已送到。",
        ("刘海波", dt.date(2026, 12, 3)): "夜班交接完毕。",
        ("刘海波", dt.date(2026, 12, 4)): "早上核酸采样 320 人。",
    }


def test_two_members_of_one_name_are_never_guessed():
    person("张建国", arrived=dt.date(2026, 11, 1))
    person("张建国", unit="区教育局", arrived=dt.date(2026, 11, 1))
    plan = plan_chat_import("张建国 2026/12/3 22:05\n巡查。", today=TODAY)
    assert plan.rows == [] and plan.skipped == ["发送人“张建国”在花名册中有 2 位同名成员，无法确定是谁：第1行、第2行的消息未导入。"]
    assert plan_chat_import("4月3日：值守", today=TODAY) is None


_CHAT_LINES = st.one_of(
    st.sampled_from(["张建国 2026/12/2 21:40", "刘海波 2026-12-03 08:05:11", "2026-12-03 22:10:11 李四",
                     "刘海波 22:30", "张建国 昨天 9:05", "王五 2026/12/4 10:00", "12月2日：值守。", "2.5 元一斤",
                     "12月31日 补记", "2月30日：不存在", "走访 3 号楼", "", "收到", "4.3 值守"]),
    st.text(alphabet="张刘海波建国 0123456789:/-年月日：，。号楼", max_size=20))


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHAT_LINES, max_size=25))
def test_every_line_of_a_chat_is_stored_listed_or_named(lines):
    text = "\n".join(lines)
    result = split_chat(text, {"张建国", "刘海波"}.__contains__, TODAY)
    if result is None:
        return
    placed = [n for e in result.entries for n in e.lines]
    listed = [n for _, numbers in result.strangers for n in numbers]
    non_blank = [n for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    assert sorted(placed + listed + result.unplaced_lines) == non_blank  # each exactly once
    source = text.splitlines()
    for entry in result.entries:
        assert entry.text.strip()
        pieces = [source[n - 1][len(result.heads[n]):].strip() if n in result.heads else source[n - 1].strip()
                  for n in entry.lines]
        assert "".join(entry.text.split()) == "".join("".join(pieces).split())  # only headers and date tokens cut


def test_days_without_a_year_or_relative_are_settled_up_to_today():
    text = "张建国 12月6日 21:40\n去年的今天之后。\n刘海波 昨天 22:30\n夜班。\n张建国 2月29日 8:00\n闰日。"
    result = split_chat(text, {"张建国", "刘海波"}.__contains__, TODAY)
    assert [(e.name, e.day) for e in result.entries] == [
        ("张建国", dt.date(2024, 2, 29)), ("张建国", dt.date(2025, 12, 6)), ("刘海波", dt.date(2026, 12, 4))]
