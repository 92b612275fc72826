"""Several importers at once on a PostgreSQL hub: each thread its own connection.

No timing: one import is held inside its transaction (half its rows written) while the other
runs, and what the other does meanwhile is observed (it completes; or it waits on the branch's
advisory lock, seen in pg_locks)."""
from __future__ import annotations

import threading

import psycopg
import pytest

from desktop.hub import hub_import
from desktop.hub.hub_import import IGNORED, IMPORTED, import_package
from desktop.hub.hub_models import HubBranch, HubDiary, HubMember
from desktop.hub.package import open_package
from desktop.hub.store import HubError

from .helpers import make_hub

WAIT = 60  # seconds before a stuck test gives up (a deadlock), never a measure of speed


class HeldImport:
    """Pause the import running in *thread_name* after its first snapshot rows are written."""

    def __init__(self, monkeypatch, thread_name: str):
        self.inside = threading.Event()
        self.release = threading.Event()
        real = hub_import._insert

        def insert(model, rows):
            real(model, rows)
            if model is HubMember and threading.current_thread().name == thread_name:
                self.inside.set()
                if not self.release.wait(WAIT):
                    raise TimeoutError("held import was never released")

        monkeypatch.setattr(hub_import, "_insert", insert)


def _run(hub, path, results, name):
    def work():
        try:
            results[name] = import_package(hub, path)
            results[name + ":pid"] = hub.database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            results[name] = exc
        finally:
            hub.close()  # this thread's connection

    thread = threading.Thread(target=work, name=name)
    thread.start()
    return thread


def test_two_imports_of_different_branches_at_once_both_complete(pg_hub_location, demo_packages, tmp_path,
                                                                   monkeypatch):
    hub = make_hub(pg_hub_location, demo_packages, tmp_path)
    hub.close()
    held = HeldImport(monkeypatch, "A")
    results: dict = {}
    a = _run(hub, demo_packages.first[0], results, "A")
    assert held.inside.wait(WAIT)

    b = _run(hub, demo_packages.first[1], results, "B")  # runs while A's transaction is open
    b.join(WAIT)
    assert not b.is_alive(), "B waited for A: imports of different branches must not block each other"
    held.release.set()
    a.join(WAIT)

    assert results["A"].status == IMPORTED and results["B"].status == IMPORTED, results
    assert results["A:pid"] != results["B:pid"]  # two connections
    names = {b.uid for b in HubBranch.select()}
    assert len(names) == 2
    for path in demo_packages.first[:2]:
        uid = open_package(path).manifest["branch_uid"]
        members = open_package(path).tables["member"]
        assert HubMember.select().where(HubMember.branch_uid == uid).count() == len(members)
    hub.close()


def test_two_imports_of_one_branch_at_once_do_not_mix(pg_hub_location, demo_packages, tmp_path, monkeypatch):
    hub = make_hub(pg_hub_location, demo_packages, tmp_path)
    hub.close()
    held = HeldImport(monkeypatch, "A")
    results: dict = {}
    a = _run(hub, demo_packages.newer, results, "A")
    assert held.inside.wait(WAIT)

    b = _run(hub, demo_packages.first[0], results, "B")
    assert _someone_waits_on_an_advisory_lock(pg_hub_location), "B should queue behind A's lock on the branch"
    held.release.set()
    a.join(WAIT)
    b.join(WAIT)

    assert results["A"].status == IMPORTED and results["B"].status == IGNORED, results
    branch = HubBranch.get()
    assert branch.last_sequence == 2
    newer = open_package(demo_packages.newer).tables
    assert HubMember.select().count() == len(newer["member"])
    assert HubDiary.select().count() == len(newer["diary_entry"])
    hub.close()


def _someone_waits_on_an_advisory_lock(url: str) -> bool:
    """Poll pg_locks (from a third connection) until an advisory lock is requested and not granted."""
    with psycopg.connect(url, autocommit=True) as watcher:
        for _ in range(WAIT * 20):
            row = watcher.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").fetchone()
            if row[0]:
                return True
            threading.Event().wait(0.05)
    return False


def test_a_wrong_hub_url_says_so_in_chinese(postgres_server):
    from desktop.hub.store import open_hub

    with pytest.raises(HubError, match="无法连接汇总台数据库"):
        open_hub(postgres_server.url("no_such_database"))


def test_a_report_reading_during_an_import_sees_one_snapshot(pg_hub_location, demo_packages, tmp_path,
                                                            monkeypatch):
    hub = make_hub(pg_hub_location, demo_packages, tmp_path)
    import_package(hub, demo_packages.first[0])
    hub.close()
    held = HeldImport(monkeypatch, "A")
    results: dict = {}
    a = _run(hub, demo_packages.first[1], results, "A")
    assert held.inside.wait(WAIT)
    with hub.reading():
        before = (HubBranch.select().count(), HubMember.select().count())
        held.release.set()
        a.join(WAIT)
        assert results["A"].status == IMPORTED
        during = (HubBranch.select().count(), HubMember.select().count())
    after = (HubBranch.select().count(), HubMember.select().count())

    assert during == before  # the reader's view did not change under it
    assert after[0] == before[0] + 1 and after[1] > before[1]
    hub.close()
