"""Start-up on a damaged database: a plain Chinese message and the offer of the newest good
backup, never a traceback, and never a write into the damaged file."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

import desktop.app as desktop_app
from desktop.models import close, db, open_store
from desktop.safety.backup import backup_into_dir, list_backups
from desktop.safety.config import backup_folder
from desktop.safety.connection import bind
from desktop.safety.integrity import check_database
from desktop.safety.lock import is_locked
from desktop.ui.main_window import MainWindow
from desktop.ui.safety.startup import Claim, claim_database

from ...safety.helpers import damage_pages, fingerprint, make_database, roster, truncate_half

Button = QMessageBox.StandardButton


@pytest.fixture
def shown(monkeypatch, qapp):
    """Every message box the start-up shows, answered without blocking."""
    record = {"boxes": [], "answer": Button.Yes, "critical": [], "information": []}

    def exec_(box):
        record["boxes"].append({
            "title": box.windowTitle(), "text": box.text(), "informative": box.informativeText(),
            "buttons": [b.text() for b in box.buttons()],
        })
        return record["answer"]

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a: record["critical"].append((title, text)) or Button.Close)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *a: record["information"].append((title, text)))
    return record


@pytest.fixture
def damaged(tmp_path):
    """A real database with a good backup, then damaged in the middle of its pages."""
    close()
    path = make_database(tmp_path / "data" / "branch-desk.sqlite3", extra=200)
    bind(path)
    expected = roster()
    backup_into_dir(db.obj, backup_folder(path), "auto")
    close()
    damage_pages(path)
    return path, expected


def others(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name not in ("backups", path.name + ".lock"))


def test_damage_is_explained_and_the_newest_good_backup_offered(damaged, shown):
    path, expected = damaged
    claim = claim_database(path)
    assert isinstance(claim, Claim)
    box = shown["boxes"][0]
    assert box["title"] == "无法打开数据库"
    assert box["text"].startswith("数据库文件已损坏，无法安全打开")
    assert "找到最近一份完好的备份：" in box["informative"] and "（定时）" in box["informative"]
    assert set(box["buttons"]) >= {"恢复这份备份", "选择其他备份文件…", "退出"}
    assert shown["information"][0][0] == "已恢复" and ".damaged-" in shown["information"][0][1]
    assert check_database(path).ok
    claim.release()
    open_store(path)
    assert roster() == expected
    assert any(".damaged-" in name for name in others(path))


def test_quitting_leaves_the_damaged_file_untouched(damaged, shown):
    path, _ = damaged
    before, files = fingerprint(path), others(path)
    shown["answer"] = Button.Close
    assert claim_database(path) == 1
    assert fingerprint(path) == before
    assert others(path) == files  # no -wal, no -shm, no renamed copies
    assert not is_locked(path)


def test_without_a_backup_it_says_so_and_quits(tmp_path, shown):
    close()
    path = make_database(tmp_path / "branch-desk.sqlite3", extra=100)
    truncate_half(path)
    before = fingerprint(path)
    assert claim_database(path) == 1
    title, text = shown["critical"][0]
    assert title == "无法打开数据库" and "数据库文件已损坏" in text and "没有在备份文件夹中找到可用的备份" in text
    assert "Traceback" not in text
    assert fingerprint(path) == before


def test_a_backup_from_elsewhere_can_be_chosen(tmp_path, shown, monkeypatch):
    close()
    path = make_database(tmp_path / "branch-desk.sqlite3", extra=100)
    usb = tmp_path / "usb" / "copy.sqlite3"
    usb.parent.mkdir()
    open_store(path)
    expected = roster()
    from desktop.safety.backup import backup_to

    backup_to(db.obj, usb)
    close()
    damage_pages(path)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: Button.Open)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(usb), ""))
    claim = claim_database(path)
    assert isinstance(claim, Claim) and "copy.sqlite3" in claim.notice
    claim.release()
    open_store(path)
    assert roster() == expected


def loop_until_open(qtbot, path: Path):
    """QApplication.exec for app.run: turn the event loop until the window opened *path*
    (the database is opened on the loop, after the window is shown)."""
    def exec_(*args) -> int:
        qtbot.waitUntil(lambda: any(isinstance(w, MainWindow) and w.db_path == path and w.database_open
                                    for w in QApplication.topLevelWidgets()), timeout=30000)
        return 0
    return exec_


def test_the_whole_start_on_a_damaged_file(damaged, shown, qapp, qtbot, monkeypatch):
    """app.run: restore offer accepted, main window up, start-up backup taken, lock released."""
    path, expected = damaged
    monkeypatch.setattr(desktop_app, "create_application", lambda: qapp)
    monkeypatch.setattr(QApplication, "exec", loop_until_open(qtbot, path))
    assert desktop_app.run(path) == 0
    assert shown["boxes"] and shown["critical"] == []
    reasons = [b.reason for b in list_backups(backup_folder(path))]
    assert "startup" in reasons
    assert not is_locked(path)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.hide()  # not close(): that would remember geometry in the user's QSettings
            widget.deleteLater()
    open_store(path)
    assert roster() == expected


def test_a_file_that_is_not_a_database(tmp_path, shown):
    path = tmp_path / "花名册.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 2000)
    assert claim_database(path) == 1
    assert "不是支部工作台的数据库" in shown["critical"][0][1]
    assert path.read_bytes() == b"PK\x03\x04" + b"\x00" * 2000
