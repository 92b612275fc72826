"""找人替班 on a cell and for a person: best replacements with reasons, one step, 撤销;
a sick cadre's replacement changes only that cadre's shifts."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.duty import generate, setup
from desktop.models import DutyAssignment
from desktop.ui.duty.duty_page import DutyPage
from desktop.ui.duty.person_replacement import PersonReplacementDialog
from desktop.ui.duty.replacement_dialog import ReplacementDialog

from .conftest import MONDAY, shown

LAST = MONDAY + dt.timedelta(days=2)


def rota():
    return sorted(DutyAssignment.select(DutyAssignment.date, DutyAssignment.post, DutyAssignment.shift,
                                        DutyAssignment.member).tuples())


def planned(people, posts):
    result = generate.plan_rota(MONDAY, LAST, time_limit_s=10, today=MONDAY)
    generate.apply_result(result, MONDAY, LAST, today=MONDAY)
    return rota()


def test_a_cell_replacement_is_one_step_and_undoable(qtbot, people, posts, dialogs):
    before = planned(people, posts)
    page = shown(qtbot, DutyPage(today=MONDAY))
    index = page.model.index_of(MONDAY, posts.west.id, posts.early.id)
    page.grid.setCurrentIndex(index)
    cell = page.grid.current_cell()
    old = cell.assignments[0]
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, ReplacementDialog)
    qtbot.waitExposed(dialog)
    assert dialog.names() and old.member.name not in [n.lstrip("★") for n in dialog.names()]
    assert "本期" in dialog.reasons(0)  # the reasons are shown
    chosen = dialog.names()[0].lstrip("★")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # one step
    after = rota()
    changed = set(before) ^ set(after)
    assert {(r[0], r[1], r[2]) for r in changed} == {(MONDAY, posts.west.id, posts.early.id)}
    assert page.model.index_of(MONDAY, posts.west.id, posts.early.id).data().count(chosen) == 1
    assert "撤销" in page.message.action_button.text()
    qtbot.keyClick(page.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rota() == before
    assert "已撤销" in page.message.label.text()


def test_a_sick_cadre_is_replaced_and_only_her_shifts_change(qtbot, people, posts, dialogs):
    before = planned(people, posts)
    sick = next(m for m in people.by_name.values() if sum(1 for r in before if r[3] == m.id) >= 2)
    setup.add_unavailability(sick.id, MONDAY + dt.timedelta(days=1), LAST, "病假")
    page = shown(qtbot, DutyPage(today=MONDAY))
    dialog = page.replace_person(sick.id)
    assert isinstance(dialog, PersonReplacementDialog)
    dialog.from_edit.setDate(dialog.from_edit.date().addDays(1))
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    changes = dialog.changes_dialog
    qtbot.waitExposed(changes)
    rows = changes.rows()
    assert rows and all(sick.name in r[3] and sick.name not in r[5] for r in rows)
    assert rota() == before  # nothing written before 应用
    qtbot.mouseClick(changes.apply_button, Qt.MouseButton.LeftButton)
    after = rota()
    gone = set(before) - set(after)
    assert gone and all(r[3] == sick.id and r[0] > MONDAY for r in gone), "only the sick cadre's shifts left"
    came = set(after) - set(before)
    assert {(r[0], r[1], r[2]) for r in came} == {(r[0], r[1], r[2]) for r in gone}
    assert not [r for r in after if r[3] == sick.id and r[0] > MONDAY]
    page.undo()
    assert rota() == before


def test_cancelling_the_person_replacement_writes_nothing(qtbot, people, posts, dialogs):
    before = planned(people, posts)
    page = shown(qtbot, DutyPage(today=MONDAY))
    member = next(m for m in people.by_name.values() if any(r[3] == m.id for r in before))
    dialog = page.replace_person(member.id)
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.changes_dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert rota() == before


def test_mark_unavailable_then_find_replacements_from_the_same_dialog(qtbot, people, posts, dialogs):

    from desktop.ui.duty import generate_dialog
    from desktop.ui.duty.availability_dialog import AvailabilityDialog

    before = planned(people, posts)
    sick = next(m for m in people.by_name.values()
                if sum(1 for r in before if r[3] == m.id and r[0] > MONDAY) >= 1)
    page = shown(qtbot, DutyPage(today=MONDAY))
    qtbot.mouseClick(page.toolbar.widgetForAction(page.absence_action), Qt.MouseButton.LeftButton)
    availability = page.dialog
    assert isinstance(availability, AvailabilityDialog)
    availability.picker.set_member(sick)
    availability.from_edit.setDate(generate_dialog.to_qdate(MONDAY + dt.timedelta(days=1)))
    availability.to_edit.setDate(generate_dialog.to_qdate(LAST))
    qtbot.mouseClick(availability.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(availability.replace_button, Qt.MouseButton.LeftButton)
    person = page.dialog
    assert isinstance(person, PersonReplacementDialog)
    assert person.member_combo.currentData() == sick.id
    assert person.period() == (MONDAY + dt.timedelta(days=1), LAST)
    qtbot.mouseClick(person.find_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(person.changes_dialog.apply_button, Qt.MouseButton.LeftButton)
    after = rota()
    gone = set(before) - set(after)
    assert gone and all(r[3] == sick.id for r in gone)
    assert {(r[0], r[1], r[2]) for r in set(after) - set(before)} == {(r[0], r[1], r[2]) for r in gone}

    availability.table.selectRow(0)
    dialogs.answers.append(generate_dialog.QMessageBox.StandardButton.No)
    qtbot.mouseClick(availability.remove_button, Qt.MouseButton.LeftButton)
    assert availability.table.rowCount() == 1 and "删除" in dialogs.asked[-1]  # asked, kept
    qtbot.mouseClick(availability.remove_button, Qt.MouseButton.LeftButton)
    assert availability.table.rowCount() == 0
