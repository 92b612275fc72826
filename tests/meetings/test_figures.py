"""List figures come in a fixed number of queries and agree with the per-meeting service."""
import datetime as dt

from playhouse.test_utils import assert_query_count

from desktop.meetings import service
from desktop.meetings.figures import meeting_figures


def test_figures_match_the_service_in_three_queries(people):
    meetings = []
    for day in range(1, 6):
        on = dt.date(2022, 11, 14 + day)
        meeting = service.start_meeting("每日例会", on=on, now=dt.datetime.combine(on, dt.time(7, 30)))
        members = service.expected_members(on)
        for member in members[: day % 3]:
            service.set_absent(meeting.id, member.id, "值班")
        for n in range(day % 2 + 1):
            note = service.add_note(meeting.id, f"第{n}条发言", at=dt.time(7, 31 + n))
            service.note_to_decision(note.id) if n == 0 else service.note_to_action(note.id)
        meetings.append(meeting)
    with assert_query_count(3):
        figures = meeting_figures(m.id for m in meetings)
    for meeting in meetings:
        summary = service.attendance_summary(meeting.id)
        items = service.action_items(meeting.id)
        got = figures[meeting.id]
        assert (got.expected, got.present) == (summary.expected_count, summary.present_count)
        assert got.decisions == len(service.decisions(meeting.id))
        assert (got.actions, got.open_actions) == (len(items), len(items))
    assert meeting_figures([]) == {}


def test_long_lists_count_the_whole_table_with_the_same_figures(people, monkeypatch):
    from desktop.meetings import figures as module

    meetings = []
    for day in range(1, 5):
        on = dt.date(2022, 11, 14 + day)
        meeting = service.start_meeting("每日例会", on=on, now=dt.datetime.combine(on, dt.time(7, 30)))
        for member in service.expected_members(on)[:day]:
            service.set_absent(meeting.id, member.id, "请假")
        service.note_to_action(service.add_note(meeting.id, "排查", at=dt.time(7, 40)).id)
        meetings.append(meeting)
    wanted = [m.id for m in meetings[1:]]  # one meeting left out: its rows must not leak in
    by_list = meeting_figures(wanted)
    monkeypatch.setattr(module, "WHOLE_TABLE_FROM", 1)
    with assert_query_count(3):
        whole = meeting_figures(wanted)
    assert whole == by_list and set(whole) == set(wanted)
    assert [whole[i].expected - whole[i].present for i in wanted] == [2, 3, 4]
