"""报表 → 上报数据包…: choose the hub's key once, export, read what was written."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from desktop.hub.keys import load_receiving_key, new_hub_keys, write_receiving_key
from desktop.hub.package import key_fingerprint, open_package
from desktop.models import Branch
from desktop.roster import service as roster
from desktop.ui.reports.package_dialog import PackageDialog

from .conftest import TODAY

PHONE, ID_NUMBER = "13912345678", "110199199001011232"


@pytest.fixture
def branch():
    profile = Branch.current()
    profile.name = "丰泽园小区临时党支部"
    profile.save()
    roster.save_member({"name": "张三", "political_status": "中共党员", "arrived_on": TODAY,
                        "phone": PHONE, "id_number": ID_NUMBER})
    return profile


@pytest.fixture
def files(monkeypatch, tmp_path, dialogs):
    """The save dialog answers *target*; the open dialog answers *key_file* (or cancels)."""
    private, public = new_hub_keys()
    state = dialogs
    state.key_file = tmp_path / "接收密钥.json"
    write_receiving_key(state.key_file, public)
    state.private = private
    state.target = tmp_path / "out" / "上报"
    state.open_answer = state.key_file
    state.suggested = []

    def save(parent, title, suggested, *args, **kwargs):
        state.suggested.append(suggested)
        return (str(state.target), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(state.open_answer) if state.open_answer else "", ""))
    return state


def export(qtbot, window: PackageDialog) -> None:
    """Click 导出… and wait for the export's thread, as a person waits for the summary."""
    qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.exporting() and window.export_button.isEnabled(), timeout=30000)


def dialog(qtbot) -> PackageDialog:
    widget = PackageDialog(today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_without_a_key_the_export_says_personal_data_is_left_out(qtbot, branch, files):
    window = dialog(qtbot)
    assert "未选择" in window.key_status.text()
    assert not window.result.isVisible()
    export(qtbot, window)
    written = files.target.with_name("上报.bdpkg")
    assert files.suggested == ["丰泽园小区临时党支部_上报数据包_20220413.bdpkg"]
    assert window.result.isVisible()
    assert "没有放入数据包" in window.result.text() and "数据包序号 1" in window.result.text()
    package = open_package(written, files.private)
    assert package.manifest["personal"] == "omitted"
    assert package.tables["member"][0]["phone"] is None
    assert PHONE.encode() not in written.read_bytes()


def test_the_key_chosen_once_is_remembered_and_seals_the_phones(qtbot, branch, files):
    first = dialog(qtbot)
    qtbot.mouseClick(first.choose_key_button, Qt.MouseButton.LeftButton)
    fingerprint = key_fingerprint(load_receiving_key(files.key_file))
    assert fingerprint in first.key_status.text()
    first.close()
    files.key_file.unlink()  # the USB stick it came on is gone: the branch still has it

    again = dialog(qtbot)
    assert fingerprint in again.key_status.text()
    export(qtbot, again)
    assert "已加密" in again.result.text()
    written = files.target.with_name("上报.bdpkg")
    assert PHONE.encode() not in written.read_bytes() and ID_NUMBER.encode() not in written.read_bytes()
    member = open_package(written, files.private).tables["member"][0]
    assert (member["phone"], member["id_number"]) == (PHONE, ID_NUMBER)

    qtbot.mouseClick(again.forget_key_button, Qt.MouseButton.LeftButton)
    assert "未选择" in again.key_status.text() and not again.forget_key_button.isEnabled()


def test_a_file_that_is_not_a_key_is_refused_with_a_message(qtbot, branch, files, tmp_path):
    files.open_answer = tmp_path / "notes.txt"
    files.open_answer.write_text("不是密钥", encoding="utf-8")
    window = dialog(qtbot)
    qtbot.mouseClick(window.choose_key_button, Qt.MouseButton.LeftButton)
    assert files.told and "接收密钥" in files.told[-1]
    assert "未选择" in window.key_status.text()


def test_a_period_limits_the_dated_records(qtbot, branch, files):
    window = dialog(qtbot)
    assert not window.date_from.isEnabled()
    # on its box, not the middle of the stretched row
    qtbot.mouseClick(window.limit_period, Qt.MouseButton.LeftButton, pos=QPoint(8, window.limit_period.height() // 2))
    assert window.date_from.isEnabled()
    export(qtbot, window)
    manifest = open_package(files.target.with_name("上报.bdpkg")).manifest
    assert manifest["period_from"] == f"{TODAY - dt.timedelta(days=6)}"
    assert manifest["period_to"] == f"{TODAY}"
    assert "期间：2022-04-07 至 2022-04-13" in window.result.text()


def test_the_reports_page_opens_it(qtbot, page, monkeypatch):
    opened = []
    monkeypatch.setattr(PackageDialog, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    assert page.package_button.isVisible()
    qtbot.mouseClick(page.package_button, Qt.MouseButton.LeftButton)
    assert opened == ["上报数据包"]


def test_a_failed_export_is_told_and_the_dialog_stays_usable(qtbot, branch, files, tmp_path):
    files.target = tmp_path / "no such folder" / "上报"
    window = dialog(qtbot)
    export(qtbot, window)
    assert files.told and "上报" not in window.result.text()
    assert not window.result.isVisible() and window.export_button.isEnabled()
    assert not list(tmp_path.rglob("*.bdpkg"))
