"""Hard rules hold on small random rotas (hypothesis), checked independently of the solver,
on the rota engine and on the earlier solver."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.duty.engine import RotaEngine
from desktop.duty.solver import RotaSolver
from tests.duty.factories import D0, THREE_SHIFTS, plain_problem

PATTERNS = (
    THREE_SHIFTS,
    (("晚班", "17:30", "22:30"), ("夜班", "22:30", "08:30")),
    (("白班", "08:00", "20:00"), ("夜班", "20:00", "08:00")),
)


def check_invariants(problem, result):
    """Raise AssertionError on any broken hard rule; returns the unfilled slot keys."""
    slots = {s.key: s for s in problem.slots}
    people = {p.member_id: p for p in problem.people}
    unfilled = {(u.date, u.post_id, u.shift_id) for u in result.unfilled}
    on_slot = defaultdict(list)
    for key, m in result.assignments:
        assert key in slots, key
        assert m not in on_slot[key], "duplicate"
        on_slot[key].append(m)
    pins = set(problem.pins)
    assert pins <= set(result.assignments), "pins kept"
    for key, slot in slots.items():
        members = on_slot[key]
        pinned_here = sum(1 for k, _ in pins if k == key)
        assert len(members) <= max(slot.needed, pinned_here)
        party_ok = not slot.party_required or any(people[m].full_party_member for m in members)
        if len(members) < slot.needed or not party_ok:
            assert key in unfilled, f"{key} short but not explained"
        else:
            assert key not in unfilled
    rest = dt.timedelta(hours=problem.min_rest_hours)
    by_person = defaultdict(list)
    for key, m in result.assignments:
        by_person[m].append((slots[key], (key, m) in pins))
        if (key, m) in pins:
            continue  # a pin is the secretary's decision; only chosen shifts are checked
        person, slot = people[m], slots[key]
        assert person.active_on(slot.date)
        for first, last, _ in person.unavailable:
            day_start = dt.datetime.combine(first, dt.time())
            day_end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
            assert not (slot.start < day_end and day_start < slot.end), "unavailable"
        assert not (slot.night and person.no_nights)
    _check_weekly_caps(problem, result, slots, people, pins)
    for m, held in by_person.items():
        held.sort(key=lambda it: it[0].start)
        for i, (a, a_pin) in enumerate(held):
            for b, b_pin in held[i + 1:]:
                if a_pin and b_pin:
                    continue
                assert b.start >= a.end + rest, f"person {m}: {a.key} and {b.key} too close"
    return unfilled


def _check_weekly_caps(problem, result, slots, people, pins):
    """Chosen shifts never take a person past their weekly cap (fixed history and pins count)."""
    hours = defaultdict(float)
    chosen_weeks = set()
    held = list(result.assignments) + [(k, m) for k, m in problem.fixed]
    for key, m in held:
        slot = slots.get(key) or problem.fixed_slots.get(key)
        monday = slot.date - dt.timedelta(days=slot.date.weekday())
        hours[(m, monday)] += (slot.end - slot.start).total_seconds() / 3600
        if key in slots and (key, m) not in pins:
            chosen_weeks.add((m, monday))
    for m, monday in chosen_weeks:
        cap = people[m].max_hours_per_week
        if cap:
            assert hours[(m, monday)] <= cap + 1e-9, f"person {m} over {cap} h in week {monday}"


@st.composite
def cases(draw):
    n_people = draw(st.integers(3, 8))
    n_posts = draw(st.integers(1, 2))
    shifts = draw(st.sampled_from(PATTERNS))
    days = draw(st.integers(2, 5))
    party_posts = draw(st.sets(st.integers(0, n_posts - 1)))
    party_people = draw(st.sets(st.integers(0, n_people - 1)))
    needed = draw(st.integers(1, 2))
    unavailable = {}
    for m in draw(st.sets(st.integers(1, n_people), max_size=3)):
        start = draw(st.integers(0, days - 1))
        length = draw(st.integers(0, 2))
        unavailable[m] = [(D0 + dt.timedelta(days=start), D0 + dt.timedelta(days=start + length), "请假")]
    problem = plain_problem(n_people, n_posts, shifts, days, party_posts=party_posts, needed=needed,
                            party_people=party_people, unavailable=unavailable)
    pin_slots = draw(st.lists(st.integers(0, len(problem.slots) - 1), max_size=2, unique=True))
    problem.pins = [(problem.slots[i].key, draw(st.integers(1, n_people))) for i in pin_slots]
    return problem


@pytest.mark.parametrize("solver", [RotaEngine, RotaSolver], ids=["engine", "legacy"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=cases())
def test_hard_rules_hold_on_random_cases(solver, problem):
    result = solver(problem, time_limit_s=3.0).solve()
    unfilled = check_invariants(problem, result)
    assert result.complete == (not unfilled)
    for u in result.unfilled:
        assert u.reason and u.message.startswith(f"{u.date.month}月{u.date.day}日 ")


def test_checker_catches_a_broken_rota():
    """The invariant checker itself must fail on a rota that breaks the rest rule."""
    problem = plain_problem(1, 1, THREE_SHIFTS, 1)
    result = RotaSolver(problem, time_limit_s=2.0).solve()
    early, middle = problem.slots[0], problem.slots[1]
    result.assignments = [(early.key, 1), (middle.key, 1)]
    result.unfilled = [u for u in result.unfilled if (u.date, u.post_id, u.shift_id) != middle.key]
    try:
        check_invariants(problem, result)
    except AssertionError:
        return
    raise AssertionError("checker accepted 08–16 followed by 16–24")
