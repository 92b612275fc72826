"""A deleted handover record comes back exactly; the empty record the slot got meanwhile is
removed first, unless something was entered into it."""
from __future__ import annotations

import pytest

from desktop.duty import handover, handover_undo
from desktop.models import DutyAssignment, Handover, db
from desktop.models.snapshot import RestoreConflict

from . import factories as f


def raw(table):
    return db.execute_sql(f'SELECT * FROM "{table}" ORDER BY id').fetchall()


@pytest.fixture
def record():
    pat = f.pattern()
    gate = f.post("东门", pat)
    shift = pat.shifts.order_by(f.ShiftDefinition.position).first()
    a, b = f.member("甲"), f.member("乙")
    DutyAssignment.create(date=f.D0, post=gate, shift=shift, member=a)
    made = handover.handover_for(f.D0, gate.id, shift.id)
    handover.save_handover(made.id, people_checked=12, events="劝返 1 人")
    handover.add_person(made.id, b.id, "09:00", "15:00")
    return made, gate, shift


def test_restored_exactly_after_an_empty_record_was_made_again(record):
    made, gate, shift = record
    rows, people = raw("handover"), raw("handover_person")
    snap = handover_undo.delete_handover(made.id)
    assert Handover.select().count() == 0 and raw("handover_person") == []
    handover.handover_for(f.D0, gate.id, shift.id)  # shown again: an empty record
    handover_undo.restore_handover(snap)
    assert raw("handover") == rows and raw("handover_person") == people


def test_a_record_entered_again_is_not_thrown_away(record):
    made, gate, shift = record
    snap = handover_undo.delete_handover(made.id)
    fresh = handover.handover_for(f.D0, gate.id, shift.id)
    handover.save_handover(fresh.id, open_matters="新的事项")
    rows = raw("handover")
    with pytest.raises(RestoreConflict, match="又填写"):
        handover_undo.restore_handover(snap)
    assert raw("handover") == rows
