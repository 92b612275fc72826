"""Fair shares by arithmetic: each person's share of shifts, hours, nights and weekend shifts
in proportion to the days they are available, and the narrowest integer band around it.

A share is the water level of a weighted fill: share_p = clamp(λ·days_p, held_p, most_p)
with Σ share_p = total, where held_p is what the person already holds (history, pins) and
most_p what they could do at all (free intervals, rest, weekly cap). Full Party members
carry the Party-led load among themselves: when their proportional part of a measure is
less than the Party-led part, members share that part and everyone else the rest.
People who avoid nights get night shifts only when the others cannot cover them all.

Any rota with every person inside [floor(share), ceil(share)] of every measure is as fair as
counting allows: no rota can put an integer count closer to its share. That is the claim
"公平：最优（按人数计算）" makes, and the engine makes it only after checking every person.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import reduce

from .intervals import Frame, Interval

MEASURES = ("shifts", "hours", "nights", "weekends")


@dataclass
class Measure:
    name: str
    unit: int  # hours are counted in units of the common divisor of shift lengths (minutes)
    held: dict[int, int] = field(default_factory=dict)  # person -> already held (units)
    share: dict[int, float] = field(default_factory=dict)
    lo: dict[int, int] = field(default_factory=dict)
    hi: dict[int, int] = field(default_factory=dict)

    def weight(self, iv: Interval) -> int:
        if self.name == "shifts":
            return 1
        if self.name == "hours":
            return iv.minutes // self.unit
        if self.name == "nights":
            return int(iv.night)
        return int(iv.weekend)

    def slot_weight(self, slot) -> int:
        return {"shifts": 1, "hours": slot.minutes // self.unit, "nights": int(slot.night),
                "weekends": int(slot.weekend)}[self.name]


def _fill(weights: dict[int, float], low: dict[int, float], high: dict[int, float], total: float) -> dict:
    """clamp(λ·w, low, high) summing to *total* (as near as the bounds allow)."""
    people = list(weights)
    if not people:
        return {}

    def at(level: float) -> dict:
        return {p: min(high[p], max(low[p], level * weights[p])) for p in people}

    if sum(low.values()) >= total:
        return {p: float(low[p]) for p in people}
    if sum(high.values()) <= total:
        return {p: float(high[p]) for p in people}
    lo_level, hi_level = 0.0, 1.0
    while sum(at(hi_level).values()) < total:
        hi_level *= 2
    for _ in range(60):
        mid = (lo_level + hi_level) / 2
        if sum(at(mid).values()) < total:
            lo_level = mid
        else:
            hi_level = mid
    return at(hi_level)


def _most(frame: Frame, m: int, measure: Measure) -> int:
    """An upper bound of what person *m* can do of the measure: per week, the most intervals
    of that kind they may work with the rest between them (earliest end first, exact on
    intervals), and no more than the weekly cap allows."""
    by_week: dict = {}
    for iv in frame.intervals:
        if m in frame.eligible[iv.index] and measure.weight(iv):
            by_week.setdefault(iv.monday, []).append(iv)
    total = 0
    for monday, ivs in by_week.items():
        count, free_from, minutes = 0, None, 0
        room = frame.room(m, monday)
        for iv in sorted(ivs, key=lambda v: v.end):
            if free_from is not None and iv.start < free_from:
                continue
            if room is not None and minutes + iv.minutes > room:
                continue
            count += measure.weight(iv)
            minutes += iv.minutes
            free_from = iv.end + frame.rest
        total += count
    return total


def shares(frame: Frame) -> dict[str, Measure]:
    problem = frame.problem
    lengths = [s.minutes for s in frame.slots] + [s.minutes for v in frame.constants.values() for s in v]
    unit = reduce(math.gcd, [v for v in lengths if v > 0], 0) or 60
    first, last = problem.date_from, problem.date_to
    days = {m: p.available_days(first, last) for m, p in frame.people.items()}
    members = frame.members()
    out = {}
    for name in MEASURES:
        measure = Measure(name, unit)
        for m in frame.people:
            measure.held[m] = sum(measure.slot_weight(s) for s in frame.constants.get(m, [])
                                  if first <= s.date <= last)
        total = sum(measure.held.values()) + sum(iv.possible * measure.weight(iv) for iv in frame.intervals)
        led = sum(iv.party_possible * measure.weight(iv) for iv in frame.intervals)
        can = {m for m, p in frame.people.items() if not (name == "nights" and p.no_nights)}
        most = {m: measure.held[m] + (_most(frame, m, measure) if m in can else 0) for m in frame.people}
        low = {m: float(measure.held[m]) for m in frame.people}
        weight = {m: float(days[m]) if m in can else 0.0 for m in frame.people}
        avoid = {m for m in can if name == "nights" and frame.people[m].avoid_nights}
        share = _split(weight, low, most, total, led, members, avoid)
        measure.share = share
        for m, value in share.items():
            measure.lo[m] = math.floor(value + 1e-9)
            measure.hi[m] = max(math.ceil(value - 1e-9), measure.held[m])
            if m in avoid:
                measure.lo[m] = measure.held[m]  # they may do fewer; never pushed to more
        out[name] = measure
    return out


def _split(weight, low, most, total, led, members, avoid) -> dict:
    """Shares with members carrying the Party-led part and night-avoiders filled last."""
    main = {m: w for m, w in weight.items() if m not in avoid}
    share = _fill(main, {m: low[m] for m in main}, {m: most[m] for m in main}, total - sum(low[m] for m in avoid))
    party = [m for m in main if m in members]
    if led and sum(share[m] for m in party) < led - 1e-9:
        inner = {m: main[m] for m in party}
        share.update(_fill(inner, {m: low[m] for m in inner}, {m: most[m] for m in inner}, led))
        outer = {m: main[m] for m in main if m not in members}
        rest = total - sum(low[m] for m in avoid) - sum(share[m] for m in party)
        share.update(_fill(outer, {m: low[m] for m in outer}, {m: most[m] for m in outer}, rest))
    left = total - sum(share.values()) - sum(low[m] for m in avoid)
    extra = {m: weight[m] for m in avoid}
    share.update(_fill(extra, {m: low[m] for m in avoid}, {m: most[m] for m in avoid},
                       sum(low[m] for m in avoid) + max(0.0, left)))
    for m in weight:
        share.setdefault(m, float(low[m]))
    return share
