"""Undo of rota changes: one slot back exactly (any date, ids, pinned, source, diary links),
edited rows back, rewritten days back; a conflict instead of overwriting a later change."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.duty import edits, rota_restore
from desktop.models import DiaryEntry, DutyAssignment, db
from desktop.models.snapshot import RestoreConflict

from . import factories as f

PAST = f.D0 - dt.timedelta(days=30)  # undo works on past days too (a cell edit has no "today")


def raw(day):
    cursor = db.execute_sql('SELECT * FROM "duty_assignment" WHERE date = ? ORDER BY id', (day.isoformat(),))
    return cursor.fetchall()


@pytest.fixture
def slot():
    pat = f.pattern()
    gate = f.post("东门", pat, needed=2)
    shift = pat.shifts.order_by(f.ShiftDefinition.position).first()
    a, b, c = f.member("甲"), f.member("乙"), f.member("丙")
    kept = DutyAssignment.create(date=PAST, post=gate, shift=shift, member=a, pinned=True, source="manual")
    auto = DutyAssignment.create(date=PAST, post=gate, shift=shift, member=b, pinned=False, source="auto")
    diary = DiaryEntry.create(member=b, date=PAST, text="值班", duty_assignment=auto)
    return gate, shift, (a, b, c), kept, auto, diary


def test_a_slot_comes_back_exactly(slot):
    gate, shift, (a, b, c), kept, auto, diary = slot
    before_rows = raw(PAST)
    before = rota_restore.capture_slot(PAST, gate.id, shift.id)
    edits.unassign(kept.id)
    edits.move(auto.id, c.id)
    edits.assign(PAST, gate.id, shift.id, a.id)
    edits.unassign(auto.id)  # the diary's link is cleared with it
    assert DiaryEntry.get_by_id(diary.id).duty_assignment_id is None
    after = rota_restore.capture_slot(PAST, gate.id, shift.id)
    rota_restore.restore_slot(before, expected=after)
    assert raw(PAST) == before_rows  # same ids, pinned, source, created_at
    assert DiaryEntry.get_by_id(diary.id).duty_assignment_id == auto.id


def test_a_slot_changed_again_is_not_overwritten(slot):
    gate, shift, (a, b, c), kept, auto, _ = slot
    before = rota_restore.capture_slot(PAST, gate.id, shift.id)
    edits.set_pinned(kept.id, False)
    after = rota_restore.capture_slot(PAST, gate.id, shift.id)
    edits.assign(PAST, gate.id, shift.id, c.id)  # a later change the undo must not throw away
    now = raw(PAST)
    with pytest.raises(RestoreConflict, match="之后又改动过"):
        rota_restore.restore_slot(before, expected=after)
    assert raw(PAST) == now


def test_edited_rows_are_reverted_only_while_as_left(slot):
    gate, shift, (a, b, c), kept, auto, _ = slot
    before_rows = raw(PAST)
    before = rota_restore.capture_rows([kept.id, auto.id])
    edits.set_pinned(auto.id, True)
    after = rota_restore.capture_rows([kept.id, auto.id])
    rota_restore.revert_rows(before, after)
    assert raw(PAST) == before_rows
    edits.set_pinned(auto.id, True)
    after = rota_restore.capture_rows([auto.id])
    edits.move(auto.id, c.id)
    with pytest.raises(RestoreConflict):
        rota_restore.revert_rows(rota_restore.capture_rows([auto.id]), after)
    assert DutyAssignment.get_by_id(auto.id).member_id == c.id


def test_rewritten_days_come_back_unless_changed_since(slot):
    gate, shift, (a, b, c), kept, auto, _ = slot
    day = f.D0
    DutyAssignment.create(date=day, post=gate, shift=shift, member=a, source="auto")
    before = rota_restore.rows_of(day, day)
    edits.move(DutyAssignment.get(DutyAssignment.date == day).id, b.id)
    after = rota_restore.rows_of(day, day)
    rota_restore.restore_rows(day, day, before, today=day, expected=after)
    assert rota_restore.rows_of(day, day) == before
    edits.move(DutyAssignment.get(DutyAssignment.date == day).id, c.id)
    changed = rota_restore.rows_of(day, day)
    with pytest.raises(RestoreConflict):
        rota_restore.restore_rows(day, day, before, today=day, expected=after)
    assert rota_restore.rows_of(day, day) == changed
