"""One writer per database: a second process is refused before it writes a byte."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from desktop.cli import main
from desktop.models import LATEST, close
from desktop.safety.lock import DatabaseBusy, DatabaseLock, hold, is_locked, lock_path, release_all

from .helpers import ROOT, fingerprint, make_database, run_cli

HOLDER = (
    "import sys, time\n"
    "from desktop.safety.lock import DatabaseLock\n"
    "DatabaseLock(sys.argv[1]).acquire()\n"
    "print('locked', flush=True)\n"
    "time.sleep(120)\n"
)


@pytest.fixture
def db_path(tmp_path):
    close()
    return make_database(tmp_path / "branch-desk.sqlite3")


@pytest.fixture
def holder(db_path):
    """A real second process holding the lock, as the running app would."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    assert process.stdout.readline().strip() == "locked"
    yield process
    process.kill()
    process.wait(timeout=10)


@pytest.fixture
def roster_csv(tmp_path):
    source = tmp_path / "花名册.csv"
    source.write_text("姓名,联系电话\n甲,13900000001\n乙,13900000002\n", encoding="utf-8")
    return source


def test_a_second_lock_is_refused_until_the_first_is_released(db_path):
    first = DatabaseLock(db_path).acquire()
    with pytest.raises(DatabaseBusy, match=rf"正在被支部工作台窗口（进程 {os.getpid()}，\d+月\d+日 \d\d:\d\d 起）修改"):
        DatabaseLock(db_path).acquire()
    assert is_locked(db_path)
    first.release()
    assert not is_locked(db_path)
    with DatabaseLock(db_path) as again:
        assert again.held
    assert lock_path(db_path).exists()  # left in place on purpose


def test_hold_is_idempotent_and_released_by_release_all(db_path):
    assert hold(db_path) is hold(db_path)
    with pytest.raises(DatabaseBusy):
        DatabaseLock(db_path).acquire()
    release_all()
    DatabaseLock(db_path).acquire().release()


def test_import_is_refused_while_another_process_holds_the_lock(db_path, holder, roster_csv):
    before = fingerprint(db_path)
    siblings = sorted(p.name for p in db_path.parent.iterdir())
    result = run_cli("import", "members", str(roster_csv), "--db", str(db_path))
    assert result.returncode == 1
    assert f"正在被支部工作台窗口（进程 {holder.pid}，" in result.stderr and "Traceback" not in result.stderr
    assert fingerprint(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == siblings  # not even a -wal

    holder.kill()
    holder.wait(timeout=10)  # the OS drops the lock with the process: no stale lock
    assert main(["import", "members", str(roster_csv), "--db", str(db_path)]) == 0


def test_restore_and_demo_are_refused_while_locked(db_path, holder, tmp_path, capsys):
    before = fingerprint(db_path)
    assert main(["restore", str(db_path), "--db", str(db_path)]) == 1
    assert "不能恢复" in capsys.readouterr().err
    assert main(["demo", "--db", str(db_path)]) == 1
    assert "正在被" in capsys.readouterr().err
    assert fingerprint(db_path) == before


def test_reading_commands_work_while_the_app_is_open(db_path, holder, tmp_path, capsys):
    out = tmp_path / "导出.csv"
    assert main(["export", "members", str(out), "--db", str(db_path)]) == 0
    assert "已导出 2 人" in capsys.readouterr().out
    assert main(["check", "--db", str(db_path)]) == 0
    assert main(["backup", "--db", str(db_path)]) == 0
    assert main(["import", "members", str(out), "--dry-run", "--db", str(db_path)]) == 0
    assert "试运行" in capsys.readouterr().out


def test_a_reading_command_never_migrates_a_file_the_app_holds(db_path, holder, tmp_path, capsys):
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST - 1}")
    conn.close()
    before = fingerprint(db_path)
    assert main(["export", "members", str(tmp_path / "x.csv"), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "需要升级" in err and "请先用支部工作台打开它一次" in err
    assert fingerprint(db_path) == before


READER = (
    "import sys, time\n"
    "from desktop.safety.opening import Mode, open_database\n"
    "database = open_database(sys.argv[1], Mode.READ).database\n"
    "database.execute_sql('BEGIN')\n"
    "print(database.execute_sql('SELECT count(*) FROM member').fetchone()[0], flush=True)\n"
    "time.sleep(120)\n"
)


def test_a_report_or_backup_reading_never_blocks_the_app_or_an_import(db_path, tmp_path, roster_csv):
    """14.9: a reader mid-read (an open read transaction, as a long report has) holds no
    lock: the app's lock is granted and an import goes through alongside it."""
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db_path)], stdout=subprocess.PIPE,
                              text=True, cwd=ROOT)
    try:
        assert reader.stdout.readline().strip() == "2"
        assert not is_locked(db_path)
        window = DatabaseLock(db_path).acquire()  # the app starts: not refused
        window.release()
        result = run_cli("import", "members", str(roster_csv), "--db", str(db_path))
        assert result.returncode == 0, result.stderr
        assert "导入完成：新增 2 人" in result.stdout and "Traceback" not in result.stderr
    finally:
        reader.kill()
        reader.wait(timeout=10)


def test_a_refused_import_names_the_command_line_import_holding_the_file(db_path, roster_csv, capsys):
    """14.9: the refusal says which program holds the file: here another command, with its pid."""
    hold(db_path, "命令行命令 branch-desk import members")
    result = run_cli("import", "members", str(roster_csv), "--db", str(db_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"数据库正在被命令行命令 branch-desk import members（进程 {os.getpid()}，" in result.stderr
    assert "请等这个命令完成后再试" in result.stderr
