"""search_meetings a page at a time: keyset pages (after=) join up exactly to the unlimited
result, in the list's order, with every filter; count_meetings counts that same result."""
import datetime as dt

import pytest

from desktop.meetings import service as S
from desktop.meetings.search import count_meetings, meeting_key, search_meetings
from desktop.models import Meeting, MeetingType

from .conftest import DAY, at

# (days after DAY, type, start time): made in this order, so on days 1 and 3 the ids run
# against the start times; two at the same time on day 3 and one with no time on day 4.
PLAN = (
    (0, "每日例会", "07:30"),
    (1, "支部委员会", "19:00"), (1, "每日例会", "07:30"), (1, "党课", "15:00"),
    (2, "每日例会", "07:30"),
    (3, "每日例会", "08:00"), (3, "党课", "08:00"), (3, "支部委员会", "06:45"), (3, "每日例会", "20:10"),
    (4, "每日例会", "07:30"), (4, "党课", ""),
)


@pytest.fixture
def crowded(people):
    made = []
    for index, (days, kind, start) in enumerate(PLAN):
        day = DAY + dt.timedelta(days=days)
        meeting = S.start_meeting(kind, on=day, now=at(day, start or "09:00"))
        if not start:
            Meeting.update(start_time="").where(Meeting.id == meeting.id).execute()
        if index % 3 == 0:
            S.add_note(meeting.id, "东门卡口车辆多", speaker_id=people.bai.id)
        if index % 2 == 0 and start:  # finalizing needs a start time
            S.finalize(meeting.id, now=at(day, "21:00"))
        made.append(meeting)
    return made


def _filters():
    daily = MeetingType.get(MeetingType.name == "每日例会").id
    day = DAY + dt.timedelta(days=1)
    return (
        {},
        {"type_id": daily},
        {"date_from": day, "date_to": DAY + dt.timedelta(days=3)},
        {"text": "卡口"},
        {"text": "卡口", "type_id": daily, "date_from": day},
    )


def _list_order(meeting):
    """The order the table shows newest first (MeetingTableModel's date sort key), reversed."""
    return meeting.date.isoformat(), meeting.start_time or "", meeting.id


def _paged(filters: dict, size: int) -> list:
    found, after = [], None
    while True:
        page = search_meetings(**filters, brief=True, limit=size, after=after)
        assert len(page) <= size
        if not page:
            return found
        found += page
        after = page[-1].key


def test_the_days_are_crowded_as_planned(crowded):
    day_three = [m for m in search_meetings(brief=True) if m.date == DAY + dt.timedelta(days=3)]
    assert [m.start_time for m in day_three] == ["20:10", "08:00", "08:00", "06:45"]
    assert [m.id for m in day_three] != sorted((m.id for m in day_three), reverse=True)  # not by id


@pytest.mark.parametrize("size", [1, 2, 3, 4, 100])
def test_pages_join_up_to_the_unlimited_result(crowded, size):
    for filters in _filters():
        whole = search_meetings(**filters, brief=True)
        assert whole, filters
        assert _paged(filters, size) == whole, filters
        assert [m.id for m in search_meetings(**filters)] == [m.id for m in whole]  # full rows too
        assert whole == sorted(whole, key=_list_order, reverse=True)


def test_until_reads_down_to_a_meeting_inclusive(crowded):
    whole = search_meetings(brief=True)
    assert search_meetings(brief=True, after=whole[1].key, until=whole[6].key) == whole[2:7]
    assert search_meetings(brief=True, until=whole[0].key) == whole[:1]
    assert search_meetings(brief=True, until=whole[-1].key) == whole
    assert meeting_key(whole[4].id) == whole[4].key
    assert meeting_key(10_000) is None


def test_counts_match_the_result(crowded):
    assert count_meetings() == (11, 6)  # every other one final, but the one with no time
    for filters in _filters():
        whole = search_meetings(**filters, brief=True)
        assert count_meetings(**filters) == (len(whole), sum(1 for m in whole if not m.is_final)), filters
    assert count_meetings("没有这句话") == (0, 0)
