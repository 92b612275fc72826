"""The automatic backup policy, the backup-folder setting, and how long a backup takes."""
from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from desktop.demo import create_demo_database
from desktop.models import close, open_store
from desktop.safety.autobackup import AutoBackup
from desktop.safety.backup import BackupError, list_backups, reason_label, safety_backup
from desktop.safety.config import (
    backup_folder,
    backup_folders,
    config_path,
    default_backup_folder,
    set_backup_folder,
)

from .helpers import add_members

START = dt.datetime(2026, 11, 22, 8, 0)


class Clock:
    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> dt.datetime:
        self.now += dt.timedelta(minutes=minutes)
        return self.now


@pytest.fixture
def db_path(database) -> Path:
    return Path(database.database)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


def reasons(folder: Path) -> list[str]:
    return [b.reason for b in list_backups(folder)]


def test_start_then_every_30_minutes_while_something_changed(database, db_path, clock):
    policy = AutoBackup(database, db_path, clock=clock)
    assert policy.due()
    first = policy.run("startup")
    assert first.parent == default_backup_folder(db_path) and reasons(first.parent) == ["startup"]

    assert not policy.due(clock.advance(10))
    assert not policy.due(clock.advance(30))  # 40 minutes on, but nothing changed
    assert policy.tick() is None

    add_members("安𪚥")
    assert not policy.due(START + dt.timedelta(minutes=29))  # changed, but too soon after the last
    assert policy.due()
    time.sleep(0.002)  # distinct file names
    second = policy.tick()
    assert second is not None and second != first
    assert reasons(first.parent) == ["auto", "startup"]
    assert not policy.due(clock.advance(31))  # backed up since the change


def test_own_connection_writes_are_noticed(database, db_path, clock):
    """PRAGMA data_version would miss these; total_changes does not."""
    policy = AutoBackup(database, db_path, clock=clock)
    policy.run("startup")
    version = database.execute_sql("PRAGMA data_version").fetchone()[0]
    add_members("白雪")
    assert database.execute_sql("PRAGMA data_version").fetchone()[0] == version
    assert policy.changed()


def test_rotation_is_applied_after_each_backup(database, db_path, clock):
    folder = default_backup_folder(db_path)
    folder.mkdir()
    for hours in range(1, 24 * 30, 5):  # a month of old automatic backups
        when = START - dt.timedelta(hours=hours)
        (folder / f"branch-desk-{when:%Y%m%d-%H%M%S}-auto.sqlite3").write_bytes(b"x")
    policy = AutoBackup(database, db_path, clock=clock)
    policy.run("startup", now=START)
    kept = list_backups(folder)
    assert kept[0].reason == "startup"
    assert len(kept) <= 10 + 14 + 12


def test_a_chosen_folder_that_is_gone_falls_back_beside_the_database(database, db_path, tmp_path, clock):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the USB stick's folder used to be")
    set_backup_folder(db_path, blocker / "备份")
    policy = AutoBackup(database, db_path, clock=clock)
    path = policy.run("startup")
    assert path.parent == default_backup_folder(db_path)
    assert "无法写入" in policy.warning


def test_failure_without_fallback_raises(database, db_path, clock, monkeypatch):
    import desktop.safety.autobackup as auto

    def broken(*args):
        raise BackupError("备份失败：磁盘已满")

    monkeypatch.setattr(auto, "backup_into_dir", broken)
    policy = AutoBackup(database, db_path, clock=clock)
    with pytest.raises(BackupError):
        policy.run("startup")
    assert policy.due()  # it will try again at the next tick


def test_backup_folder_setting_lives_beside_the_database(db_path, tmp_path):
    assert backup_folder(db_path) == default_backup_folder(db_path)
    chosen = tmp_path / "U盘" / "支部备份"
    set_backup_folder(db_path, chosen)
    assert backup_folder(db_path) == chosen.resolve()
    assert json.loads(config_path(db_path).read_text(encoding="utf-8")) == {"backup_dir": str(chosen.resolve())}
    assert backup_folders(db_path) == [chosen.resolve(), default_backup_folder(db_path)]
    set_backup_folder(db_path, None)
    assert backup_folder(db_path) == default_backup_folder(db_path)


def test_a_garbled_setting_file_is_ignored(db_path):
    config_path(db_path).write_text("{not json", encoding="utf-8")
    assert backup_folder(db_path) == default_backup_folder(db_path)
    config_path(db_path).write_text('["a list"]', encoding="utf-8")
    assert backup_folder(db_path) == default_backup_folder(db_path)


def test_import_safety_backup_uses_the_chosen_folder(db_path, tmp_path):
    chosen = tmp_path / "chosen"
    set_backup_folder(db_path, chosen)
    path = safety_backup("pre-import")
    assert path.parent == chosen.resolve() and reason_label(list_backups(chosen)[0].reason) == "导入前"


@pytest.mark.parametrize("reason, label", [
    ("startup", "启动时"), ("auto", "定时"), ("pre-import", "导入前"), ("pre-restore", "恢复前"),
    ("pre-v4", "升级前"), ("manual", "手动"), ("something-else", "something-else"),
])
def test_reasons_read_in_chinese(reason, label):
    assert reason_label(reason) == label


def test_the_start_up_backup_of_the_demo_database_holds_every_record(tmp_path):
    """Its time on the large database is a row of `python3 dev.py bench` (safety)."""
    import sqlite3

    close()
    path = tmp_path / "demo" / "demo.sqlite3"
    create_demo_database(path)
    database = open_store(path)
    copy = AutoBackup(database, path).run("startup")
    tables = [r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type='table'")]
    counts = {t: database.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    close()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables} == counts
    assert counts["member"] > 0 and counts["diary_entry"] > 0


def test_the_upgrade_backup_goes_beside_the_file_when_the_chosen_folder_is_gone(tmp_path):
    import sqlite3

    from desktop.models import LATEST, schema_version
    from desktop.safety.opening import Mode, open_database

    close()
    path = tmp_path / "old" / "branch-desk.sqlite3"
    path.parent.mkdir()
    conn = sqlite3.connect(path)
    fixture = Path(__file__).resolve().parents[1] / "models" / "fixtures" / "schema_v1.sql"
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    blocker = tmp_path / "unplugged"
    blocker.write_text("not a folder")
    set_backup_folder(path, blocker / "备份")
    database = open_database(path, Mode.WRITE, holder="支部工作台命令行").database
    assert schema_version(database) == LATEST
    assert reasons(default_backup_folder(path)) == [f"pre-v{LATEST}"]
