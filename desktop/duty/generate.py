"""Plan a rota, preview it, write it.

``plan_rota`` solves without writing (engine.RotaEngine; the earlier solver.RotaSolver is
kept for comparison in bench/rota.py); ``apply_result`` writes a result in one transaction;
``generate_rota`` does both. A regeneration keeps every assignment of the planned days that
is still valid and replaces only the others (keep_current=False plans the days afresh).
Days before max(date_from, today) are the past and are never touched; pinned assignments
are kept. A cancelled solve still returns the best rota found
so far: ``generate_rota`` writes it (its status says 已取消，返回当前最好的排班) unless
``write_cancelled=False``; the UI should preview with plan_rota and ask instead.
"""
from __future__ import annotations

import datetime as dt
import threading

from ..models import DutyAssignment, db
from ..safety.backup import safety_backup
from .engine import RotaEngine
from .problem import load_problem
from .solver import Progress, RotaResult


def plan_rota(date_from: dt.date, date_to: dt.date, progress: Progress | None = None,
              cancel: threading.Event | None = None, time_limit_s: float = 30.0,
              today: dt.date | None = None, workers: int = 2, keep_current: bool = True) -> RotaResult:
    """The best rota for date_from..date_to; nothing is written. *time_limit_s* caps the
    search (用时上限); a rota is returned whatever stops it."""
    keep_from = max(date_from, today or dt.date.today())
    problem = load_problem(date_from, date_to, keep_from=keep_from)
    engine = RotaEngine(problem, time_limit_s=time_limit_s, workers=workers, keep_current=keep_current)
    return engine.solve(progress, cancel)


def apply_result(result: RotaResult, date_from: dt.date, date_to: dt.date,
                 today: dt.date | None = None) -> int:
    """Make the non-pinned assignments of the planned days those of *result*, in one
    transaction. Rows the result keeps stay as they are (same id, same source); only the
    differences are deleted and inserted. Returns the number of assignments written."""
    keep_from = result.keep_from or max(date_from, today or dt.date.today())
    last = min(date_to, result.date_to or date_to)
    if last < keep_from:
        return 0
    wanted = {(day, post_id, shift_id, member_id)
              for (day, post_id, shift_id), member_id in result.assignments if keep_from <= day <= last}
    safety_backup("pre-rota")  # a regenerated rota may replace many rows at once
    with db.atomic():
        existing, stale = set(), []
        for row in DutyAssignment.select().where(DutyAssignment.date.between(keep_from, last)):
            key = (row.date, row.post_id, row.shift_id, row.member_id)
            if row.pinned or key in wanted:
                existing.add(key)
            else:
                stale.append(row.id)
        for i in range(0, len(stale), 500):  # SQLite's variable limit
            DutyAssignment.delete().where(DutyAssignment.id.in_(stale[i:i + 500])).execute()
        rows = [{"date": day, "post": post_id, "shift": shift_id, "member": member_id,
                 "pinned": False, "source": "auto"}
                for day, post_id, shift_id, member_id in sorted(wanted - existing)]
        for i in range(0, len(rows), 200):
            DutyAssignment.insert_many(rows[i:i + 200]).execute()
    return len(rows)


def generate_rota(date_from: dt.date, date_to: dt.date, progress: Progress | None = None,
                  cancel: threading.Event | None = None, time_limit_s: float = 30.0,
                  today: dt.date | None = None, write_cancelled: bool = True,
                  keep_current: bool = True) -> RotaResult:
    """Plan and write. Incomplete rotas are written too (with unfilled slots explained)."""
    result = plan_rota(date_from, date_to, progress, cancel, time_limit_s, today, keep_current=keep_current)
    if write_cancelled or not result.cancelled:
        apply_result(result, date_from, date_to, today)
    return result
