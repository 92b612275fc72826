"""The rota grid driven as the secretary would: edit a cell, see a conflict, swap, pin."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.models import DutyAssignment
from desktop.ui.duty import period_bar
from desktop.ui.duty.duty_page import TAB_PEOPLE, TAB_STATS, DutyPage
from desktop.ui.duty.rota_grid_model import CONFLICT_BG, RecordRole
from tests.ui.roster.roster_typing import type_text

from .conftest import MONDAY, put, shown

TUESDAY = MONDAY + dt.timedelta(days=1)


def make_page(qtbot):
    page = shown(qtbot, DutyPage(today=MONDAY))
    assert page.period() == (MONDAY, MONDAY + dt.timedelta(days=6))  # 本周
    return page


def index_of(page, day, post, shift):
    index = page.model.index_of(day, post.id, shift.id)
    assert index.isValid()
    return index


def click(qtbot, page, index, modifier=Qt.KeyboardModifier.NoModifier):
    rect = page.grid.visualRect(index)
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_grid_lists_posts_by_shift_and_days(qtbot, people, posts):
    put(MONDAY, posts.east, posts.early, people.张三)
    put(MONDAY, posts.east, posts.early, people.孙八)
    page = make_page(qtbot)
    assert page.model.rowCount() == 9 and page.model.columnCount() == 7
    header = page.model.headerData(0, Qt.Orientation.Vertical)
    assert header.startswith("东门卡口\n早班 08:00–16:00")
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "4/11\n周一"
    cell = index_of(page, MONDAY, posts.east, posts.early)
    assert cell.data().split("\n") == ["★张三", "孙八"]  # Party member first, starred
    west = index_of(page, MONDAY, posts.west, posts.early)
    assert west.data() == "缺1人"
    assert "缺人" in page.summary.text()


def test_adding_a_person_to_overlapping_shifts_marks_the_conflict(qtbot, people, posts):
    put(MONDAY, posts.east, posts.early, people.张三)
    page = make_page(qtbot)
    west = index_of(page, MONDAY, posts.west, posts.early)
    assert west.data(Qt.ItemDataRole.BackgroundRole) is None or west.data(Qt.ItemDataRole.BackgroundRole).color() != CONFLICT_BG
    click(qtbot, page, west)
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)
    editor = page.dialog
    qtbot.waitExposed(editor)
    type_text(qtbot, editor.picker, "zs")
    qtbot.keyClick(editor.picker, Qt.Key.Key_Return)
    assert editor.names() == ["张三"]
    west = index_of(page, MONDAY, posts.west, posts.early)
    assert west.data(Qt.ItemDataRole.BackgroundRole).color() == CONFLICT_BG
    cell = west.data(RecordRole)
    assert any(c.kind == "overlap" for c in cell.conflicts)
    tooltip = west.data(Qt.ItemDataRole.ToolTipRole)
    overlap = next(c for c in cell.conflicts if c.kind == "overlap")
    assert overlap.message in tooltip and "冲突" in tooltip
    assert editor.conflict_label.isVisibleTo(editor) and overlap.message in editor.conflict_label.text()
    # Removing the person again clears the mark.
    editor.people.setCurrentRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    west = index_of(page, MONDAY, posts.west, posts.early)
    assert not any(c.kind == "overlap" for c in west.data(RecordRole).conflicts)
    editor.reject()


def test_swap_two_selected_people(qtbot, people, posts):
    put(MONDAY, posts.east, posts.early, people.张三)
    put(TUESDAY, posts.west, posts.night, people.孙八)
    page = make_page(qtbot)
    click(qtbot, page, index_of(page, MONDAY, posts.east, posts.early))
    click(qtbot, page, index_of(page, TUESDAY, posts.west, posts.night), Qt.KeyboardModifier.ControlModifier)
    assert len(page.grid.selected_cells()) == 2
    qtbot.keyClick(page.grid, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    monday = DutyAssignment.get(DutyAssignment.date == MONDAY, DutyAssignment.post == posts.east.id)
    tuesday = DutyAssignment.get(DutyAssignment.date == TUESDAY, DutyAssignment.post == posts.west.id)
    assert (monday.member_id, tuesday.member_id) == (people.孙八.id, people.张三.id)
    assert "孙八" in index_of(page, MONDAY, posts.east, posts.early).data()
    assert "张三" in index_of(page, TUESDAY, posts.west, posts.night).data()
    assert "已交换" in page.message.label.text()


def test_swap_needs_two_cells(qtbot, people, posts, dialogs):
    put(MONDAY, posts.east, posts.early, people.张三)
    page = make_page(qtbot)
    click(qtbot, page, index_of(page, MONDAY, posts.east, posts.early))
    assert not page.swap_selected()
    assert "两个" in dialogs.told[-1]


def test_pin_and_unpin_with_ctrl_l(qtbot, people, posts):
    row = put(MONDAY, posts.test, posts.middle, people.周九)
    page = make_page(qtbot)
    click(qtbot, page, index_of(page, MONDAY, posts.test, posts.middle))
    qtbot.keyClick(page.grid, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert DutyAssignment.get_by_id(row.id).pinned
    assert index_of(page, MONDAY, posts.test, posts.middle).data() == "周九 [钉]"
    qtbot.keyClick(page.grid, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not DutyAssignment.get_by_id(row.id).pinned


def test_cell_editor_pins_and_replaces(qtbot, people, posts):
    row = put(MONDAY, posts.test, posts.early, people.周九)
    page = make_page(qtbot)
    editor = page.edit_cell(index_of(page, MONDAY, posts.test, posts.early).data(RecordRole))
    qtbot.waitExposed(editor)
    qtbot.mouseClick(editor.pin_button, Qt.MouseButton.LeftButton)
    assert DutyAssignment.get_by_id(row.id).pinned and editor.pin_button.text() == "取消固定"
    type_text(qtbot, editor.picker, "吴十")
    qtbot.mouseClick(editor.replace_button, Qt.MouseButton.LeftButton)
    assert editor.names() == ["吴十"]
    assert "吴十" in index_of(page, MONDAY, posts.test, posts.early).data()
    editor.reject()


def test_person_view_and_statistics(qtbot, people, posts):
    put(MONDAY, posts.east, posts.early, people.张三)
    put(TUESDAY, posts.west, posts.night, people.张三)
    put(MONDAY, posts.west, posts.middle, people.孙八)
    page = make_page(qtbot)
    page.tabs.setCurrentIndex(TAB_PEOPLE)
    row = page.person_view.row_for("张三")
    assert row is not None and row.count == 2
    type_text(qtbot, page.person_view.search, "sb")
    assert page.person_view.proxy.rowCount() == 1
    page.tabs.setCurrentIndex(TAB_STATS)
    figures = {r.member.name: r for r in page.stats.model.rows()}
    assert figures["张三"].shifts == 2 and figures["张三"].hours == 16
    assert figures["张三"].night_shifts == 1
    assert page.stats.unfilled.count() > 0


def test_period_buttons_move_by_a_week(qtbot, people, posts):
    page = make_page(qtbot)
    qtbot.keyClick(page.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.period()[0] == MONDAY + dt.timedelta(days=7)
    page.period_bar.combo.setCurrentIndex(period_bar.TWO_WEEKS)
    assert page.period() == (MONDAY, MONDAY + dt.timedelta(days=13))
    assert page.model.columnCount() == 14
