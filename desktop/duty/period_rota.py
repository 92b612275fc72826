"""The rota of a period as the duty page shows it, read in a fixed number of queries.

load(first, last) reads posts, shifts, members, leave, preferences and the assignments of the
period plus the margin the conflict check needs (rest and weekly hours at its edges) once,
assignments as plain tuples: building a peewee model with three joined models per row cost
~0.2 ms, a year-long rota's week ~1 s. The grid, its conflicts, the per-person view and the
statistics are all worked out from that in memory.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from ..models import (
    DutyAssignment,
    DutyPreference,
    Member,
    Post,
    ShiftDefinition,
    ShiftPattern,
    Unavailability,
)
from . import timeline
from .settings import min_rest_hours


class Entry:
    """One assignment, read-only: duck-types DutyAssignment (id, date, pinned, post, shift,
    member and their *_id) with the post, shift and member shared between entries."""

    __slots__ = ("id", "date", "post_id", "shift_id", "member_id", "pinned", "post", "shift", "member")

    def __init__(self, id, date, post_id, shift_id, member_id, pinned, post, shift, member):
        self.id, self.date, self.pinned = id, date, bool(pinned)
        self.post_id, self.shift_id, self.member_id = post_id, shift_id, member_id
        self.post, self.shift, self.member = post, shift, member

    def __repr__(self) -> str:
        return f"Entry({self.id}, {self.date}, post={self.post_id}, shift={self.shift_id}, member={self.member_id})"


def margins(date_from: dt.date, date_to: dt.date) -> tuple[dt.date, dt.date]:
    """The days the conflict check reads: two days either side (rest, overnight shifts) and
    whole ISO weeks (weekly hours)."""
    look_back = min(date_from - dt.timedelta(days=2), timeline.week_start(date_from))
    look_ahead = max(date_to + dt.timedelta(days=2), timeline.week_start(date_to) + dt.timedelta(days=6))
    return look_back, look_ahead


@dataclass
class PeriodRota:
    date_from: dt.date
    date_to: dt.date
    posts: list  # every post with its pattern, in display order
    shifts: dict  # pattern id -> [ShiftDefinition] in order
    members: dict  # member id -> Member (everyone: the roster is small)
    around: list  # Entry of date_from..date_to and the margins, by date then id
    leave: dict = field(default_factory=dict)  # member id -> [(first, last, reason)]
    prefs: dict = field(default_factory=dict)  # member id -> DutyPreference
    rest_hours: float = 8.0

    @cached_property
    def entries(self) -> list[Entry]:
        """The period's assignments in rota order (as duty.edits.rota() gives them)."""
        inside = [e for e in self.around if self.date_from <= e.date <= self.date_to]
        inside.sort(key=lambda e: (e.date, e.post.position, e.post_id, e.shift.position, e.shift_id,
                                   e.member.name_pinyin, e.member_id))
        return inside

    @cached_property
    def conflicts(self) -> list:
        from .conflicts import check

        return check(self)

    def shifts_of(self, post) -> list:
        return self.shifts.get(post.pattern_id, [])

    def present_members(self) -> list:
        """Members on site at some point of the period."""
        first, last = self.date_from, self.date_to
        return [m for m in self.members.values()
                if (m.arrived_on is None or m.arrived_on <= last) and (m.departed_on is None or m.departed_on >= first)]


def load(date_from: dt.date, date_to: dt.date) -> PeriodRota:
    """Seven queries whatever the period's length and the rota's size."""
    look_back, look_ahead = margins(date_from, date_to)
    posts = list(Post.select(Post, ShiftPattern).join(ShiftPattern).order_by(Post.position, Post.id))
    shifts: dict[int, list] = {}
    by_id = {}
    for shift in ShiftDefinition.select().order_by(ShiftDefinition.position, ShiftDefinition.id):
        shifts.setdefault(shift.pattern_id, []).append(shift)
        by_id[shift.id] = shift
    members = {m.id: m for m in Member.select()}
    post_of = {p.id: p for p in posts}
    # the date as stored text, parsed once per day: peewee's DateField tries several formats per row
    rows = (DutyAssignment
            .select(DutyAssignment.id, DutyAssignment.date.cast("TEXT"), DutyAssignment.post,
                    DutyAssignment.shift, DutyAssignment.member, DutyAssignment.pinned)
            .where(DutyAssignment.date.between(look_back, look_ahead))
            .order_by(DutyAssignment.date, DutyAssignment.id).tuples())
    days: dict[str, dt.date] = {}
    around = []
    for i, text, p, s, m, pinned in rows:
        day = days.get(text)
        if day is None:
            day = days[text] = dt.date.fromisoformat(text)
        around.append(Entry(i, day, p, s, m, pinned, post_of[p], by_id[s], members[m]))
    leave: dict[int, list] = {}
    for u in (Unavailability.select(Unavailability.member, Unavailability.start_date, Unavailability.end_date,
                                    Unavailability.reason)
              .where((Unavailability.start_date <= look_ahead) & (Unavailability.end_date >= look_back)).tuples()):
        leave.setdefault(u[0], []).append(tuple(u[1:]))
    prefs = {p.member_id: p for p in DutyPreference.select()}
    return PeriodRota(date_from, date_to, posts, shifts, members, around, leave, prefs, min_rest_hours())


def figures(rota: PeriodRota, include_idle: bool = True) -> list:
    """stats.duty_stats() of the period, from the loaded rota."""
    from . import stats

    return stats.person_figures(rota.entries, rota.present_members() if include_idle else ())


def unfilled(rota: PeriodRota) -> list:
    """stats.unfilled_shifts() of the period, from the loaded rota."""
    from collections import Counter

    from . import stats

    filled = Counter((e.date, e.post_id, e.shift_id) for e in rota.entries)
    return stats.unfilled(rota.posts, rota.shifts, filled, rota.date_from, rota.date_to)
