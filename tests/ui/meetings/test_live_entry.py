"""The live entry view: carried items, autosave, quorum, corrections and history."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.meetings import service
from desktop.models import ActionItem
from desktop.ui.meetings.live_entry import LiveEntryView
from desktop.ui.meetings.revision_dialog import RevisionDialog

from ..roster.roster_typing import type_text
from .conftest import TODAY

CTRL = Qt.KeyboardModifier.ControlModifier
YESTERDAY = TODAY - dt.timedelta(days=1)


def at(day: dt.date, hhmm: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(*map(int, hhmm.split(":"))))


def shown_live(qtbot, meeting_id: int) -> LiveEntryView:
    view = LiveEntryView(meeting_id)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view


def test_open_items_of_yesterday_are_carried_or_closed_today(qtbot, page, people):
    day1 = service.start_meeting("每日例会", on=YESTERDAY, now=at(YESTERDAY, "07:30"))
    repair = service.add_action_item(day1.id, "7号楼门禁维修", owner_id=people.zhao.id)
    names = service.add_action_item(day1.id, "核对重点人员名单", owner_id=people.li.id)
    service.finalize(day1.id, now=at(YESTERDAY, "08:00"))

    qtbot.keyClick(page.table, Qt.Key.Key_M, CTRL)
    live = page.live_view()
    carried = live.carried
    assert carried.states() == {"7号楼门禁维修": "open", "核对重点人员名单": "open"}
    assert live.carried_section.title.text() == "以往待办 2"

    # Select the repair and press J: carried into today's meeting.
    assert carried.select_text("7号楼门禁维修")
    carried.table.setFocus()
    qtbot.keyClick(carried.table, Qt.Key.Key_J)
    assert [i.id for i in service.carried_into(live.meeting_id)] == [repair.id]
    assert ActionItem.get_by_id(repair.id).carried_count == 1
    assert carried.states()["7号楼门禁维修"] == "carried"

    # The list of names is done: the button.
    assert carried.select_text("核对重点人员名单")
    qtbot.mouseClick(carried.done_button, Qt.MouseButton.LeftButton)
    item = ActionItem.get_by_id(names.id)
    assert (item.status, item.closed_in_id) == (ActionItem.DONE, live.meeting_id)
    assert carried.states() == {"7号楼门禁维修": "carried", "核对重点人员名单": "closed"}
    assert live.carried_section.title.text() == "以往待办 1"

    # A slip is undone with Backspace.
    carried.table.setFocus()
    qtbot.keyClick(carried.table, Qt.Key.Key_Backspace)
    assert ActionItem.get_by_id(names.id).status == ActionItem.OPEN
    assert carried.states()["核对重点人员名单"] == "open"
    assert len(service.open_items_before(live.meeting_id)) == 2


def test_typing_is_saved_within_two_seconds_and_restored(qtbot, people):
    meeting = service.start_meeting("每日例会", on=TODAY)
    view = shown_live(qtbot, meeting.id)
    type_text(qtbot, view.notes.entry, "第三小分队今天负责9号楼")
    type_text(qtbot, view.header.place, "党群服务站")
    type_text(qtbot, view.problems, "夜间巡查人手不足")
    qtbot.wait(2100)
    assert service.load_pending_line(meeting.id) == "第三小分队今天负责9号楼"
    stored = service.get_meeting(meeting.id)
    assert (stored.place, stored.problems) == ("党群服务站", "夜间巡查人手不足")
    assert view.bar.saved.text().startswith("已自动保存 ")

    # A fresh view (after a crash or a restart) puts the half-typed line back.
    again = shown_live(qtbot, meeting.id)
    assert again.notes.entry.text() == "第三小分队今天负责9号楼"
    assert again.notes.entry.hasFocus() and not again.notes.entry.hasSelectedText()
    qtbot.keyClick(again.notes.entry, Qt.Key.Key_Return)
    assert [n.text for n in service.notes(meeting.id)] == ["第三小分队今天负责9号楼"]
    assert service.load_pending_line(meeting.id) == ""


def test_topics_one_per_line_and_bad_times_are_not_saved(qtbot, people):
    meeting = service.start_meeting("每日例会", on=TODAY, now=at(TODAY, "07:30"))
    view = shown_live(qtbot, meeting.id)
    type_text(qtbot, view.topics, "通报情况")
    qtbot.keyClick(view.topics, Qt.Key.Key_Return)
    type_text(qtbot, view.topics, "部署工作")
    view.header.end_time.setFocus()
    qtbot.keyClicks(view.header.end_time, "25")
    assert view.header.end_time.property("invalid") is True
    view.header.end_time.clear()
    qtbot.keyClicks(view.header.end_time, "0815")
    view.flush()
    assert [t.text for t in service.topics(meeting.id)] == ["通报情况", "部署工作"]
    assert service.get_meeting(meeting.id).end_time == "08:15"


def test_quorum_warning_for_a_general_meeting_without_quorum(qtbot, page, people):
    page._fill_type_menu()
    next(a for a in page.type_menu.actions() if a.text() == "支部党员大会").trigger()
    live = page.live_view()
    assert live.quorum_label.isVisible()
    assert live.quorum_label.property("ok") is True
    panel = live.attendance
    # Five full members expected; three away: only two of five present.
    for name in ("张三", "李四", "王五"):
        panel.list.setCurrentItem(panel.item_for(name))
        panel.list.setFocus()
        qtbot.keyClick(panel.list, Qt.Key.Key_2)  # 请假, straight from the grid
    assert panel.absentees() == {n: ("请假", "") for n in ("张三", "李四", "王五")}
    assert live.quorum_label.isVisible()
    assert live.quorum_label.property("ok") is False
    assert "不符合法定人数" in live.quorum_label.text()
    assert live.quorum_label.text().startswith("⚠")
    assert not service.quorum(live.meeting_id).ok


def test_daily_meeting_shows_no_quorum_line(qtbot, people):
    view = shown_live(qtbot, service.start_meeting("每日例会", on=TODAY).id)
    assert not view.quorum_label.isVisible()


def test_correction_with_a_reason_shows_in_history(qtbot, people, dialogs):
    meeting = service.start_meeting("每日例会", on=YESTERDAY, now=at(YESTERDAY, "07:30"))
    service.update_meeting(meeting.id, place="会议室")
    service.add_note(meeting.id, "卡口正常", speaker_id=people.zhang.id, at="07:31")
    service.finalize(meeting.id, now=at(YESTERDAY, "08:00"))
    view = shown_live(qtbot, meeting.id)
    assert view.header.place.isReadOnly() and not view.bar.history.text().endswith("）")

    dialogs.texts.append(("地点记错了", True))
    qtbot.mouseClick(view.bar.correct, Qt.MouseButton.LeftButton)
    assert view.bar.state.text() == "更正中" and not view.header.place.isReadOnly()
    view.header.place.selectAll()
    type_text(qtbot, view.header.place, "党群服务站")
    qtbot.wait(1000)  # the autosave collects the change, nothing is written yet
    assert service.get_meeting(meeting.id).place == "会议室"
    assert view.bar.saved.text() == "更正待保存：1 处改动"
    qtbot.mouseClick(view.bar.save_correction, Qt.MouseButton.LeftButton)

    stored = service.get_meeting(meeting.id)
    assert stored.is_final and stored.place == "党群服务站"
    [revision] = service.revisions(meeting.id)
    assert revision.reason == "地点记错了"
    assert view.bar.state.text() == "已定稿" and view.header.place.isReadOnly()
    assert view.bar.history.text() == "修改历史（1）"

    qtbot.mouseClick(view.bar.history, Qt.MouseButton.LeftButton)
    dialog = view.findChild(RevisionDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.count() == 1 and "地点记错了" in dialog.list.item(0).text()
    assert "会议地点：‘会议室’ → ‘党群服务站’" in dialog.detail_text()
    dialog.close()


def test_cancelled_correction_changes_nothing(qtbot, people, dialogs):
    meeting = service.start_meeting("每日例会", on=YESTERDAY, now=at(YESTERDAY, "07:30"))
    service.finalize(meeting.id, now=at(YESTERDAY, "08:00"))
    view = shown_live(qtbot, meeting.id)
    dialogs.texts.append(("改标题", True))
    qtbot.mouseClick(view.bar.correct, Qt.MouseButton.LeftButton)
    view.header.title.selectAll()
    qtbot.keyClicks(view.header.title, "X")
    qtbot.mouseClick(view.bar.cancel_correction, Qt.MouseButton.LeftButton)
    assert view.header.title.text() == service.get_meeting(meeting.id).title != "X"
    assert service.revisions(meeting.id) == []


def test_finalize_commits_a_typed_line_and_warns_without_blocking(qtbot, people, dialogs):
    meeting = service.start_meeting("支部党员大会", on=TODAY, now=at(TODAY, "00:00"))
    view = shown_live(qtbot, meeting.id)
    for name in ("张三", "李四", "王五"):
        view.attendance.list.setCurrentItem(view.attendance.item_for(name))
        qtbot.keyClick(view.attendance.list, Qt.Key.Key_4)  # 公差
    type_text(qtbot, view.notes.entry, "会议结束")
    qtbot.keyClick(view.notes.entry, Qt.Key.Key_F, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert "不符合法定人数" in dialogs.asked[-1] and "会议结束" in dialogs.asked[-1]
    assert service.get_meeting(meeting.id).is_final
    assert [n.text for n in service.notes(meeting.id)] == ["会议结束"]


def test_refused_values_show_in_the_message_bar(qtbot, people):
    meeting = service.start_meeting("每日例会", on=TODAY)
    view = shown_live(qtbot, meeting.id)
    type_text(qtbot, view.notes.entry, "表决")
    qtbot.keyClick(view.notes.entry, Qt.Key.Key_D, CTRL)
    table = view.decisions
    table.item(0, 1).setText("99")  # more votes than people present
    assert "超过" in view.message.label.text() and view.message.isVisible()
    assert table.item(0, 1).text() == ""
    assert service.decisions(meeting.id)[0].votes_for is None
    table.item(0, 1).setText("5")
    assert service.decisions(meeting.id)[0].votes_for == 5


def test_roll_call_adds_removes_and_escape_keeps_present(qtbot, people):
    from desktop.roster import service as roster

    meeting = service.start_meeting("每日例会", on=TODAY)
    # Arrived after the meeting was started: on the roster, not yet expected.
    guest = roster.save_member({"name": "周瑜", "political_status": "群众", "arrived_on": TODAY})
    view = shown_live(qtbot, meeting.id)
    panel = view.attendance
    assert panel.counts_tuple() == (7, 7, 0) and panel.item_for("周瑜") is None

    panel.list.setCurrentItem(panel.item_for("钱七"))
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)
    popup = panel.popup()
    qtbot.keyClick(popup.reasons, Qt.Key.Key_Escape)
    assert panel.popup() is None and panel.absentees() == {}

    qtbot.keyClick(panel.list, Qt.Key.Key_5)  # 其他 needs a note: the chooser asks for it
    popup = panel.popup()
    assert popup.note.hasFocus()
    type_text(qtbot, popup.note, "借调")
    qtbot.keyClick(popup.note, Qt.Key.Key_Return)
    assert panel.absentees() == {"钱七": ("其他", "借调")}
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)  # absent -> present again, no question
    assert panel.absentees() == {} and panel.popup() is None

    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert panel.item_for("钱七") is None and panel.counts_tuple() == (6, 6, 0)
    panel.add_picker.setFocus()
    qtbot.keyClicks(panel.add_picker, "zy")
    qtbot.keyClick(panel.add_picker, Qt.Key.Key_Return)
    assert panel.item_for("周瑜") is not None and panel.counts_tuple() == (7, 7, 0)
    assert {m.name for m in service.attendance_summary(meeting.id).expected} == {
        "张三", "李四", "王五", "赵六", "刘备", "孙八", "周瑜"}
    assert guest.id in {m.id for m in service.attendance_summary(meeting.id).present}


def test_a_guest_speaker_and_editing_a_line(qtbot, people):
    meeting = service.start_meeting("每日例会", on=TODAY)
    view = shown_live(qtbot, meeting.id)
    notes = view.notes
    qtbot.keyClick(notes.entry, Qt.Key.Key_K, CTRL)
    type_text(qtbot, notes.speaker, "街道王主任")
    qtbot.keyClick(notes.speaker, Qt.Key.Key_Return)
    type_text(qtbot, notes.entry, "感谢大家")
    qtbot.keyClick(notes.entry, Qt.Key.Key_Return)
    [note] = service.notes(meeting.id)
    assert (note.speaker_id, note.speaker_name) == (None, "街道王主任")
    notes.model.setData(notes.model.index(0, 2), "感谢各位同志")
    assert service.notes(meeting.id)[0].text == "感谢各位同志"
    assert notes.model.index(0, 1).data() == "街道王主任"


def test_delete_a_line_and_a_decision_after_asking(qtbot, people, dialogs):
    meeting = service.start_meeting("每日例会", on=TODAY)
    view = shown_live(qtbot, meeting.id)
    for text in ("甲", "乙"):
        type_text(qtbot, view.notes.entry, text)
        qtbot.keyClick(view.notes.entry, Qt.Key.Key_Return)
    qtbot.keyClick(view.notes.entry, Qt.Key.Key_D, CTRL)  # the last line becomes a decision
    view.notes.table.selectRow(0)
    view.notes.table.setFocus()
    qtbot.keyClick(view.notes.table, Qt.Key.Key_Delete)
    assert "甲" in dialogs.asked[-1]
    assert [n.text for n in service.notes(meeting.id)] == ["乙"] and view.notes.model.rowCount() == 1
    view.decisions.selectRow(0)
    view.decisions.setFocus()
    qtbot.keyClick(view.decisions, Qt.Key.Key_Delete)
    assert service.decisions(meeting.id) == [] and view.decisions.rowCount() == 0
    assert view.decisions_section.title.text() == "决议"
