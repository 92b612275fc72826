"""Conflicts marked after manual edits."""
from __future__ import annotations

import datetime as dt

from desktop.duty import edits
from desktop.duty.conflicts import find_conflicts
from tests.duty import factories as f

D0 = f.D0


def _kinds(conflicts, member_id=None):
    return sorted({c.kind for c in conflicts if member_id is None or c.member_id == member_id})


def test_clean_rota_has_no_conflicts():
    pat = f.pattern((("白班", "08:00", "20:00"), ("夜班", "20:00", "08:00")))
    gate = f.post("东门", pat, party=True)
    day, night = list(pat.shifts.order_by(f.ShiftDefinition.position))
    a, b = f.member("甲"), f.member("乙")
    edits.assign(D0, gate.id, day.id, a.id)
    edits.assign(D0, gate.id, night.id, b.id)
    assert find_conflicts(D0, D0) == []


def test_manual_edits_are_marked():
    pat = f.pattern()
    east = f.post("东门", pat, party=True)
    west = f.post("西门", pat, needed=2)
    early, middle, night = list(pat.shifts.order_by(f.ShiftDefinition.position))
    wang = f.member("王志远", party=False)
    li = f.member("李明")
    f.prefs(li, no_nights=True, max_hours_per_week=16)
    f.leave(wang, D0 + dt.timedelta(days=1), D0 + dt.timedelta(days=1), "请假")
    edits.assign(D0, east.id, early.id, wang.id)
    edits.assign(D0, west.id, early.id, wang.id)  # same time, other gate
    edits.assign(D0, east.id, middle.id, li.id)
    edits.assign(D0, west.id, middle.id, li.id)
    edits.assign(D0 + dt.timedelta(days=1), east.id, night.id, li.id)  # right after 16–24: no rest
    edits.assign(D0 + dt.timedelta(days=1), east.id, early.id, wang.id)  # on leave
    found = find_conflicts(D0, D0 + dt.timedelta(days=1))
    assert {"overlap"} <= set(_kinds(found, wang.id))
    assert "unavailable" in _kinds(found, wang.id)
    assert {"overlap", "rest", "no_nights", "max_hours"} <= set(_kinds(found, li.id))
    messages = [c.message for c in found]
    assert "李明：与 4月2日 夜班 东门 间隔 0 小时，少于最少休息 8 小时" in messages
    assert "王志远：与 4月1日 早班 西门 重叠" in messages
    assert any(c.kind == "party_missing" and c.post_id == east.id and c.shift_id == early.id for c in found)
    assert any(c.kind == "understaffed" and "西门" in c.message and "需 2 人，已排 1 人" in c.message
               for c in found)


def test_inactive_member_is_marked():
    pat = f.pattern((("白班", "08:00", "20:00"),))
    gate = f.post("南门", pat)
    gone = f.member("赵六", departed_on=D0)
    row = edits.assign(D0, gate.id, pat.shifts[0].id, gone.id)
    found = find_conflicts(D0, D0)
    assert [(c.kind, c.assignment_id) for c in found] == [("inactive", row.id)]
    assert found[0].message == "赵六：4月1日 已离开，不能值班"
