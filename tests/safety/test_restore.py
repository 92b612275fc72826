"""Backup, change, restore: the earlier records come back exactly (Qt-free and via the CLI)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models import LATEST, Member, close, open_store, schema_version
from desktop.roster.service import delete_member, save_member
from desktop.safety.backup import BackupError, backup_into_dir, backup_to, list_backups
from desktop.safety.config import backup_folder
from desktop.safety.integrity import check_database
from desktop.safety.restore import RestoreError, restore_into

from .helpers import add_members, damage_pages, fingerprint, make_database, roster

V1_FIXTURE = Path(__file__).resolve().parents[1] / "models" / "fixtures" / "schema_v1.sql"


def change_everything(first: Member, second: Member) -> None:
    save_member({**roster()[first.name], "notes": "改过了", "phone": "13900000009"}, first.id)
    delete_member(second.id)
    add_members("新来的人")


def test_backup_change_restore_round_trip(database, tmp_path):
    first, second = add_members("安𪚥", "白雪")
    before = roster()
    backup = backup_into_dir(database, backup_folder(Path(database.database)), "manual")
    change_everything(first, second)
    changed = roster()
    assert changed != before

    result = restore_into(database, backup, backup_folder(Path(database.database)))

    assert roster() == before
    assert [m.id for m in Member.select().order_by(Member.id)] == [first.id, second.id]
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    # The state just before restoring was kept, and restoring it undoes the restore.
    assert result.safety_copy is not None and "pre-restore" in result.safety_copy.name
    restore_into(database, result.safety_copy, backup_folder(Path(database.database)))
    assert roster() == changed


def test_an_old_schema_backup_comes_back_migrated(database, tmp_path):
    old = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(old)
    conn.executescript(V1_FIXTURE.read_text(encoding="utf-8"))
    names = [row[0] for row in conn.execute("SELECT name FROM member")]
    conn.close()
    add_members("会被替换的人")
    restore_into(database, old, tmp_path / "backups", allow_other_branch=True)  # another branch's
    assert schema_version(database) == LATEST
    assert sorted(m.name for m in Member.select()) == sorted(names)
    assert [b.reason for b in list_backups(tmp_path / "backups")].count("pre-restore") == 1


def test_a_backup_with_another_page_size_is_restored(database, tmp_path):
    """WAL cannot change the page size in place; the restore steps out of WAL for it."""
    close()
    source = tmp_path / "big-pages.sqlite3"
    conn = sqlite3.connect(source)
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    conn.close()
    make_database(source, names=("从别处拷来的人",))
    open_store(Path(database.database))
    add_members("原来的人")
    restore_into(Member._meta.database.obj, source, tmp_path / "backups", allow_other_branch=True)
    db = Member._meta.database
    assert sorted(roster()) == ["从别处拷来的人"]
    assert db.execute_sql("PRAGMA page_size").fetchone()[0] == 8192
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("kind", ["damaged", "not-a-database", "no-roster", "missing", "itself"])
def test_a_bad_source_is_refused_and_nothing_changes(database, tmp_path, kind):
    add_members("安𪚥")
    before = roster()
    source = tmp_path / f"{kind}.sqlite3"
    if kind == "damaged":
        close()
        make_database(source, extra=100)
        damage_pages(source)
        open_store(Path(database.database))
    elif kind == "not-a-database":
        source.write_text("姓名,电话\n", encoding="utf-8")
    elif kind == "no-roster":
        sqlite3.connect(source).execute("CREATE TABLE other (x)").connection.commit()
    elif kind == "itself":
        source = Path(database.database)
    folder = tmp_path / "backups"
    with pytest.raises(RestoreError):
        restore_into(Member._meta.database.obj, source, folder)
    assert roster() == before
    assert list_backups(folder) == []  # refused before even the safety copy


def test_backup_never_overwrites_the_live_database(database):
    live = Path(database.database)
    for target in (live, live.with_name(live.name + "-wal"), live.with_name(live.name + ".lock")):
        with pytest.raises(BackupError, match="不能把备份写到数据库文件本身"):
            backup_to(database, target)
    assert check_database(live).ok


def test_cli_backup_into_the_folder_and_to_a_file(tmp_path, capsys):
    close()
    db_path = make_database(tmp_path / "data" / "branch-desk.sqlite3")
    assert main(["backup", "--db", str(db_path)]) == 0
    printed = capsys.readouterr().out.strip()
    made = list_backups(backup_folder(db_path))
    assert [b.reason for b in made] == ["manual"] and printed == f"已备份到：{made[0].path.resolve()}"

    usb = tmp_path / "U盘" / "备份 #1.sqlite3"
    assert main(["backup", "-o", str(usb), "--db", str(db_path)]) == 0
    assert str(usb.resolve()) in capsys.readouterr().out
    open_store(usb)
    assert sorted(roster()) == ["安𪚥", "白雪"]


def test_cli_backup_refuses_the_database_itself(tmp_path, capsys):
    close()
    db_path = make_database(tmp_path / "branch-desk.sqlite3")
    before = fingerprint(db_path)
    assert main(["backup", "-o", str(db_path), "--db", str(db_path)]) == 1
    assert "不能把备份写到数据库文件本身" in capsys.readouterr().err
    assert fingerprint(db_path) == before


def test_cli_restore_round_trip(tmp_path, capsys):
    close()
    db_path = make_database(tmp_path / "branch-desk.sqlite3")
    saved = tmp_path / "saved.sqlite3"
    assert main(["backup", "-o", str(saved), "--db", str(db_path)]) == 0
    open_store(db_path)
    before = roster()
    add_members("之后加的人")
    close()
    capsys.readouterr()

    assert main(["restore", str(saved), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "已用" in out and "恢复前的数据已备份到" in out
    open_store(db_path)
    assert roster() == before
    assert [b.reason for b in list_backups(backup_folder(db_path))] == ["pre-restore"]


def test_cli_restore_over_a_damaged_file_keeps_it(tmp_path, capsys):
    close()
    db_path = make_database(tmp_path / "branch-desk.sqlite3", extra=100)
    saved = tmp_path / "saved.sqlite3"
    assert main(["backup", "-o", str(saved), "--db", str(db_path)]) == 0
    damage_pages(db_path)
    damaged = db_path.read_bytes()
    assert main(["restore", str(saved), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "损坏的原文件已改名保留" in out
    kept = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert check_database(db_path).ok


def test_cli_restore_refuses_a_damaged_backup(tmp_path, capsys):
    close()
    db_path = make_database(tmp_path / "branch-desk.sqlite3")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    before = fingerprint(db_path)
    assert main(["restore", str(bad), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "不能用来恢复" in err and "Traceback" not in err
    assert fingerprint(db_path) == before
