"""The start-up backup: begun once the window is shown, copied off the UI thread, always
taken (even when the app quits at once), failures shown in the status bar. And the whole
start in a real process on a file: window shown, marker printed, backup left behind."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow

from desktop.models import close
from desktop.safety.autobackup import AutoBackup
from desktop.safety.backup import BackupError, list_backups
from desktop.safety.config import backup_folder
from desktop.safety.lock import is_locked
from desktop.ui.safety.startup import Claim, claim_database, start_services

from ...safety.helpers import add_members, make_database, run_app_once


@pytest.fixture
def started(qtbot, database):
    """start_services on a shown window over the test database, as app.run does it."""
    add_members("安𪚥", "白雪")
    db_path = Path(database.database)
    claim = claim_database(db_path)
    assert isinstance(claim, Claim)
    window = QMainWindow()
    qtbot.addWidget(window)
    yield window, claim, db_path
    claim.release()


def startup_backups(db_path: Path) -> list[Path]:
    return [b.path for b in list_backups(backup_folder(db_path)) if b.reason == "startup"]


def test_the_backup_begins_after_the_window_is_shown_and_off_the_ui_thread(started, qtbot, monkeypatch):
    window, claim, db_path = started
    seen = []
    real = AutoBackup.start_in_background

    def spy(policy, reason="startup", done=None):
        seen.append(window.isVisible())
        return real(policy, reason, done)

    monkeypatch.setattr(AutoBackup, "start_in_background", spy)
    start_services(window, claim)
    window.show()
    assert startup_backups(db_path) == [] and window.startup_backup.pending()  # nothing before the loop
    qtbot.waitUntil(lambda: not window.startup_backup.pending(), timeout=30000)
    assert seen == [True]
    assert len(startup_backups(db_path)) == 1
    assert window.autobackup.last_path == startup_backups(db_path)[0]


def test_quitting_before_the_loop_ran_still_leaves_a_startup_backup(started):
    window, claim, db_path = started
    start_services(window, claim)
    claim.stop_services()  # what app.run does when exec() returns
    assert len(startup_backups(db_path)) == 1
    assert not window.startup_backup.pending()


def test_quitting_waits_for_a_running_copy(started, qtbot):
    window, claim, db_path = started
    start_services(window, claim)
    window.show()
    qtbot.waitUntil(lambda: window.startup_backup.started, timeout=5000)
    claim.stop_services()
    assert not window.autobackup.busy
    assert len(startup_backups(db_path)) == 1


def test_a_failed_startup_backup_is_shown_in_the_status_bar(started, qtbot, monkeypatch):
    window, claim, _ = started

    def refuse(policy, database, reason, now):
        raise BackupError("备份文件校验未通过，已丢弃。")

    monkeypatch.setattr(AutoBackup, "_copy", refuse)
    start_services(window, claim)
    window.show()
    qtbot.waitUntil(lambda: "启动时备份失败" in window.statusBar().currentMessage(), timeout=30000)
    assert "校验未通过" in window.statusBar().currentMessage()


def test_a_real_start_shows_the_window_then_backs_up(tmp_path):
    """python -m desktop under BRANCH_DESK_BENCH_SHOWN: marker, exit 0, backup, lock released."""
    close()
    db_path = make_database(tmp_path / "data" / "branch-desk.sqlite3", extra=20)
    result = run_app_once(tmp_path, db_path)
    assert result.returncode == 0, result.stderr
    assert "BRANCH_DESK_SHOWN" in result.stdout.splitlines()
    assert len(startup_backups(db_path)) == 1
    assert not is_locked(db_path)
