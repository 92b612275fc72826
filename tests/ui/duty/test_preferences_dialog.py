"""值班偏好 as a table: edits through the real editors (spin box, check box, combo box) are
saved at once; a refused one goes back to the stored value; filter and header sort."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QSpinBox

from desktop.duty import setup
from desktop.models import Member
from desktop.roster import service as roster
from desktop.ui.duty.preferences_dialog import PreferencesDialog
from desktop.ui.duty.preferences_model import (
    COL_AVOID,
    COL_HOURS,
    COL_NAME,
    COL_NO_NIGHTS,
    COL_POST,
)
from tests.ui.roster.roster_typing import type_text

from .conftest import shown

PINYIN_ORDER = ["陈晨", "褚明", "冯二", "李四", "钱七", "孙八", "王五", "吴十", "张三", "赵六", "郑一", "周九"]


def open_dialog(qtbot, people) -> PreferencesDialog:
    return shown(qtbot, PreferencesDialog(roster.list_members()), 760, 540)


def cell_point(dialog: PreferencesDialog, index) -> QPoint:
    return dialog.table.visualRect(index).center()


def edit_hours(qtbot, dialog: PreferencesDialog, name: str, typed: str) -> None:
    """F2 on the cell, type the hours into the spin box, Enter."""
    index = dialog.index_of(name, COL_HOURS)
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(index)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    spin = dialog.table.indexWidget(index)
    assert isinstance(spin, QSpinBox)
    spin.selectAll()
    qtbot.keyClicks(spin, typed)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.indexWidget(index) is None)  # Qt commits queued


def pick_post(qtbot, dialog: PreferencesDialog, name: str, post_name: str) -> None:
    """Double-click the cell; its list opens; arrow keys to *post_name*, Enter."""
    index = dialog.index_of(name, COL_POST)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(dialog, index))
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(dialog, index))
    combo = dialog.table.indexWidget(index)
    assert isinstance(combo, QComboBox)
    qtbot.waitUntil(combo.view().isVisible)
    target = combo.findText(post_name)
    assert target >= 0
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - combo.currentIndex())):
        qtbot.keyClick(combo.view(), key)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)


def click_box(qtbot, dialog: PreferencesDialog, name: str, column: int) -> None:
    """A click in the middle of the cell, where the check box is drawn."""
    index = dialog.index_of(name, column)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(dialog, index))


def stored(member) -> tuple:
    pref = setup.get_preferences(member.id)
    return pref.max_hours_per_week, pref.no_nights, pref.avoid_nights, pref.preferred_post_id


def test_hours_are_typed_into_the_spin_box_and_saved(qtbot, people):
    dialog = open_dialog(qtbot, people)
    assert dialog.count_label.text() == "共 12 人，其中 0 人有限制或意愿"
    edit_hours(qtbot, dialog, "张三", "40")
    assert stored(people.张三)[0] == 40
    assert dialog.index_of("张三", COL_HOURS).data() == "40"
    assert dialog.count_label.text() == "共 12 人，其中 1 人有限制或意愿"

    # typing on a cell starts the edit with that digit
    index = dialog.index_of("李四", COL_HOURS)
    dialog.table.setCurrentIndex(index)
    qtbot.keyClick(dialog.table, Qt.Key.Key_2)
    spin = dialog.table.indexWidget(index)
    qtbot.keyClicks(spin, "4")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.indexWidget(index) is None)
    assert stored(people.李四)[0] == 24

    edit_hours(qtbot, dialog, "张三", "0")
    assert stored(people.张三)[0] is None
    assert dialog.index_of("张三", COL_HOURS).data() == "不限"
    assert dialog.isVisible()  # Enter in the editor reached no default button


def test_space_and_a_click_on_the_centred_box_toggle_the_night_columns(qtbot, people):
    dialog = open_dialog(qtbot, people)
    table = dialog.table
    table.setFocus()
    table.setCurrentIndex(dialog.index_of("王五", COL_AVOID))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert stored(people.王五)[1:3] == (False, True)

    table.setCurrentIndex(dialog.index_of("王五", COL_NO_NIGHTS))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert stored(people.王五)[1:3] == (True, False)  # 不排夜班 covers 尽量少排夜班
    avoid = dialog.index_of("王五", COL_AVOID)
    assert avoid.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert not avoid.flags() & Qt.ItemFlag.ItemIsEnabled
    click_box(qtbot, dialog, "王五", COL_AVOID)  # disabled: nothing happens
    assert stored(people.王五)[1:3] == (True, False)

    click_box(qtbot, dialog, "王五", COL_NO_NIGHTS)
    assert stored(people.王五)[1:3] == (False, False)
    assert dialog.index_of("王五", COL_AVOID).flags() & Qt.ItemFlag.ItemIsEnabled
    # the box is in the middle: a click at the left edge, where Qt would draw it, does nothing
    rect = table.visualRect(dialog.index_of("王五", COL_NO_NIGHTS))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 8, rect.center().y()))
    assert stored(people.王五)[1] is False
    # a double click on the box toggles once and opens no editor (QTest's double click is the
    # second press alone: the first click and the last release are sent apart)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseRelease(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert stored(people.王五)[1] is True
    assert table.state() != table.State.EditingState
    assert dialog.isVisible()


def test_a_post_is_picked_from_the_combo_box(qtbot, people, posts):
    dialog = open_dialog(qtbot, people)
    pick_post(qtbot, dialog, "赵六", "西门卡口")
    assert stored(people.赵六)[3] == posts.west.id
    index = dialog.index_of("赵六", COL_POST)
    assert index.data() == "西门卡口"
    assert dialog.table.indexWidget(index) is None  # the pick closed the editor
    pick_post(qtbot, dialog, "赵六", "（无）")
    assert stored(people.赵六)[3] is None
    assert dialog.index_of("赵六", COL_POST).data() == "（无）"


def test_a_refused_change_shows_the_stored_value_and_the_reason(qtbot, people, posts):
    dialog = open_dialog(qtbot, people)
    setup.delete_post(posts.test.id)  # gone since the dialog opened
    pick_post(qtbot, dialog, "张三", "核酸采样点")
    assert dialog.error_label.text() == "张三：找不到所选的值守点"
    assert stored(people.张三)[3] is None
    assert dialog.index_of("张三", COL_POST).data() == "（无）"

    Member.delete_by_id(people.孙八.id)  # removed elsewhere meanwhile
    click_box(qtbot, dialog, "孙八", COL_NO_NIGHTS)
    assert dialog.error_label.text() == "孙八：找不到该成员"
    assert dialog.index_of("孙八", COL_NO_NIGHTS).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

    edit_hours(qtbot, dialog, "张三", "30")  # a saved change clears the message
    assert dialog.error_label.text() == ""
    assert stored(people.张三)[0] == 30


def test_filter_by_name_or_initials_and_only_those_with_settings(qtbot, people):
    setup.set_preferences(people.李四.id, no_nights=True)
    setup.set_preferences(people.周九.id, max_hours_per_week=20)
    dialog = open_dialog(qtbot, people)
    assert dialog.names() == PINYIN_ORDER
    type_text(qtbot, dialog.filter_edit, "zs")
    assert dialog.names() == ["张三"]
    assert dialog.count_label.text() == "显示 1 人 · 共 12 人，其中 2 人有限制或意愿"
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)  # on to the match's first editable cell
    assert dialog.table.hasFocus() and dialog.table.currentIndex() == dialog.index_of("张三", COL_HOURS)

    dialog.filter_edit.clear()
    type_text(qtbot, dialog.filter_edit, "zh")
    assert dialog.names() == ["张三", "赵六", "郑一", "周九"]  # full pinyin: zhang, zhao, zheng, zhou
    dialog.filter_edit.clear()
    type_text(qtbot, dialog.filter_edit, "王")
    assert dialog.names() == ["王五"]
    dialog.filter_edit.clear()
    assert dialog.names() == PINYIN_ORDER

    dialog.only_set_check.click()
    assert dialog.names() == ["李四", "周九"]
    click_box(qtbot, dialog, "李四", COL_NO_NIGHTS)  # edited out of the filter: stays until it changes
    assert dialog.names() == ["李四", "周九"]
    assert dialog.count_label.text() == "显示 2 人 · 共 12 人，其中 1 人有限制或意愿"
    type_text(qtbot, dialog.filter_edit, "z")
    assert dialog.names() == ["周九"]


def test_header_clicks_sort_limits_first(qtbot, people, posts):
    setup.set_preferences(people.王五.id, max_hours_per_week=40, preferred_post_id=posts.west.id)
    setup.set_preferences(people.郑一.id, max_hours_per_week=8, no_nights=True)
    setup.set_preferences(people.陈晨.id, preferred_post_id=posts.east.id)
    dialog = open_dialog(qtbot, people)
    header = dialog.table.horizontalHeader()

    def click(column: int) -> list[str]:
        pos = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        return dialog.names()

    rest = [n for n in PINYIN_ORDER if n not in ("王五", "郑一")]
    assert click(COL_HOURS) == ["郑一", "王五"] + rest  # 8, 40, then 不限 in name order
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert click(COL_HOURS) == ["王五", "郑一"] + rest  # 不限 stays last
    assert click(COL_NO_NIGHTS)[0] == "郑一"
    assert click(COL_POST)[:2] == ["陈晨", "王五"]  # 东门 before 西门: the posts' display order
    assert click(COL_NAME) == PINYIN_ORDER
    assert click(COL_NAME) == PINYIN_ORDER[::-1]


def test_loading_reads_the_stored_preferences(qtbot, people, posts):
    setup.set_preferences(people.吴十.id, max_hours_per_week=12, avoid_nights=True, preferred_post_id=posts.east.id)
    dialog = open_dialog(qtbot, people)
    row = [dialog.index_of("吴十", column) for column in range(5)]
    assert [row[COL_HOURS].data(), row[COL_POST].data()] == ["12", "东门卡口"]
    assert row[COL_AVOID].data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert row[COL_NO_NIGHTS].data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_the_model_passes_qt_model_checks(qtmodeltester, people, posts):
    from desktop.ui.duty.preferences_model import PreferencesModel

    setup.set_preferences(people.张三.id, no_nights=True, preferred_post_id=posts.east.id)
    model = PreferencesModel()
    model.load(roster.list_members())
    qtmodeltester.check(model, force_py=True)
