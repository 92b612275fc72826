import datetime as dt
import random
from collections import Counter

from desktop.demo.meetings import build_meetings
from desktop.demo.roster import build_branch, build_roster
from desktop.meetings import service as S
from desktop.models import ActionItem, Meeting, MeetingAttendance, MeetingNote, close, open_store

TODAY = dt.date(2022, 11, 22)


def build(seed=2022):
    rng = random.Random(seed)
    build_branch(TODAY)
    members = build_roster(rng, TODAY)
    return build_meetings(rng, TODAY, members)


def test_the_demo_fortnight_has_what_was_promised():
    meetings = build()
    days = [TODAY - dt.timedelta(days=i) for i in range(13, -1, -1)]
    kinds = Counter(m.meeting_type.name for m in meetings)
    assert kinds == {"每日例会": 14, "支部委员会": 1, "支部党员大会": 1, "党课": 1}
    assert sorted(m.date for m in meetings if m.meeting_type.name == "每日例会") == days
    assert [m.date for m in meetings] == sorted(m.date for m in meetings)

    in_progress = [m for m in meetings if not m.is_final]
    assert [(m.meeting_type.name, m.date) for m in in_progress] == [("每日例会", TODAY)]
    assert S.todays_meeting("每日例会", TODAY).id == in_progress[0].id

    general = next(m for m in meetings if m.meeting_type.name == "支部党员大会")
    votes = [(d.votes_for, d.votes_against, d.votes_abstain) for d in S.decisions(general)]
    assert (11, 0, 1) in votes
    assert S.quorum(general).ok
    committee = next(m for m in meetings if m.meeting_type.name == "支部委员会")
    assert S.quorum(committee).ok and S.decisions(committee)

    reasons = Counter(
        a.absence_reason for a in MeetingAttendance.select().where(MeetingAttendance.present == False)  # noqa: E712 (peewee expression)
    )
    assert reasons.most_common(1)[0][0] == "值班" and reasons["请假"] and reasons["病假"]

    # Every line has a speaker; every daily meeting has the four standing topics.
    assert not MeetingNote.select().where(MeetingNote.speaker.is_null() & (MeetingNote.speaker_name == "")).exists()
    for meeting in meetings:
        if meeting.meeting_type.name == "每日例会":
            assert [t.text for t in S.topics(meeting)] == ["班前动员", "疫情防控政策学习", "发现的问题", "当日分工"]
            assert len(S.notes(meeting)) >= 4 and meeting.study_content and meeting.problems

    items = list(ActionItem.select())
    assert all(i.owner_id and i.due_date for i in items)
    closed_later = [i for i in items if i.status == ActionItem.DONE and i.closed_in_id != i.meeting_id]
    carried_open = [i for i in items if i.status == ActionItem.OPEN and i.carried_count >= 1]
    assert closed_later and carried_open
    assert {i.id for i in carried_open} <= {i.id for i in S.open_items_before(in_progress[0])}
    assert any(S.carried_into(m) for m in meetings)

    corrected = [m for m in meetings if S.revisions(m.id)]
    assert len(corrected) == 1 and corrected[0].is_final
    [entry] = S.history(corrected[0].id)
    assert entry.reason and any("6号楼" in line for line in entry.changes)


def test_the_demo_is_the_same_for_the_same_seed(tmp_path):
    first = [S.snapshot(m) for m in build(7)]
    close()
    open_store(tmp_path / "again.sqlite3")
    second = [S.snapshot(m) for m in build(7)]
    assert first == second
    assert Meeting.select().count() == 17
