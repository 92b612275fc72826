"""Issue 14: storage faults and hostile files, each made by the test itself.

Every case asserts the exact Chinese message, no traceback on stderr, and the database
unchanged where it must be.
"""
from __future__ import annotations

import errno
import importlib
import os
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models import Member, close, open_store
from desktop.safety.errors import IS_FOLDER, LOCKED, READ_ONLY, fault_message, message_for

from .helpers import fingerprint, make_database, members_in, reopen, roster

# By module path: the package exports a `db` proxy that shadows the desktop.models.db module.
db_module = importlib.import_module("desktop.models.db")
connection = importlib.import_module("desktop.safety.connection")

ROSTER = "姓名,联系电话\n" + "".join(f"成员{n:03d},139{n:08d}\n" for n in range(300))


@pytest.fixture
def db_path(tmp_path):
    close()
    return make_database(tmp_path / "branch-desk.sqlite3")


@pytest.fixture
def roster_csv(tmp_path):
    source = tmp_path / "花名册.csv"
    source.write_text(ROSTER, encoding="utf-8")
    return source


def test_the_mapping_reads_peewee_sqlite3_and_os_errors_alike():
    import peewee

    full = "磁盘空间已满，无法写入：/x。这次操作没有保存任何内容，原有数据不受影响。"
    assert fault_message(peewee.OperationalError("database or disk is full"), "/x").startswith(full)
    assert fault_message(sqlite3.OperationalError("database or disk is full"), "/x").startswith(full)
    assert fault_message(OSError(errno.ENOSPC, "No space left on device", "/x")).startswith(full)
    assert fault_message(peewee.OperationalError("database is locked"), "/x") == message_for(LOCKED, "/x")
    assert fault_message(peewee.OperationalError("attempt to write a readonly database"), "/x") == \
        message_for(READ_ONLY, "/x")
    assert fault_message(ValueError("something else")) is None


def test_full_disk_during_import_says_so_and_stores_nothing(db_path, roster_csv, monkeypatch, capsys):
    """SQLITE_FULL made with PRAGMA max_page_count: the file may not grow by a page."""
    pages = sqlite3.connect(db_path).execute("PRAGMA page_count").fetchone()[0]
    monkeypatch.setattr(db_module, "PRAGMAS", {**db_module.PRAGMAS, "max_page_count": pages + 1})
    before = members_in(db_path)
    assert main(["import", "members", str(roster_csv), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"错误：磁盘空间已满，无法写入：{db_path}。这次操作没有保存任何内容，原有数据不受影响。")
    assert "Traceback" not in err and "OperationalError" not in err and "disk is full" not in err
    assert members_in(db_path) == before


def test_a_database_locked_by_another_program_says_so_and_stores_nothing(db_path, roster_csv, monkeypatch, capsys):
    """Another program (a database viewer) holds a write transaction: BEGIN EXCLUSIVE."""
    monkeypatch.setattr(db_module, "PRAGMAS", {**db_module.PRAGMAS, "busy_timeout": 100})
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["import", "members", str(roster_csv), "--db", str(db_path)]) == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert err.startswith(f"错误：数据库被其他程序占用，暂时无法写入：{db_path}。这次操作没有保存任何内容")
    assert "Traceback" not in err
    assert members_in(db_path) == ["安𪚥", "白雪"]


def test_a_read_only_database_file_is_refused_before_writing(db_path, roster_csv, capsys):
    os.chmod(db_path, 0o444)
    before = fingerprint(db_path)
    try:
        assert main(["import", "members", str(roster_csv), "--db", str(db_path)]) == 1
    finally:
        os.chmod(db_path, 0o600)
    err = capsys.readouterr().err
    assert err == f"错误：{message_for(READ_ONLY, db_path)}\n"
    assert err.startswith(f"错误：文件是只读的，无法写入：{db_path}。")
    assert fingerprint(db_path) == before


def test_a_read_only_sqlite_connection_fault_has_the_same_message(db_path, roster_csv, monkeypatch, capsys):
    """The file opened by SQLite in mode=ro (as a read-only medium would): the write fails inside."""
    real = connection.new_database

    def read_only(path, **kwargs):
        return real(Path(path).resolve().as_uri() + "?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(connection, "new_database", read_only)
    monkeypatch.setattr(db_module, "PRAGMAS", {k: v for k, v in db_module.PRAGMAS.items() if k != "journal_mode"})
    assert main(["import", "members", str(roster_csv), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"错误：文件是只读的，无法写入：{db_path}。这次操作没有保存任何内容")
    assert "Traceback" not in err
    assert members_in(db_path) == ["安𪚥", "白雪"]


def test_db_on_a_folder_names_the_real_cause(tmp_path, capsys):
    folder = tmp_path / "数据"
    folder.mkdir()
    for command in (["export", "members", str(tmp_path / "x.csv")], ["check"], ["backup"],
                    ["import", "members", str(tmp_path / "x.csv")]):
        (tmp_path / "x.csv").write_text("姓名\n甲\n", encoding="utf-8")
        assert main([*command, "--db", str(folder)]) == 1
        err = capsys.readouterr().err
        assert err == f"错误：{message_for(IS_FOLDER, folder)}\n", command
        assert "Is a directory" not in err
    assert list(folder.iterdir()) == []


def test_xlsx_export_to_a_full_disk_prints_one_chinese_line_and_no_traceback(db_path, tmp_path, monkeypatch, capsys):
    """ENOSPC from every write of the zip file: before, ZipFile.__del__ printed a traceback."""
    real_write = zipfile.ZipFile.writestr

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    monkeypatch.setattr(zipfile.ZipFile, "_write_end_record", full)
    target = tmp_path / "导出.xlsx"
    assert main(["export", "members", str(target), "--db", str(db_path)]) == 1
    monkeypatch.setattr(zipfile.ZipFile, "writestr", real_write)
    err = capsys.readouterr().err
    assert err.startswith("错误：磁盘空间已满，无法写入")
    assert err.count("\n") == 1 and "Traceback" not in err and "No space left" not in err
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]


# -- 14.8: reading commands on a read-only medium ---------------------------------------

@pytest.fixture
def read_only_medium(db_path):
    """A 444 database in a 555 folder, as on a write-protected stick."""
    os.chmod(db_path, 0o444)
    os.chmod(db_path.parent, 0o555)
    yield db_path
    os.chmod(db_path.parent, 0o755)
    os.chmod(db_path, 0o600)


def test_reading_commands_work_on_a_read_only_medium_and_change_nothing(read_only_medium, tmp_path_factory, capsys):
    db_path = read_only_medium
    folder = db_path.parent
    before = {p.name: (fingerprint(p), stat.S_IMODE(p.stat().st_mode)) for p in folder.iterdir()}
    elsewhere = tmp_path_factory.mktemp("usb")
    assert main(["export", "members", str(elsewhere / "花名册.csv"), "--db", str(db_path)]) == 0
    assert main(["report", "members", "-o", str(elsewhere / "花名册.pdf"), "--db", str(db_path)]) == 0
    assert main(["backup", "-o", str(elsewhere / "备份.sqlite3"), "--db", str(db_path)]) == 0
    assert main(["check", "--db", str(db_path)]) == 0
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "已导出 2 人" in out.out and "数据库完好" in out.out
    after = {p.name: (fingerprint(p), stat.S_IMODE(p.stat().st_mode)) for p in folder.iterdir()}
    assert after == before  # no lock file, no backups/, no -wal/-shm, still 444
    assert stat.S_IMODE(folder.stat().st_mode) == 0o555
    for made in ("花名册.csv", "花名册.pdf", "备份.sqlite3"):
        assert stat.S_IMODE((elsewhere / made).stat().st_mode) == 0o600  # 14.18: private


def test_reading_commands_on_a_writable_folder_create_nothing_beside_the_database(db_path, tmp_path_factory, capsys):
    folder = db_path.parent
    os.chmod(db_path, 0o444)  # the user made it read-only: a reader must not "fix" that
    names = sorted(p.name for p in folder.iterdir())
    elsewhere = tmp_path_factory.mktemp("out")
    try:
        assert main(["export", "members", str(elsewhere / "x.xlsx"), "--db", str(db_path)]) == 0
        assert main(["report", "members", "-o", str(elsewhere / "x.pdf"), "--db", str(db_path)]) == 0
        assert main(["check", "--db", str(db_path)]) == 0
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o444
        assert sorted(p.name for p in folder.iterdir()) == names
    finally:
        os.chmod(db_path, 0o600)
    assert "Traceback" not in capsys.readouterr().err


def test_a_report_period_of_thousands_of_years_is_refused(db_path, tmp_path, capsys):
    target = tmp_path / "值班表.pdf"
    assert main(["report", "duty", "--from", "0001-01-01", "--to", "9999-12-31", "-o", str(target),
                 "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err == ("错误：时间范围 0001-01-01 至 9999-12-31 超出了合理的年份（2000 年至 "
                   f"{__import__('datetime').date.today().year + 5} 年），可能是日期输错了。请检查开始和结束日期。\n")
    assert main(["report", "summary", "--from", "2020-01-01", "--to", "2026-01-01", "-o", str(target),
                 "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err == ("错误：时间范围 2020-01-01 至 2026-01-01 共 2193 天，超过了 3 年。"
                   "一份报表最多涵盖 3 年，请缩小时间范围，或分几次生成。\n")
    assert not target.exists()


def test_the_reports_page_build_refuses_an_absurd_period_in_the_child_too(db_path, tmp_path):
    from desktop.reports import child

    outcome = child.build({"db": str(db_path), "kind": "duty", "date_from": "0001-01-01", "date_to": "9999-12-31",
                           "member_id": None, "reveal": False, "include_departed": False,
                           "output": str(tmp_path / "x.pdf"), "result": str(tmp_path / "r.json")})
    assert outcome["ok"] is False and outcome["message"].startswith("时间范围 0001-01-01 至 9999-12-31 超出了合理的年份")
    assert not (tmp_path / "x.pdf").exists()


def test_reopen_helper_still_reads(db_path):
    reopen(db_path)
    assert sorted(roster()) == ["安𪚥", "白雪"]
    assert Member.select().count() == 2
    close()
    open_store(db_path)


def test_pdfs_saved_from_the_window_are_private(tmp_path):
    """14.18: the 报表 page's save and open-in-viewer write through the one private-file helper."""
    from desktop.ui.reports import pdf_output

    target = tmp_path / "报表" / "党员花名册.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    os.chmod(target, 0o644)  # an earlier save by an older version
    pdf_output.write_pdf(target, b"%PDF-1.4 full roster")
    assert target.read_bytes() == b"%PDF-1.4 full roster"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["党员花名册.pdf"]


def test_a_private_write_to_a_full_disk_leaves_the_old_file_and_no_partial(tmp_path, monkeypatch):
    from desktop.safety import permissions

    target = tmp_path / "报表" / "备份说明.pdf"
    target.parent.mkdir()
    target.write_bytes(b"before")

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(permissions.os, "write", full)
    with pytest.raises(OSError) as caught:
        permissions.write_private(target, b"after")
    monkeypatch.undo()
    assert fault_message(caught.value, target).startswith(f"磁盘空间已满，无法写入：{target}")
    assert target.read_bytes() == b"before" and [p.name for p in target.parent.iterdir()] == ["备份说明.pdf"]
