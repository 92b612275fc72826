"""What applying a planned rota would change: the before/after list the secretary reads
before she confirms (issue 12 point 3).

``rota_changes`` mirrors generate.apply_result: on the planned days (from the result's
keep_from, never the past) pinned rows stay, every other row becomes what the result says.
Only slots whose set of people would differ are listed.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ..models import DutyAssignment, Member, Post, ShiftDefinition
from . import timeline


@dataclass(frozen=True)
class RotaChange:
    date: dt.date
    post_id: int
    shift_id: int
    post_name: str
    shift_name: str
    before: tuple[str, ...]  # member names in roster order
    after: tuple[str, ...]


def planned_days(result, date_from: dt.date, date_to: dt.date,
                 today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The days apply_result would rewrite (the same rule as apply_result)."""
    keep_from = result.keep_from or max(date_from, today or dt.date.today())
    last = min(date_to, result.date_to or date_to)
    return keep_from, last


def rota_changes(result, date_from: dt.date, date_to: dt.date,
                 today: dt.date | None = None) -> list[RotaChange]:
    """The slots whose people would differ if apply_result(result, date_from, date_to, today)
    ran now, sorted by date, shift start, then post order."""
    first, last = planned_days(result, date_from, date_to, today)
    if last < first:
        return []
    before: dict[tuple, set[int]] = defaultdict(set)
    after: dict[tuple, set[int]] = defaultdict(set)
    for row in (DutyAssignment.select(DutyAssignment.date, DutyAssignment.post, DutyAssignment.shift,
                                      DutyAssignment.member, DutyAssignment.pinned)
                .where(DutyAssignment.date.between(first, last))):
        key = (row.date, row.post_id, row.shift_id)
        before[key].add(row.member_id)
        if row.pinned:
            after[key].add(row.member_id)
    for (day, post_id, shift_id), member_id in result.assignments:
        if first <= day <= last:
            after[(day, post_id, shift_id)].add(member_id)
    changed = [key for key in set(before) | set(after) if before.get(key, set()) != after.get(key, set())]
    if not changed:
        return []
    posts = {p.id: p for p in Post.select()}
    shifts = {s.id: s for s in ShiftDefinition.select()}
    ids = {m for key in changed for m in before.get(key, set()) | after.get(key, set())}
    members = {m.id: m for m in Member.select().where(Member.id.in_(list(ids)))}

    def names(member_ids) -> tuple[str, ...]:
        people = sorted((members[m] for m in member_ids if m in members),
                        key=lambda m: (m.name_pinyin or "", m.id))
        return tuple(m.name for m in people)

    def order(key):
        day, post_id, shift_id = key
        post, shift = posts.get(post_id), shifts.get(shift_id)
        start = timeline.shift_span(day, shift)[0] if shift is not None else dt.datetime.combine(day, dt.time())
        return (day, start, post.position if post else 0, post_id, shift_id)

    out = []
    for key in sorted(changed, key=order):
        day, post_id, shift_id = key
        post, shift = posts.get(post_id), shifts.get(shift_id)
        out.append(RotaChange(day, post_id, shift_id, post.name if post else "", shift.name if shift else "",
                              names(before.get(key, ())), names(after.get(key, ()))))
    return out
