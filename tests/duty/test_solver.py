"""Solver behaviour: fairness, explained shortfalls, progress and cancel — on the rota engine and
on the earlier solver it replaced (kept for the bench comparison)."""
from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

import pytest

from desktop.duty.engine import RotaEngine
from desktop.duty.solver import STATUS_CANCELLED, RotaSolver
from tests.duty.factories import D0, THREE_SHIFTS, plain_problem
from tests.duty.test_solver_invariants import check_invariants

both = pytest.mark.parametrize("solver", [RotaEngine, RotaSolver], ids=["engine", "legacy"])


@both
def test_fair_rota_15_people_3_posts_14_days(solver):
    problem = plain_problem(15, 3, THREE_SHIFTS, 14)
    result = solver(problem, time_limit_s=30.0, workers=2).solve()
    assert result.complete and not result.unfilled
    check_invariants(problem, result)
    assert len(result.assignments) == 3 * 3 * 14
    slots = {s.key: s for s in problem.slots}
    shifts = Counter(m for _, m in result.assignments)
    nights = Counter(m for k, m in result.assignments if slots[k].night)
    assert len(shifts) == 15
    assert max(shifts.values()) - min(shifts.values()) <= 1
    assert max(nights[p.member_id] for p in problem.people) - min(nights[p.member_id] for p in problem.people) <= 1
    assert result.fairness["shifts_max"] - result.fairness["shifts_min"] <= 1


@both
def test_away_half_the_period_gets_about_half_the_work(solver):
    problem = plain_problem(6, 1, THREE_SHIFTS, 8)
    problem.people[0].unavailable = [(D0 + dt.timedelta(days=4), D0 + dt.timedelta(days=7), "返回原单位")]
    result = solver(problem, time_limit_s=10.0).solve()
    check_invariants(problem, result)
    shifts = Counter(m for _, m in result.assignments)
    others = [shifts[p.member_id] for p in problem.people[1:]]
    assert 1 <= shifts[1] <= min(others)
    assert shifts[1] <= (sum(others) / len(others)) / 2 + 1


@both
def test_missing_party_member_is_explained(solver):
    problem = plain_problem(3, 1, (("夜班", "00:00", "08:00"),), 1, party_posts={0}, party_people=set())
    problem.slots[0].post_name = "东门"
    result = solver(problem, time_limit_s=2.0).solve()
    assert not result.complete
    assert result.status.startswith("无法排满")
    assert [u.message for u in result.unfilled] == ["4月1日 夜班 东门：可用党员不足"]
    assert len(result.assignments) == 1  # the partial rota still staffs the shift


@both
def test_probationary_member_does_not_lead(solver):
    problem = plain_problem(2, 1, (("早班", "08:00", "16:00"),), 1, party_posts={0}, party_people={1})
    problem.people[1].full_party_member = True
    problem.people[0].unavailable = []
    result = solver(problem, time_limit_s=2.0).solve()
    assert result.complete and result.assignments[0][1] == 2


@both
def test_too_few_people_is_explained(solver):
    problem = plain_problem(2, 1, (("早班", "08:00", "16:00"),), 1, needed=2)
    problem.people[1].unavailable = [(D0, D0, "病假")]
    result = solver(problem, time_limit_s=2.0).solve()
    assert [u.reason for u in result.unfilled] == ["可用人员不足（需 2 人，可用 1 人）"]
    assert result.unfilled[0].filled == 1


@both
def test_rest_conflict_is_explained(solver):
    problem = plain_problem(1, 1, (("早班", "08:00", "16:00"), ("中班", "16:00", "24:00")), 1)
    result = solver(problem, time_limit_s=2.0).solve()
    assert len(result.assignments) == 1
    assert [u.reason for u in result.unfilled] == ["所有可用人员都与相邻班次冲突（休息不足 8 小时）"]


@both
def test_no_nights_and_overnight_leave_are_hard(solver):
    problem = plain_problem(2, 1, (("晚班", "17:30", "22:30"), ("夜班", "22:30", "08:30")), 2)
    problem.people[0].no_nights = True
    problem.people[1].unavailable = [(D0 + dt.timedelta(days=2), D0 + dt.timedelta(days=2), "请假")]
    result = solver(problem, time_limit_s=3.0).solve()
    check_invariants(problem, result)
    slots = {s.key: s for s in problem.slots}
    for key, m in result.assignments:
        assert not (m == 1 and slots[key].night)
    # day 2's night runs into day 3 leave: nobody may take it
    late = [u for u in result.unfilled if u.date == D0 + dt.timedelta(days=1) and u.shift_name == "夜班"]
    assert late and late[0].reason == "可用人员不足（需 1 人，可用 0 人）"


@both
def test_weekly_hours_cap_counts_fixed_history(solver):
    """Mon–Thu to plan, a fixed 12 h shift on Saturday of the same week, cap 24 h."""
    problem = plain_problem(2, 1, (("白班", "08:00", "20:00"),), 4)
    problem.people[0].max_hours_per_week = 24
    saturday = plain_problem(1, 1, (("白班", "08:00", "20:00"),), 6).slots[5]
    problem.fixed = [(saturday.key, 1)]
    problem.fixed_slots = {saturday.key: saturday}
    result = solver(problem, time_limit_s=3.0).solve()
    assert result.complete
    assert sum(1 for _, m in result.assignments if m == 1) == 1  # fairness alone would give 2


def test_progress_is_reported_and_cancel_stops_the_search():
    problem = plain_problem(15, 3, THREE_SHIFTS, 14)
    cancel = threading.Event()
    seen = []

    def progress(fraction, message):
        seen.append((fraction, message))
        if "个人意愿" in message:
            cancel.set()

    result = RotaSolver(problem, time_limit_s=60.0).solve(progress, cancel)
    assert result.cancelled and result.status == STATUS_CANCELLED
    assert result.complete  # the best rota so far is whole
    check_invariants(problem, result)
    assert any("找到更好的方案" in m for _, m in seen)
    assert all(0.0 <= f <= 1.0 for f, _ in seen) and seen[-1] == (1.0, STATUS_CANCELLED)


@both
def test_cancel_before_start_still_returns_a_valid_rota(solver):
    problem = plain_problem(5, 1, THREE_SHIFTS, 3)
    cancel = threading.Event()
    cancel.set()
    result = solver(problem, time_limit_s=30.0).solve(cancel=cancel)
    assert result.cancelled and result.status == STATUS_CANCELLED
    check_invariants(problem, result)


def test_the_greedy_rota_becomes_a_complete_hint():
    """Every variable gets a value (CP-SAT then starts from it at once), and the people chosen
    are exactly the greedy ones."""
    import time as clock

    from desktop.duty.eligibility import prepare
    from desktop.duty.greedy import greedy
    from desktop.duty.model import build
    from desktop.duty.solver import _complete

    problem = plain_problem(12, 2, THREE_SHIFTS, 7, party_posts=(0,), party_people=range(6))
    prep = prepare(problem)
    chosen = greedy(prep)
    rm = build(prep)
    values, stage, value = _complete(rm, chosen, 1, clock.monotonic() + 30)
    assert values is not None and len(values) == len(rm.model.proto.variables)
    assert (stage, value) == (0, 0)  # the greedy rota is full
    assert all(values[var.index] == int(m in chosen.get(pos, ())) for (pos, m), var in rm.x.items())


def test_the_staffing_step_is_searched_only_when_the_greedy_rota_is_short():
    def steps(problem):
        seen = []
        RotaSolver(problem, time_limit_s=5.0).solve(lambda f, message: seen.append(message))
        return seen

    full = steps(plain_problem(12, 2, THREE_SHIFTS, 7))
    assert not any("补足人手" in m for m in full) and any("工时均衡" in m for m in full)
    short = steps(plain_problem(1, 1, THREE_SHIFTS, 2))  # one person cannot cover 24 hours a day
    assert any("补足人手" in m for m in short)
