"""open_database(location, mode): the one door, its modes, and the locations it refuses."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from peewee import OperationalError

from desktop.cli import main
from desktop.models import LATEST, Member, close, db, migrate
from desktop.safety.lock import is_locked, release_all
from desktop.safety.opening import (
    Mode,
    OpenDatabase,
    SnapshotOutOfDate,
    UnsupportedLocation,
    open_database,
    parse_location,
)


@pytest.fixture
def made(tmp_path) -> Path:
    path = tmp_path / "支部.sqlite3"
    open_database(path, Mode.WRITE)
    close()
    return path


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


@pytest.mark.parametrize("location", ["postgresql://desk@hub.example/branch", "postgres://hub/branch"])
def test_a_server_location_is_refused_in_chinese_before_anything_happens(tmp_path, location):
    with pytest.raises(UnsupportedLocation, match="暂不支持打开服务器上的数据库") as caught:
        open_database(location, Mode.WRITE)
    assert "SQLite" in str(caught.value)
    assert db.obj is not None and Path(db.obj.database).name == "branch-desk.sqlite3"  # still the fixture's


def test_the_environment_cannot_name_a_server_either(monkeypatch):
    from desktop.paths import resolve_db_path

    monkeypatch.setenv("BRANCH_DESK_DB", "postgresql://desk@hub/branch")
    with pytest.raises(UnsupportedLocation, match="暂不支持"):
        resolve_db_path()


def test_locations_that_name_a_sqlite_file(tmp_path):
    assert parse_location(tmp_path / "a.sqlite3") == tmp_path / "a.sqlite3"
    assert parse_location(f"sqlite:///{tmp_path}/a.sqlite3") == tmp_path / "a.sqlite3"
    assert parse_location(r"C:\Users\秘书\a.sqlite3") == Path(r"C:\Users\秘书\a.sqlite3")  # a drive, not a scheme
    assert parse_location(":memory:") is None
    with pytest.raises(UnsupportedLocation, match="无法识别的数据库位置"):
        parse_location("ftp://somewhere/a.sqlite3")


def test_write_opens_binds_and_says_where_backups_go(tmp_path):
    path = tmp_path / "支部.sqlite3"
    opened = open_database(path, Mode.WRITE)
    assert isinstance(opened, OpenDatabase) and opened.writable
    assert opened.path == path and db.obj is opened.database
    assert opened.backup_folder == tmp_path / "backups"
    Member.create(name="张三", gender="男")
    taken = opened.backup_first("manual")
    assert taken is not None and taken.parent == tmp_path / "backups" and taken.is_file()


def test_write_with_a_holder_takes_the_lock(made):
    assert not is_locked(made)
    open_database(made, Mode.WRITE, holder="命令行命令 branch-desk test")
    try:
        assert is_locked(made)
    finally:
        release_all()


def test_read_alongside_cannot_write(made):
    opened = open_database(made, Mode.READ)
    assert opened.mode is Mode.READ and not opened.writable and opened.backup_folder is None
    with pytest.raises(OperationalError):
        Member.create(name="李四", gender="女")
    assert Member.select().count() == 0


def test_a_snapshot_of_an_older_schema_is_refused_and_left_as_it_was(made):
    with sqlite3.connect(made) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST - 1}")
    with pytest.raises(SnapshotOutOfDate, match="请先用支部工作台打开它一次"):
        open_database(made, Mode.SNAPSHOT)
    assert user_version(made) == LATEST - 1  # never upgraded by a snapshot
    with sqlite3.connect(made) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST}")
    assert open_database(made, Mode.SNAPSHOT).mode is Mode.SNAPSHOT  # at this program's schema: opens


def test_in_memory(tmp_path):
    opened = open_database(":memory:")
    assert opened.path is None and opened.backup_folder is None and opened.backup_first("x") is None
    with pytest.raises(UnsupportedLocation):
        open_database(":memory:", Mode.READ)


def test_migrations_call_the_backup_step_they_are_handed(made, monkeypatch):
    """The models know nothing of backups: the door hands migrate() its "back up first" step."""
    from desktop.models import migrations
    from desktop.safety.connection import bind

    with sqlite3.connect(made) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST - 1}")
    monkeypatch.setitem(migrations.STEPS, LATEST, lambda database: None)  # the file is at LATEST already
    asked = []
    result = migrate(bind(made), lambda reason: asked.append(reason) or made.with_name("copy.sqlite3"))
    assert asked == [f"pre-v{LATEST}"] and result.backup == made.with_name("copy.sqlite3")
    assert (result.from_version, result.to_version) == (LATEST - 1, LATEST)


def test_the_cli_refuses_a_server_location_in_chinese(tmp_path, capsys):
    assert main(["export", "members", str(tmp_path / "x.csv"), "--db", "postgresql://desk@hub/branch"]) == 1
    err = capsys.readouterr().err
    assert "暂不支持打开服务器上的数据库" in err and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()
