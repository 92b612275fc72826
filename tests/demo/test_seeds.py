"""`demo --seed N`: a different fictional branch for each N, the same one for the same N."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.demo import create_demo_database
from desktop.demo.variety import DEFAULT, HOME_UNITS, seeded
from desktop.models import close

TODAY = dt.date(2026, 12, 5)
# Drawn from the seed before the rota is made; the rota itself is the solver's (time-limited).
SEEDED_TABLES = {
    "branch": "name, kind, compound, community, subdistrict, approving_org, approval_doc_no, approval_date",
    "member": "name, gender, birth_date, unit, unit_post, home_org, branch_role, team_id, phone, id_number, "
              "arrived_on, departed_on, political_status",
    "team": "name",
    "meeting": "meeting_type_id, title, date, place, guests, host_id, recorder_id, status",
    "meeting_note": "meeting_id, speaker_id, said_at, text",
    "meeting_attendance": "meeting_id, member_id, present, absence_reason",
    "post": "name, location, people_needed, party_member_required",
}


def contents(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {table: conn.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()
                for table, columns in SEEDED_TABLES.items()}


@pytest.fixture(scope="module")
def branches(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("seeds")
    made = {}
    for name, seed in (("one", 1), ("one again", 1), ("two", 2)):
        path = folder / f"{name}.sqlite3"
        create_demo_database(path, today=TODAY, branch_seed=seed)
        close()
        made[name] = contents(path)
    return made


def test_the_same_seed_gives_the_same_branch(branches):
    assert branches["one"] == branches["one again"]
    assert all(branches["one"][table] for table in SEEDED_TABLES)


def test_two_seeds_give_two_different_branches(branches):
    one, two = branches["one"], branches["two"]
    assert one["branch"][0][0] != two["branch"][0][0]  # name
    assert one["branch"][0][2] != two["branch"][0][2]  # compound
    assert one["branch"][0][4] == two["branch"][0][4] == "和平街道"  # one sub-district for the hub

    def names(b):
        return {m[0] for m in b["member"]}

    def phones(b):
        return {m[8] for m in b["member"] if m[8]}

    def ids(b):
        return {m[9] for m in b["member"] if m[9]}

    assert names(one) != names(two)
    assert phones(one) and not phones(one) & phones(two)
    assert ids(one) and not ids(one) & ids(two)
    for branch in (one, two):
        assert {m[3] for m in branch["member"]} <= set(HOME_UNITS)
    assert one["post"] != two["post"]
    assert one["meeting"][0][3] != two["meeting"][0][3]  # the daily meeting's place names the compound


def test_seeds_draw_from_37_home_units_and_differ_from_the_default():
    assert len(set(HOME_UNITS)) == 37
    drawn = [seeded(n) for n in range(1, 41)]
    assert [seeded(n) for n in range(1, 41)] == drawn  # a pure function of the seed
    assert len({b.name for b in drawn}) >= 35
    assert all(12 <= len(b.people) <= 18 and len({p[0] + p[1] for p in b.people}) == len(b.people) for b in drawn)
    assert all(b.name != DEFAULT.name and 3 <= len(b.units) <= 6 for b in drawn)
    assert len({unit for b in drawn for unit, _ in b.units}) == 37  # forty branches use every unit


def test_cli_seed_option(tmp_path, capsys):
    assert main(["demo", "--db", str(tmp_path / "a.sqlite3"), "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert seeded(7).name in out and "派出单位：" in out
    assert main(["demo", "--db", str(tmp_path / "b.sqlite3")]) == 0
    out = capsys.readouterr().out
    assert "丰泽园小区临时党支部" in out and "派出单位" not in out
