"""What the 概览 page shows, gathered from the services (Qt-free, read-only).

Each function returns plain dataclasses so the page never touches the models.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from .diaries import service as diaries
from .meetings import stats as meeting_stats
from .meetings.service import list_meetings
from .models import ActionItem, Meeting, Member
from .roster import service as roster
from .rotation import edits, handover, setup
from .rotation import stats as duty

WEEK_DAYS = 7


@dataclass(frozen=True)
class DutySlot:
    post: str
    shift: str
    time: str            # '08:00–16:00'
    names: tuple[str, ...]
    needed: int

    @property
    def vacant(self) -> int:
        return max(0, self.needed - len(self.names))


@dataclass(frozen=True)
class OpenItem:
    id: int
    text: str
    owner: str           # '' when nobody is named
    due: dt.date | None
    raised_on: dt.date
    overdue: bool


@dataclass(frozen=True)
class Incomplete:
    member_id: int
    name: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class WeekFigures:
    date_from: dt.date
    date_to: dt.date
    meetings: int
    attendance: float | None     # present / expected over all meetings; None: nobody expected
    shifts: int
    hours: float
    diary_entries: int
    people_checked: int | None   # None: no handover records in the period
    vehicles_checked: int | None


def duty_on(day: dt.date) -> list[DutySlot]:
    """Every shift of every post active on *day*, with who is on it, in rota order."""
    names: dict[tuple[int, int], list[str]] = {}
    for row in edits.rota(day, day):
        names.setdefault((row.post_id, row.shift_id), []).append(row.member.name)
    slots = []
    for post in setup.posts(on=day):
        for shift in setup.shifts_of(post.pattern_id):
            slots.append(DutySlot(post.name, shift.name, setup.time_range(shift),
                                  tuple(names.get((post.id, shift.id), ())), post.people_needed))
    return slots


def open_items(today: dt.date) -> list[OpenItem]:
    """Open 待办 of all meetings: overdue first, then by due date (undated last), then age."""
    owner = Member.alias()
    query = (ActionItem.select(ActionItem, Meeting, owner)
             .join(Meeting, on=(ActionItem.meeting == Meeting.id))
             .switch(ActionItem)
             .join(owner, JOIN.LEFT_OUTER, on=(ActionItem.owner == owner.id), attr="owner")
             .where(ActionItem.status == ActionItem.OPEN))
    items = [OpenItem(item.id, item.text, item.owner.name if item.owner_id else "", item.due_date,
                      item.meeting.date, item.due_date is not None and item.due_date < today)
             for item in query]
    return sorted(items, key=lambda i: (not i.overdue, i.due is None, i.due or today, i.raised_on, i.id))


def missing_diary_names(day: dt.date) -> list[str]:
    return [m.name for m in diaries.missing_diaries(day)]


def incomplete_members(today: dt.date) -> list[Incomplete]:
    """Members still in the branch whose roster entry lacks required fields (待完善)."""
    result = []
    for member in roster.list_members():
        if member.departed_on is not None and member.departed_on <= today:
            continue
        missing = roster.completeness(member)
        if missing:
            result.append(Incomplete(member.id, member.name, tuple(missing)))
    return result


def week_figures(today: dt.date) -> WeekFigures:
    """The last seven days up to and including *today*."""
    start = today - dt.timedelta(days=WEEK_DAYS - 1)
    rates = meeting_stats.attendance_rates(start, today)
    expected = sum(r.expected for r in rates)
    attendance = sum(r.present for r in rates) / expected if expected else None
    people = duty.duty_stats(start, today, include_idle=False)
    records = handover.handovers(start, today)
    return WeekFigures(
        start, today, len(list_meetings(start, today)), attendance,
        sum(p.shifts for p in people), sum(p.hours for p in people),
        len(diaries.entries(date_from=start, date_to=today)),
        sum(h.people_checked for h in records) if records else None,
        sum(h.vehicles_checked for h in records) if records else None,
    )
