"""The CP-SAT model of a rota: decision variables, hard rules, and one expression per
soft level (shortfall, fair hours, fair nights, fair weekends, preferences + continuity).

Fairness is max − min of each person's *normalised* load: a person's count is scaled by
(days in the period / days that person is available), so someone away half the time is
expected to do half as much. People available less than half the period are left out of
the minimum (they are not made to catch up) but still capped by the maximum. For nights,
people with "no nights" are left out entirely and "avoid nights" people are left out of the
minimum. Counts include fixed history inside the period and pins.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from . import timeline
from .eligibility import Prepared, cap_minutes, pinned_party, remaining_needed

SCALE = 12  # normalised load of a fully available person = count × SCALE

LEVEL_NAMES = ("补足人手", "工时均衡", "夜班均衡", "周末班均衡", "个人意愿与连续性")


@dataclass
class RotaModel:
    model: cp_model.CpModel
    x: dict  # (slot pos, member_id) -> BoolVar
    short: dict  # slot pos -> IntVar (people missing)
    party_short: dict  # slot pos -> BoolVar (no full Party member)
    levels: list  # one linear expression per soft level, most important first
    balances: list = field(default_factory=list)  # (total var, value it has when nothing is short)
    fair_people: list = field(default_factory=list)


def _unit(prep: Prepared) -> int:
    values = [s.minutes for s in prep.slots] + [s.minutes for v in prep.constants.values() for s in v]
    return math.gcd(*[v for v in values if v > 0]) or 60


def _spread(model, loads: dict, max_set, min_set, ub: int, name: str):
    """max − min of loads[i]; max over max_set, min over min_set; 0 when not measurable."""
    if not max_set or not min_set:
        return 0
    hi = model.new_int_var(0, ub, f"{name}_max")
    lo = model.new_int_var(0, ub, f"{name}_min")
    for i in max_set:
        model.add(hi >= loads[i])
    for i in min_set:
        model.add(lo <= loads[i])
    # sum bounds help the search prove an uneven split (e.g. 126 shifts over 15 people)
    if max_set == min_set:
        total = sum(loads[i] for i in max_set)
        model.add(hi * len(max_set) >= total)
        model.add(lo * len(min_set) <= total)
    return hi - lo


def build(prep: Prepared) -> RotaModel:
    model = cp_model.CpModel()
    slots = prep.slots
    x: dict = {}
    by_person: dict[int, list] = defaultdict(list)
    for pos, members in prep.candidates.items():
        for m in members:
            var = model.new_bool_var(f"x_{pos}_{m}")
            x[(pos, m)] = var
            by_person[m].append(pos)

    # coverage with slack: the shortfall is the first soft level, so a partial rota survives
    short, party_short = {}, {}
    for pos, slot in enumerate(slots):
        need = remaining_needed(prep, pos)
        chosen = [x[(pos, m)] for m in prep.candidates.get(pos, [])]
        if need > 0:
            short[pos] = model.new_int_var(0, need, f"short_{pos}")
            model.add(sum(chosen) + short[pos] == need)
        elif chosen:
            model.add(sum(chosen) == 0)
        if slot.party_required and not pinned_party(prep, pos):
            party = [x[(pos, m)] for m in prep.candidates.get(pos, []) if prep.people[m].full_party_member]
            party_short[pos] = model.new_bool_var(f"pshort_{pos}")
            model.add(sum(party) + party_short[pos] >= 1)

    # overlap + rest: extend each shift by the rest time; shifts whose extended spans share
    # a point form a clique (interval graph), at most one per person
    for m, positions in by_person.items():
        positions.sort(key=lambda p: slots[p].start)
        window: list[int] = []
        for pos in positions:
            start = slots[pos].start
            window = [q for q in window if slots[q].end + prep.rest > start]
            window.append(pos)
            if len(window) > 1:
                model.add_at_most_one(x[(q, m)] for q in window)

    # weekly hours cap, counting fixed history and pins of that ISO week
    for m, positions in by_person.items():
        cap = cap_minutes(prep.people[m])
        if cap is None:
            continue
        weeks: dict = defaultdict(list)
        for pos in positions:
            weeks[timeline.week_start(slots[pos].date)].append(pos)
        for monday, group in weeks.items():
            room = cap - prep.week_minutes.get((m, monday), 0)
            if sum(slots[p].minutes for p in group) > room:
                model.add(sum(slots[p].minutes * x[(p, m)] for p in group) <= max(0, room))

    levels = [sum(short.values()) + sum(party_short.values())]
    fair, balances, fair_people = _fairness(model, prep, x, by_person)
    levels.extend(fair)
    levels.append(_preferences_and_continuity(model, prep, x, by_person))
    return RotaModel(model, x, short, party_short, levels, balances, fair_people)


def _fairness(model, prep: Prepared, x: dict, by_person: dict):
    """Spreads of normalised hours, nights and weekend shifts, plus the balance totals."""
    problem, slots = prep.problem, prep.slots
    unit = _unit(prep)
    days = (problem.date_to - problem.date_from).days + 1
    scales, half = {}, set()
    for person in problem.people:
        avail = person.available_days(problem.date_from, problem.date_to)
        if avail > 0:
            scales[person.member_id] = max(1, round(SCALE * days / avail))
            if 2 * avail >= days:
                half.add(person.member_id)
    if scales:  # keep numbers small: equal scales become 1
        g = math.gcd(*scales.values())
        scales = {m: v // g for m, v in scales.items()}
    everyone = [m for m in scales]
    can_night = [m for m in everyone if not prep.people[m].no_nights]
    measures = (
        ("hours", lambda s: s.minutes // unit, everyone, [m for m in everyone if m in half]),
        ("nights", lambda s: int(s.night), can_night,
         [m for m in can_night if m in half and not prep.people[m].avoid_nights]),
        ("weekends", lambda s: int(s.weekend), everyone, [m for m in everyone if m in half]),
    )
    levels, balances = [], []
    for name, weight, max_set, min_set in measures:
        if not max_set or not min_set:
            levels.append(0)
            continue
        loads, ub = {}, 0
        for m in max_set:
            held = [s for s in prep.constants.get(m, []) if problem.date_from <= s.date <= problem.date_to]
            const = sum(weight(s) for s in held)
            own = [(p, weight(slots[p])) for p in by_person.get(m, []) if weight(slots[p])]
            loads[m] = scales[m] * (const + sum(w * x[(p, m)] for p, w in own))
            ub = max(ub, scales[m] * (const + sum(w for _, w in own)))
        hi = model.new_int_var(0, ub, f"{name}_max")
        lo = model.new_int_var(0, ub, f"{name}_min")
        for m in max_set:
            model.add(hi >= loads[m])
        for m in min_set:
            model.add(lo <= loads[m])
        levels.append(hi - lo)
        members = set(max_set)
        if members != set(min_set) or any(scales[m] != 1 for m in members):
            continue
        # with no shortfall the total over these people is a known constant; telling the
        # solver lets it prove e.g. 126 shifts over 15 people cannot be split evenly
        relevant = [p for p in range(len(slots)) if weight(slots[p]) and remaining_needed(prep, p)]
        if any(m not in members for p in relevant for m in prep.candidates.get(p, [])):
            continue
        total = sum(loads[m] for m in max_set)
        known = sum(weight(slots[p]) * remaining_needed(prep, p) for p in relevant) + sum(
            weight(s) for m in max_set for s in prep.constants.get(m, [])
            if problem.date_from <= s.date <= problem.date_to)
        tv = model.new_int_var(0, max(known, ub * len(max_set)), f"{name}_total")
        model.add(tv == total)
        model.add(hi * len(max_set) >= tv)
        model.add(lo * len(min_set) <= tv)
        balances.append((tv, known))
    return levels, balances, everyone


def _preferences_and_continuity(model, prep: Prepared, x: dict, by_person: dict):
    """Preference breaches first, then missing continuity; weights keep them lexicographic."""
    slots = prep.slots
    breaches = []
    pinned_at = defaultdict(int)  # (member, post, day) -> pinned count
    for pos, members in prep.pinned.items():
        for m in members:
            pinned_at[(m, slots[pos].post_id, slots[pos].date)] += 1
    links = []
    for m, positions in by_person.items():
        person = prep.people[m]
        cells: dict = defaultdict(list)
        for pos in positions:
            slot = slots[pos]
            if person.preferred_post_id and slot.post_id != person.preferred_post_id:
                breaches.append(x[(pos, m)])
            if person.avoid_nights and slot.night:
                breaches.append(x[(pos, m)])
            cells[(slot.post_id, slot.date)].append(x[(pos, m)])
        for (post_id, day), today in cells.items():
            nxt = cells.get((post_id, day + dt.timedelta(days=1)))
            if not nxt:
                continue
            link = model.new_bool_var(f"c_{m}_{post_id}_{day}")
            model.add(link <= sum(today) + pinned_at[(m, post_id, day)])
            model.add(link <= sum(nxt) + pinned_at[(m, post_id, day + dt.timedelta(days=1))])
            links.append(link)
    return sum(breaches) * (len(links) + 1) + (len(links) - sum(links))
