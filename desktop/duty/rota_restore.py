"""Undo for rota changes: what some days or one slot held, and putting exactly that back.

    rows_of(first, last) -> list[tuple]                 # (date, post, shift, member, pinned, source)
    restore_rows(first, last, rows, today=None, expected=None)   # one transaction
    capture_slot(day, post_id, shift_id) -> SlotImage   # every row of one slot, ids included
    restore_slot(before, expected=None)                 # one transaction
    revert_rows(before, after)                          # edited rows back, if still as left

The duty page keeps rows_of() of the days a 找替班 or 自动排班 rewrote, so 撤销 restores them as
they were (sources included), never touching the past or pinned rows. A cell edit is undone
with a SlotImage: the slot gets back exactly its rows (ids, pinned, source, diary links), on
any date. Each undo first checks that what it would overwrite is still what the change left
(*expected* / *after*): otherwise RestoreConflict, since a later change would be lost silently.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import DutyAssignment, db
from ..models.snapshot import (
    RecordSnapshot,
    RestoreConflict,
    capture,
    capture_row,
    restore,
    revert_row,
)

CHANGED_SINCE = "无法撤销：这一班在之后又改动过，撤销会覆盖后来的改动。请直接在排班表上修改。"
DAYS_CHANGED_SINCE = "无法撤销：这些天的排班在之后又改动过，撤销会覆盖后来的改动。请直接在排班表上修改。"


def rows_of(first: dt.date, last: dt.date) -> list[tuple]:
    query = (DutyAssignment.select(DutyAssignment.date, DutyAssignment.post, DutyAssignment.shift,
                                   DutyAssignment.member, DutyAssignment.pinned, DutyAssignment.source)
             .where(DutyAssignment.date.between(first, last)).tuples())
    return [(d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)), *rest) for d, *rest in query]


def restore_rows(first: dt.date, last: dt.date, rows: list[tuple], today: dt.date | None = None,
                 expected: list[tuple] | None = None) -> int:
    """The non-pinned rows of max(first, today)..last become exactly those of *rows*.

    With *expected* (rows_of() just after the change being undone) RestoreConflict is raised,
    and nothing written, when those days hold something else now."""
    keep_from = max(first, today or dt.date.today())
    if last < keep_from:
        return 0
    with db.atomic():
        if expected is not None:
            wanted = sorted(r for r in expected if keep_from <= r[0] <= last)
            if sorted(rows_of(keep_from, last)) != wanted:
                raise RestoreConflict(DAYS_CHANGED_SINCE)
        DutyAssignment.delete().where(DutyAssignment.date.between(keep_from, last)
                                      & (DutyAssignment.pinned == False)).execute()  # noqa: E712 (peewee expression)
        present = {(d, p, s, m) for d, p, s, m, *_ in rows_of(keep_from, last)}
        back = [{"date": d, "post": p, "shift": s, "member": m, "pinned": False, "source": source}
                for d, p, s, m, pinned, source in rows
                if keep_from <= d <= last and not pinned and (d, p, s, m) not in present]
        for i in range(0, len(back), 200):  # SQLite's variable limit
            DutyAssignment.insert_many(back[i:i + 200]).execute()
    return len(back)


# -- one slot ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SlotImage:
    """Every assignment of one slot as stored, each with what its deletion would clear
    (a diary entry's link to it)."""

    day: dt.date
    post_id: int
    shift_id: int
    records: tuple[RecordSnapshot, ...]

    def rows(self) -> list[dict]:
        return [r.rows[0].values for r in self.records]


def _slot_query(day: dt.date, post_id: int, shift_id: int):
    return DutyAssignment.select().where((DutyAssignment.date == day) & (DutyAssignment.post == post_id)
                                         & (DutyAssignment.shift == shift_id)).order_by(DutyAssignment.id)


def capture_slot(day: dt.date, post_id: int, shift_id: int) -> SlotImage:
    """What the slot holds now (no writes)."""
    return SlotImage(day, post_id, shift_id, tuple(capture(row) for row in _slot_query(day, post_id, shift_id)))


def restore_slot(before: SlotImage, expected: SlotImage | None = None) -> None:
    """The slot holds exactly *before* again: same ids, people, pinned and source, diary links
    set again; past days and pinned rows included. With *expected*: RestoreConflict unless the
    slot still holds what *expected* captured. All or nothing."""
    day, post_id, shift_id = before.day, before.post_id, before.shift_id
    with db.atomic():
        if expected is not None and capture_slot(day, post_id, shift_id).rows() != expected.rows():
            raise RestoreConflict(CHANGED_SINCE)
        DutyAssignment.delete().where((DutyAssignment.date == day) & (DutyAssignment.post == post_id)
                                      & (DutyAssignment.shift == shift_id)).execute()
        for record in before.records:
            restore(record)  # a savepoint: a taken id rolls back the whole slot


def revert_rows(before: list[RecordSnapshot], after: list[RecordSnapshot]) -> None:
    """Edited assignments get their *before* values back, all in one transaction, provided
    each still holds what the edit left (*after*, the same rows captured just after it)."""
    with db.atomic():
        for left in after:
            now = DutyAssignment.get_or_none(DutyAssignment.id == left.row_id)
            if now is None or capture_row(now).rows[0].values != left.rows[0].values:
                raise RestoreConflict(CHANGED_SINCE)
        for snap in before:
            revert_row(snap)


def capture_rows(ids) -> list[RecordSnapshot]:
    """The assignments *ids* as stored now (for revert_rows)."""
    return [capture_row(row) for row in DutyAssignment.select().where(DutyAssignment.id.in_(list(ids)))
            .order_by(DutyAssignment.id)]
