"""A whole daily meeting typed live, keyboard first, from Ctrl+M to 定稿."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.meetings import service
from desktop.models import ActionItem
from desktop.ui.meetings.meeting_table_model import COL_STATUS

from ..roster.roster_typing import type_text
from .conftest import TODAY, click_name

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_whole_meeting_from_ctrl_m_to_final(qtbot, page, people, dialogs):
    # Ctrl+M on the list starts today's 每日例会.
    qtbot.keyClick(page.table, Qt.Key.Key_M, CTRL)
    live = page.live_view()
    assert live is not None and live.isVisible()
    meeting_id = live.meeting_id
    assert live.meeting.meeting_type.name == "每日例会" and live.meeting.date == TODAY
    assert live.notes.entry.hasFocus()
    assert "应到 <b>7</b>" in live.attendance.counts.text()

    # Two absentees: one click each, then the reason's number key.
    click_name(qtbot, live.attendance, "李四")
    popup = live.attendance.popup()
    assert popup is not None and popup.isVisible()
    qtbot.keyClick(popup.reasons, Qt.Key.Key_1)  # 值班
    qtbot.waitUntil(lambda: live.attendance.popup() is None)
    click_name(qtbot, live.attendance, "孙八")
    popup = live.attendance.popup()
    qtbot.keyClick(popup.reasons, Qt.Key.Key_Tab)
    type_text(qtbot, popup.note, "发热就医")
    popup.reasons.setFocus()
    qtbot.keyClick(popup.reasons, Qt.Key.Key_3)  # 病假, with the note typed first
    assert "实到 <b>5</b>" in live.attendance.counts.text()
    assert "缺席 <b>2</b>" in live.attendance.counts.text()
    assert live.attendance.absentees() == {"李四": ("值班", ""), "孙八": ("病假", "发热就医")}
    assert "孙八（病假：发热就医）" in live.attendance.absent_label.text()

    # Notes: '@' then initials and Enter picks the speaker; Enter records the line.
    entry = live.notes.entry
    entry.setFocus()
    qtbot.keyClicks(entry, "@")
    assert live.notes.speaker.hasFocus()
    qtbot.keyClicks(live.notes.speaker, "zs")
    qtbot.keyClick(live.notes.speaker, Qt.Key.Key_Return)
    assert live.notes.current_speaker() == "张三" and entry.hasFocus()
    type_text(qtbot, entry, "昨天卡口通行正常，核酸采样1268人。")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert entry.text() == ""

    # Ctrl+K, then a name typed in pinyin initials.
    qtbot.keyClick(entry, Qt.Key.Key_K, CTRL)
    assert live.notes.speaker.hasFocus()
    qtbot.keyClicks(live.notes.speaker, "ww")
    qtbot.keyClick(live.notes.speaker, Qt.Key.Key_Return)
    type_text(qtbot, entry, "东门晚高峰增派一名志愿者。")
    # Ctrl+D records the typed line and makes it a decision.
    qtbot.keyClick(entry, Qt.Key.Key_D, CTRL)
    assert live.decisions.texts() == ["东门晚高峰增派一名志愿者。"]

    # Tab goes back to the previous speaker.
    qtbot.keyClick(entry, Qt.Key.Key_Tab)
    assert live.notes.current_speaker() == "张三" and entry.hasFocus()
    type_text(qtbot, entry, "7号楼门禁维修")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    # Ctrl+T on the line clicked in 发言记录: owner and due date typed inline.
    table = live.notes.table
    last = table.model().index(table.model().rowCount() - 1, 2)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(last).center())
    qtbot.keyClick(table, Qt.Key.Key_T, CTRL)
    bar = live.actions.bar
    assert bar.isVisible() and bar.owner.hasFocus()
    qtbot.keyClicks(bar.owner, "zl")
    qtbot.keyClick(bar.owner, Qt.Key.Key_Return)
    assert bar.due.hasFocus()
    due = TODAY + dt.timedelta(days=2)
    qtbot.keyClicks(bar.due, f"{due.month}.{due.day}")
    qtbot.keyClick(bar.due, Qt.Key.Key_Return)
    assert not bar.isVisible() and entry.hasFocus()
    assert live.actions.row_texts() == [("7号楼门禁维修", "赵六", f"{due.month}月{due.day}日", "未完成")]
    assert [n.text for n in live.notes.notes()] == [
        "昨天卡口通行正常，核酸采样1268人。", "东门晚高峰增派一名志愿者。", "7号楼门禁维修"]

    # 定稿 with Ctrl+Shift+F, confirmed.
    qtbot.keyClick(entry, Qt.Key.Key_F, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert any("定稿" in text for text in dialogs.asked)

    # The database holds it all.
    meeting = service.get_meeting(meeting_id)
    assert meeting.is_final
    summary = service.attendance_summary(meeting_id)
    assert (summary.expected_count, summary.present_count) == (7, 5)
    assert {m.name: (r, n) for m, r, n in summary.absent} == {"李四": ("值班", ""), "孙八": ("病假", "发热就医")}
    notes = service.notes(meeting_id)
    assert [(service.speaker_label(n), n.text) for n in notes] == [
        ("张三", "昨天卡口通行正常，核酸采样1268人。"), ("王五", "东门晚高峰增派一名志愿者。"), ("张三", "7号楼门禁维修")]
    assert all(len(n.said_at) == 8 for n in notes)
    assert [d.text for d in service.decisions(meeting_id)] == ["东门晚高峰增派一名志愿者。"]
    [item] = service.action_items(meeting_id)
    assert (item.text, item.owner.name, item.due_date, item.status) == ("7号楼门禁维修", "赵六", due, ActionItem.OPEN)
    assert service.load_pending_line(meeting_id) == ""

    # What the secretary sees: read-only, and 已定稿 in the list.
    assert live.bar.state.text() == "已定稿"
    assert not entry.isEnabled() and live.header.title.isReadOnly() and live.problems.isReadOnly()
    assert live.bar.correct.isVisible() and not live.bar.finalize.isVisible()
    click_name(qtbot, live.attendance, "张三")
    assert live.attendance.popup() is None  # no changes once final
    qtbot.keyClick(live.header.title, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.live_view() is None and page.table.isVisible()
    row = page.model.row_of(meeting_id)
    assert page.model.index(row, COL_STATUS).data() == "已定稿"
    assert page.current_row().meeting_id == meeting_id


def test_ctrl_m_again_reopens_todays_meeting(qtbot, page):
    qtbot.keyClick(page.table, Qt.Key.Key_M, CTRL)
    first = page.live_view().meeting_id
    qtbot.keyClick(page.live_view().header.title, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_M, CTRL)
    assert page.live_view().meeting_id == first
    assert len(service.search_meetings()) == 1
    message = page.live_view().message
    assert message.isVisible() and "已重新打开" in message.label.text()


def test_the_start_menu_offers_the_other_types(qtbot, page):
    page._fill_type_menu()
    names = [a.text() for a in page.type_menu.actions()]
    assert names[:2] == ["每日例会", "班前会"] and "支部党员大会" in names
    next(a for a in page.type_menu.actions() if a.text() == "支部委员会").trigger()
    live = page.live_view()
    assert live.meeting.meeting_type.name == "支部委员会"
    assert live.attendance.counts_tuple() == (2, 2, 0)  # the committee only


def test_a_new_daily_meeting_copies_yesterdays_as_template(qtbot, page, people):
    yesterday = service.start_meeting("每日例会", on=TODAY - dt.timedelta(days=1),
                                      now=dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(7, 30)))
    service.update_meeting(yesterday.id, place="党群服务站")
    service.set_topics(yesterday.id, ["通报昨日情况", "部署今日工作"])
    qtbot.keyClick(page.table, Qt.Key.Key_M, CTRL)
    live = page.live_view()
    assert live.meeting_id != yesterday.id
    assert live.header.place.text() == "党群服务站"
    assert live.topics.toPlainText() == "通报昨日情况\n部署今日工作"
    assert live.header.host.text() == "张三"  # the secretary hosts by default
