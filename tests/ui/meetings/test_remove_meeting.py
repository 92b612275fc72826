"""会议记录: a meeting started by mistake is deleted from the list or from the open meeting,
drops out of the report figures, and 撤销 / Ctrl+Z brings it back."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.meetings import service
from desktop.meetings.removal import removed_meetings
from desktop.meetings.stats import meetings_per_type
from desktop.models import Meeting

from ..roster.roster_typing import type_text
from .conftest import TODAY

CTRL = Qt.KeyboardModifier.ControlModifier
WEEK = (TODAY - dt.timedelta(days=7), TODAY)


def per_type() -> dict[str, int]:
    """What the 工作情况报告 prints as "班前会1次"."""
    return {name: n for name, n in meetings_per_type(*WEEK) if n}


def stray_meeting(qtbot, page) -> int:
    """会议记录 → the arrow beside 开会 → 班前会 → back to the list, as in the issue."""
    page._fill_type_menu()
    next(a for a in page.type_menu.actions() if a.text() == "班前会").trigger()
    live = page.live_view()
    qtbot.mouseClick(live.bar.back, Qt.MouseButton.LeftButton)
    assert page.live_view() is None
    return live.meeting_id


def test_delete_a_stray_meeting_from_the_list_then_undo(qtbot, page, dialogs):
    meeting_id = stray_meeting(qtbot, page)
    assert per_type() == {"班前会": 1}
    assert page.current_row().meeting_id == meeting_id

    qtbot.keyClick(page.table, Qt.Key.Key_Delete)

    assert "确定删除" in dialogs.asked[-1] and "班前会" in dialogs.asked[-1]
    assert page.visible_rows() == [] and per_type() == {}
    assert page.message_bar.isVisible() and page.message_bar.label.text().startswith("已删除")
    assert page.message_bar.action_button.text() == "撤销"

    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    assert [r.meeting_id for r in page.visible_rows()] == [meeting_id]
    assert per_type() == {"班前会": 1}
    assert page.current_row().meeting_id == meeting_id


def test_declining_keeps_the_meeting(qtbot, page, dialogs):
    meeting_id = stray_meeting(qtbot, page)
    dialogs.answers.append(QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.toolbar.widgetForAction(page.delete_action), Qt.MouseButton.LeftButton)
    assert Meeting.get_or_none(Meeting.id == meeting_id) is not None
    assert not page.undo.can_undo()


def test_delete_the_open_meeting_with_its_half_typed_line(qtbot, page, dialogs):
    qtbot.keyClick(page.table, Qt.Key.Key_M, CTRL)
    live = page.live_view()
    meeting_id = live.meeting_id
    type_text(qtbot, live.notes.entry, "这一句还没按回车")

    qtbot.mouseClick(live.bar.remove, Qt.MouseButton.LeftButton)

    assert page.live_view() is None and page.stack.currentWidget() is page.list_page
    assert Meeting.get_or_none(Meeting.id == meeting_id) is None
    qtbot.mouseClick(page.message_bar.action_button, Qt.MouseButton.LeftButton)
    assert Meeting.get_or_none(Meeting.id == meeting_id) is not None
    assert service.load_pending_line(meeting_id) == "这一句还没按回车"


def test_finalized_minutes_need_a_typed_reason_and_leave_a_trace(qtbot, page, dialogs):
    meeting = service.start_meeting("每日例会", on=TODAY, now=dt.datetime.combine(TODAY, dt.time(7, 30)))
    service.finalize(meeting.id, now=dt.datetime.combine(TODAY, dt.time(8, 0)))
    page.reload()
    page.select_meeting(meeting.id)

    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # no reason typed: cancelled
    assert "删除须填写原因" in dialogs.asked[-1]
    assert Meeting.get_or_none(Meeting.id == meeting.id) is not None

    dialogs.texts.append(("同一次会议录了两遍", True))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert Meeting.get_or_none(Meeting.id == meeting.id) is None
    [trace] = removed_meetings()
    assert trace.reason == "同一次会议录了两遍" and '"status": "已定稿"' in trace.snapshot
