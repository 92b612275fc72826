"""包保日记: an entry written by mistake is deleted after asking; Ctrl+Z brings it back, findable."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.diaries import service
from desktop.diaries.search import search_diaries

from ..roster.roster_typing import type_text
from .conftest import YESTERDAY
from .helpers import click_day, click_member

CTRL = Qt.KeyboardModifier.ControlModifier


def write(qtbot, page, people, text: str) -> None:
    click_member(qtbot, page, "王芳")
    click_day(qtbot, page.calendar, YESTERDAY)
    type_text(qtbot, page.editor.text, text)
    page.editor.flush()
    assert service.entry_for(people.wang.id, YESTERDAY) is not None


def test_delete_an_entry_then_ctrl_z_restores_it(qtbot, page, people, dialogs):
    write(qtbot, page, people, "走访3号楼独居老人5户，代购药品2份。")
    page.editor.toggle_tag(0)
    page.editor.flush()
    tags = service.tags_of([service.entry_for(people.wang.id, YESTERDAY).id])

    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)

    assert "确定删除王芳" in dialogs.asked[-1]
    assert service.entry_for(people.wang.id, YESTERDAY) is None
    assert page.editor.text.toPlainText() == "" and search_diaries("独居老人") == []
    assert YESTERDAY not in page.calendar.marked_days()
    assert page.message.label.text().startswith("已删除 王芳")

    page.editor.text.setFocus()  # Ctrl+Z in the (reloaded) text box: nothing typed to undo there
    qtbot.keyClick(page.editor.text, Qt.Key.Key_Z, CTRL)

    entry = service.entry_for(people.wang.id, YESTERDAY)
    assert entry is not None and service.tags_of([entry.id]) == tags
    assert page.editor.text.toPlainText() == "走访3号楼独居老人5户，代购药品2份。"
    assert [h.entry.id for h in search_diaries("独居老人")] == [entry.id]
    assert YESTERDAY in page.calendar.marked_days()


def test_declining_keeps_the_entry(qtbot, page, people, dialogs):
    write(qtbot, page, people, "协助核酸采样")
    dialogs.answers.append(QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert service.entry_for(people.wang.id, YESTERDAY) is not None
    assert not page.undo.can_undo()


def test_typing_is_undone_by_the_text_box_first(qtbot, page, people):
    write(qtbot, page, people, "协助核酸采样")
    qtbot.keyClick(page.editor.text, Qt.Key.Key_Z, CTRL)  # the text box's own undo
    assert page.editor.text.toPlainText() != "协助核酸采样"
