"""Schema versions: a new file starts at LATEST; a version-1 file is backed up, then migrated."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from desktop.models import (
    LATEST,
    Branch,
    MeetingType,
    Member,
    SchemaTooNew,
    close,
    open_store,
    schema_version,
)
from desktop.models.migrations import STEPS
from desktop.roster.service import list_members
from desktop.safety.backup import integrity_ok

FIXTURE = Path(__file__).parent / "fixtures" / "schema_v1.sql"


def make_v1(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    conn.close()


def columns(database) -> dict[str, list[tuple]]:
    """Each table's columns (name, type, notnull, pk) and index names, for comparing schemas."""
    result = {}
    for table in sorted(database.get_tables()):
        cols = database.execute_sql(f'PRAGMA table_info("{table}")').fetchall()
        indexes = database.execute_sql(f'PRAGMA index_list("{table}")').fetchall()
        result[table] = sorted((c[1], c[2], c[3], c[5]) for c in cols) + sorted(i[1] for i in indexes)
    return result


def test_new_database_starts_at_latest_version(database):
    assert schema_version(database) == LATEST
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_version1_file_is_backed_up_then_migrated(tmp_path):
    close()
    path = tmp_path / "old.sqlite3"
    make_v1(path)

    database = open_store(path)

    assert schema_version(database) == LATEST
    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert len(backups) == 1
    assert integrity_ok(backups[0])
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT count(*) FROM member").fetchone()[0] == 3

    by_name = {m.name: m for m in list_members()}
    assert set(by_name) == {"赵一鸣", "安𪚥", "白雪"}
    assert by_name["安𪚥"].notes == "备注：含扩展区汉字"
    assert by_name["安𪚥"].team.name == "第二小分队"
    assert by_name["赵一鸣"].name_pinyin.startswith("zhao")
    assert [m.name for m in list_members()] == ["安𪚥", "白雪", "赵一鸣"]  # pinyin order
    assert str(by_name["白雪"].departed_on) == "2022-04-20"
    assert MeetingType.select().count() == 9  # reference data arrives with its step


def test_migrated_schema_equals_fresh_schema(tmp_path, database):
    fresh = columns(database)
    close()
    path = tmp_path / "old.sqlite3"
    make_v1(path)
    migrated = columns(open_store(path))
    assert migrated == fresh


def test_reopening_a_current_file_makes_no_backup(tmp_path):
    close()
    path = tmp_path / "again.sqlite3"
    open_store(path)
    Member.create(name="甲", name_pinyin="jia3")
    close()
    open_store(path)
    assert Member.select().count() == 1
    assert not (tmp_path / "backups").exists()


def test_file_from_a_newer_version_is_refused_untouched(tmp_path):
    close()
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE member (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew, match="请升级"):
        open_store(path)
    close()
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == LATEST + 5


def test_failed_step_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    from desktop.models import migrations

    close()
    path = tmp_path / "old.sqlite3"
    make_v1(path)

    def broken(database):
        database.execute_sql('ALTER TABLE "member" ADD COLUMN "name_pinyin" TEXT')
        raise RuntimeError("disk full")

    monkeypatch.setitem(migrations.STEPS, 2, broken)
    with pytest.raises(RuntimeError):
        open_store(path)
    close()
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 1
        cols = [c[1] for c in check.execute("PRAGMA table_info(member)")]
        assert "name_pinyin" not in cols


def make_version(path: Path, version: int) -> None:
    """A file as version *version* stored it: the v1 fixture taken through the frozen steps."""
    make_v1(path)
    database = SqliteDatabase(str(path))
    for step in range(2, version + 1):
        STEPS[step](database)
    database.execute_sql(f"PRAGMA user_version = {version}")
    database.close()


def test_version9_file_gets_a_stable_identity_once(tmp_path):
    close()
    path = tmp_path / "v9.sqlite3"
    make_version(path, 9)
    with sqlite3.connect(path) as conn:
        conn.execute('DELETE FROM "branch"')  # an old file whose profile was never saved
    open_store(path)
    uid = Branch.current().uid
    assert len(uid) == 32 and int(uid, 16) >= 0
    close()
    open_store(path)
    assert Branch.current().uid == uid  # stable across opens
    assert Branch.select().count() == 1


def test_new_databases_get_different_identities(tmp_path):
    close()
    open_store(tmp_path / "a.sqlite3")
    first = Branch.current().uid
    close()
    open_store(tmp_path / "b.sqlite3")
    assert Branch.current().uid != first


def test_version8_keys_are_recomputed_with_surname_readings(tmp_path):
    close()
    path = tmp_path / "v8.sqlite3"
    make_version(path, 8)
    with sqlite3.connect(path) as conn:
        ids = [row[0] for row in conn.execute('SELECT "id" FROM "member" ORDER BY "id"')]
        conn.execute('DELETE FROM "member" WHERE "id" = ?', (ids[2],))
        for row_id, name, key in ((ids[0], "曾建国", "ceng2 jian4 guo2"), (ids[1], "张伟", "zhang1 wei3")):
            # what version 8 stored
            conn.execute('UPDATE "member" SET "name" = ?, "name_pinyin" = ? WHERE "id" = ?', (name, key, row_id))
    database = open_store(path)
    assert schema_version(database) == LATEST
    assert {m.name: m.name_pinyin for m in Member.select()} == {
        "曾建国": "zeng1 jian4 guo2", "张伟": "zhang1 wei3"}
    assert [m.name for m in list_members()] == ["曾建国", "张伟"]
    assert len(list((tmp_path / "backups").glob("*.sqlite3"))) == 1  # backed up first
