"""设置 → 数据安全: the list of backups, restoring one, backing up elsewhere, the folder."""
from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.models import Member
from desktop.roster.service import delete_member, save_member
from desktop.safety.backup import backup_into_dir, integrity_ok, list_backups
from desktop.safety.config import backup_folder, default_backup_folder
from desktop.ui.main_window import MainWindow

from ...safety.helpers import add_members, roster

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@pytest.fixture
def boxes(monkeypatch):
    """Questions answered from a queue (default Yes); warnings recorded."""
    record = {"asked": [], "answers": [], "warnings": []}

    def question(parent, title, text, *args, **kwargs):
        record["asked"].append(text)
        return record["answers"].pop(0) if record["answers"] else Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: record["warnings"].append(text))
    return record


@pytest.fixture
def window(qtbot, database, tmp_path):
    win = MainWindow(Path(database.database), QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def tab(window):
    settings = window.page_by_key("settings")
    settings.setCurrentWidget(settings.safety)
    return settings.safety


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def cells(tab) -> list[tuple[str, str, str]]:
    return [tuple(tab.table.item(r, c).text() for c in range(3)) for r in range(tab.table.rowCount())]


def test_backups_are_listed_with_time_reason_and_size(tab, database):
    folder = backup_folder(Path(database.database))
    for reason in ("startup", "auto", "pre-import", "pre-restore", "pre-v4", "manual"):
        backup_into_dir(database, folder, reason)
        time.sleep(0.002)
    tab.refresh()
    rows = cells(tab)
    assert [r[1] for r in rows] == ["手动", "升级前", "恢复前", "导入前", "定时", "启动时"]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", r[0]) for r in rows)
    assert rows[0][0] <= f"{dt.datetime.now():%Y-%m-%d %H:%M}"
    assert all(r[2].endswith(" KB") for r in rows)
    assert tab.selected_backup() == list_backups(folder)[0] and tab.restore_button.isEnabled()
    assert tab.folder_label.text() == str(default_backup_folder(Path(database.database)))


def test_backup_change_restore_through_the_tab(qtbot, window, tab, boxes):
    first, second = add_members("安𪚥", "白雪")
    before = roster()
    click(qtbot, tab.backup_now_button)
    assert [r[1] for r in cells(tab)] == ["手动"]
    save_member({**before["安𪚥"], "notes": "改过了"}, first.id)
    delete_member(second.id)
    add_members("新来的人")
    roster_page = window.page_by_key("roster")
    roster_page.reload()
    assert sorted(m.name for m in roster_page.visible_members()) == ["安𪚥", "新来的人"]

    tab.table.selectRow(0)
    with qtbot.waitSignal(tab.window().page_by_key("settings").restored, timeout=2000):
        click(qtbot, tab.restore_button)

    assert "恢复前" in boxes["asked"][0] and boxes["warnings"] == []
    assert roster() == before
    assert sorted(m.name for m in roster_page.visible_members()) == ["安𪚥", "白雪"]  # the page reloaded
    assert [r[1] for r in cells(tab)] == ["恢复前", "手动"]
    assert "已恢复为" in tab.status.text()
    assert window.statusBar().currentMessage() == "数据已从备份恢复"


def test_saying_no_restores_nothing(qtbot, tab, boxes, database):
    add_members("安𪚥")
    click(qtbot, tab.backup_now_button)
    add_members("白雪")
    boxes["answers"].append(No)
    assert not tab.restore_selected()
    assert sorted(roster()) == ["安𪚥", "白雪"] and len(cells(tab)) == 1


def test_backup_to_a_chosen_file(qtbot, tab, tmp_path, monkeypatch, boxes):
    add_members("安𪚥")
    target = tmp_path / "U盘" / "支部备份"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    click(qtbot, tab.backup_to_button)
    made = target.with_suffix(".sqlite3")
    assert integrity_ok(made) and str(made) in tab.status.text()
    assert boxes["warnings"] == []


def test_backup_onto_the_database_itself_is_refused(qtbot, tab, monkeypatch, boxes, database):
    live = Path(database.database)
    before = live.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(live), ""))
    click(qtbot, tab.backup_to_button)
    assert "不能把备份写到数据库文件本身" in boxes["warnings"][0]
    assert live.read_bytes() == before


def test_change_the_backup_folder(qtbot, tab, tmp_path, monkeypatch, database):
    chosen = tmp_path / "备份到这里"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(chosen))
    click(qtbot, tab.change_folder_button)
    assert backup_folder(Path(database.database)) == chosen.resolve()
    assert tab.folder_label.text() == str(chosen.resolve())
    click(qtbot, tab.backup_now_button)
    assert [b.reason for b in list_backups(chosen)] == ["manual"]
    assert len(cells(tab)) == 1
    # The 数据 tab names the same folder.
    assert tab.window().page_by_key("settings").data.backup_label.text() == str(chosen.resolve())


def test_a_damaged_file_is_refused_when_restoring_from_a_file(qtbot, tab, tmp_path, monkeypatch, boxes):
    add_members("安𪚥")
    bad = tmp_path / "坏的备份.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    click(qtbot, tab.restore_file_button)
    assert "不能用来恢复" in boxes["warnings"][0]
    assert sorted(roster()) == ["安𪚥"] and Member.select().count() == 1


def test_restore_from_a_file_on_a_usb_stick(qtbot, tab, tmp_path, monkeypatch, boxes):
    add_members("安𪚥")
    usb = tmp_path / "usb.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(usb), ""))
    click(qtbot, tab.backup_to_button)
    add_members("白雪")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(usb), ""))
    click(qtbot, tab.restore_file_button)
    assert sorted(roster()) == ["安𪚥"]
    assert "usb.sqlite3" in boxes["asked"][0]


# -- 12.5: two databases in one folder ----------------------------------------------------

def _other_database_backup(tmp_path: Path, folder: Path) -> tuple[Path, str]:
    """Another branch's database beside ours, backed up into the same backups folder."""
    from desktop.models import Branch, close, db, open_store
    from desktop.safety.backup import backup_into_dir
    from desktop.safety.connection import bind

    ours = Path(db.obj.database)
    close()
    other = tmp_path / "另一个.sqlite3"
    database = open_store(other)
    branch = Branch.current()
    branch.name = "丰泽园临时党支部"
    branch.save()
    add_members("陈立", "邓华", "付强")
    path = backup_into_dir(database, folder, "manual")
    uid = branch.uid
    close()
    bind(ours)
    return path, uid


def test_the_list_shows_only_this_databases_backups_and_restoring_another_warns(
        qtbot, window, tab, boxes, tmp_path, monkeypatch):
    from desktop.models import Branch

    settings = window.page_by_key("settings")
    settings.setCurrentWidget(settings.info)  # she names the branch in 支部信息, then comes back
    branch = Branch.current()
    branch.name = "朝阳里临时党支部"
    branch.save()
    settings.setCurrentWidget(settings.safety)
    add_members("安𪚥", "白雪")
    before = roster()
    folder = backup_folder(Path(window.db_path))
    click(qtbot, tab.backup_now_button)
    theirs, their_uid = _other_database_backup(tmp_path, folder)
    tab.refresh()
    assert len(list_backups(folder)) == 2  # one folder, two databases' backups
    assert tab.table.rowCount() == 1 and "朝阳里临时党支部" in tab.table.item(0, 3).text()
    assert f"当前数据库属于“朝阳里临时党支部（编号 {branch.uid[:8]}）”" in tab.identity_label.text()

    shown = []

    def answer(box, choose):  # the person reads the warning and clicks one of its buttons
        shown.append(box.text())
        wanted = next(b for b in box.buttons() if b.text() == choose)
        wanted.click()
        return 0

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(theirs), ""))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "取消"))
    click(qtbot, tab.restore_file_button)
    (text,) = shown
    assert text.startswith(f"这份备份属于另一个支部：“丰泽园临时党支部（编号 {their_uid[:8]}）”。\n"
                           f"当前打开的数据库属于“朝阳里临时党支部（编号 {branch.uid[:8]}）”，其中已有 2 条记录。")
    assert boxes["asked"] == []  # no plain "are you sure": the warning replaces it
    assert roster() == before

    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "仍然恢复为另一个支部的数据"))
    click(qtbot, tab.restore_file_button)
    assert sorted(roster()) == ["付强", "邓华", "陈立"]
    assert "已恢复为" in tab.status.text()
