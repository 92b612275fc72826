"""Shift-first view of a rota problem: the time intervals to staff and who may work each.

Slots that share a start and an end are interchangeable for every rule but the Party-member
rule, so the engine decides who works each *interval* first and hands out posts afterwards
(posts.py). The Party rule becomes a count: full members on duty in the interval ≥ posts
there that still need one. Who may work an interval is decided once here, by the same rules
as eligibility.py (activity, leave, no nights, weekly cap, rest around fixed shifts and pins),
and the counts of who is free show before any search which slots cannot be staffed.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from . import timeline
from .eligibility import Prepared, base_reason, cap_minutes, conflicts
from .problem import Person, RotaProblem, Slot


@dataclass
class Interval:
    index: int
    start: dt.datetime
    end: dt.datetime
    minutes: int
    night: bool
    weekend: bool
    date: dt.date
    positions: list[int]  # slot positions in problem.slots
    demand: int = 0  # seats left after pins
    party_demand: int = 0  # slots that still need a full member (and have a seat)
    possible: int = 0  # seats that can be staffed at all (counted before solving)
    party_possible: int = 0

    @property
    def monday(self) -> dt.date:
        return timeline.week_start(self.date)


@dataclass
class Frame:
    problem: RotaProblem
    slots: list[Slot]
    intervals: list[Interval]  # by start time
    people: dict[int, Person]
    rest: dt.timedelta
    constants: dict[int, list[Slot]] = field(default_factory=dict)  # fixed history + pins
    pinned: dict[int, list[int]] = field(default_factory=dict)  # slot position -> member ids
    week_minutes: dict = field(default_factory=dict)  # (member, monday) -> minutes of constants
    eligible: list[set[int]] = field(default_factory=list)  # interval -> who may work it
    clash: list[list[int]] = field(default_factory=list)  # interval -> intervals too close to it
    current: dict[int, dict[int, int]] = field(default_factory=dict)  # interval -> {member: slot pos}
    invalid_current: int = 0  # current (slot, person) pairs no longer allowed

    def members(self) -> set[int]:
        return {m for m, p in self.people.items() if p.full_party_member}

    def room(self, member_id: int, monday: dt.date) -> int | None:
        cap = cap_minutes(self.people[member_id])
        return None if cap is None else cap - self.week_minutes.get((member_id, monday), 0)

    def as_prepared(self) -> Prepared:
        """The eligibility.Prepared that explain.explain reads (no per-slot candidate lists)."""
        index = {s.key: i for i, s in enumerate(self.slots)}
        return Prepared(self.problem, self.slots, index, self.rest, constants=self.constants,
                        week_minutes=self.week_minutes, pinned=self.pinned, people=self.people)


def build(problem: RotaProblem) -> Frame:
    slots = list(problem.slots)
    frame = Frame(problem, slots, [], {p.member_id: p for p in problem.people},
                  dt.timedelta(hours=problem.min_rest_hours))
    index = {s.key: i for i, s in enumerate(slots)}
    for key, m in problem.fixed:
        slot = problem.fixed_slots.get(key)
        if slot is not None:
            frame.constants.setdefault(m, []).append(slot)
    for key, m in problem.pins:
        pos = index.get(key)
        if pos is not None and m not in frame.pinned.setdefault(pos, []):
            frame.pinned[pos].append(m)
            frame.constants.setdefault(m, []).append(slots[pos])
    weeks: dict = defaultdict(int)
    for m, held in frame.constants.items():
        held.sort(key=lambda s: s.start)
        for s in held:
            weeks[(m, timeline.week_start(s.date))] += s.minutes
    frame.week_minutes = dict(weeks)

    groups: dict[tuple, list[int]] = defaultdict(list)
    for pos, s in enumerate(slots):
        groups[(s.start, s.end)].append(pos)
    for i, (span, positions) in enumerate(sorted(groups.items())):
        first = slots[positions[0]]
        iv = Interval(i, span[0], span[1], first.minutes, first.night, first.weekend, first.date, positions)
        for pos in positions:
            seats = max(0, slots[pos].needed - len(frame.pinned.get(pos, ())))
            iv.demand += seats
            led = any(frame.people[m].full_party_member for m in frame.pinned.get(pos, ()) if m in frame.people)
            if slots[pos].party_required and not led and seats > 0:
                iv.party_demand += 1
        frame.intervals.append(iv)

    _clashes(frame)
    _eligibility(frame)
    _current(frame, index)
    for iv, able in zip(frame.intervals, frame.eligible):
        iv.possible = min(iv.demand, len(able))
        iv.party_possible = min(iv.party_demand, iv.possible,
                                sum(1 for m in able if frame.people[m].full_party_member))
    return frame


def _clashes(frame: Frame) -> None:
    ivs = frame.intervals
    frame.clash = [[] for _ in ivs]
    for i, a in enumerate(ivs):
        for j in range(i + 1, len(ivs)):
            if ivs[j].start >= a.end + frame.rest:
                break
            frame.clash[i].append(j)
            frame.clash[j].append(i)


def _eligibility(frame: Frame) -> None:
    frame.eligible = [set() for _ in frame.intervals]
    for person in frame.people.values():
        m = person.member_id
        held = frame.constants.get(m, [])
        cap = cap_minutes(person)
        for iv in frame.intervals:
            slot = frame.slots[iv.positions[0]]
            if base_reason(person, slot) is not None:
                continue
            if held and any(conflicts(slot, h, frame.rest) for h in held):
                continue
            if cap is not None and frame.week_minutes.get((m, iv.monday), 0) + iv.minutes > cap:
                continue
            frame.eligible[iv.index].add(m)


def _current(frame: Frame, index: dict) -> None:
    of_pos = {pos: iv.index for iv in frame.intervals for pos in iv.positions}
    for key, m in frame.problem.current:
        pos = index.get(key)
        if pos is None:
            continue
        i = of_pos[pos]
        if m in frame.eligible[i] and m not in frame.current.get(i, {}):
            frame.current.setdefault(i, {})[m] = pos
        elif m not in frame.pinned.get(pos, ()):
            frame.invalid_current += 1
