"""The constructive rota: who works each interval, earliest first, in milliseconds.

Round-robin with look-ahead: at each interval the people furthest behind their fair share
go first, where "behind" is measured against how far through their own free intervals the
rota has come, so someone about to go on leave is given their shifts before they go and
someone back from leave catches up. Nobody is pushed past the top of their band while
someone else can take the shift. Full Party members are chosen first for the Party-led posts.

On a regeneration every current assignment that is still allowed is kept first and only the
empty seats are filled, so nothing changes that need not change.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .eligibility import cap_minutes
from .intervals import Frame
from .shares import Measure


@dataclass
class Rota:
    """Who works each interval (people chosen here, pins excluded)."""

    chosen: list[list[int]]
    kept: set = field(default_factory=set)  # (interval, member) kept from the current rota

    def taken(self) -> dict[int, set[int]]:
        out: dict[int, set[int]] = defaultdict(set)
        for i, people in enumerate(self.chosen):
            for m in people:
                out[m].add(i)
        return out


def loads(frame: Frame, measures: dict[str, Measure], rota: Rota) -> dict[str, dict[int, int]]:
    out = {}
    for name, measure in measures.items():
        load = dict(measure.held)
        for iv, people in zip(frame.intervals, rota.chosen):
            w = measure.weight(iv)
            if w:
                for m in people:
                    load[m] = load.get(m, 0) + w
        out[name] = load
    return out


def band_excess(measures: dict[str, Measure], load: dict[str, dict[int, int]]) -> dict[str, int]:
    """Per measure: Σ over people of how far their count lies outside their band."""
    out = {}
    for name, measure in measures.items():
        out[name] = sum(max(0, load[name][m] - measure.hi[m]) + max(0, measure.lo[m] - load[name][m])
                        for m in measure.share)
    return out


def shortfall(frame: Frame, rota: Rota) -> tuple[int, int]:
    """(seats left empty, Party-led posts without a member) against what counting allows."""
    members = frame.members()
    short = sum(max(0, iv.possible - len(ppl)) for iv, ppl in zip(frame.intervals, rota.chosen))
    party = sum(max(0, iv.party_possible - sum(1 for m in ppl if m in members))
                for iv, ppl in zip(frame.intervals, rota.chosen))
    return short, party


def construct(frame: Frame, measures: dict[str, Measure], keep_current: bool = True) -> Rota:
    ivs = frame.intervals
    members = frame.members()
    chosen: list[list[int]] = [[] for _ in ivs]
    taken: dict[int, set[int]] = defaultdict(set)
    week: dict = defaultdict(int, frame.week_minutes)
    load = {name: dict(m.held) for name, m in measures.items()}
    rota = Rota(chosen)

    def free(m: int, i: int) -> bool:
        mine = taken.get(m)
        if mine and (i in mine or any(j in mine for j in frame.clash[i])):
            return False
        cap = cap_minutes(frame.people[m])
        return cap is None or week[(m, ivs[i].monday)] + ivs[i].minutes <= cap

    def take(m: int, i: int) -> None:
        chosen[i].append(m)
        taken[m].add(i)
        week[(m, ivs[i].monday)] += ivs[i].minutes
        for name, measure in measures.items():
            load[name][m] = load[name].get(m, 0) + measure.weight(ivs[i])

    if keep_current:
        for i, current in sorted(frame.current.items()):
            iv = ivs[i]
            # members first, so a Party-led post keeps its leader
            for m in sorted(current, key=lambda m: (m not in members, m)):
                if len(chosen[i]) < iv.possible and free(m, i):
                    take(m, i)
                    rota.kept.add((i, m))

    # look-ahead: how many free intervals of each kind each person has, and has passed
    total = {name: defaultdict(int) for name in measures}
    seen = {name: defaultdict(int) for name in measures}
    for iv in ivs:
        for name, measure in measures.items():
            if measure.weight(iv):
                for m in frame.eligible[iv.index]:
                    total[name][m] += 1
    regenerating = bool(rota.kept)

    def behind(name: str, m: int) -> float:
        measure = measures[name]
        share, held = measure.share.get(m, 0.0), measure.held.get(m, 0)
        if regenerating:  # the kept rota already counts: lowest load against share first
            return (share - load[name].get(m, 0)) / max(share, 0.5)
        n = total[name][m]
        expected = held + (share - held) * (seen[name][m] + 1) / n if n else share
        return expected - load[name].get(m, 0)

    for iv in ivs:
        i = iv.index
        special = "nights" if iv.night else "weekends" if iv.weekend else None

        def key(m: int):
            over = any(load[name].get(m, 0) + measure.weight(iv) > measure.hi.get(m, 0)
                       for name, measure in measures.items() if measure.weight(iv))
            avoid = iv.night and frame.people[m].avoid_nights
            score = behind("shifts", m) + behind("hours", m) / max(1, measures["hours"].weight(iv))
            if special:
                score += 2 * behind(special, m)
            return (over, avoid, -score, m)

        need = iv.possible - len(chosen[i])
        if need > 0:
            options = [m for m in frame.eligible[i] if m not in chosen[i] and free(m, i)]
            options.sort(key=key)
            # Party-led posts a kept member already leads from their own seat: a new leader
            # for the others, so no kept member has to change posts to lead
            here = frame.current.get(i, {})
            led = len({here[m] for m in chosen[i] if m in members and frame.slots[here[m]].party_required})
            for m in [m for m in options if m in members][:max(0, iv.party_possible - led)]:
                take(m, i)
            for m in options:
                if len(chosen[i]) >= iv.possible:
                    break
                if m not in chosen[i]:
                    take(m, i)
        for name, measure in measures.items():
            if measure.weight(iv):
                for m in frame.eligible[i]:
                    seen[name][m] += 1
    return rota
