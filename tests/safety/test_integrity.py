"""The read-only start-up check, finding the newest good backup, and restoring over damage."""
from __future__ import annotations

import os
import shutil
import sqlite3
import time

import pytest

from desktop.cli import main
from desktop.models import LATEST, Member, close, open_store
from desktop.safety import integrity
from desktop.safety.backup import backup_into_dir
from desktop.safety.config import backup_folder
from desktop.safety.connection import bind
from desktop.safety.integrity import check_database, newest_good_backup
from desktop.safety.restore import RestoreError, restore_to_path

from .helpers import (
    add_members,
    checkpoint,
    damage_pages,
    fingerprint,
    make_database,
    roster,
    truncate_half,
)


@pytest.fixture
def real_db(tmp_path):
    close()
    return make_database(tmp_path / "real" / "branch-desk.sqlite3", extra=200)


def test_a_healthy_file_passes_with_its_version(real_db):
    result = check_database(real_db)
    assert result.status == integrity.OK and result.ok and result.version == LATEST
    assert result.message() == ""


@pytest.mark.parametrize("content", [None, b""])
def test_missing_or_empty_file_is_new(tmp_path, content):
    path = tmp_path / "new.sqlite3"
    if content is not None:
        path.write_bytes(content)
    assert check_database(path).status == integrity.NEW
    assert not path.exists() or path.read_bytes() == b""


def test_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "花名册.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 500)
    result = check_database(path)
    assert result.status == integrity.NOT_SQLITE and result.damaged
    assert "不是支部工作台的数据库" in result.message()


@pytest.mark.parametrize("harm", [damage_pages, truncate_half], ids=["overwritten-pages", "truncated"])
def test_damage_is_found_without_writing_anything(real_db, harm):
    harm(real_db)
    before = fingerprint(real_db)
    siblings = sorted(p.name for p in real_db.parent.iterdir())
    result = check_database(real_db)
    assert result.status == integrity.DAMAGED and result.damaged and not result.ok
    assert "数据库文件已损坏" in result.message() and "不会向这个文件写入" in result.message()
    assert fingerprint(real_db) == before
    assert sorted(p.name for p in real_db.parent.iterdir()) == siblings  # no -wal/-shm made either


def test_a_file_from_a_newer_version(tmp_path):
    path = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    result = check_database(path)
    assert result.status == integrity.TOO_NEW and "高于本程序支持的版本" in result.message()


def test_the_check_sees_commits_still_in_the_write_ahead_log(tmp_path):
    close()
    path = tmp_path / "wal.sqlite3"
    database = open_store(path)
    add_members("甲")
    # Keep the connection open: the commit lives only in the -wal, as after a crash.
    assert (tmp_path / "wal.sqlite3-wal").stat().st_size > 0
    assert check_database(path).status == integrity.OK
    database.close()


def test_newest_good_backup_skips_damaged_ones(real_db):
    bind(real_db)
    folder = backup_folder(real_db)
    older = backup_into_dir(Member._meta.database.obj, folder, "auto")
    time.sleep(0.01)
    newer = backup_into_dir(Member._meta.database.obj, folder, "auto")
    close()
    damage_pages(newer)
    found = newest_good_backup([folder])
    assert found is not None and found.path == older
    assert newest_good_backup([real_db.parent / "nowhere"]) is None


def test_restore_to_path_keeps_the_damaged_file_and_its_log(real_db, tmp_path):
    bind(real_db)
    expected = roster()
    backup = backup_into_dir(Member._meta.database.obj, backup_folder(real_db), "auto")
    add_members("备份之后的人")
    close()
    shutil.copy(real_db, tmp_path / "before")
    damage_pages(real_db)
    wal = real_db.with_name(real_db.name + "-wal")
    wal.write_bytes(b"stale log")  # must not be replayed into the restored file
    damaged_bytes = real_db.read_bytes()

    result = restore_to_path(backup, real_db)

    assert result.damaged_kept is not None and ".damaged-" in result.damaged_kept.name
    assert result.damaged_kept.read_bytes() == damaged_bytes
    assert result.damaged_kept.with_name(result.damaged_kept.name + "-wal").read_bytes() == b"stale log"
    assert not wal.exists()
    assert check_database(real_db).status == integrity.OK
    open_store(real_db)
    assert roster() == expected


def test_restore_to_path_refuses_a_bad_backup_and_touches_nothing(real_db, tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = fingerprint(real_db)
    with pytest.raises(RestoreError, match="不能用来恢复"):
        restore_to_path(bad, real_db)
    assert fingerprint(real_db) == before
    assert sorted(p.name for p in real_db.parent.iterdir()) == ["branch-desk.sqlite3"]


def test_cli_check_reports_a_healthy_database(real_db, capsys):
    assert main(["check", "--db", str(real_db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("数据库完好") and f"数据结构版本 {LATEST}" in out and "成员 202 人" in out


def test_cli_check_reports_damage_with_exit_1_and_names_a_backup(real_db, capsys):
    bind(real_db)
    good = backup_into_dir(Member._meta.database.obj, backup_folder(real_db), "auto")
    close()
    damage_pages(real_db)
    before = fingerprint(real_db)
    assert main(["check", "--db", str(real_db)]) == 1
    err = capsys.readouterr().err
    assert "数据库文件已损坏" in err and "Traceback" not in err
    assert str(good) in err and "branch-desk restore" in err
    assert fingerprint(real_db) == before


def test_cli_check_on_a_missing_file(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "无.sqlite3")]) == 1
    assert "找不到数据库文件" in capsys.readouterr().err
    assert not (tmp_path / "无.sqlite3").exists()


def test_quick_check_of_a_big_branch_passes_and_leaves_nothing_behind(tmp_path):
    """3,000 members; its time on the large database is a row of `python3 dev.py bench` (safety)."""
    close()
    path = make_database(tmp_path / "big" / "big.sqlite3", extra=3000)
    checkpoint(path)
    assert check_database(path).status == integrity.OK
    assert os.listdir(path.parent) == ["big.sqlite3"]
