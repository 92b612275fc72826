"""Who may take which slot: the per-person hard rules, shared by solver, greedy start and
the unfilled-slot explanation so all three agree."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from . import timeline
from .problem import Person, RotaProblem, Slot


@dataclass
class Prepared:
    """The problem indexed for model building."""

    problem: RotaProblem
    slots: list[Slot]
    index: dict  # slot key -> position in slots
    rest: dt.timedelta
    # member_id -> list of slots that person holds regardless of the solve (fixed + pins)
    constants: dict[int, list[Slot]] = field(default_factory=dict)
    # (member_id, week monday) -> minutes already held by constants
    week_minutes: dict = field(default_factory=dict)
    # slot position -> member ids pinned to it
    pinned: dict[int, list[int]] = field(default_factory=dict)
    # slot position -> list of member_ids that may be chosen (free decisions only)
    candidates: dict[int, list[int]] = field(default_factory=dict)
    reasons: dict = field(default_factory=dict)  # (slot pos, member_id) -> why blocked
    people: dict[int, Person] = field(default_factory=dict)


def conflicts(a: Slot, b: Slot, rest: dt.timedelta) -> bool:
    """Two shifts one person cannot both take: they overlap or leave less than *rest* between."""
    first, second = (a, b) if a.start <= b.start else (b, a)
    return second.start < first.end + rest


def cap_minutes(person: Person) -> int | None:
    if person.max_hours_per_week is None or person.max_hours_per_week <= 0:
        return None
    return int(round(person.max_hours_per_week * 60))


def base_reason(person: Person, slot: Slot) -> str | None:
    """Why the person can never take this slot (activity, leave, no nights), else None."""
    if not person.active_on(slot.date):
        return "inactive"
    if person.unavailable_reason(slot):
        return "unavailable"
    if slot.night and person.no_nights:
        return "no_nights"
    cap = cap_minutes(person)
    if cap is not None and slot.minutes > cap:
        return "max_hours"
    return None


def prepare(problem: RotaProblem) -> Prepared:
    slots = list(problem.slots)
    index = {s.key: i for i, s in enumerate(slots)}
    prep = Prepared(problem, slots, index, dt.timedelta(hours=problem.min_rest_hours))
    prep.people = {p.member_id: p for p in problem.people}
    for key, member_id in problem.fixed:
        slot = problem.fixed_slots.get(key)
        if slot is not None:
            prep.constants.setdefault(member_id, []).append(slot)
    for key, member_id in problem.pins:
        pos = index.get(key)
        if pos is None:
            continue
        if member_id not in prep.pinned.setdefault(pos, []):
            prep.pinned[pos].append(member_id)
            prep.constants.setdefault(member_id, []).append(slots[pos])
    week_minutes: dict = defaultdict(int)
    for member_id, held in prep.constants.items():
        for slot in held:
            week_minutes[(member_id, timeline.week_start(slot.date))] += slot.minutes
    prep.week_minutes = dict(week_minutes)

    for person in problem.people:
        held = sorted(prep.constants.get(person.member_id, []), key=lambda s: s.start)
        cap = cap_minutes(person)
        for pos, slot in enumerate(slots):
            if person.member_id in prep.pinned.get(pos, ()):
                continue
            reason = base_reason(person, slot)
            if reason is None and any(conflicts(slot, h, prep.rest) for h in held):
                reason = "rest"
            if reason is None and cap is not None:
                used = prep.week_minutes.get((person.member_id, timeline.week_start(slot.date)), 0)
                if used + slot.minutes > cap:
                    reason = "max_hours"
            if reason is None:
                prep.candidates.setdefault(pos, []).append(person.member_id)
            else:
                prep.reasons[(pos, person.member_id)] = reason
    return prep


def remaining_needed(prep: Prepared, pos: int) -> int:
    """People still to choose for a slot after its pins."""
    return max(0, prep.slots[pos].needed - len(prep.pinned.get(pos, ())))


def pinned_party(prep: Prepared, pos: int) -> bool:
    people = prep.people
    return any(m in people and people[m].full_party_member for m in prep.pinned.get(pos, ()))
