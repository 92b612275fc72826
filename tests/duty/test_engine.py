"""The rota engine (engine.py): hard rules on random cases with leave, few members, caps and
pins; regeneration that changes only what must change; honest claims; progress and cancel.
Every check is worked out here, independently of the engine's code."""
from __future__ import annotations

import datetime as dt
import math
import threading
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.duty import edits
from desktop.duty.engine import FAIR_BY_COUNTING, RotaEngine
from desktop.duty.generate import generate_rota, plan_rota
from desktop.duty.solver import STATUS_CANCELLED
from desktop.models import DutyAssignment
from tests.duty import factories as f
from tests.duty.db_checker import broken_rules
from tests.duty.factories import D0, THREE_SHIFTS, plain_problem
from tests.duty.test_solver_invariants import PATTERNS, check_invariants

JARGON = ("求解", "目标值", "时限", "时间限制", "objective", "CP-SAT")


def blocked(person, slot) -> bool:
    """Independently: leave touching the shift's calendar days, or no nights."""
    for first, last, _ in person.unavailable:
        lo = dt.datetime.combine(first, dt.time())
        hi = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
        if slot.start < hi and lo < slot.end:
            return True
    return bool(slot.night and person.no_nights)


@st.composite
def cases(draw):
    n_people = draw(st.integers(2, 9))
    n_posts = draw(st.integers(1, 3))
    days = draw(st.integers(2, 8))
    problem = plain_problem(
        n_people, n_posts, draw(st.sampled_from(PATTERNS)), days,
        party_posts=draw(st.sets(st.integers(0, n_posts - 1))),
        party_people=draw(st.sets(st.integers(0, n_people - 1), max_size=2)),  # few members
        needed=draw(st.integers(1, 2)))
    for person in problem.people:
        if draw(st.booleans()):
            start = draw(st.integers(0, days - 1))
            person.unavailable = [(D0 + dt.timedelta(days=start),
                                   D0 + dt.timedelta(days=start + draw(st.integers(0, 3))), "请假")]
        person.max_hours_per_week = draw(st.sampled_from([None, None, 16, 24, 40]))
        person.no_nights = draw(st.integers(0, 4)) == 0
        person.avoid_nights = draw(st.integers(0, 4)) == 0
    picks = draw(st.lists(st.integers(0, len(problem.slots) - 1), max_size=3, unique=True))
    problem.pins = [(problem.slots[i].key, draw(st.integers(1, n_people))) for i in picks]
    return problem


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=cases(), sick=st.integers(0, 8), first=st.integers(0, 7))
def test_random_cases_keep_the_rules_and_a_regeneration_changes_only_what_it_must(problem, sick, first):
    result = RotaEngine(problem, time_limit_s=1.0).solve()
    check_invariants(problem, result)
    assert result.complete == (not result.unfilled)
    assert not any(word in text for text in [result.status, *result.proof, *result.messages] for word in JARGON)

    # the same days regenerated after one person falls ill for three days
    person = problem.people[sick % len(problem.people)]
    leave = (D0 + dt.timedelta(days=first), D0 + dt.timedelta(days=first + 2), "病假")
    person.unavailable = [*person.unavailable, leave]
    pins = set(problem.pins)
    problem.current = [pair for pair in result.assignments if pair not in pins]
    again = RotaEngine(problem, time_limit_s=1.0).solve()
    check_invariants(problem, again)
    slots = {s.key: s for s in problem.slots}
    removed = set(problem.current) - set(again.assignments)
    must = {(k, m) for k, m in problem.current if blocked(problem.person(m), slots[k])}
    assert removed == must  # every still-valid assignment is kept, each invalid one replaced
    if problem.current:
        assert again.changes == len(removed)
        assert any(line.startswith("改动：") for line in again.proof)
    else:  # every slot was pinned: no rota to keep, so no change is counted or claimed
        assert again.changes is None and not any(line.startswith("改动：") for line in again.proof)


def proportional_bands(days_available: dict, total: int) -> dict:
    """floor/ceil of total split in proportion to the days each person is available."""
    whole = sum(days_available.values())
    return {m: (math.floor(total * d / whole), math.ceil(total * d / whole)) for m, d in days_available.items()}


def test_fair_by_counting_is_claimed_only_inside_every_band():
    problem = plain_problem(15, 3, THREE_SHIFTS, 14)
    for i in (0, 5, 10):  # three people away three days each
        problem.people[i].unavailable = [(D0 + dt.timedelta(days=2 + i), D0 + dt.timedelta(days=4 + i), "请假")]
    result = RotaEngine(problem, time_limit_s=10.0).solve()
    check_invariants(problem, result)
    assert FAIR_BY_COUNTING in result.proof and result.optimal
    days = {p.member_id: 14 - (3 if p.unavailable else 0) for p in problem.people}
    slots = {s.key: s for s in problem.slots}
    shifts = Counter(m for _, m in result.assignments)
    nights = Counter(m for k, m in result.assignments if slots[k].night)
    weekends = Counter(m for k, m in result.assignments if slots[k].weekend)
    for counts, total in ((shifts, 126), (nights, 42), (weekends, 36)):
        for m, (lo, hi) in proportional_bands(days, total).items():
            assert lo <= counts[m] <= hi, (m, counts[m], lo, hi)


def test_shares_follow_what_each_person_can_do():
    """Two people, one capped at 8 hours a week: that person can do one day shift, so the
    other's fair share is the other six, and that split is fair by counting."""
    problem = plain_problem(2, 1, (("白班", "08:00", "16:00"),), 7)
    problem.people[0].max_hours_per_week = 8
    result = RotaEngine(problem, time_limit_s=3.0).solve()
    check_invariants(problem, result)
    shifts = Counter(m for _, m in result.assignments)
    assert (shifts[1], shifts[2]) == (1, 6)
    assert FAIR_BY_COUNTING in result.proof


def test_a_whole_branch_fair_by_counting_has_spreads_of_one():
    problem = plain_problem(15, 3, THREE_SHIFTS, 14)
    result = RotaEngine(problem, time_limit_s=10.0).solve()
    check_invariants(problem, result)
    assert result.complete and FAIR_BY_COUNTING in result.proof and not result.searched
    slots = {s.key: s for s in problem.slots}
    for kind in (lambda s: True, lambda s: s.night, lambda s: s.weekend):
        counts = Counter(m for k, m in result.assignments if kind(slots[k]))
        values = [counts[p.member_id] for p in problem.people]
        assert max(values) - min(values) <= 1


def test_impossible_slots_are_counted_and_explained_in_todays_words():
    problem = plain_problem(15, 3, THREE_SHIFTS, 14, party_posts={0}, party_people=range(5))
    for person in problem.people[:5]:  # every member away two days
        person.unavailable = [(D0 + dt.timedelta(days=3), D0 + dt.timedelta(days=4), "外出")]
    problem_slots = [s for s in problem.slots if s.post_id == 1]
    for s in problem_slots:
        s.post_name = "东门"
    result = RotaEngine(problem, time_limit_s=10.0).solve()
    check_invariants(problem, result)
    expected = sorted(f"{d.month}月{d.day}日 {name} 东门：可用党员不足"
                      for d in (D0 + dt.timedelta(days=3), D0 + dt.timedelta(days=4))
                      for name in ("早班", "中班", "夜班"))
    assert sorted(result.messages) == expected
    assert len(result.assignments) == 126  # the six shifts are still staffed, by non-members


def test_progress_is_reported_and_cancel_stops_the_repair():
    problem = plain_problem(15, 3, THREE_SHIFTS, 14, party_posts={0}, party_people=range(5))
    for i in (0, 5, 10):
        problem.people[i].unavailable = [(D0 + dt.timedelta(days=2 + i), D0 + dt.timedelta(days=4 + i), "请假")]
    cancel = threading.Event()
    seen = []

    def progress(fraction, message):
        seen.append((fraction, message))
        if "调整" in message:
            cancel.set()

    result = RotaEngine(problem, time_limit_s=60.0).solve(progress, cancel)
    assert result.cancelled and result.status == STATUS_CANCELLED and not result.optimal
    assert result.complete
    check_invariants(problem, result)
    assert all(0.0 <= f <= 1.0 for f, _ in seen) and seen[-1] == (1.0, STATUS_CANCELLED)
    assert not any(word in m for _, m in seen for word in JARGON)


def _branch(n=15):
    pat = f.pattern()
    posts = [f.post("东门", pat, party=True), f.post("西门", pat), f.post("南门", pat)]
    people = [f.member(f"队员{i:02d}", party=i % 3 == 0) for i in range(n)]
    return pat, posts, people


def snapshot():
    out = {}
    for r in DutyAssignment.select():
        out.setdefault((r.date, r.post_id, r.shift_id), set()).add(r.member_id)
    return out


def test_leave_after_the_rota_is_out_changes_only_that_persons_shifts():
    """Issue 12 point 3 / issue 13 point 5: a 14-day rota, one person then away 3 days,
    the 14 days regenerated: only that person's shifts on those days get someone else."""
    pat, posts, people = _branch()
    last = D0 + dt.timedelta(days=13)
    first = generate_rota(D0, last, today=D0, time_limit_s=10)
    assert first.complete
    ids_before = {r.id for r in DutyAssignment.select()}
    sick = people[4]
    away = (D0 + dt.timedelta(days=5), D0 + dt.timedelta(days=7))
    theirs = {(r.date, r.post_id, r.shift_id) for r in DutyAssignment.select().where(
        (DutyAssignment.member == sick) & DutyAssignment.date.between(*away))}
    assert theirs
    f.leave(sick, *away, "病假")
    before = snapshot()
    result = generate_rota(D0, last, today=D0, time_limit_s=10)
    after = snapshot()
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    assert changed == theirs
    assert all(len(after[k]) == len(before[k]) and sick.id not in after[k] for k in theirs)
    assert result.changes == len(theirs) and any(line.startswith("改动：最少") for line in result.proof)
    assert len(ids_before & {r.id for r in DutyAssignment.select()}) == len(ids_before) - len(theirs)
    assert broken_rules(D0, last) == []


def test_planning_afresh_is_still_possible():
    """keep_current=False plans the days anew; the default keeps a hand-made change."""
    from desktop.duty.replacement import replace, suggest_replacements

    _branch(12)
    last = D0 + dt.timedelta(days=3)
    generate_rota(D0, last, today=D0, time_limit_s=5)
    day = D0 + dt.timedelta(days=2)
    row = next(r for r in edits.rota(day, day) if not r.post.party_member_required)
    other = suggest_replacements(row.id)[-1].member_id  # the least fair legal choice
    replace(row.id, other)
    kept = plan_rota(D0, last, today=D0, time_limit_s=5)
    assert kept.changes == 0 and ((row.date, row.post_id, row.shift_id), other) in kept.assignments
    fresh = plan_rota(D0, last, today=D0, time_limit_s=5, keep_current=False)
    assert fresh.complete and kept.complete
    assert fresh.changes >= 1
