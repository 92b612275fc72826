"""Live entry changes only the line the secretary meant, and its key hint and layout hold still."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.meetings import service

from ..roster.roster_typing import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
PAGE_WIDTH = 1280 - 150  # the main window at 1280 px less the sidebar


def live_meeting(qtbot, page):
    page.resize(PAGE_WIDTH, 740)
    qtbot.keyClick(page.table, Qt.Key.Key_M, CTRL)
    live = page.live_view()
    entry = live.notes.entry
    for line in ("张三说东门要加人", "李四说西门测温枪没电了"):
        type_text(qtbot, entry, line)
        qtbot.keyClick(entry, Qt.Key.Key_Return)
    return live


def click_line(qtbot, live, row: int) -> None:
    table = live.notes.table
    index = table.model().index(row, 2)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())


def test_ctrl_d_and_ctrl_t_on_an_empty_line_change_nothing_and_say_why(qtbot, page):
    live = live_meeting(qtbot, page)
    entry = live.notes.entry
    assert entry.text() == "" and entry.hasFocus()

    qtbot.keyClick(entry, Qt.Key.Key_D, CTRL)
    assert service.decisions(live.meeting_id) == [] and live.decisions.texts() == []
    assert live.message.isVisible() and "未做任何改动" in live.message.label.text()

    qtbot.keyClick(entry, Qt.Key.Key_T, CTRL)
    assert service.action_items(live.meeting_id) == []
    assert not live.actions.bar.isVisible()
    assert [n.text for n in service.notes(live.meeting_id)] == ["张三说东门要加人", "李四说西门测温枪没电了"]


def test_with_an_empty_line_ctrl_d_uses_the_selected_line_only(qtbot, page):
    live = live_meeting(qtbot, page)
    click_line(qtbot, live, 0)
    qtbot.keyClick(live.notes.table, Qt.Key.Key_D, CTRL)
    assert [d.text for d in service.decisions(live.meeting_id)] == ["张三说东门要加人"]


def test_a_new_line_forgets_the_earlier_selection(qtbot, page):
    live = live_meeting(qtbot, page)
    click_line(qtbot, live, 0)
    live.notes.focus_entry()
    type_text(qtbot, live.notes.entry, "王五说南门正常")
    qtbot.keyClick(live.notes.entry, Qt.Key.Key_Return)
    qtbot.keyClick(live.notes.entry, Qt.Key.Key_D, CTRL)
    assert service.decisions(live.meeting_id) == []


def test_the_key_hint_is_readable_whole_at_1280(qtbot, page):
    live = live_meeting(qtbot, page)
    entry, hint = live.notes.entry, live.notes.hint
    assert hint.isVisible() and "Ctrl+D 设为决议" in hint.text() and "Ctrl+T 设为待办" in hint.text()
    assert entry.fontMetrics().horizontalAdvance(entry.placeholderText()) < entry.width() - 12
    # The label wraps instead of cutting: the height it needs at its width is what it has.
    assert hint.wordWrap() and hint.heightForWidth(hint.width()) <= hint.height()


def test_the_owner_bar_does_not_push_the_layout_sideways(qtbot, page):
    live = live_meeting(qtbot, page)
    panes = (live.notes_section, live.actions_section, live.decisions_section)
    before = [(w.mapTo(live, w.rect().topLeft()).x(), w.width()) for w in panes]
    type_text(qtbot, live.notes.entry, "联系物业补充测温枪电池")
    qtbot.keyClick(live.notes.entry, Qt.Key.Key_T, CTRL)
    assert live.actions.bar.isVisible()
    qtbot.wait(1)  # not a timed assertion: lets the layout settle like a real event loop turn
    after = [(w.mapTo(live, w.rect().topLeft()).x(), w.width()) for w in panes]
    assert after == before
