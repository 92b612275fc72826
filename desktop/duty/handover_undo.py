"""Deleting one shift's handover record so that 撤销 can bring it back exactly.

    delete_handover(handover_id) -> RecordSnapshot   # the record and its people
    restore_handover(snap)                           # one transaction

Showing a slot creates its record (handover.handover_for), so after a deletion the slot
usually has a fresh record again when 撤销 comes. That fresh record is removed first, but only
while nothing was entered into it (counts 0, no text, only the rota's people at the shift's
times); otherwise the undo is refused, since it would throw away what was typed since.
"""
from __future__ import annotations

import datetime as dt

from ..models import DutyAssignment, Handover, db
from ..models.snapshot import RecordSnapshot, RestoreConflict, delete_with_snapshot, restore
from . import handover as service

TYPED_SINCE = ("无法撤销：这一班在删除后又填写了新的交接班记录，撤销会覆盖新填写的内容。"
               "如需恢复旧记录，请先删除新记录。")


def delete_handover(handover_id: int) -> RecordSnapshot:
    """Delete the record with its people (they cascade); what was deleted, for restore_handover."""
    return delete_with_snapshot(Handover.get_by_id(handover_id))


def _untouched(record: Handover) -> bool:
    """Whether *record* is still as handover_for() made it (signers aside: they are a default
    the panel fills in, not something typed)."""
    if any(getattr(record, key) for key in service.COUNT_FIELDS) or any(
            (getattr(record, key) or "").strip() for key in service.TEXT_FIELDS):
        return False
    shift = record.shift
    made = {(m, shift.start_time, shift.end_time) for m in _rota_member_ids(record)}
    served = {(p.member_id, p.check_in, p.check_out) for p in service.people(record.id)}
    return served == made


def _rota_member_ids(record: Handover) -> set[int]:
    return {a.member_id for a in DutyAssignment.select(DutyAssignment.member).where(
        (DutyAssignment.date == record.date) & (DutyAssignment.post == record.post_id)
        & (DutyAssignment.shift == record.shift_id))}


def restore_handover(snap: RecordSnapshot) -> None:
    """Put the deleted record back under its id; a fresh empty record of the same slot made
    since is removed first. RestoreConflict when that fresh record holds anything entered."""
    values = snap.rows[0].values
    day = dt.date.fromisoformat(str(values["date"])[:10])
    with db.atomic():
        fresh = Handover.get_or_none((Handover.date == day) & (Handover.post == values["post_id"])
                                     & (Handover.shift == values["shift_id"]))
        if fresh is not None:  # made when the slot was shown again (it may even reuse the id)
            if not _untouched(fresh):
                raise RestoreConflict(TYPED_SINCE)
            Handover.delete().where(Handover.id == fresh.id).execute()  # its people cascade
        restore(snap)
