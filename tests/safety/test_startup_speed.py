"""Start-up safety work moved out of the way of the window: the integrity check begun early
(prefetch) and reused only while the file is unchanged, and the backup taken in a worker
thread from a connection of its own, still verified."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.models import LATEST, close, db
from desktop.safety import integrity
from desktop.safety.autobackup import AutoBackup
from desktop.safety.backup import BackupError, integrity_ok, list_backups
from desktop.safety.config import default_backup_folder
from desktop.safety.connection import bind

from .helpers import add_members, damage_pages, make_database, roster


@pytest.fixture
def real_db(tmp_path):
    close()
    return make_database(tmp_path / "real" / "branch-desk.sqlite3", extra=50)


@pytest.fixture
def checks(monkeypatch):
    """Every quick_check actually run, by path."""
    done: list[Path] = []
    real = integrity._check

    def counting(path, latest):
        done.append(Path(path))
        return real(path, latest)

    monkeypatch.setattr(integrity, "_check", counting)
    monkeypatch.setattr(integrity, "_answers", integrity._Answers())
    return done


def test_a_prefetched_answer_serves_the_next_checks_of_the_unchanged_file(real_db, checks):
    integrity.prefetch(real_db)
    first = integrity.check_database(real_db)
    second = integrity.check_database(real_db)  # the door's look, right after the claim's
    assert first.status == second.status == integrity.OK and first.version == LATEST
    assert first.path == real_db
    assert len(checks) == 1


def test_without_a_prefetch_every_check_is_real(real_db, checks):
    integrity.check_database(real_db)
    integrity.check_database(real_db)
    assert len(checks) == 2


def test_a_file_changed_after_the_prefetch_is_checked_again(real_db, checks):
    integrity.prefetch(real_db)
    integrity._answers.reusable(integrity._key(real_db))  # let the prefetch finish
    bind(real_db)
    add_members("晚到的人")
    close()
    assert integrity.check_database(real_db).ok
    assert len(checks) == 2


def test_damage_after_the_prefetch_is_still_found(real_db, checks):
    integrity.prefetch(real_db)
    integrity._answers.reusable(integrity._key(real_db))
    damage_pages(real_db)
    assert integrity.check_database(real_db).status == integrity.DAMAGED


def test_a_damaged_file_is_never_answered_from_the_prefetch(real_db, checks):
    damage_pages(real_db)
    integrity.prefetch(real_db)
    assert integrity.check_database(real_db).status == integrity.DAMAGED
    assert len(checks) == 2  # the prefetch's DAMAGED is not kept; the real check says it again


def test_an_old_answer_is_not_reused(real_db, checks, monkeypatch):
    monkeypatch.setattr(integrity, "REUSE_SECONDS", -1.0)
    integrity.prefetch(real_db)
    assert integrity.check_database(real_db).ok
    assert len(checks) == 2


def test_a_prefetched_file_from_a_newer_version_is_too_new(real_db, checks):
    conn = sqlite3.connect(real_db)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    integrity.prefetch(real_db)
    result = integrity.check_database(real_db)
    assert result.status == integrity.TOO_NEW and result.version == LATEST + 1


def test_a_second_prefetch_while_one_is_pending_does_nothing(real_db, checks):
    integrity.prefetch(real_db)
    integrity.prefetch(real_db)
    integrity.check_database(real_db)
    assert len(checks) == 1


# -- the start-up backup in a worker thread -------------------------------------------------------

def test_background_backup_is_verified_and_reported(database):
    add_members("安𪚥", "白雪")
    db_path = Path(database.database)
    policy = AutoBackup(database, db_path)
    reported = []
    finished = threading.Event()
    policy.start_in_background("startup", done=lambda path, error: (reported.append((path, error)),
                                                                    finished.set()))
    assert policy.wait(30) and finished.wait(30)
    path, error = reported[0]
    assert error is None and path.parent == default_backup_folder(db_path)
    assert [b.reason for b in list_backups(path.parent)] == ["startup"]
    assert integrity_ok(path)
    close()
    bind(path)
    assert set(roster()) == {"安𪚥", "白雪"}
    close()


def test_no_timed_backup_while_the_background_one_runs(database, monkeypatch):
    policy = AutoBackup(database, Path(database.database))
    gate = threading.Event()
    real_copy = policy._copy

    def slow_copy(source, reason, now):
        gate.wait(30)
        return real_copy(source, reason, now)

    monkeypatch.setattr(policy, "_copy", slow_copy)
    policy.start_in_background("startup")
    try:
        assert policy.busy and not policy.due() and policy.tick() is None
    finally:
        gate.set()
    assert policy.wait(30) and not policy.busy
    assert policy.last_at is not None and not policy.due()


def test_changes_made_while_the_copy_runs_are_saved_by_the_next_backup(database, monkeypatch):
    policy = AutoBackup(database, Path(database.database))
    started, gate = threading.Event(), threading.Event()
    real_copy = policy._copy

    def slow_copy(source, reason, now):
        started.set()
        gate.wait(30)
        return real_copy(source, reason, now)

    monkeypatch.setattr(policy, "_copy", slow_copy)
    policy.start_in_background("startup")
    assert started.wait(30)
    add_members("复制时新加的人")  # after the copy's counter was taken
    gate.set()
    assert policy.wait(30)
    assert policy.changed()


def test_a_failed_background_backup_reports_its_error(database, monkeypatch):
    import desktop.safety.autobackup as autobackup

    def refuse(source, folder, reason):
        raise BackupError("备份文件校验未通过，已丢弃。")

    monkeypatch.setattr(autobackup, "backup_into_dir", refuse)
    policy = AutoBackup(database, Path(database.database))
    reported = []
    policy.start_in_background("startup", done=lambda path, error: reported.append((path, error)))
    assert policy.wait(30)
    assert reported and reported[0][0] is None and isinstance(reported[0][1], BackupError)
    assert policy.last_at is None and policy.due()  # still owed: the timer tries again


def test_the_background_copy_uses_its_own_connection(database, monkeypatch):
    """sqlite3 objects belong to the thread that made them: the worker must not touch ours."""
    ours = db.connection()
    used = []
    import desktop.safety.autobackup as autobackup

    real = autobackup.backup_into_dir

    def spy(source, folder, reason):
        used.append(source.connection())
        return real(source, folder, reason)

    monkeypatch.setattr(autobackup, "backup_into_dir", spy)
    policy = AutoBackup(database, Path(database.database))
    policy.start_in_background("startup")
    assert policy.wait(30)
    assert used and used[0] is not ours
