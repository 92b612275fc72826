"""Generating from the database: past and pins kept, one transaction, preview before write."""
from __future__ import annotations

import datetime as dt
import threading

from desktop.duty import edits
from desktop.duty.generate import apply_result, generate_rota, plan_rota
from desktop.duty.problem import load_problem
from desktop.duty.settings import min_rest_hours, set_min_rest_hours
from desktop.models import DutyAssignment, Setting
from tests.duty import factories as f

D0 = f.D0


def _setup(n=6):
    pat = f.pattern()
    east = f.post("东门", pat, party=True)
    people = [f.member(f"队员{i}", party=i % 2 == 0) for i in range(n)]
    return pat, east, people


def test_generate_writes_a_complete_rota():
    pat, east, people = _setup()
    result = generate_rota(D0, D0 + dt.timedelta(days=2), today=D0, time_limit_s=5)
    assert result.complete, result.messages
    rows = edits.rota(D0, D0 + dt.timedelta(days=2))
    assert len(rows) == 9
    party_ids = {m.id for m in people if m.political_status == "中共党员"}
    assert all(r.member_id in party_ids for r in rows)  # every shift is Party-led (1 person)
    assert {r.source for r in rows} == {"auto"}


def test_regeneration_keeps_past_and_pins():
    pat, east, people = _setup()
    generate_rota(D0, D0 + dt.timedelta(days=3), today=D0, time_limit_s=5)
    past = {(r.id, r.member_id) for r in edits.rota(D0, D0 + dt.timedelta(days=1))}
    shift = pat.shifts.order_by(f.ShiftDefinition.position)[2]
    day3 = D0 + dt.timedelta(days=3)
    old = DutyAssignment.get(date=day3, post=east, shift=shift)
    edits.unassign(old.id)
    pin = edits.assign(day3, east.id, shift.id, people[4].id, pinned=True)
    result = generate_rota(D0, D0 + dt.timedelta(days=3), today=D0 + dt.timedelta(days=2), time_limit_s=5)
    assert result.complete
    assert {(r.id, r.member_id) for r in edits.rota(D0, D0 + dt.timedelta(days=1))} == past
    kept = DutyAssignment.get_by_id(pin.id)
    assert kept.pinned and kept.member_id == people[4].id
    assert DutyAssignment.select().where(DutyAssignment.date == day3).count() == 3


def test_plan_writes_nothing_until_applied():
    _setup()
    result = plan_rota(D0, D0 + dt.timedelta(days=1), today=D0, time_limit_s=5)
    assert DutyAssignment.select().count() == 0
    assert apply_result(result, D0, D0 + dt.timedelta(days=1)) == 6
    assert DutyAssignment.select().count() == 6


def test_history_before_the_range_limits_rest():
    """A fixed 16–24 shift on the day before blocks that person from D0's 00–08 shift."""
    pat = f.pattern()
    gate = f.post("西门", pat)
    a, b = f.member("甲"), f.member("乙")
    early, middle, night = list(pat.shifts.order_by(f.ShiftDefinition.position))
    DutyAssignment.create(date=D0 - dt.timedelta(days=1), post=gate, shift=middle, member=a)
    problem = load_problem(D0, D0, keep_from=D0)
    assert problem.fixed == [((D0 - dt.timedelta(days=1), gate.id, middle.id), a.id)]
    result = plan_rota(D0, D0, today=D0, time_limit_s=5)
    assert result.complete
    assert ((D0, gate.id, night.id), b.id) in result.assignments


def test_members_inactive_or_on_leave_are_not_used():
    pat = f.pattern((("白班", "08:00", "20:00"),))
    f.post("北门", pat)
    gone = f.member("已走", departed_on=D0 + dt.timedelta(days=1))
    late = f.member("晚到", arrived_on=D0 + dt.timedelta(days=1))
    sick = f.member("病号")
    f.leave(sick, D0, D0, "病假")
    result = plan_rota(D0, D0 + dt.timedelta(days=1), today=D0, time_limit_s=5)
    by_day = {k[0]: m for k, m in result.assignments}
    assert by_day[D0] == gone.id
    assert by_day[D0 + dt.timedelta(days=1)] in {late.id, sick.id}


def test_cancelled_generate_can_write_nothing():
    _setup()
    cancel = threading.Event()
    cancel.set()
    result = generate_rota(D0, D0 + dt.timedelta(days=1), cancel=cancel, today=D0, write_cancelled=False)
    assert result.cancelled and DutyAssignment.select().count() == 0


def test_min_rest_setting():
    assert min_rest_hours() == 8.0
    set_min_rest_hours(12)
    set_min_rest_hours(10.5)
    assert min_rest_hours() == 10.5
    assert Setting.select().where(Setting.key == "duty.min_rest_hours").count() == 1
