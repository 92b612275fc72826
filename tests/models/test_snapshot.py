"""Delete a record with everything that cascades with it, then put it all back exactly."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.diaries import service as diaries
from desktop.diaries.search import search_diaries
from desktop.models import (
    ActionItem,
    ActionItemCarry,
    DiaryEntry,
    DiaryFigure,
    DiaryTag,
    DutyAssignment,
    DutyPreference,
    Handover,
    HandoverPerson,
    Meeting,
    MeetingAttendance,
    MeetingDecision,
    MeetingNote,
    MeetingType,
    Member,
    Post,
    ShiftDefinition,
    ShiftPattern,
    Unavailability,
    db,
)
from desktop.models.snapshot import (
    RecordSnapshot,
    RestoreConflict,
    StillReferenced,
    capture,
    delete_with_snapshot,
    restore,
)

DAY = dt.date(2022, 11, 22)


def dump(*tables: str) -> dict[str, list[tuple]]:
    """Every row of *tables*, to compare before and after."""
    return {t: db.execute_sql(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in tables}


MEETING_TABLES = ("meeting", "meeting_attendance", "meeting_note", "meeting_decision", "action_item",
                  "action_item_carry", "meeting_topic", "meeting_revision")


@pytest.fixture
def meetings():
    kind = MeetingType.get_or_create(name="每日例会")[0]
    a, b = Member.create(name="周明"), Member.create(name="安然")
    earlier = Meeting.create(meeting_type=kind, date=DAY - dt.timedelta(days=1), start_time="07:30")
    stray = Meeting.create(meeting_type=kind, date=DAY, start_time="07:30", host=a)
    for m in (a, b):
        MeetingAttendance.create(meeting=stray, member=m, present=m is a, absence_reason="" if m is a else "值班")
    MeetingNote.create(meeting=stray, position=1, said_at="07:31:00", speaker=a, text="今天重点是东门")
    MeetingDecision.create(meeting=stray, position=1, text="东门增加一人", votes_for=2)
    own = ActionItem.create(meeting=stray, text="补登记册", owner=b, due_date=DAY, closed_in=stray,
                            status=ActionItem.DONE)
    old = ActionItem.create(meeting=earlier, text="修测温枪", owner=a, closed_in=stray,
                            status=ActionItem.DONE, closed_on=DAY)
    ActionItemCarry.create(item=own, meeting=stray)
    ActionItemCarry.create(item=old, meeting=stray)
    return stray, earlier, old


def test_a_meeting_comes_back_with_attendance_notes_decisions_and_items(meetings):
    stray, earlier, old = meetings
    before = dump(*MEETING_TABLES)

    snap = delete_with_snapshot(stray)

    assert Meeting.get_or_none(Meeting.id == stray.id) is None
    assert MeetingAttendance.select().count() == 0 and MeetingNote.select().count() == 0
    assert ActionItem.get_by_id(old.id).closed_in_id is None  # SET NULL cleared the other item's link
    assert snap.count("meeting_attendance") == 2 and snap.count("action_item_carry") == 2

    restore(snap)

    assert dump(*MEETING_TABLES) == before
    assert ActionItem.get_by_id(old.id).closed_in_id == stray.id


def test_the_snapshot_survives_json(meetings):
    stray, _, _ = meetings
    before = dump(*MEETING_TABLES)
    text = delete_with_snapshot(stray).to_json()
    restore(RecordSnapshot.from_json(text))
    assert dump(*MEETING_TABLES) == before


def test_capture_writes_nothing(meetings):
    stray, _, _ = meetings
    before = dump(*MEETING_TABLES)
    capture(stray)
    assert dump(*MEETING_TABLES) == before


def test_restore_refuses_when_the_id_is_taken_again_and_changes_nothing(meetings):
    stray, _, _ = meetings
    snap = delete_with_snapshot(stray)
    Meeting.insert(id=stray.id, meeting_type=stray.meeting_type_id, date=DAY).execute()
    before = dump(*MEETING_TABLES)
    with pytest.raises(RestoreConflict, match="无法撤销"):
        restore(snap)
    assert dump(*MEETING_TABLES) == before


def test_restore_refuses_when_a_row_it_points_at_is_gone(meetings):
    stray, _, _ = meetings
    snap = delete_with_snapshot(stray)
    Member.delete().where(Member.name == "安然").execute()  # nothing else points at her now
    with pytest.raises(RestoreConflict):
        restore(snap)
    assert Meeting.get_or_none(Meeting.id == stray.id) is None


def test_a_member_with_records_is_not_captured(meetings):
    with pytest.raises(StillReferenced) as caught:
        capture(Member.get(Member.name == "周明"))
    assert "meeting_attendance" in caught.value.blockers


def test_a_member_comes_back_with_leave_and_preferences():
    shifts = ShiftPattern.create(name="三班倒")
    gate = Post.create(name="东门", pattern=shifts)
    person = Member.create(name="李晓燕", phone="13900000000")
    Unavailability.create(member=person, start_date=DAY, end_date=DAY, reason="病假")
    DutyPreference.create(member=person, no_nights=True, preferred_post=gate)
    tables = ("member", "unavailability", "duty_preference")
    before = dump(*tables)

    snap = delete_with_snapshot(person)
    assert Member.select().count() == 0 and Unavailability.select().count() == 0

    restore(snap)
    assert dump(*tables) == before


def test_a_diary_entry_comes_back_findable(tmp_path):
    writer = Member.create(name="刘海波", political_status="中共党员", arrived_on=dt.date(2022, 4, 1))
    DiaryTag.get_or_create(name="核酸检测")
    entry = diaries.save_entry(writer.id, dt.date(2022, 4, 20), "今天在三号楼组织核酸检测，走访独居老人",
                               tags=["核酸检测"], figures=[("走访户数", 12, "户")], today=dt.date(2022, 4, 20))
    tables = ("diary_entry", "diary_entry_tag", "diary_figure")
    before = dump(*tables)
    assert [h.entry.id for h in search_diaries("独居老人")] == [entry.id]

    snap = delete_with_snapshot(DiaryEntry.get_by_id(entry.id))
    assert search_diaries("独居老人") == [] and DiaryFigure.select().count() == 0

    restore(snap)
    assert dump(*tables) == before
    assert [h.entry.id for h in search_diaries("独居老人")] == [entry.id]
    db.execute_sql("INSERT INTO diary_fts(diary_fts) VALUES ('integrity-check')")  # raises if stale


def test_a_post_comes_back_with_assignments_handovers_and_diary_links():
    shifts = ShiftPattern.create(name="三班倒")
    early = ShiftDefinition.create(pattern=shifts, name="早班", start_time="08:00", end_time="16:00")
    gate = Post.create(name="东门", pattern=shifts)
    a, b = Member.create(name="周明"), Member.create(name="安然")
    duty = DutyAssignment.create(date=DAY, post=gate, shift=early, member=a)
    DutyAssignment.create(date=DAY, post=gate, shift=early, member=b)
    handover = Handover.create(date=DAY, post=gate, shift=early, people_checked=120, handed_over_by=a)
    HandoverPerson.create(handover=handover, member=a, check_in="08:00")
    entry = DiaryEntry.create(member=a, date=DAY, text="东门值守", duty_assignment=duty)
    DutyPreference.create(member=b, preferred_post=gate)
    tables = ("post", "duty_assignment", "handover", "handover_person", "diary_entry", "duty_preference")
    before = dump(*tables)

    snap = delete_with_snapshot(gate)
    assert DutyAssignment.select().count() == 0 and HandoverPerson.select().count() == 0
    assert DiaryEntry.get_by_id(entry.id).duty_assignment_id is None
    assert DutyPreference.get().preferred_post_id is None

    restore(snap)
    assert dump(*tables) == before
