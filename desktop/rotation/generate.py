"""Plan a rota, preview it, write it.

``plan_rota`` solves without writing; ``apply_result`` writes a result in one transaction;
``generate_rota`` does both. Days before max(date_from, today) are the past and are never
touched; pinned assignments are kept. A cancelled solve still returns the best rota found
so far: ``generate_rota`` writes it (its status says 已取消，返回当前最好的排班) unless
``write_cancelled=False``; the UI should preview with plan_rota and ask instead.
"""
from __future__ import annotations

import datetime as dt
import threading

from ..backup import safety_backup
from ..models import DutyAssignment, db
from .problem import load_problem
from .solver import Progress, RotaResult, RotationSolver


def plan_rota(date_from: dt.date, date_to: dt.date, progress: Progress | None = None,
              cancel: threading.Event | None = None, time_limit_s: float = 30.0,
              today: dt.date | None = None, workers: int = 2) -> RotaResult:
    """The best rota for date_from..date_to; nothing is written."""
    keep_from = max(date_from, today or dt.date.today())
    problem = load_problem(date_from, date_to, keep_from=keep_from)
    return RotationSolver(problem, time_limit_s=time_limit_s, workers=workers).solve(progress, cancel)


def apply_result(result: RotaResult, date_from: dt.date, date_to: dt.date,
                 today: dt.date | None = None) -> int:
    """Replace the non-pinned assignments of the planned days with *result*, in one
    transaction. Returns the number of assignments written."""
    keep_from = result.keep_from or max(date_from, today or dt.date.today())
    last = min(date_to, result.date_to or date_to)
    if last < keep_from:
        return 0
    written = 0
    safety_backup("pre-rota")  # a regenerated rota replaces many rows at once
    with db.atomic():
        DutyAssignment.delete().where(
            DutyAssignment.date.between(keep_from, last) & (DutyAssignment.pinned == False)  # noqa: E712
        ).execute()
        existing = {
            (a.date, a.post_id, a.shift_id, a.member_id)
            for a in DutyAssignment.select().where(DutyAssignment.date.between(keep_from, last))
        }
        rows = []
        for (day, post_id, shift_id), member_id in result.assignments:
            key = (day, post_id, shift_id, member_id)
            if keep_from <= day <= last and key not in existing:
                existing.add(key)
                rows.append({"date": day, "post": post_id, "shift": shift_id, "member": member_id,
                             "pinned": False, "source": "auto"})
        for i in range(0, len(rows), 200):  # SQLite's variable limit
            DutyAssignment.insert_many(rows[i:i + 200]).execute()
        written = len(rows)
    return written


def generate_rota(date_from: dt.date, date_to: dt.date, progress: Progress | None = None,
                  cancel: threading.Event | None = None, time_limit_s: float = 30.0,
                  today: dt.date | None = None, write_cancelled: bool = True) -> RotaResult:
    """Plan and write. Incomplete rotas are written too (with unfilled slots explained)."""
    result = plan_rota(date_from, date_to, progress, cancel, time_limit_s, today)
    if write_cancelled or not result.cancelled:
        apply_result(result, date_from, date_to, today)
    return result
