"""The hub's queries (支部一览, 干部, 支部报送情况) on SQLite and on a real PostgreSQL server."""
from __future__ import annotations

import datetime as dt

import pytest
from playhouse.test_utils import count_queries

from desktop.hub import queries
from desktop.hub.hub_import import IMPORTED, import_paths
from desktop.hub.keys import load_hub_private_key
from desktop.hub.package import open_package

from .helpers import make_hub
from .sub_district import MOVER, NAMESAKE, STALE_SEED, sub_district_of


@pytest.fixture(scope="session")
def sub_district(tmp_path_factory):
    return sub_district_of(tmp_path_factory)


def _filled_hub(location, district, tmp_path, packages=None):
    hub = make_hub(location, district, tmp_path)
    outcomes = import_paths(hub, packages or district.packages)
    assert [o.status for o in outcomes] == [IMPORTED] * len(outcomes), [o.line() for o in outcomes]
    return hub


def _in_period(rows, start, end, field="date"):
    return [r for r in rows if start <= dt.date.fromisoformat(str(r[field])[:10]) <= end]


def test_totals_are_the_packages_and_the_same_in_a_sqlite_and_a_postgresql_hub(sub_district, postgres_server,
                                                                               tmp_path):
    start, end = sub_district.period
    found = {}
    for kind, location in (("sqlite", str(tmp_path / "汇总台.sqlite3")),
                           ("postgresql", postgres_server.create_database("hub_query_totals"))):
        hub = _filled_hub(location, sub_district, tmp_path / kind)
        try:
            overview = queries.branches_overview(hub, start, end)
            found[kind] = (
                [(r.name, r.members, r.on_site, r.figures, r.stale) for r in overview],
                queries.total_figures(overview), queries.cadres(hub, start, end),
                [(s.name, s.late, [p.sequence for p in s.sent]) for s in queries.submissions(hub, start, end)])
        finally:
            hub.close()
    assert found["sqlite"] == found["postgresql"]

    key = load_hub_private_key(sub_district.private_pem)
    tables = [open_package(path, key).tables for path in sub_district.packages]
    total = found["sqlite"][1]
    assert total.meetings == sum(len(_in_period(t["meeting"], start, end)) for t in tables)
    assert total.shifts == sum(len(_in_period(t["duty_assignment"], start, end)) for t in tables)
    assert total.handovers == sum(len(_in_period(t["handover"], start, end)) for t in tables)
    assert total.diaries == sum(len(_in_period(t["diary_entry"], start, end)) for t in tables)
    assert total.shifts and total.diaries and total.meetings
    cadres = found["sqlite"][2]
    assert sum(c.shifts for c in cadres) == total.shifts  # every shift belongs to one cadre row
    assert sum(c.diaries for c in cadres) == total.diaries
    assert sum(c.meetings_expected for c in cadres) == total.expected


def test_a_cadre_who_served_in_two_branches_is_one_row(hub_location, sub_district, tmp_path):
    hub = _filled_hub(hub_location, sub_district, tmp_path)
    start, end = sub_district.period

    rows = [c for c in queries.cadres(hub, start, end) if c.name == MOVER["name"]]

    assert len(rows) == 1, rows
    mover = rows[0]
    assert set(mover.branches) == {sub_district.names[4], sub_district.names[5]}
    assert mover.branches[0] == sub_district.names[4]  # arrival order
    assert mover.id_number == MOVER["id_number"] and mover.unit == MOVER["unit"]
    assert mover.phone == "13900000501"  # the latest roster's
    assert mover.diaries == sub_district.mover_diaries
    assert mover.days_in_post == sub_district.mover_days
    hub.close()


def test_one_name_with_different_phones_and_no_id_number_stays_two_people(hub_location, sub_district, tmp_path):
    hub = _filled_hub(hub_location, sub_district, tmp_path)
    start, end = sub_district.period

    rows = [c for c in queries.cadres(hub, start, end) if c.name == NAMESAKE]

    assert len(rows) == 2
    assert {r.branches for r in rows} == {(sub_district.names[4],), (sub_district.names[5],)}
    hub.close()


def test_search_and_unit_filter(hub_location, sub_district, tmp_path):
    hub = _filled_hub(hub_location, sub_district, tmp_path)
    start, end = sub_district.period
    everyone = queries.cadres(hub, start, end)

    audit = queries.cadres(hub, start, end, unit=MOVER["unit"])
    found = queries.cadres(hub, start, end, search="立群")
    by_branch = queries.cadres(hub, start, end, search=sub_district.names[STALE_SEED])

    assert audit and all(c.unit == MOVER["unit"] for c in audit)
    assert [c.name for c in found] == [MOVER["name"]]
    assert by_branch and all(sub_district.names[STALE_SEED] in c.branches for c in by_branch)
    assert len(by_branch) < len(everyone)
    assert MOVER["unit"] in queries.units(hub)
    hub.close()


def test_a_branch_without_a_package_for_weeks_is_flagged_stale_and_late(hub_location, sub_district, tmp_path):
    hub = _filled_hub(hub_location, sub_district, tmp_path)
    start, end = sub_district.period

    overview = {r.name: r for r in queries.branches_overview(hub, start, end)}
    sent = queries.submissions(hub, start, end)

    stale = sub_district.names[STALE_SEED]
    assert [name for name, r in overview.items() if r.stale] == [stale]
    assert overview[stale].days_since > queries.STALE_DAYS
    assert [s.name for s in sent if s.late] == [stale] and sent[0].name == stale  # the late first
    assert all(len(s.sent) == 1 for s in sent)
    # Counted to another day, the same packages are all fresh.
    early = queries.branches_overview(hub, start, end, today=overview[stale].last_created_at.date())
    assert not any(r.stale for r in early)
    hub.close()


def test_the_number_of_queries_does_not_grow_with_the_branches(hub_location, sub_district, tmp_path):
    start, end = sub_district.period
    hub = _filled_hub(hub_location, sub_district, tmp_path, sub_district.packages[:1])
    counted = []
    for more in ([], sub_district.packages[1:]):
        import_paths(hub, more)
        with count_queries() as counter:
            branches = queries.branches_overview(hub, start, end)
            people = queries.cadres(hub, start, end)
            queries.submissions(hub, start, end)
        counted.append((counter.count, len(branches), len(people)))
    hub.close()
    (one, branches_one, people_one), (three, branches_three, people_three) = counted
    assert (branches_one, branches_three) == (1, 3) and people_three > people_one
    assert one == three and one > 3, counted


def test_names_sort_as_a_person_reads_them():
    names = ["第10号小区临时党支部", "第2号小区临时党支部", "白云小区临时党支部", "安康小区临时党支部"]

    assert sorted(names, key=queries.name_order) == [
        "安康小区临时党支部", "白云小区临时党支部", "第2号小区临时党支部", "第10号小区临时党支部"]
