"""Duty figures over a period: who served how much, and which slots still lack people.

Both functions read a fixed number of queries whatever the period's length.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from ..models import DutyAssignment, Member, ShiftDefinition
from .setup import active_on, posts
from .timeline import hours, is_night, is_weekend


@dataclass
class PersonDuty:
    member: Member
    shifts: int = 0
    hours: float = 0.0
    night_shifts: int = 0
    weekend_shifts: int = 0  # shifts starting on a Saturday or Sunday


class UnfilledShift(NamedTuple):
    date: dt.date
    post_name: str
    shift_name: str
    needed: int
    filled: int


def _days(date_from: dt.date, date_to: dt.date) -> list[dt.date]:
    return [date_from + dt.timedelta(days=i) for i in range((date_to - date_from).days + 1)]


def assignments(date_from: dt.date, date_to: dt.date) -> list[DutyAssignment]:
    """The period's assignments with shift and member loaded (one query)."""
    return list(DutyAssignment.select(DutyAssignment, ShiftDefinition, Member)
                .join(ShiftDefinition).switch(DutyAssignment).join(Member)
                .where((DutyAssignment.date >= date_from) & (DutyAssignment.date <= date_to)))


def duty_stats(date_from: dt.date, date_to: dt.date, include_idle: bool = True) -> list[PersonDuty]:
    """Per person: shifts, hours, night and weekend shifts in the period, in pinyin order.

    include_idle: also list members on site during the period who had no shift (fairness).
    """
    present = ()
    if include_idle:
        present = Member.select().where(
            (Member.arrived_on.is_null() | (Member.arrived_on <= date_to))
            & (Member.departed_on.is_null() | (Member.departed_on >= date_from)))
    return person_figures(assignments(date_from, date_to), present)


def person_figures(rows, present=()) -> list[PersonDuty]:
    """duty_stats() from loaded assignments (with shift and member) and the idle members to list."""
    people: dict[int, PersonDuty] = {}
    per_shift: dict[int, tuple[float, bool]] = {}  # hours and night worked out once per shift
    for row in rows:
        figures = people.get(row.member_id)
        if figures is None:
            figures = people[row.member_id] = PersonDuty(row.member)
        known = per_shift.get(row.shift_id)
        if known is None:
            known = per_shift[row.shift_id] = (hours(row.shift), is_night(row.shift))
        figures.shifts += 1
        figures.hours += known[0]
        figures.night_shifts += known[1]
        figures.weekend_shifts += is_weekend(row.date)
    for member in present:
        people.setdefault(member.id, PersonDuty(member))
    return sorted(people.values(), key=lambda p: (p.member.name_pinyin, p.member.id))


def unfilled_shifts(date_from: dt.date, date_to: dt.date) -> list[UnfilledShift]:
    """Every (day, post, shift) of an active post with fewer people than it needs, in rota order."""
    shifts: dict[int, list[ShiftDefinition]] = {}
    for shift in ShiftDefinition.select().order_by(ShiftDefinition.position, ShiftDefinition.id):
        shifts.setdefault(shift.pattern_id, []).append(shift)
    filled = Counter(
        (row.date, row.post_id, row.shift_id)
        for row in DutyAssignment.select(DutyAssignment.date, DutyAssignment.post, DutyAssignment.shift)
        .where((DutyAssignment.date >= date_from) & (DutyAssignment.date <= date_to)))
    return unfilled(posts(), shifts, filled, date_from, date_to)


def unfilled(active, shifts: dict, filled: Counter, date_from: dt.date, date_to: dt.date) -> list[UnfilledShift]:
    """unfilled_shifts() from loaded posts, shifts by pattern id and (date, post, shift) counts."""
    result = []
    for day in _days(date_from, date_to):
        for post in active:
            if not active_on(post, day):
                continue
            for shift in shifts.get(post.pattern_id, []):
                have = filled[(day, post.id, shift.id)]
                if have < post.people_needed:
                    result.append(UnfilledShift(day, post.name, shift.name, post.people_needed, have))
    return result


def totals(figures: list[PersonDuty]) -> dict[str, float]:
    """Sum and spread of hours among people who served at least once (for a summary line)."""
    served = [p.hours for p in figures if p.shifts]
    return {"people": len(served), "hours": sum(served),
            "min_hours": min(served, default=0.0), "max_hours": max(served, default=0.0)}

