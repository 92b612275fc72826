"""找人替班 and the before/after list, checked against tests/duty/db_checker.py."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from desktop.duty import edits
from desktop.duty.changes import rota_changes
from desktop.duty.edits import EditRefused
from desktop.duty.generate import apply_result, generate_rota
from desktop.duty.replacement import plan_person_replacement, replace, suggest_replacements
from desktop.duty.solver import RotaResult
from desktop.models import DutyAssignment, Member
from tests.duty import factories as f
from tests.duty.db_checker import broken_rules, may_take

D0 = f.D0
LAST = D0 + dt.timedelta(days=6)


@pytest.fixture
def branch():
    pat = f.pattern()
    east = f.post("东门", pat, party=True)
    west = f.post("西门", pat)
    people = [f.member(f"队员{i}", party=i % 2 == 0) for i in range(12)]
    f.prefs(people[7], no_nights=True)
    f.prefs(people[9], max_hours_per_week=24)
    result = generate_rota(D0, LAST, today=D0, time_limit_s=5)
    assert result.complete
    return pat, east, west, people


def snapshot():
    out = defaultdict(set)
    for r in DutyAssignment.select():
        out[(r.date, r.post_id, r.shift_id)].add(r.member_id)
    return dict(out)


def legal_for(row) -> set[int]:
    """Independently: everyone who may take *row*'s shift instead of its member."""
    mates = [o.member for o in DutyAssignment.select().where(
        (DutyAssignment.date == row.date) & (DutyAssignment.post == row.post_id)
        & (DutyAssignment.shift == row.shift_id) & (DutyAssignment.id != row.id))]
    out = set()
    for m in Member.select():
        if m.id == row.member_id or m in mates:
            continue
        others = [(o.date, o.shift) for o in DutyAssignment.select().where(DutyAssignment.member == m)]
        if may_take(m, row.date, row.post, row.shift, others, on_slot=mates):
            out.add(m.id)
    return out


def test_suggestions_are_exactly_the_legal_people_fewest_shifts_first(branch):
    for row in edits.rota(D0 + dt.timedelta(days=2), D0 + dt.timedelta(days=2)):
        shown = suggest_replacements(row.id, limit=100)
        assert {c.member_id for c in shown} == legal_for(row)
        counts = [c.shifts_in_period for c in shown]
        assert counts == sorted(counts)
        assert all(c.reasons and any("本期" in r for r in c.reasons) for c in shown)
        assert len(suggest_replacements(row.id, limit=2)) == min(2, len(shown))


def test_a_party_led_post_gets_only_members_when_nobody_else_leads(branch):
    pat, east, west, people = branch
    row = DutyAssignment.select().where(DutyAssignment.post == east.id).first()
    shown = suggest_replacements(row.id, limit=100)
    assert shown and all(c.party_member and "党员" in c.reasons for c in shown)


def test_replace_moves_one_row_and_refuses_an_illegal_person(branch):
    pat, east, west, people = branch
    row = edits.rota(D0 + dt.timedelta(days=3), D0 + dt.timedelta(days=3))[0]
    before = snapshot()
    sick = next(m for m in people if m.id not in legal_for(row) and m.id != row.member_id)
    with pytest.raises(EditRefused) as refused:
        replace(row.id, sick.id)
    assert sick.name in str(refused.value)
    assert snapshot() == before  # nothing written
    best = suggest_replacements(row.id)[0]
    moved = replace(row.id, best.member_id)
    assert moved.id == row.id and DutyAssignment.get_by_id(row.id).member_id == best.member_id
    after = snapshot()
    key = (row.date, row.post_id, row.shift_id)
    assert {k for k in set(before) | set(after) if before.get(k) != after.get(k)} == {key}
    assert broken_rules(D0, LAST) == []


def test_replacing_a_sick_person_touches_only_their_shifts(branch):
    pat, east, west, people = branch
    today = D0 + dt.timedelta(days=1)
    sick = max(people, key=lambda m: DutyAssignment.select().where(
        (DutyAssignment.member == m) & (DutyAssignment.date >= today)).count())
    theirs = {(r.date, r.post_id, r.shift_id) for r in DutyAssignment.select().where(
        (DutyAssignment.member == sick) & (DutyAssignment.date >= today))}
    assert theirs
    f.leave(sick, today, LAST, "病假")
    before = snapshot()
    result = plan_person_replacement(sick.id, D0, LAST, today=today)
    assert result.complete, result.messages
    listed = rota_changes(result, D0, LAST, today=today)
    assert {(c.date, c.post_id, c.shift_id) for c in listed} == theirs
    assert all(sick.name in c.before and sick.name not in c.after for c in listed)
    assert snapshot() == before  # planning writes nothing
    apply_result(result, D0, LAST, today=today)
    after = snapshot()
    assert {k for k in set(before) | set(after) if before.get(k) != after.get(k)} == theirs
    assert broken_rules(today, LAST) == []


def test_rota_changes_lists_what_apply_result_then_does(branch):
    pat, east, west, people = branch
    rows = edits.rota(D0 + dt.timedelta(days=1), D0 + dt.timedelta(days=1))
    edits.set_pinned(rows[0].id, True)
    keys = [((r.date, r.post_id, r.shift_id), r.member_id) for r in edits.rota(D0, LAST)]
    # a result that moves one non-pinned shift to someone else and empties another
    later = [k for k in keys if k[0][0] >= D0 + dt.timedelta(days=2)]
    target, emptied = later[0], later[3]
    stranger = next(m.id for m in people if m.id != target[1])
    planned = [k for k in keys if k not in (target, emptied)] + [(target[0], stranger)]
    result = RotaResult(planned, [], True, "", keep_from=D0 + dt.timedelta(days=1), date_to=LAST)
    before = snapshot()
    listed = rota_changes(result, D0, LAST)
    apply_result(result, D0, LAST)
    after = snapshot()
    actual = {k for k in set(before) | set(after) if before.get(k, set()) != after.get(k, set())}
    assert {(c.date, c.post_id, c.shift_id) for c in listed} == actual == {target[0], emptied[0]}
    roster = {m.id: m for m in Member.select()}
    by_key = {(c.date, c.post_id, c.shift_id): c for c in listed}
    expected = sorted((roster[m] for m in after[target[0]]), key=lambda m: (m.name_pinyin, m.id))
    assert by_key[target[0]].after == tuple(m.name for m in expected)
    assert by_key[target[0]].before == tuple(m.name for m in sorted(
        (roster[m] for m in before[target[0]]), key=lambda m: (m.name_pinyin, m.id)))
    assert by_key[emptied[0]].after == ()
    dates = [c.date for c in listed]
    assert dates == sorted(dates)
