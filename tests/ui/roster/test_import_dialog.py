"""The import preview driven as the secretary would: pick the messy file, read, tick, import."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.models import Member
from desktop.ui.roster import import_dialog
from desktop.ui.roster.import_dialog import ERROR_BACKGROUND, FILE_FILTER, ImportDialog, choose_and_import
from tests.importers import messy


@pytest.fixture
def messages(monkeypatch):
    """Every QMessageBox shown, as (kind, title, text); none of them blocks."""
    shown: list[tuple[str, str, str]] = []
    for kind in ("information", "warning", "critical"):
        def fake(parent, title, text, *args, _kind=kind, **kwargs):
            shown.append((_kind, title, text))
            return QMessageBox.StandardButton.Ok
        monkeypatch.setattr(QMessageBox, kind, fake)
    return shown


@pytest.fixture
def open_file(monkeypatch):
    """Patch QFileDialog.getOpenFileName to pick the given path; records the filter offered."""
    chosen = {}

    def pick(path):
        def fake(parent, caption="", directory="", file_filter="", *args, **kwargs):
            chosen["filter"] = file_filter
            return (str(path) if path else "", file_filter)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
        return chosen
    return pick


def run_with_dialog(qtbot, interact):
    """Run choose_and_import; *interact* gets the modal ImportDialog once it is showing."""
    failures: list[BaseException] = []

    def step():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportDialog):
            QTimer.singleShot(20, step)
            return
        try:
            interact(dialog)
        except BaseException as exc:  # never leave exec() waiting
            failures.append(exc)
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, step)
    result = choose_and_import(None)
    if failures:
        raise failures[0]
    return result


def test_messy_workbook_previewed_then_only_valid_rows_imported(qtbot, tmp_path, open_file, messages):
    chosen = open_file(messy.write_xlsx(tmp_path / "花名册.xlsx"))
    seen = {}

    def interact(dialog):
        seen["errors"] = dialog.error_rows()
        seen["header"] = dialog.header_label.text()
        seen["ignored"] = dialog.ignored_label.text()
        error_index = next(i for i in range(dialog.table.rowCount()) if dialog.table.item(i, 1).text() == "错误")
        seen["colour"] = dialog.table.item(error_index, 3).background().color()
        seen["problem"] = dialog.table.item(error_index, 3).text()
        seen["enabled_before"] = dialog.import_button.isEnabled()
        box = dialog.skip_invalid_box
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        seen["checked"] = dialog.skip_invalid_box.isChecked()
        seen["enabled_after"] = dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert run_with_dialog(qtbot, interact) is True
    assert chosen["filter"] == FILE_FILTER
    assert seen["errors"] == sorted(messy.ERROR_ROWS)
    assert seen["header"] == f"第 {messy.HEADER_ROW} 行" and "签到" in seen["ignored"]
    assert seen["colour"] == ERROR_BACKGROUND and seen["problem"] == "姓名：不能为空"
    assert seen["enabled_before"] is False
    assert seen["checked"] is True and seen["enabled_after"] is True
    assert {m.name for m in Member.select()} == messy.VALID_NAMES
    assert messages[-1][0] == "information" and "新增 4 人" in messages[-1][2]


def test_cancel_writes_nothing(qtbot, tmp_path, open_file, messages):
    open_file(messy.write_csv(tmp_path / "花名册.csv", "gb18030"))

    def interact(dialog):
        dialog.skip_invalid_box.setChecked(True)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    assert run_with_dialog(qtbot, interact) is False
    assert Member.select().count() == 0 and messages == []


def test_unreadable_file_is_a_warning_not_a_dialog(qtbot, tmp_path, open_file, messages):
    path = tmp_path / "坏.xlsx"
    path.write_bytes(b"not a workbook")
    open_file(path)
    assert choose_and_import(None) is False
    assert messages and messages[0][0] == "warning" and "已损坏" in messages[0][2]


def test_cancelled_file_dialog_does_nothing(qtbot, open_file, messages):
    open_file(None)
    assert choose_and_import(None) is False and messages == []


def test_clean_file_imports_without_the_checkbox(qtbot, tmp_path, messages):
    path = tmp_path / "a.csv"
    path.write_text("姓名,联系电话\n张三,13912345678\n", encoding="utf-8")
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    assert not dialog.skip_invalid_box.isVisibleTo(dialog)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    assert [m.phone for m in Member.select()] == ["13912345678"]


def test_nothing_new_keeps_import_disabled(qtbot, tmp_path, messages):
    path = tmp_path / "a.csv"
    path.write_text("姓名,联系电话\n张三,13912345678\n", encoding="utf-8")
    import_dialog.apply_import(import_dialog.plan_member_import(path))
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "没有需要新增或更新" in dialog.error_label.text()
