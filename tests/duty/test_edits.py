"""Manual edits: assign, refuse duplicates, move, swap, pin, list."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.duty import edits
from desktop.models import DutyAssignment
from tests.duty import factories as f

D0 = f.D0


def _base():
    pat = f.pattern()
    gate = f.post("东门", pat)
    early, middle, night = list(pat.shifts.order_by(f.ShiftDefinition.position))
    return gate, early, middle, night, f.member("王志远"), f.member("李明")


def test_assign_refuses_exact_duplicate():
    gate, early, *_, a, b = _base()
    row = edits.assign(D0, gate.id, early.id, a.id)
    assert row.source == "manual" and not row.pinned
    with pytest.raises(edits.EditRefused):
        edits.assign(D0, gate.id, early.id, a.id)
    assert DutyAssignment.select().count() == 1


def test_swap_exchanges_two_people():
    gate, early, middle, night, a, b = _base()
    x = edits.assign(D0, gate.id, early.id, a.id)
    y = edits.assign(D0 + dt.timedelta(days=1), gate.id, night.id, b.id, pinned=True)
    edits.swap(x.id, y.id)
    assert DutyAssignment.get_by_id(x.id).member_id == b.id
    assert DutyAssignment.get_by_id(y.id).member_id == a.id
    assert DutyAssignment.get_by_id(y.id).pinned


def test_swap_refused_when_it_would_duplicate():
    gate, early, middle, night, a, b = _base()
    x = edits.assign(D0, gate.id, early.id, a.id)
    edits.assign(D0, gate.id, middle.id, a.id)
    y = edits.assign(D0, gate.id, middle.id, b.id)
    with pytest.raises(edits.EditRefused):
        edits.swap(x.id, y.id)
    assert DutyAssignment.get_by_id(x.id).member_id == a.id


def test_move_pin_unassign_and_rota_listing():
    gate, early, middle, night, a, b = _base()
    x = edits.assign(D0, gate.id, middle.id, a.id)
    edits.assign(D0, gate.id, early.id, b.id)
    edits.move(x.id, b.id)
    edits.set_pinned(x.id, True)
    rows = edits.rota(D0, D0)
    assert [(r.shift.name, r.member.name, r.pinned) for r in rows] == [("早班", "李明", False), ("中班", "李明", True)]
    edits.unassign(x.id)
    assert len(edits.rota(D0, D0)) == 1
