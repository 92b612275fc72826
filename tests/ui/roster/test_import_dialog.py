"""The import preview driven as the secretary would: pick the messy file, read, tick, import."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QLineEdit, QMessageBox

from desktop.models import Member
from desktop.ui.roster import import_dialog
from desktop.ui.roster.import_dialog import (
    ERROR_BACKGROUND,
    FILE_FILTER,
    ImportDialog,
    choose_and_import,
)
from tests.importers import messy
from tests.ui.plain_chinese import DATABASE_FAULTS, OS_FAULTS, english_in


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
        except BaseException as exc:  # noqa: BLE001 - never leave exec() waiting
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
        model = dialog.model
        error_index = next(i for i in range(model.rowCount()) if model.index(i, 1).data() == "错误")
        notes = model.index(error_index, model.notes_column)
        seen["colour"] = notes.data(Qt.ItemDataRole.BackgroundRole).color()
        seen["problem"] = notes.data()
        seen["enabled_before"] = dialog.import_button.isEnabled()
        box = dialog.skip_invalid_box
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        seen["checked"] = dialog.skip_invalid_box.isChecked()
        seen["enabled_after"] = dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert run_with_dialog(qtbot, interact) is True
    assert chosen["filter"] == FILE_FILTER
    assert seen["errors"] == sorted(messy.ERROR_ROWS)
    assert seen["header"] == f"第 {messy.HEADER_ROW} 行"
    assert seen["ignored"] == "序号、签到（这些列的内容不会导入）"
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
    assert messages and messages[0][0] == "warning" and "不是 Excel 工作簿" in messages[0][2]


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


# The preview shows what will be stored and lets a bad cell be corrected (issue 12.13, 14).

def _edit_cell(qtbot, dialog, row, column, text):
    """Double-click the cell, replace its text and press Enter, as a person would."""
    table = dialog.table
    index = dialog.model.index(row, column)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.state() == QAbstractItemView.State.EditingState, "no editor opened"
    editor = next(w for w in table.viewport().findChildren(QLineEdit) if w.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits Enter through a queued call: wait for the editor to close.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def _row_texts(dialog, row):
    model = dialog.model
    return {model.headerData(c, Qt.Orientation.Horizontal): model.index(row, c).data()
            for c in range(model.columnCount())}


def test_preview_shows_stored_values_and_a_corrected_cell_is_rechecked_at_once(qtbot, tmp_path, messages):
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "出生年月", "手机号", "签到"])
    sheet.append(["张三", dt.datetime(1978, 7, 1), "139 1234 5678", "√"])
    sheet.append(["李四", "1980.3", "1381234567", "√"])
    sheet.append(["王五", "1982.13", "13712345678", ""])
    path = tmp_path / "花名册.xlsx"
    workbook.save(path)
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.ignored_label.text() == "签到（这些列的内容不会导入）"
    zhang = _row_texts(dialog, 0)
    assert (zhang["出生年月"], zhang["联系电话"], zhang["操作"]) == ("1978.07", "13912345678", "新增")
    li = _row_texts(dialog, 1)
    assert li["操作"] == "错误" and li["联系电话"] == "1381234567"
    phone = dialog.model.column_of("phone")
    assert dialog.model.index(1, phone).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#f8c9d0"
    assert not dialog.import_button.isEnabled()

    _edit_cell(qtbot, dialog, 1, phone, "138 1234 5679")
    li = _row_texts(dialog, 1)
    assert (li["操作"], li["联系电话"]) == ("新增", "13812345679")  # checked again, shown as stored
    assert "已在预览中修改 1 处" in dialog.summary_label.text()
    assert dialog.error_rows() == [4]

    _edit_cell(qtbot, dialog, 2, dialog.model.column_of("birth_date"), "1982.12")
    assert _row_texts(dialog, 2)["出生年月"] == "1982.12" and dialog.error_rows() == []
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    stored = {m.name: (m.birth_date, m.phone) for m in Member.select()}
    assert stored == {"张三": ("1978-07", "13912345678"), "李四": ("1980-03", "13812345679"),
                      "王五": ("1982-12", "13712345678")}
    assert path.exists() and messages[-1][0] == "information" and "新增 3 人" in messages[-1][2]


def test_a_correction_that_is_still_wrong_stays_an_error(qtbot, tmp_path, messages):
    path = tmp_path / "a.csv"
    path.write_text("姓名,联系电话\n张三,139\n", encoding="utf-8")
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    _edit_cell(qtbot, dialog, 0, dialog.model.column_of("phone"), "1391234")
    assert _row_texts(dialog, 0)["操作"] == "错误"
    assert "手机号应为 11 位数字，现为 7 位" in _row_texts(dialog, 0)["问题/说明"]
    assert not dialog.import_button.isEnabled() and Member.select().count() == 0


def test_result_message_names_the_people_left_out(qtbot, tmp_path, messages):
    path = tmp_path / "a.csv"
    path.write_text("姓名,联系电话\n张三,13912345678\n李四,1381234567\n,13712345678\n", encoding="utf-8")
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.skip_invalid_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert "（李四、第 4 行）" in dialog.error_label.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert messages[-1] == ("information", "导入完成",
                            "新增 1 人，更新 0 人，跳过 0 行，有 2 行因错误未导入：第 3 行 李四、第 4 行（无姓名）。")
    assert [m.name for m in Member.select()] == ["张三"]


def test_grouped_header_preview_lists_ignored_columns(qtbot, tmp_path, messages):
    from tests.importers.hostile import write_grouped_xlsx

    dialog = ImportDialog(write_grouped_xlsx(tmp_path / "分组.xlsx"))
    qtbot.addWidget(dialog)
    assert dialog.file_label.text() == "分组.xlsx（工作表“花名册”）"
    assert dialog.header_label.text() == "第 2–3 行（多行表头，已合并列名）"
    assert dialog.ignored_label.text() == "序号、联系方式/微信（这些列的内容不会导入）"
    assert "联系方式/手机→联系电话" in dialog.recognized_label.text()
    assert [_row_texts(dialog, i)["联系电话"] for i in range(3)] == ["13912345678", "0436-7654321", "13712345678"]


def test_several_roster_sheets_ask_which_one(qtbot, tmp_path, open_file, messages, monkeypatch):
    from openpyxl import Workbook
    from PySide6.QtWidgets import QInputDialog

    workbook = Workbook()
    workbook.active.title = "在岗"
    workbook.active.append(["姓名", "联系电话"])
    workbook.active.append(["张三", "13912345678"])
    other = workbook.create_sheet("撤离人员")
    other.append(["姓名", "联系电话"])
    other.append(["李四", "13812345678"])
    path = tmp_path / "两个.xlsx"
    workbook.save(path)
    open_file(path)
    asked = []

    def pick(parent, title, label, items, current=0, editable=False, *args, **kwargs):
        asked.append((title, list(items)))
        return "撤离人员", True
    monkeypatch.setattr(QInputDialog, "getItem", pick)
    seen = {}

    def interact(dialog):
        seen["file"] = dialog.file_label.text()
        seen["names"] = [_row_texts(dialog, i)["姓名"] for i in range(dialog.model.rowCount())]

    run_with_dialog(qtbot, interact)
    assert asked == [("选择工作表", ["在岗", "撤离人员"])]
    assert seen == {"file": "两个.xlsx（工作表“撤离人员”）", "names": ["李四"]}


def test_password_protected_workbook_is_a_plain_warning(qtbot, tmp_path, open_file, messages):
    from msoffcrypto.format.ooxml import OOXMLFile
    from openpyxl import Workbook

    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    path = tmp_path / "有密码.xlsx"
    with plain.open("rb") as data, path.open("wb") as target:
        OOXMLFile(data).encrypt("1234", target)
    open_file(path)
    assert choose_and_import(None) is False
    assert messages == [("warning", "无法导入", "无法读取“有密码.xlsx”：文件设有密码，请在 Excel/WPS 中取消密码后再导入。")]


@pytest.mark.parametrize("fault", [f"db-{k}" for k in sorted(DATABASE_FAULTS)] + [f"os-{k}" for k in sorted(OS_FAULTS)])
def test_a_failed_write_is_said_in_chinese_and_stores_nothing(qtbot, tmp_path, messages, monkeypatch, fault):
    """A database held by another program, a full disk, a read-only file: a Chinese sentence."""
    from desktop.importers import members as importer

    source, name = fault.split("-", 1)
    faults = DATABASE_FAULTS if source == "db" else OS_FAULTS
    path = tmp_path / "a.csv"
    path.write_text("姓名,联系电话\n张三,13912345678\n李四,13812345678\n", encoding="utf-8")
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    real_save = importer.save_member
    calls = []

    def save_then_fail(*args, **kwargs):  # the first row is written, the second fails
        calls.append(args)
        if len(calls) > 1:
            raise faults[name]()
        return real_save(*args, **kwargs)

    monkeypatch.setattr(importer, "save_member", save_then_fail)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    kind, title, text = messages[-1]
    assert (kind, title) == ("warning", "导入失败")
    assert english_in(text) == [], text
    expected = {"locked": "被其他程序占用", "disk_full": "磁盘空间已满", "read_only": "只读",
                "no_permission": "没有权限"}[name]
    assert expected in text and "没有保存任何内容" in text
    assert Member.select().count() == 0  # all or nothing: the first row rolled back
    assert dialog.result() != ImportDialog.DialogCode.Accepted
