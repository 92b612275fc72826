"""粘贴导入: paste a chat's worth of diaries, check the preview, import; existing days are asked about."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.diaries import service
from desktop.ui.diaries.paste_import_dialog import PasteImportDialog

from ..roster.roster_typing import type_text
from .conftest import TODAY

PASTED = """11月19日：上午东门卡口值守，登记进出车辆42辆。
11月20日：协助核酸采样，维持秩序。
下午给3号楼送药。
11月21日：走访独居老人5户。"""


def choose(dialog, member_id) -> None:
    """Pick the author in the 成员 box (none is chosen when the dialog opens)."""
    dialog.member.setCurrentIndex(dialog.member.findData(member_id))


def dialog_for(qtbot, member_id, text: str = "") -> PasteImportDialog:
    dialog = PasteImportDialog(member_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.member.currentIndex() == -1 and dialog.member.currentText() == ""
    if member_id is not None:
        choose(dialog, member_id)
    if text:
        dialog.paste.setPlainText(text)  # as Ctrl+V puts it in
        qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=1000)
    return dialog


def preview(dialog) -> list[tuple[str, str]]:
    model = dialog.model
    return [(model.index(r, 0).data(), model.index(r, 2).data()) for r in range(model.rowCount())]


def test_a_pasted_block_becomes_one_entry_per_day_and_existing_days_are_appended(qtbot, people, dialogs):
    service.save_entry(people.wang.id, dt.date(2022, 11, 20), "晚上巡查5号楼。", today=TODAY)
    dialog = dialog_for(qtbot, people.wang.id, PASTED)
    assert dialog.member.currentText() == "王芳"
    assert preview(dialog) == [
        ("2022年11月19日 周六", "新增"), ("2022年11月20日 周日", "追加"), ("2022年11月21日 周一", "新增")]
    assert dialog.summary.text() == "共 3 天：新增 2 天，追加 1 天"
    assert dialog.year.isVisible() and dialog.year.currentData() == 2022  # no year was written
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "11月20日" in dialogs.asked[0] and "追加" in dialogs.asked[0]  # asked before anything is written
    assert dialog.result_counts == (2, 1, 0)
    assert service.entry_for(people.wang.id, dt.date(2022, 11, 20)).text == \
        "晚上巡查5号楼。\n协助核酸采样，维持秩序。\n下午给3号楼送药。"
    assert service.entry_for(people.wang.id, dt.date(2022, 11, 21)).text == "走访独居老人5户。"


def test_answering_no_leaves_existing_days_alone_and_cancel_writes_nothing(qtbot, people, dialogs):
    service.save_entry(people.li.id, dt.date(2022, 11, 20), "原来的日记", today=TODAY)
    dialog = dialog_for(qtbot, people.li.id, PASTED)
    dialogs.answers = [QMessageBox.StandardButton.Cancel]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result_counts is None and service.entry_for(people.li.id, dt.date(2022, 11, 19)) is None
    dialogs.answers = [QMessageBox.StandardButton.No]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result_counts == (2, 0, 1)
    assert service.entry_for(people.li.id, dt.date(2022, 11, 20)).text == "原来的日记"


def test_problems_keep_import_disabled_until_ignored(qtbot, people):
    dialog = dialog_for(qtbot, people.zhang.id, "张伟的日记\n" + PASTED)
    assert "第一个日期之前" in dialog.problems.text()
    assert not dialog.import_button.isEnabled()
    dialog.ignore_problems.setChecked(True)
    assert dialog.import_button.isEnabled()


def test_the_year_can_be_changed_and_the_preview_follows(qtbot, people):
    dialog = dialog_for(qtbot, people.zhang.id, PASTED)
    dialog.year.setCurrentIndex(dialog.year.findData(2021))
    assert preview(dialog)[0] == ("2021年11月19日 周五", "新增")
    written = dialog_for(qtbot, people.zhang.id, "2022年11月19日：值守")
    assert not written.year.isVisible()  # the year is in the text


def test_member_can_be_chosen_and_typing_updates_the_preview(qtbot, people):
    dialog = dialog_for(qtbot, None)
    assert not dialog.import_button.isEnabled()
    dialog.member.setCurrentIndex(dialog.member.findText("张伟"))
    type_text(qtbot, dialog.paste, "11月22日：夜班")
    qtbot.waitUntil(lambda: preview(dialog) == [("2022年11月22日 周二", "新增")], timeout=1000)


def test_reading_a_gbk_text_file(qtbot, people, dialogs, tmp_path):
    path = tmp_path / "日记.txt"
    path.write_bytes(PASTED.encode("gbk"))
    dialogs.files = [str(path)]
    dialog = dialog_for(qtbot, people.li.id)
    qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
    assert dialog.paste.toPlainText() == PASTED
    assert len(preview(dialog)) == 3


def test_the_page_opens_the_dialog_with_ctrl_shift_v_and_shows_the_result(qtbot, page, people, monkeypatch):
    def run(dialog):
        assert dialog.member.currentIndex() == -1  # the page's member is not taken for granted
        choose(dialog, people.li.id)
        dialog.paste.setPlainText(PASTED)
        dialog.refresh_plan()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(PasteImportDialog, "exec", run)
    page.members.select_member(people.li.id)
    page.editor.text.setFocus()
    qtbot.keyClick(page.editor.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert page.message.label.text() == "已导入 李建国 11月19日–11月21日 的日记：新增 3 天，追加 0 天，跳过 0 天"
    assert page.calendar.selected_day() == dt.date(2022, 11, 21)
    assert page.editor.text.toPlainText() == "走访独居老人5户。"
    assert {dt.date(2022, 11, d) for d in (19, 20, 21)} <= page.calendar.marked_days()
