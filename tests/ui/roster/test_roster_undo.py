"""撤销 on the roster: an edit and a deletion come back, last first (Ctrl+Z and the button)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.models import Member

from .roster_typing import type_text
from .test_roster_page import click_row, current_dialog, members, page, questions, shown_names  # noqa: F401 - fixtures


def test_ctrl_z_takes_back_an_edit_then_a_deletion(qtbot, page, members):
    click_row(qtbot, page, "李四")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = current_dialog(qtbot, page)
    dialog.inputs["phone"].selectAll()
    type_text(qtbot, dialog.inputs["phone"], "13800002222")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.member_dialog() is None)
    assert Member.get_by_id(members["李四"].id).phone == "13800002222"
    assert page.message_bar.label.text() == "已保存“李四”的修改"

    click_row(qtbot, page, "赵六")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "赵六" not in shown_names(page)

    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "赵六" in shown_names(page)
    assert Member.get_by_id(members["李四"].id).phone == "13800002222"  # only the last step

    qtbot.mouseClick(page.message_bar.action_button, Qt.MouseButton.LeftButton)
    assert Member.get_by_id(members["李四"].id).phone == "13800001111"
    assert page.message_bar.label.text() == "已撤销对“李四”的修改"
    assert not page.undo_action.isEnabled()


def test_ctrl_z_works_from_the_search_box(qtbot, page, members):
    click_row(qtbot, page, "赵六")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    page.focus_search()
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "赵六" in shown_names(page)


def test_undo_says_why_when_the_member_is_back_already(qtbot, page, members):
    click_row(qtbot, page, "赵六")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    Member.create(id=members["赵六"].id, name="赵六(重录)")
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "无法撤销" in page.message_bar.label.text()
    assert "赵六(重录)" in shown_names(page)
