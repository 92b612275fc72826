"""粘贴导入: paste a chat's worth of diaries, check the preview, import; existing days are asked about."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
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


GROUP_CHAT = """李建国 2022/11/21 21:40
东门值守，登记车辆 42 辆。
王芳 2022/11/22 08:05
11月21日：夜班巡查 5 号楼。
2022-11-22 09:10:11 赵小龙
收到
张伟 22:30
走访独居老人 5 户。"""


def author_preview(dialog) -> list[tuple[str, str, str]]:
    model = dialog.model
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def test_a_wechat_group_paste_splits_by_author_and_date_and_saves_each_to_its_member(qtbot, people, dialogs):
    dialog = dialog_for(qtbot, None)
    qtbot.mouseClick(dialog.paste, Qt.MouseButton.LeftButton)
    dialog.paste.setPlainText(GROUP_CHAT)  # as Ctrl+V puts it in
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=1000)
    assert author_preview(dialog) == [
        ("2022年11月21日 周一", "李建国", "新增"),
        ("2022年11月21日 周一", "王芳", "新增"),   # the diary date in the message wins over 11/22
        ("2022年11月22日 周二", "张伟", "新增"),   # "张伟 22:30": the day of the header before
    ]
    assert not dialog.preview.isColumnHidden(1) and dialog.member.currentIndex() == -1
    assert dialog.member_hint.text() == "按聊天记录中的发送人导入"
    assert dialog.summary.text() == "共 3 人（李建国、王芳、张伟），3 篇：新增 3 篇"
    assert not dialog.member.isEnabled()
    assert dialog.problems.text() == "⚠ 发送人“赵小龙”不在花名册中：第5行、第6行的消息未导入。"
    assert not dialog.year.isVisible() and not dialog.import_button.isEnabled()
    box = dialog.ignore_problems  # the person read it, and ticks the box (on its square: the box is wide)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result_counts == (3, 0, 0) and dialogs.asked == []
    assert service.entry_for(people.li.id, dt.date(2022, 11, 21)).text == "东门值守，登记车辆 42 辆。"
    assert service.entry_for(people.wang.id, dt.date(2022, 11, 21)).text == "夜班巡查 5 号楼。"
    assert service.entry_for(people.wang.id, dt.date(2022, 11, 22)) is None
    assert service.entry_for(people.zhang.id, dt.date(2022, 11, 22)).text == "走访独居老人 5 户。"
    assert dialog.member.currentText() == "李建国、王芳、张伟"  # what the page names in its message


def test_a_paste_without_authors_asks_for_the_member_and_writes_nothing_until_chosen(qtbot, people):
    dialog = dialog_for(qtbot, None)
    dialog.paste.setPlainText(PASTED)
    qtbot.waitUntil(lambda: dialog.summary.text() == "没有识别出作者：请在上方选择这些日记的作者", timeout=1000)
    assert dialog.model.rowCount() == 0
    assert dialog.member_hint.text() == "← 请选择" and not dialog.import_button.isEnabled()
    choose(dialog, people.zhang.id)
    assert [row[:2] for row in author_preview(dialog)] == [
        ("2022年11月19日 周六", "张伟"), ("2022年11月20日 周日", "张伟"), ("2022年11月21日 周一", "张伟")]
    assert dialog.preview.isColumnHidden(1) and dialog.member_hint.text() == ""
    assert dialog.import_button.isEnabled()


def test_a_doubtful_line_is_marked_in_the_preview_and_kept_whole(qtbot, people):
    dialog = dialog_for(qtbot, people.wang.id, "11月19日：买菜。\n2.5 号楼的王大爷要降压药。\n11月20日：值守。")
    assert preview(dialog) == [("2022年11月19日 周六", "新增 ⚠"), ("2022年11月20日 周日", "新增")]
    assert dialog.model.index(0, 3).data() == "买菜。 2.5 号楼的王大爷要降压药。"
    assert dialog.notes.isVisible() and "第2行开头的“2.5”像日期（2月5日）" in dialog.notes.text()
    assert dialog.problems.text() == "" and dialog.import_button.isEnabled()  # nothing is lost: no need to stop


def test_the_page_names_every_author_of_a_pasted_group_chat(qtbot, page, people, monkeypatch):
    def run(dialog):
        dialog.paste.setPlainText(GROUP_CHAT)
        dialog.refresh_plan()
        dialog.ignore_problems.setChecked(True)  # 赵小龙 is not on the roster: read and accepted
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(PasteImportDialog, "exec", run)
    page.members.select_member(people.li.id)
    page.editor.text.setFocus()
    qtbot.keyClick(page.editor.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert page.message.label.text() == "已导入 李建国、王芳、张伟 11月21日–11月22日 的日记：新增 3 天，追加 0 天，跳过 0 天"
    assert page.calendar.selected_day() == dt.date(2022, 11, 22)
    assert page.editor.text.toPlainText() == "走访独居老人 5 户。"  # the last entry: 张伟's
