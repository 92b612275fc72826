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
