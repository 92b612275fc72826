"""Removing a meeting made by mistake: gone from the figures, and 撤销 puts back every row."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.meetings import service as S
from desktop.meetings.figures import meeting_figures
from desktop.meetings.removal import remove_meeting, removed_meetings, restore_meeting
from desktop.meetings.stats import attendance_rates, meetings_per_type
from desktop.models import ActionItem, Meeting, RemovedRecord, db

from .conftest import DAY, at

DAY2 = DAY + dt.timedelta(days=1)
TABLES = ("meeting", "meeting_attendance", "meeting_note", "meeting_decision", "action_item",
          "action_item_carry", "meeting_topic", "meeting_revision")


def dump() -> dict[str, list[tuple]]:
    return {t: db.execute_sql(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in TABLES}


@pytest.fixture
def week(people):
    """Day 1 (final) raised two items; a stray 班前会-like second meeting on day 2 closed one,
    carried the other, and has its own notes, decisions, absentees and a half-typed line."""
    day1 = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    fixed = S.add_action_item(day1.id, "补充体温枪电池", owner_id=people.chen.id)
    waiting = S.add_action_item(day1.id, "更新值班表")
    S.finalize(day1.id, now=at(DAY, "08:00"))
    stray = S.start_meeting(on=DAY2, now=at(DAY2, "07:30"))
    S.set_absent(stray.id, people.fang.id, "值班")
    S.add_note(stray.id, "东门今天加一人", speaker_id=people.zhou.id)
    S.add_decision(stray.id, "东门增加一人值守")
    S.add_action_item(stray.id, "联系物业", owner_id=people.an.id)
    S.close_item(fixed.id, stray.id)
    S.carry_forward(waiting.id, stray.id)
    S.save_pending_line(stray.id, "还没打完的一句")
    return day1, stray, fixed, waiting


def test_a_removed_meeting_no_longer_counts_in_the_report_figures(week):
    day1, stray, fixed, waiting = week
    # What the 工作情况报告 counts: the meetings of the period, per type, and who was expected.
    assert {m.id for m in S.list_meetings(DAY, DAY2)} == {day1.id, stray.id}
    assert dict(meetings_per_type(DAY, DAY2))[S.DAILY] == 2
    expected_before = {r.member.name: r.expected for r in attendance_rates(DAY, DAY2)}
    assert meeting_figures([stray.id])[stray.id].decisions == 1

    removed = remove_meeting(stray.id)

    assert [m.id for m in S.list_meetings(DAY, DAY2)] == [day1.id]
    assert dict(meetings_per_type(DAY, DAY2))[S.DAILY] == 1
    expected_after = {r.member.name: r.expected for r in attendance_rates(DAY, DAY2)}
    assert expected_after["周明"] == expected_before["周明"] - 1
    assert meeting_figures([stray.id])[stray.id].decisions == 0
    assert ActionItem.get_by_id(fixed.id).status == ActionItem.OPEN  # what it closed is open again
    assert ActionItem.get_by_id(waiting.id).carried_count == 0
    assert removed.trace_id is None and RemovedRecord.select().count() == 0


def test_restore_puts_back_every_row_and_the_items_it_followed_up(week):
    _, stray, fixed, waiting = week
    before = dump()
    removed = remove_meeting(stray.id)
    restore_meeting(removed)
    assert dump() == before
    assert ActionItem.get_by_id(fixed.id).closed_in_id == stray.id
    assert S.load_pending_line(stray.id) == "还没打完的一句"


def test_a_finalized_meeting_needs_a_reason_and_leaves_a_trace(week):
    day1, _, _, _ = week
    with pytest.raises(S.MeetingError, match="须填写原因"):
        remove_meeting(day1.id, "  ")
    assert Meeting.get_or_none(Meeting.id == day1.id) is not None

    removed = remove_meeting(day1.id, "重复录入")

    assert Meeting.get_or_none(Meeting.id == day1.id) is None
    [trace] = removed_meetings()
    assert trace.reason == "重复录入" and trace.label.startswith(f"{DAY:%Y-%m-%d} {S.DAILY}")
    assert '"补充体温枪电池"' in trace.snapshot and '"status": "已定稿"' in trace.snapshot

    restore_meeting(removed)
    assert Meeting.get_by_id(day1.id).is_final and RemovedRecord.select().count() == 0
