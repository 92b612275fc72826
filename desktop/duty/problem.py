"""The rota as plain data: slots to fill, people who may fill them, and what is already fixed.

``load_problem`` reads the database once; everything after it (solver, explanation) is pure.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models import DutyAssignment, DutyPreference, Member, Post, ShiftDefinition, Unavailability
from . import timeline
from .settings import min_rest_hours

FULL_PARTY_STATUS = "中共党员"  # 党员带班 needs a full member; 预备党员 does not count

SlotKey = tuple  # (date, post_id, shift_id)


@dataclass
class Slot:
    date: dt.date
    post_id: int
    shift_id: int
    start: dt.datetime
    end: dt.datetime
    hours: float
    night: bool
    weekend: bool
    needed: int
    party_required: bool
    post_name: str = ""
    shift_name: str = ""

    @property
    def key(self) -> SlotKey:
        return (self.date, self.post_id, self.shift_id)

    @property
    def minutes(self) -> int:
        return int(round(self.hours * 60))

    @property
    def label(self) -> str:
        """'4月5日 夜班 东门' for messages."""
        return f"{timeline.label(self.date)} {self.shift_name} {self.post_name}"


@dataclass
class Person:
    member_id: int
    name: str
    full_party_member: bool
    active_from: dt.date | None = None
    active_to: dt.date | None = None  # exclusive: the departure day (departed_on)
    unavailable: list[tuple[dt.date, dt.date, str]] = field(default_factory=list)
    max_hours_per_week: float | None = None
    no_nights: bool = False
    avoid_nights: bool = False
    preferred_post_id: int | None = None

    def active_on(self, day: dt.date) -> bool:
        """Serving that day: arrived on or before it, not yet departed (departure day excluded)."""
        if self.active_from is not None and day < self.active_from:
            return False
        return self.active_to is None or day < self.active_to

    def unavailable_reason(self, slot: Slot) -> str | None:
        """The reason when any part of the shift falls on an unavailable day, else None.

        Rule: a shift is blocked if its span touches an unavailable calendar day, so a
        22:30–08:30 night is blocked by leave on either day; a shift ending exactly at
        00:00 does not touch the next day.
        """
        for first, last, reason in self.unavailable:
            if timeline.touches_days((slot.start, slot.end), first, last):
                return reason or "不可用"
        return None

    def available_days(self, first: dt.date, last: dt.date) -> int:
        """Days in first..last the person is active and not marked unavailable."""
        count, day = 0, first
        while day <= last:
            if self.active_on(day) and not any(a <= day <= b for a, b, _ in self.unavailable):
                count += 1
            day += dt.timedelta(days=1)
        return count


@dataclass
class RotaProblem:
    slots: list[Slot]
    people: list[Person]
    pins: list[tuple[SlotKey, int]] = field(default_factory=list)
    fixed: list[tuple[SlotKey, int]] = field(default_factory=list)
    min_rest_hours: float = 8.0
    fixed_slots: dict[SlotKey, Slot] = field(default_factory=dict)  # slots of fixed entries
    date_from: dt.date | None = None  # the fairness period (defaults to the slots' range)
    date_to: dt.date | None = None
    keep_from: dt.date | None = None
    # the non-pinned assignments the planned slots hold today: the rota a regeneration should
    # disturb as little as possible (engine.py keeps every one that is still valid)
    current: list[tuple[SlotKey, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        days = [s.date for s in self.slots]
        if self.date_from is None:
            self.date_from = min(days) if days else dt.date.today()
        if self.date_to is None:
            self.date_to = max(days) if days else self.date_from

    def slot(self, key: SlotKey) -> Slot | None:
        return self.slot_index().get(key) or self.fixed_slots.get(key)

    def slot_index(self) -> dict[SlotKey, Slot]:
        cache = getattr(self, "_index", None)
        if cache is None or len(cache) != len(self.slots):
            cache = {s.key: s for s in self.slots}
            self._index = cache
        return cache

    def person(self, member_id: int) -> Person | None:
        return next((p for p in self.people if p.member_id == member_id), None)


def make_slot(day: dt.date, post, shift) -> Slot:
    """A slot from a Post-like and ShiftDefinition-like object."""
    start, end = timeline.shift_span(day, shift)
    return Slot(
        date=day, post_id=post.id, shift_id=shift.id, start=start, end=end,
        hours=timeline.hours(shift), night=timeline.is_night(shift), weekend=timeline.is_weekend(day),
        needed=post.people_needed, party_required=bool(post.party_member_required),
        post_name=post.name, shift_name=shift.name,
    )


def _days(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def _post_active(post: Post, day: dt.date) -> bool:
    return (post.active_from is None or post.active_from <= day) and (
        post.active_to is None or day <= post.active_to
    )


def load_problem(date_from: dt.date, date_to: dt.date, keep_from: dt.date | None = None) -> RotaProblem:
    """The rota problem for date_from..date_to (inclusive).

    Slots are planned from keep_from (default: today, never before date_from). Assignments
    before keep_from and after date_to are fixed facts: they count for rest, overlap and
    weekly hours at the boundaries, and (inside the range) for fairness. Pinned assignments
    inside the planned days become pins.
    """
    if date_to < date_from:
        raise ValueError("结束日期早于开始日期")
    keep_from = max(date_from, keep_from or dt.date.today())
    shifts_by_pattern: dict[int, list[ShiftDefinition]] = {}
    for shift in ShiftDefinition.select().order_by(ShiftDefinition.position, ShiftDefinition.id):
        shifts_by_pattern.setdefault(shift.pattern_id, []).append(shift)
    posts = list(Post.select().order_by(Post.position, Post.id))
    slots = [
        make_slot(day, post, shift)
        for day in _days(keep_from, date_to)
        for post in posts if _post_active(post, day)
        for shift in shifts_by_pattern.get(post.pattern_id, [])
    ]

    # fixed history: back to the Monday of the first planned week (weekly hours) and a day
    # more (rest); forward to the Sunday after date_to
    look_back = min(date_from, timeline.week_start(keep_from)) - dt.timedelta(days=1)
    look_ahead = timeline.week_start(date_to) + dt.timedelta(days=7)
    rows = list(
        DutyAssignment.select(DutyAssignment, Post, ShiftDefinition)
        .join(Post).switch(DutyAssignment).join(ShiftDefinition)
        .where(DutyAssignment.date.between(look_back, look_ahead))
    )
    pins, fixed, fixed_slots, current = [], [], {}, []
    planned = {s.key for s in slots}
    for row in rows:
        slot = make_slot(row.date, row.post, row.shift)
        if slot.key in planned or keep_from <= row.date <= date_to and not row.pinned:
            if row.pinned:
                pins.append((slot.key, row.member_id))
            elif slot.key in planned:
                current.append((slot.key, row.member_id))
        else:
            fixed.append((slot.key, row.member_id))
            fixed_slots[slot.key] = slot

    unavailable: dict[int, list] = {}
    for row in Unavailability.select().where(
        (Unavailability.start_date <= date_to + dt.timedelta(days=1))
        & (Unavailability.end_date >= date_from - dt.timedelta(days=1))
    ):
        unavailable.setdefault(row.member_id, []).append((row.start_date, row.end_date, row.reason))
    prefs = {p.member_id: p for p in DutyPreference.select()}
    involved = {m for _, m in pins} | {m for _, m in fixed}
    people = []
    for member in Member.select().order_by(Member.name_pinyin, Member.id):
        person = Person(
            member_id=member.id, name=member.name,
            full_party_member=(member.political_status or "").strip() == FULL_PARTY_STATUS,
            active_from=member.arrived_on, active_to=member.departed_on,
            unavailable=unavailable.get(member.id, []),
        )
        pref = prefs.get(member.id)
        if pref is not None:
            person.max_hours_per_week = pref.max_hours_per_week
            person.no_nights, person.avoid_nights = bool(pref.no_nights), bool(pref.avoid_nights)
            person.preferred_post_id = pref.preferred_post_id
        if member.id in involved or any(person.active_on(d) for d in _days(keep_from, date_to)):
            people.append(person)
    return RotaProblem(
        slots=slots, people=people, pins=pins, fixed=fixed, min_rest_hours=min_rest_hours(),
        fixed_slots=fixed_slots, date_from=date_from, date_to=date_to, keep_from=keep_from,
        current=current,
    )
