"""值守点与班次 and 不可值班 from the page's toolbar."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.duty import setup
from desktop.ui.duty.availability_dialog import AvailabilityDialog
from desktop.ui.duty.setup_posts import PostForm, PostsDialog
from tests.ui.roster.roster_typing import type_text

from .conftest import MONDAY, shown


def test_add_a_post_and_change_a_shift_time(qtbot, people, monkeypatch):
    dialog = shown(qtbot, PostsDialog(), 720, 420)
    assert dialog.pattern_combo.currentText() == "三班倒"  # created on first use

    def fill(form: PostForm) -> int:
        type_text(qtbot, form.name_edit, "北门卡口")
        form.needed_spin.setValue(3)
        form.party_check.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PostForm, "exec", fill)
    qtbot.mouseClick(dialog.add_post_button, Qt.MouseButton.LeftButton)
    (post,) = setup.posts()
    assert (post.name, post.people_needed, post.party_member_required) == ("北门卡口", 3, True)
    assert dialog.posts_table.item(0, 0).text() == "北门卡口"

    dialog.tabs.setCurrentIndex(1)
    item = dialog.shifts_table.item(0, 2)
    item.setText("16:30")
    early = setup.shifts_of(dialog.pattern_combo.currentData())[0]
    assert early.end_time == "16:30"
    dialog.shifts_table.item(0, 1).setText("8点")
    assert "格式不对" in dialog.shift_error.text()


def test_a_duplicate_post_name_is_refused_and_the_form_stays(qtbot, people, dialogs, monkeypatch):
    pattern = setup.ensure_default_pattern()
    setup.create_post("东门卡口", pattern.id)
    dialog = shown(qtbot, PostsDialog(), 720, 420)
    answers = [QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected]

    def fill(form):
        form.name_edit.setText("东门卡口")
        return answers.pop(0)

    monkeypatch.setattr(PostForm, "exec", fill)
    dialog.edit_post(new=True)
    assert "已有名为“东门卡口”的值守点" in dialogs.told[-1]
    assert len(setup.posts()) == 1


def test_record_sick_leave_by_initials(qtbot, people):
    dialog = shown(qtbot, AvailabilityDialog(list(people.by_name.values()), MONDAY), 640, 420)
    type_text(qtbot, dialog.picker, "ww")
    qtbot.keyClick(dialog.picker, Qt.Key.Key_Return)
    dialog.to_edit.setDate(dialog.to_edit.date().addDays(3))
    dialog.reason_combo.setCurrentText("病假")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    (row,) = setup.unavailability()
    assert (row.member.name, row.start_date, row.end_date, row.reason) == ("王五", MONDAY, MONDAY + dt.timedelta(days=3), "病假")
    assert dialog.table.item(0, 0).text() == "王五"
    dialog.table.setCurrentCell(0, 0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert setup.unavailability() == [] and dialog.table.rowCount() == 0


def test_availability_needs_a_person(qtbot, people):
    dialog = shown(qtbot, AvailabilityDialog(list(people.by_name.values()), MONDAY), 640, 420)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "请先选择人员"


def test_preferences_are_saved_as_they_are_changed(qtbot, people):
    from desktop.ui.duty.preferences_dialog import PreferencesDialog
    from desktop.ui.duty.preferences_model import COL_AVOID, COL_NO_NIGHTS

    from .test_preferences_dialog import click_box, edit_hours, pick_post

    pattern = setup.ensure_default_pattern()
    post = setup.create_post("东门卡口", pattern.id)
    members = list(people.by_name.values())
    dialog = shown(qtbot, PreferencesDialog(members), 720, 420)
    first = dialog.names()[0]
    member = people.by_name[first]
    edit_hours(qtbot, dialog, first, "40")
    click_box(qtbot, dialog, first, COL_NO_NIGHTS)
    pick_post(qtbot, dialog, first, "东门卡口")
    pref = setup.get_preferences(member.id)
    assert (pref.max_hours_per_week, pref.no_nights, pref.preferred_post_id) == (40, True, post.id)
    assert not dialog.index_of(first, COL_AVOID).flags() & Qt.ItemFlag.ItemIsEnabled  # 不排夜班 covers it
    edit_hours(qtbot, dialog, first, "0")
    assert setup.get_preferences(member.id).max_hours_per_week is None
