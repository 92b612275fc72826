"""找人替班: who may take over one assignment, handing it over, and a plan that gives all of one
person's coming shifts to others while leaving every other slot as it is.

Legality is the engine's own (eligibility.prepare on a problem where every other assignment
is a fixed fact): active, not unavailable, no overlapping shift, the minimum rest on both
sides, the weekly hour cap, no nights, and a full Party member where the post needs one and
nobody else on that slot is one. Candidates are ranked by fairness over the shown period
(fewest shifts first), then by the rest they have had.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass

from ..models import DutyAssignment, Member, db
from . import timeline
from .edits import EditRefused
from .eligibility import Prepared, cap_minutes, conflicts, prepare
from .explain import explain
from .problem import RotaProblem, Slot, SlotKey, load_problem


@dataclass(frozen=True)
class Candidate:
    member_id: int
    name: str
    party_member: bool
    shifts_in_period: int
    rest_hours_before: float | None
    reasons: tuple[str, ...]  # short phrases shown to the secretary


BLOCKED = {  # eligibility reason codes in the secretary's words
    "inactive": "该日不在岗（尚未报到或已离开）",
    "unavailable": "该日不可用（请假或外出）",
    "no_nights": "不值夜班",
    "max_hours": "会超过每周工时上限",
}


def freeze(problem: RotaProblem, open_keys: set, drop: set) -> RotaProblem:
    """The problem with only *open_keys* left to plan: every other pin or current assignment
    becomes fixed history, the (slot key, member) pairs in *drop* are removed."""
    keep = [(k, m) for k, m in list(problem.pins) + list(problem.current) if (k, m) not in drop]
    outside = [(k, m) for k, m in keep if k not in open_keys]
    return RotaProblem(
        slots=[s for s in problem.slots if s.key in open_keys], people=list(problem.people),
        pins=[(k, m) for k, m in keep if k in open_keys], fixed=list(problem.fixed) + outside,
        min_rest_hours=problem.min_rest_hours,
        fixed_slots={**problem.fixed_slots, **{k: problem.slot(k) for k, _ in outside}},
        date_from=problem.date_from, date_to=problem.date_to, keep_from=problem.keep_from,
    )


def _period_counts(first: dt.date, last: dt.date, exclude: set[int] = frozenset()) -> Counter:
    query = DutyAssignment.select(DutyAssignment.id, DutyAssignment.member).where(
        DutyAssignment.date.between(first, last))
    return Counter(row.member_id for row in query if row.id not in exclude)


def _rest_before(held: list[Slot], slot: Slot) -> float | None:
    ends = [h.end for h in held if h.end <= slot.start]
    return round((slot.start - max(ends)).total_seconds() / 3600, 1) if ends else None


def _free_that_day(held: list[Slot], slot: Slot) -> bool:
    return not any(timeline.touches_days((h.start, h.end), slot.date, slot.date) for h in held)


def _needs_party(prep: Prepared, pos: int, on_slot: list[int]) -> bool:
    slot = prep.slots[pos]
    return slot.party_required and not any(
        m in prep.people and prep.people[m].full_party_member for m in on_slot)


def _load_slot(assignment_id: int):
    """(row, prep, position 0, member ids on the slot besides the row's) for one assignment."""
    row = DutyAssignment.get_or_none(DutyAssignment.id == assignment_id)
    if row is None:
        raise EditRefused("该班次已不存在，请刷新后重试")
    problem = load_problem(row.date, row.date, keep_from=row.date)
    key = (row.date, row.post_id, row.shift_id)
    prep = prepare(freeze(problem, {key}, {(key, row.member_id)}))
    if not prep.slots:
        raise EditRefused("该值守点当天不排班，无法替班")
    return row, prep, 0, list(prep.pinned.get(0, []))


def _rank(prep: Prepared, pos: int, members: list[int], counts: Counter, mean: float,
          held: dict[int, list[Slot]]) -> list[Candidate]:
    slot = prep.slots[pos]
    out = []
    for m in members:
        person = prep.people[m]
        mine = held.get(m, [])
        rest = _rest_before(mine, slot)
        n = counts.get(m, 0)
        reasons = []
        if _free_that_day(mine, slot):
            reasons.append("当天空闲")
        if rest is not None:
            reasons.append(f"距上一班 {rest:g} 小时")
        trend = "偏少" if n < mean - 0.5 else "偏多" if n > mean + 0.5 else "持平"
        reasons.append(f"本期 {n} 班（{trend}）")
        if person.full_party_member:
            reasons.append("党员")
        if person.preferred_post_id == slot.post_id:
            reasons.append("愿意在此岗")
        if slot.night and person.avoid_nights:
            reasons.append("尽量不值夜班")
        out.append(Candidate(m, person.name, person.full_party_member, n, rest, tuple(reasons)))
    soft = {m: int(slot.night and prep.people[m].avoid_nights) for m in members}
    out.sort(key=lambda c: (c.shifts_in_period, soft[c.member_id],
                            -(c.rest_hours_before if c.rest_hours_before is not None else 1e9), c.member_id))
    return out


def _legal(prep: Prepared, pos: int, on_slot: list[int], exclude: set[int], party: bool | None = None) -> list[int]:
    party = _needs_party(prep, pos, on_slot) if party is None else party
    return [m for m in prep.candidates.get(pos, [])
            if m not in exclude and m not in on_slot and (not party or prep.people[m].full_party_member)]


def suggest_replacements(assignment_id: int, limit: int = 8, date_from: dt.date | None = None,
                         date_to: dt.date | None = None) -> list[Candidate]:
    """The best legal replacements for one assignment, best first. Fairness is counted over
    date_from..date_to (default: the ISO week of the shift, as the rota grid shows it)."""
    row, prep, pos, on_slot = _load_slot(assignment_id)
    first = date_from or timeline.week_start(row.date)
    last = date_to or first + dt.timedelta(days=6)
    counts = _period_counts(first, last, exclude={row.id})
    active = [p.member_id for p in prep.people.values() if p.active_on(row.date)]
    mean = sum(counts.get(m, 0) for m in active) / len(active) if active else 0.0
    members = _legal(prep, pos, on_slot, exclude={row.member_id})
    return _rank(prep, pos, members, counts, mean, prep.constants)[:max(0, limit)]


def why_not(prep: Prepared, pos: int, on_slot: list[int], member_id: int) -> str | None:
    """Why *member_id* may not take slot *pos* (a Chinese phrase), or None when they may."""
    if member_id in on_slot:
        return "已排在这个班次"
    if member_id not in prep.people:
        return "不在本期名单中"
    if member_id in _legal(prep, pos, on_slot, exclude=set()):
        return None
    code = prep.reasons.get((pos, member_id))
    if code == "rest":
        slot = prep.slots[pos]
        near = next((h for h in sorted(prep.constants.get(member_id, []), key=lambda s: s.start)
                     if conflicts(slot, h, prep.rest)), None)
        where = f"与 {near.label} " if near is not None else ""
        return f"{where}冲突（少于最少休息 {prep.rest.total_seconds() / 3600:g} 小时）"
    if code in BLOCKED:
        return BLOCKED[code]
    return "这个岗需要正式党员带班"


def replace(assignment_id: int, member_id: int) -> DutyAssignment:
    """Give the assignment to *member_id* in one transaction; EditRefused (with the reason)
    if that person may not legally take it now."""
    with db.atomic():
        row, prep, pos, on_slot = _load_slot(assignment_id)
        if member_id == row.member_id:
            return row
        reason = why_not(prep, pos, on_slot, member_id)
        if reason is not None:
            member = Member.get_or_none(Member.id == member_id)
            name = member.name if member else "该人员"
            raise EditRefused(f"{name}不能接替这个班次：{reason}")
        row.member = member_id
        row.source = "manual"
        row.save()
        return row


def plan_person_replacement(member_id: int, date_from: dt.date, date_to: dt.date,
                            today: dt.date | None = None):
    """A RotaResult that gives each of the person's non-pinned shifts from max(date_from, today)
    to date_to to the best legal replacement and touches no other slot. Preview it with
    changes.rota_changes, write it with generate.apply_result."""
    from .solver import RotaResult, fairness_of

    started = time.monotonic()
    keep_from = max(date_from, today or dt.date.today())
    problem = load_problem(date_from, date_to, keep_from=keep_from)
    open_keys = {k for k, m in problem.current if m == member_id}
    drop = {(k, member_id) for k in open_keys}
    prep = prepare(freeze(problem, open_keys, drop))
    counts = Counter(m for k, m in list(problem.pins) + list(problem.current) + list(problem.fixed)
                     if date_from <= k[0] <= date_to and (k, m) not in drop)
    active = [p.member_id for p in problem.people]
    held = {m: list(slots) for m, slots in prep.constants.items()}
    week = Counter(prep.week_minutes)
    chosen: dict[int, list[int]] = {}
    for pos in sorted(range(len(prep.slots)), key=lambda i: (prep.slots[i].start, i)):
        slot = prep.slots[pos]
        on_slot = list(prep.pinned.get(pos, []))
        monday = timeline.week_start(slot.date)

        def free(m: int) -> bool:
            cap = cap_minutes(prep.people[m])
            if cap is not None and week[(m, monday)] + slot.minutes > cap:
                return False
            return not any(conflicts(slot, h, prep.rest) for h in held.get(m, []))

        legal = [m for m in _legal(prep, pos, on_slot, exclude={member_id}) if free(m)]
        if not legal:  # no free Party member: staff the shift anyway and say why (as the engine does)
            legal = [m for m in _legal(prep, pos, on_slot, {member_id}, party=False) if free(m)]
        mean = sum(counts.get(m, 0) for m in active) / len(active) if active else 0.0
        ranked = _rank(prep, pos, legal, counts, mean, held)
        if ranked and len(on_slot) < slot.needed:
            pick = ranked[0].member_id
            chosen[pos] = [pick]
            held.setdefault(pick, []).append(slot)
            counts[pick] += 1
            week[(pick, monday)] += slot.minutes
    kept: list[tuple[SlotKey, int]] = [(k, m) for k, m in list(problem.pins) + list(problem.current)
                                       if (k, m) not in drop]
    assignments = kept + [(prep.slots[pos].key, m) for pos, ms in chosen.items() for m in ms]
    unfilled = explain(prep, chosen)
    name = next((p.name for p in problem.people if p.member_id == member_id), "")
    done = sum(len(v) for v in chosen.values())
    status = f"为{name}找到 {done} 个班次的替班人" if not unfilled else f"无法排满：{len(unfilled)} 个班次找不到替班人"
    return RotaResult(
        assignments=assignments, unfilled=unfilled, complete=not unfilled, status=status,
        fairness=fairness_of(problem, assignments), seconds=time.monotonic() - started,
        keep_from=problem.keep_from, date_to=problem.date_to,
    )
