"""bench/bigdb.py, built small: the benchmark database keeps the app's own rules (schema,
foreign keys, rota rules, handovers, attendance, pinyin, the search index), and ensure()
builds the cached copy once."""
from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import bigdb
from desktop.diaries.search import search_diaries
from desktop.duty.conflicts import find_conflicts
from desktop.meetings.attendance import expected_members
from desktop.models import LATEST, close, open_store
from desktop.roster.pinyin import name_key

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def small(monkeypatch):
    for name, value in dict(MEMBERS=48, POSTS=9, DAYS=28, MEETINGS=450, DIARIES=400, LEAVE_PERIODS=4).items():
        monkeypatch.setattr(bigdb, name, value)


@pytest.fixture
def built(small, tmp_path):
    close()
    path = tmp_path / "big.sqlite3"
    bigdb.build(path, seed=3, progress=lambda line: None, today=TODAY)
    con = sqlite3.connect(path)
    yield path, con
    con.close()
    close()


def rows(con, sql, *args):
    return con.execute(sql, args).fetchall()


def test_schema_keys_and_counts(built):
    path, con = built
    assert rows(con, "PRAGMA user_version") == [(LATEST,)]
    assert rows(con, "PRAGMA foreign_key_check") == []
    assert rows(con, "PRAGMA quick_check") == [("ok",)]
    counts = bigdb.counts(path)
    assert counts["member"] == 48 and counts["team"] == 12 and counts["post"] == 9
    assert counts["diary_entry"] == 400 and counts["meeting"] == 450
    assert counts["handover"] > 0 and counts["meeting_attendance"] > counts["meeting"]


def test_every_post_shift_is_staffed_and_nobody_twice_a_day(built):
    _, con = built
    start, end = rows(con, "SELECT min(date), max(date) FROM duty_assignment")[0]
    assert (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days == 27
    assert dt.date.fromisoformat(end) == TODAY + dt.timedelta(days=bigdb.AHEAD_DAYS)
    staffed = rows(con, "SELECT p.people_needed, count(a.id) FROM duty_assignment a "
                        "JOIN post p ON p.id = a.post_id GROUP BY a.date, a.post_id, a.shift_id")
    assert len(staffed) == 28 * 9 * 3
    assert all(1 <= n <= 2 for _, n in staffed)
    assert rows(con, "SELECT member_id, date FROM duty_assignment GROUP BY 1, 2 HAVING count(*) > 1") == []


def test_the_rota_breaks_none_of_the_apps_rules(built):
    path, con = built
    start, end = rows(con, "SELECT min(date), max(date) FROM duty_assignment")[0]
    open_store(path)
    conflicts = find_conflicts(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert [c.message for c in conflicts if c.kind != "understaffed"] == []


def test_a_handover_for_every_past_shift_with_the_people_on_it(built):
    _, con = built
    slots = rows(con, "SELECT DISTINCT date, post_id, shift_id FROM duty_assignment WHERE date < ?",
                 TODAY.isoformat())
    handovers = rows(con, "SELECT date, post_id, shift_id FROM handover")
    assert sorted(slots) == sorted(handovers)
    assert rows(con, "SELECT count(*) FROM handover WHERE date >= ?", TODAY.isoformat()) == [(0,)]
    on_rota = defaultdict(set)
    for day, post, shift, member in rows(con, "SELECT date, post_id, shift_id, member_id FROM duty_assignment"):
        on_rota[(day, post, shift)].add(member)
    served = defaultdict(set)
    for day, post, shift, member in rows(con, "SELECT h.date, h.post_id, h.shift_id, p.member_id FROM handover h "
                                              "JOIN handover_person p ON p.handover_id = h.id"):
        served[(day, post, shift)].add(member)
    assert served and all(served[key] == on_rota[key] for key in served)


def test_attendance_lists_whom_the_app_expects(built):
    path, con = built
    open_store(path)
    meetings = rows(con, "SELECT m.id, m.date, t.name FROM meeting m JOIN meeting_type t ON t.id = m.meeting_type_id")
    kinds = {}
    for meeting_id, day, kind in meetings:
        kinds.setdefault(kind, (meeting_id, day))
    assert {"每日例会", "支部委员会", "党小组会"} <= set(kinds)
    for kind, (meeting_id, day) in kinds.items():
        listed = {m for (m,) in rows(con, "SELECT member_id FROM meeting_attendance WHERE meeting_id = ?", meeting_id)}
        assert listed == {m.id for m in expected_members(dt.date.fromisoformat(day), kind)}, kind
    assert rows(con, "SELECT count(*) FROM meeting WHERE status = '进行中'") == [(1,)]


def test_pinyin_as_the_app_makes_it(built):
    _, con = built
    members = rows(con, "SELECT name, name_pinyin FROM member")
    assert members and all(key == name_key(name) for name, key in members)


def test_diaries_are_indexed_and_linked_to_the_writers_own_shift(built):
    path, con = built
    open_store(path)
    name = bigdb.resident_names(3)[0]
    expected = rows(con, "SELECT count(*) FROM diary_entry WHERE text LIKE ?", f"%{name}%")[0][0]
    assert expected > 0 and len(search_diaries(name)) == min(expected, 200)
    phrase = rows(con, "SELECT count(*) FROM diary_entry WHERE text LIKE '%核酸采样%'")[0][0]
    assert phrase > 0 and len(search_diaries("核酸采样")) == min(phrase, 200)
    mismatched = rows(con, "SELECT count(*) FROM diary_entry e JOIN duty_assignment a ON a.id = e.duty_assignment_id "
                           "WHERE a.member_id != e.member_id OR a.date != e.date")
    assert mismatched == [(0,)]
    assert rows(con, "SELECT count(*) FROM diary_entry WHERE duty_assignment_id IS NOT NULL")[0][0] > 0


def test_ensure_builds_once_and_names_the_versions(small, tmp_path, monkeypatch):
    close()
    made = []
    real = bigdb.build

    def counting(path, **kwargs):
        made.append(path)
        real(path, **kwargs)

    monkeypatch.setattr(bigdb, "build", counting)
    first = bigdb.ensure(tmp_path / "cache", progress=lambda line: None)
    second = bigdb.ensure(tmp_path / "cache", progress=lambda line: None)
    assert first == second and len(made) == 1
    assert f"g{bigdb.GENERATOR_VERSION}" in first.name and f"schema{LATEST}" in first.name
    assert sorted(p.name for p in first.parent.iterdir()) == [".lock", first.name]  # no leftovers


def test_a_copy_leaves_the_cached_file_alone(small, tmp_path):
    close()
    cached = bigdb.ensure(tmp_path / "cache", progress=lambda line: None)
    before = cached.read_bytes()
    (tmp_path / "work").mkdir()
    copy = bigdb.copy_to(tmp_path / "work", cached)
    open_store(copy)
    from desktop.roster.service import save_member

    save_member({"name": "只在副本里", "unit": "市统计局"})
    close()
    assert cached.read_bytes() == before
