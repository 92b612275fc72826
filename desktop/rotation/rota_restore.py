"""Undo for a rota rewrite: what some days held, and putting exactly that back.

    rows_of(first, last) -> list[tuple]           # (date, post, shift, member, pinned, source)
    restore_rows(first, last, rows, today=None)   # one transaction

The duty page keeps rows_of() of the days a 找替班 rewrote, so 撤销 restores them as they were
(sources included), never touching the past or pinned rows.
"""
from __future__ import annotations

import datetime as dt

from ..models import DutyAssignment, db


def rows_of(first: dt.date, last: dt.date) -> list[tuple]:
    query = (DutyAssignment.select(DutyAssignment.date, DutyAssignment.post, DutyAssignment.shift,
                                   DutyAssignment.member, DutyAssignment.pinned, DutyAssignment.source)
             .where(DutyAssignment.date.between(first, last)).tuples())
    return [(d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)), *rest) for d, *rest in query]


def restore_rows(first: dt.date, last: dt.date, rows: list[tuple], today: dt.date | None = None) -> int:
    """The non-pinned rows of max(first, today)..last become exactly those of *rows*."""
    keep_from = max(first, today or dt.date.today())
    if last < keep_from:
        return 0
    with db.atomic():
        DutyAssignment.delete().where(DutyAssignment.date.between(keep_from, last)
                                      & (DutyAssignment.pinned == False)).execute()  # noqa: E712
        present = {(d, p, s, m) for d, p, s, m, *_ in rows_of(keep_from, last)}
        back = [{"date": d, "post": p, "shift": s, "member": m, "pinned": False, "source": source}
                for d, p, s, m, pinned, source in rows
                if keep_from <= d <= last and not pinned and (d, p, s, m) not in present]
        for i in range(0, len(back), 200):  # SQLite's variable limit
            DutyAssignment.insert_many(back[i:i + 200]).execute()
    return len(back)
