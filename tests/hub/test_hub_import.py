"""Importing packages into a hub, on SQLite and on a real PostgreSQL server (issue 17, points 3 and 5)."""
from __future__ import annotations

import shutil

import pytest

from desktop.hub import hub_import
from desktop.hub.hub_import import (
    IGNORED,
    IMPORTED,
    REFUSED,
    UNCHANGED,
    import_package,
    import_paths,
)
from desktop.hub.hub_models import HubBranch, HubDiary, HubMeeting, HubMember, HubPackage
from desktop.hub.package import open_package
from desktop.hub.store import open_hub

from .helpers import dump, make_hub, totals


def _expected_from_packages(paths, private_pem):
    """The figures as the packages themselves hold them (read with the package reader)."""
    from desktop.hub.keys import load_hub_private_key

    key = load_hub_private_key(private_pem)
    tables = [open_package(path, key).tables for path in paths]
    return {
        "hub_member": sum(len(t["member"]) for t in tables),
        "hub_meeting": sum(len(t["meeting"]) for t in tables),
        "hub_attendance": sum(len(t["meeting_attendance"]) for t in tables),
        "hub_duty": sum(len(t["duty_assignment"]) for t in tables),
        "hub_handover": sum(len(t["handover"]) for t in tables),
        "hub_diary": sum(len(t["diary_entry"]) for t in tables),
        "phones": sorted(m["phone"] for t in tables for m in t["member"] if m["phone"]),
    }


def test_three_packages_give_the_same_totals_in_a_sqlite_and_a_postgresql_hub(demo_packages, postgres_server,
                                                                              tmp_path):
    found = {}
    for kind, location in (("sqlite", str(tmp_path / "汇总台.sqlite3")),
                           ("postgresql", postgres_server.create_database("hub_same_totals"))):
        hub = make_hub(location, demo_packages, tmp_path / kind)
        try:
            outcomes = import_paths(hub, demo_packages.first)
            assert [o.status for o in outcomes] == [IMPORTED] * 3, [o.line() for o in outcomes]
            found[kind] = totals(hub)
        finally:
            hub.close()
    assert found["sqlite"] == found["postgresql"]
    expected = _expected_from_packages(demo_packages.first, demo_packages.private_pem)
    for table in ("hub_member", "hub_meeting", "hub_attendance", "hub_duty", "hub_handover", "hub_diary"):
        assert found["sqlite"][table] == expected[table], table
    assert len(found["sqlite"]["branches"]) == 3
    # Sealed to this hub: every phone the branches hold is readable here, and only here.
    assert sorted(m[3] for m in found["sqlite"]["members"] if m[3]) == expected["phones"]
    assert expected["phones"], "the demo branches have phones"


def test_importing_again_changes_nothing(hub_location, demo_packages, tmp_path):
    hub = make_hub(hub_location, demo_packages, tmp_path)
    import_paths(hub, demo_packages.first)
    before = dump(hub)

    again = import_paths(hub, [demo_packages.folder / p.name for p in demo_packages.first])

    assert [o.status for o in again] == [UNCHANGED] * 3
    assert all("未变化" in o.line() for o in again)
    assert dump(hub) == before
    hub.close()


def test_a_newer_package_replaces_the_branchs_earlier_snapshot(hub_location, demo_packages, tmp_path):
    hub = make_hub(hub_location, demo_packages, tmp_path)
    first = import_package(hub, demo_packages.first[0])
    newer = import_package(hub, demo_packages.newer)

    assert (first.status, newer.status) == (IMPORTED, IMPORTED)
    assert HubBranch.get().last_sequence == 2
    members = open_package(demo_packages.newer).tables["member"]
    assert HubMember.select().count() == len(members)  # replaced, not added to
    assert HubPackage.select().count() == 2
    hub.close()


def test_an_older_package_after_a_newer_one_is_ignored_with_a_note(hub_location, demo_packages, tmp_path):
    hub = make_hub(hub_location, demo_packages, tmp_path)
    assert import_package(hub, demo_packages.newer).status == IMPORTED
    before = dump(hub)

    late = import_package(hub, demo_packages.first[0])

    assert late.status == IGNORED, late.line()
    assert "已有第 2 号" in late.note
    assert "已忽略" in late.line()
    assert dump(hub) == before
    hub.close()


def test_an_older_package_first_then_the_newer_one_in_a_folder_ends_at_the_newest(hub_location, demo_packages,
                                                                                   tmp_path):
    folder = tmp_path / "收件"
    folder.mkdir()
    shutil.copy2(demo_packages.newer, folder / "a-newer.bdpkg")  # name order: the newer one comes first
    shutil.copy2(demo_packages.first[0], folder / "b-older.bdpkg")
    hub = make_hub(hub_location, demo_packages, tmp_path)

    outcomes = import_paths(hub, [folder])

    assert [o.status for o in outcomes] == [IMPORTED, IGNORED]
    assert HubBranch.get().last_sequence == 2
    hub.close()


def test_another_signing_key_for_a_known_branch_is_refused_and_nothing_written(hub_location, demo_packages,
                                                                                tmp_path):
    hub = make_hub(hub_location, demo_packages, tmp_path)
    import_package(hub, demo_packages.first[0])
    before = dump(hub)

    outcome = import_package(hub, demo_packages.other_key)

    assert outcome.status == REFUSED
    assert "另一把密钥" in outcome.line()
    assert dump(hub) == before
    hub.close()


def test_a_package_with_one_byte_changed_is_refused_and_nothing_written(hub_location, demo_packages, tmp_path):
    hub = make_hub(hub_location, demo_packages, tmp_path)
    damaged = tmp_path / "damaged.bdpkg"
    data = bytearray(demo_packages.first[1].read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    before = dump(hub)

    outcome = import_package(hub, damaged)

    assert outcome.status == REFUSED
    assert "签名校验失败" in outcome.note
    assert dump(hub) == before
    hub.close()


def test_a_failure_half_way_leaves_the_branch_as_it_was(hub_location, demo_packages, tmp_path, monkeypatch):
    hub = make_hub(hub_location, demo_packages, tmp_path)
    import_package(hub, demo_packages.first[0])
    before = dump(hub)
    real_insert = hub_import._insert

    def failing_insert(model, rows):
        if model is HubDiary:
            raise OSError("disk full")
        real_insert(model, rows)

    monkeypatch.setattr(hub_import, "_insert", failing_insert)
    with pytest.raises(OSError):
        import_package(hub, demo_packages.newer)

    assert dump(hub) == before
    assert HubMeeting.select().count() > 0
    hub.close()


def test_a_sealed_package_is_refused_without_the_hubs_private_key(hub_location, demo_packages, tmp_path):
    hub = make_hub(hub_location, demo_packages, tmp_path)
    hub.key_path.unlink()

    outcome = import_package(hub, demo_packages.first[0])

    assert outcome.status == REFUSED
    assert "私钥" in outcome.note
    assert HubBranch.select().count() == 0
    hub.close()


def test_a_key_file_of_another_hub_is_recognised(hub_location, demo_packages, tmp_path):
    from desktop.hub.keys import new_hub_keys
    from desktop.hub.store import HubError

    hub = make_hub(hub_location, demo_packages, tmp_path)
    hub.key_path.write_bytes(new_hub_keys()[0])

    with pytest.raises(HubError, match="不属于这个汇总台"):
        import_paths(hub, demo_packages.first)
    assert HubBranch.select().count() == 0
    hub.close()


def test_the_hub_reopens_and_keeps_what_was_imported(hub_location, demo_packages, tmp_path):
    hub = make_hub(hub_location, demo_packages, tmp_path)
    import_paths(hub, demo_packages.first)
    before = dump(hub)
    hub.close()

    reopened = open_hub(hub_location)
    assert dump(reopened) == before
    reopened.close()


def _duplicate_member(tables):
    tables["member"].append(dict(tables["member"][0]))


def _bad_date(tables):
    tables["meeting"][0]["date"] = "2022-13-45"


@pytest.mark.parametrize("change", [_duplicate_member, _bad_date], ids=["duplicate member id", "impossible date"])
def test_a_signed_package_with_records_the_hub_cannot_keep_is_refused_whole_and_the_next_one_imports(
        change, hub_location, demo_packages, tmp_path):
    from .helpers import crafted_package

    folder = tmp_path / "收件"
    folder.mkdir()
    crafted_package(folder / "a-faulty.bdpkg", demo_packages.first[0], change, demo_packages.private_pem)
    shutil.copy2(demo_packages.first[1], folder / "b-good.bdpkg")
    hub = make_hub(hub_location, demo_packages, tmp_path)

    faulty, good = import_paths(hub, [folder])

    assert faulty.status == REFUSED and "未导入" in faulty.note, faulty.line()
    assert good.status == IMPORTED
    assert [b.name for b in HubBranch.select()] == [good.branch_name]
    good_uid = HubBranch.get().uid
    assert HubMember.select().where(HubMember.branch_uid != good_uid).count() == 0
    assert HubPackage.select().count() == 1
    hub.close()


def test_a_nul_character_postgresql_cannot_store_refuses_the_package_not_the_run(pg_hub_location, demo_packages,
                                                                                  tmp_path):
    from .helpers import crafted_package

    def nul_in_a_diary(tables):
        tables["diary_entry"][0]["text"] += "\x00"

    faulty = crafted_package(tmp_path / "nul.bdpkg", demo_packages.first[0], nul_in_a_diary, demo_packages.private_pem)
    hub = make_hub(pg_hub_location, demo_packages, tmp_path)

    outcomes = import_paths(hub, [faulty, demo_packages.first[2]])

    assert [o.status for o in outcomes] == [REFUSED, IMPORTED], [o.line() for o in outcomes]
    assert HubBranch.select().count() == 1
    hub.close()


def test_a_hub_made_by_a_newer_program_is_refused(hub_location, demo_packages, tmp_path):
    from desktop.hub.hub_models import HUB_SCHEMA_VERSION
    from desktop.hub.store import HubError

    hub = make_hub(hub_location, demo_packages, tmp_path)
    hub.set_setting("schema_version", str(HUB_SCHEMA_VERSION + 1))
    hub.close()

    with pytest.raises(HubError, match="较新版本"):
        open_hub(hub_location)


def test_two_imports_started_together_both_complete(hub_location, demo_packages, tmp_path):
    import threading

    hub = make_hub(hub_location, demo_packages, tmp_path)
    hub.close()
    start = threading.Barrier(2)
    results = {}

    def work(path):
        start.wait()
        try:
            results[path.name] = import_package(hub, path).status
        finally:
            hub.close()  # this thread's own connection

    threads = [threading.Thread(target=work, args=(path,)) for path in demo_packages.first[:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert sorted(results.values()) == [IMPORTED, IMPORTED]
    assert HubBranch.select().count() == 2
    hub.close()
