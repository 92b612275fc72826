"""Issue 12.5 and 14.7/14.16: backups of two databases in one folder never mix; restore and
check verify the file; interrupted backups and demos leave nothing that counts."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models import Branch, close, db, open_store
from desktop.safety.backup import backups_of, clean_partial_backups, list_backups
from desktop.safety.config import backup_folders
from desktop.safety.restore import RestoreError, restore_into

from .helpers import ROOT, add_members, checkpoint, fingerprint, members_in


def make_branch(path: Path, branch_name: str, *names: str) -> str:
    """A closed database of a named branch with *names*; its uid."""
    close()
    open_store(path)
    branch = Branch.current()
    branch.name = branch_name
    branch.save()
    add_members(*names)
    uid = branch.uid
    close()
    checkpoint(path)
    return uid


@pytest.fixture
def two_branches(tmp_path):
    """Two databases side by side in one folder, sharing its backups/ folder, each backed up."""
    first, second = tmp_path / "一支部.sqlite3", tmp_path / "二支部.sqlite3"
    uid1 = make_branch(first, "朝阳里临时党支部", "安𪚥", "白雪")
    uid2 = make_branch(second, "丰泽园临时党支部", "陈立", "邓华", "付强")
    for path in (first, second):
        assert main(["backup", "--db", str(path)]) == 0
    return first, second, uid1, uid2


def test_backup_names_say_whose_they_are_and_lists_keep_them_apart(two_branches, capsys):
    first, second, uid1, uid2 = two_branches
    folder = first.parent / "backups"
    names = sorted(b.path.name for b in list_backups(folder))
    assert len(names) == 2
    assert any(n.startswith(f"branch-desk-朝阳里临时党支部-{uid1[:8]}-") for n in names)
    assert any(n.startswith(f"branch-desk-丰泽园临时党支部-{uid2[:8]}-") for n in names)
    (own,) = backups_of(backup_folders(first), uid1)
    assert own.path.name.startswith(f"branch-desk-朝阳里临时党支部-{uid1[:8]}-")
    # By the identity inside the file, not the name: a renamed copy is still known.
    renamed = folder / own.path.name.replace("朝阳里临时党支部", "别的名字")
    os.link(own.path, renamed)
    assert {b.path.name for b in backups_of(backup_folders(first), uid1)} == {own.path.name, renamed.name}
    assert all("丰泽园" in b.path.name for b in backups_of(backup_folders(second), uid2))
    capsys.readouterr()
    assert main(["check", "--db", str(second)]) == 0
    assert f"支部 丰泽园临时党支部（编号 {uid2[:8]}）" in capsys.readouterr().out


def test_restoring_the_other_branchs_backup_is_refused_without_the_option(two_branches, capsys):
    first, second, uid1, uid2 = two_branches
    (theirs,) = backups_of(backup_folders(second), uid2)
    before = fingerprint(first)
    capsys.readouterr()
    assert main(["restore", str(theirs.path), "--db", str(first)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"错误：这份备份属于另一个支部：“丰泽园临时党支部（编号 {uid2[:8]}）”。\n"
                          f"当前打开的数据库属于“朝阳里临时党支部（编号 {uid1[:8]}）”，其中已有 2 条记录。")
    assert "请加上 --other-branch 再运行一次" in err and "Traceback" not in err
    assert fingerprint(first) == before and members_in(first) == ["安𪚥", "白雪"]

    assert main(["restore", str(theirs.path), "--db", str(first), "--other-branch"]) == 0
    assert members_in(first) == ["付强", "邓华", "陈立"]


def test_each_database_restores_its_own_backup_without_a_question(two_branches, capsys):
    first, second, uid1, uid2 = two_branches
    (own,) = backups_of(backup_folders(first), uid1)
    open_store(first)
    add_members("后来加的人")
    close()
    assert main(["restore", str(own.path), "--db", str(first)]) == 0
    assert members_in(first) == ["安𪚥", "白雪"]
    assert members_in(second) == ["付强", "邓华", "陈立"]


def test_restoring_into_an_empty_database_on_a_new_laptop_just_works(two_branches, tmp_path, capsys):
    first, second, uid1, uid2 = two_branches
    (own,) = backups_of(backup_folders(first), uid1)
    laptop = tmp_path / "新电脑" / "branch-desk.sqlite3"
    laptop.parent.mkdir()
    close()
    open_store(laptop)  # a fresh database: its own identity, no records
    close()
    assert main(["restore", str(own.path), "--db", str(laptop)]) == 0
    assert members_in(laptop) == ["安𪚥", "白雪"]


def test_restore_refuses_a_file_that_is_not_a_complete_branch_desk_database(db_path_with_members, tmp_path):
    """14.7: `member` and `team` tables are not enough; every table of its version must be there."""
    fake = tmp_path / "伪造.sqlite3"
    conn = sqlite3.connect(fake)
    conn.execute("CREATE TABLE member (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("PRAGMA user_version = 10")
    conn.commit()
    conn.close()
    before = fingerprint(db_path_with_members)
    database = open_store(db_path_with_members)
    with pytest.raises(RestoreError) as caught:
        restore_into(database, fake, tmp_path / "backups")
    message = str(caught.value)
    assert message.startswith(f"这个文件不能用来恢复，数据库保持原样：{fake}\n原因：不是完整的支部工作台数据库（数据结构版本 10）：")
    assert "缺少数据表 action_item；" in message and message.endswith("……")
    close()
    assert fingerprint(db_path_with_members) == before
    assert not (tmp_path / "backups").exists()  # refused before the safety copy


def test_check_finds_a_missing_column_that_integrity_alone_would_pass(db_path_with_members, capsys):
    conn = sqlite3.connect(db_path_with_members)
    conn.execute("DROP TABLE removed_record")
    conn.execute("ALTER TABLE member DROP COLUMN notes")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(db_path_with_members)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：数据库结构不完整，不能放心使用：\n不是完整的支部工作台数据库（数据结构版本 10）：")
    assert "数据表 member 缺少字段 notes" in err and "缺少数据表 removed_record" in err


@pytest.fixture
def db_path_with_members(tmp_path):
    path = tmp_path / "branch-desk.sqlite3"
    make_branch(path, "朝阳里临时党支部", "安𪚥", "白雪")
    return path


def test_interrupted_backups_are_cleaned_at_the_next_start_and_never_counted(db_path_with_members, capsys):
    folder = db_path_with_members.parent / "backups"
    folder.mkdir()
    old = dt.datetime.now().timestamp() - 3600
    leftovers = [folder / "branch-desk-x-1a2b3c4d-20261205-091500-123456-auto.sqlite3.part",
                 folder / "branch-desk-x-1a2b3c4d-20261205-091500-123456-auto.sqlite3.part-journal"]
    for path in leftovers:
        path.write_bytes(b"\0" * 4096)
        os.utime(path, (old, old))
    fresh = folder / "branch-desk-20261205-101500-123456-manual.sqlite3.part"
    fresh.write_bytes(b"\0")  # perhaps another program's backup copying right now
    assert list_backups(folder) == []
    assert main(["backup", "--db", str(db_path_with_members)]) == 0  # any backup run cleans first
    assert not any(p.exists() for p in leftovers) and fresh.exists()
    assert len(list_backups(folder)) == 1
    assert clean_partial_backups(folder, now=dt.datetime.now() + dt.timedelta(hours=1)) == [fresh]


DEMO_KILLED = (
    "import sys, os\n"
    "import desktop.demo as demo\n"
    "real = demo.build_diaries\n"
    "def die(*a, **k):\n"
    "    os._exit(9)  # killed part-way, as by the task manager\n"
    "demo.build_diaries = die\n"
    "demo.create_demo_database(sys.argv[1])\n"
)


def test_a_demo_killed_part_way_leaves_nothing_and_the_next_demo_works(tmp_path, capsys):
    target = tmp_path / "示例.sqlite3"
    killed = subprocess.run([sys.executable, "-c", DEMO_KILLED, str(target)], cwd=ROOT, capture_output=True)
    assert killed.returncode == 9
    assert not target.exists()  # all or nothing: the half-built file is beside it, not it
    assert main(["demo", "--db", str(target)]) == 0
    assert "成员：18 人" in capsys.readouterr().out
    assert len(members_in(target)) == 18
    assert not [p for p in tmp_path.iterdir() if ".demo-building" in p.name]


def test_demo_fills_an_empty_database_an_older_demo_left_behind(tmp_path, capsys):
    target = tmp_path / "示例.sqlite3"
    close()
    open_store(target)
    close()
    assert main(["demo", "--db", str(target)]) == 0
    assert len(members_in(target)) == 18
    assert main(["demo", "--db", str(target)]) == 1
    assert "文件已存在" in capsys.readouterr().err
    assert db.obj is None or db.is_closed()
