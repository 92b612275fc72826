"""交接班 typed with the keyboard: counts by Tab, notes, autosave, and the next shift sees the open matters."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.duty import handover as service
from desktop.models import Handover
from desktop.ui.duty.handover_panel import HandoverPanel
from tests.ui.roster.roster_typing import type_text

from .conftest import MONDAY, put, shown


def make_panel(qtbot):
    return shown(qtbot, HandoverPanel(today=MONDAY), 1000, 700)


def test_keyboard_entry_is_saved_and_handed_to_the_next_shift(qtbot, people, posts):
    put(MONDAY, posts.east, posts.early, people.张三)
    put(MONDAY, posts.east, posts.early, people.孙八)
    panel = make_panel(qtbot)
    panel.open_slot(MONDAY, posts.east.id, posts.early.id)
    assert sorted(panel.names()) == sorted(["张三", "孙八"])  # the rota's people, pre-filled
    assert "没有留下未办结事项" in panel.previous_label.text()

    first = panel.counts["people_checked"]
    first.setFocus()
    first.selectAll()
    qtbot.keyClicks(first, "312")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert panel.counts["vehicles_checked"].hasFocus()
    qtbot.keyClicks(panel.counts["vehicles_checked"], "\b45")
    for _ in range(4):  # past the remaining counts and 重要情况, 交接物品
        qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_Tab)
    assert panel.texts["open_matters"].hasFocus()
    type_text(qtbot, panel.texts["open_matters"], "3号楼2单元李阿姨的药未送到")
    assert panel.pending()
    qtbot.waitUntil(lambda: not panel.pending(), timeout=3000)  # the debounce saved it
    record = Handover.get(Handover.date == MONDAY, Handover.post == posts.east.id, Handover.shift == posts.early.id)
    assert (record.people_checked, record.vehicles_checked) == (312, 45)
    assert record.open_matters == "3号楼2单元李阿姨的药未送到"
    assert "已自动保存" in panel.saved_label.text()

    panel.shift_combo.setCurrentIndex(panel.shift_combo.findData(posts.middle.id))  # the next shift
    assert "3号楼2单元李阿姨的药未送到" in panel.previous_label.text()
    assert "早班" in panel.previous_label.text()
    assert panel.counts["people_checked"].value() == 0


def test_switching_slot_saves_pending_typing_at_once(qtbot, people, posts):
    panel = make_panel(qtbot)
    panel.open_slot(MONDAY, posts.west.id, posts.night.id)
    type_text(qtbot, panel.texts["events"], "劝返外来人员2人")
    panel.post_combo.setCurrentIndex(panel.post_combo.findData(posts.east.id))
    record = service.handover_for(MONDAY, posts.west.id, posts.night.id)
    assert record.events == "劝返外来人员2人"


def test_people_times_and_a_stand_in(qtbot, people, posts):
    put(MONDAY, posts.test, posts.early, people.李四)
    panel = make_panel(qtbot)
    panel.open_slot(MONDAY, posts.test.id, posts.early.id)
    panel.people.item(0, 1).setText("08:10")
    assert service.people(panel.handover_id)[0].check_in == "08:10"
    panel.people.item(0, 2).setText("25:99")
    assert "格式不对" in panel.error_label.text()
    type_text(qtbot, panel.person_picker, "zl")
    qtbot.keyClick(panel.person_picker, Qt.Key.Key_Return)
    assert sorted(panel.names()) == sorted(["李四", "赵六"])


def test_signers_are_chosen_from_this_shift_and_the_next(qtbot, people, posts):
    put(MONDAY, posts.east, posts.early, people.孙八)  # 群众
    put(MONDAY, posts.east, posts.early, people.张三)  # 中共党员: leads, offered first
    put(MONDAY, posts.east, posts.middle, people.李四)
    put(MONDAY, posts.east, posts.middle, people.周九)
    put(MONDAY, posts.west, posts.middle, people.王五)  # another post: not a 接班人 here
    panel = make_panel(qtbot)
    panel.open_slot(MONDAY, posts.east.id, posts.early.id)
    outgoing = [panel.outgoing_combo.itemText(i) for i in range(panel.outgoing_combo.count())]
    incoming = [panel.incoming_combo.itemText(i) for i in range(panel.incoming_combo.count())]
    assert outgoing == ["（未选）", "张三", "孙八"]
    assert sorted(incoming) == sorted(["（未选）", "李四", "周九"])
    assert panel.signer_names()[0] == "张三"  # the default
    assert "中班" in panel.incoming_label.text()
    panel.incoming_combo.setFocus()
    panel.incoming_combo.setCurrentIndex(panel.incoming_combo.findText("周九"))
    assert panel.pending()
    panel.post_combo.setCurrentIndex(panel.post_combo.findData(posts.west.id))  # leaving saves
    record = Handover.get(Handover.date == MONDAY, Handover.post == posts.east.id, Handover.shift == posts.early.id)
    assert (record.handed_over_by.name, record.taken_over_by.name) == ("张三", "周九")
    panel.open_slot(MONDAY, posts.east.id, posts.early.id)
    assert panel.signer_names() == ("张三", "周九")

    type_text(qtbot, panel.person_picker, "zl")  # a stand-in joins: may sign too
    qtbot.keyClick(panel.person_picker, Qt.Key.Key_Return)
    assert panel.outgoing_combo.findText("赵六") > 0
    assert panel.signer_names() == ("张三", "周九")
