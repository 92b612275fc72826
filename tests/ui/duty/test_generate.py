"""自动排班 from the page: the planner runs in a thread, progress shows, 应用 writes, 取消 is prompt."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer

from desktop.models import DutyAssignment
from desktop.ui.duty import generate_dialog
from desktop.ui.duty.duty_page import DutyPage

from .conftest import MONDAY, shown


def open_dialog(qtbot, page):
    qtbot.keyClick(page.grid, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, generate_dialog.GenerateDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_generate_shows_progress_and_applies_only_on_apply(qtbot, people, posts):
    page = shown(qtbot, DutyPage(today=MONDAY))
    dialog = open_dialog(qtbot, page)
    assert dialog.period() == page.period()
    dialog.limit_spin.setValue(10)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.running() and dialog.progress_bar.isVisible()
    assert not dialog.start_button.isEnabled() and dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    assert dialog.progress_reports > 0, "the planner reported progress"
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum()
    assert dialog.result_box.isVisible() and dialog.status_label.text()
    assert DutyAssignment.select().count() == 0  # nothing written before 应用
    assert dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    changes = dialog.changes_dialog  # the before/after list comes first
    qtbot.waitExposed(changes)
    rows = changes.rows()
    assert rows and all(r[3] == "（空）" and r[4] == "→" and r[5] != "（空）" for r in rows)
    assert DutyAssignment.select().count() == 0
    qtbot.mouseClick(changes.apply_button, Qt.MouseButton.LeftButton)
    assert DutyAssignment.select().count() == len(dialog.result.assignments) > 0
    assert "已应用自动排班" in page.message.label.text()
    filled = [c for c in page.model.cells() if c.assignments]
    assert filled and all(page.model.index_of(c.day, c.lane.post.id, c.lane.shift.id).data() for c in filled)


def test_discard_writes_nothing(qtbot, people, posts):
    page = shown(qtbot, DutyPage(today=MONDAY))
    dialog = open_dialog(qtbot, page)
    dialog.limit_spin.setValue(5)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert DutyAssignment.select().count() == 0


def test_cancel_stops_the_planner_and_the_window_stays_responsive(qtbot, people, posts):
    page = shown(qtbot, DutyPage(today=MONDAY))
    dialog = open_dialog(qtbot, page)
    dialog.to_edit.setDate(generate_dialog.to_qdate(MONDAY + dt.timedelta(days=27)))  # four weeks
    dialog.limit_spin.setValue(600)
    ticks = []
    timer = QTimer(page)
    timer.timeout.connect(lambda: ticks.append(dialog.running()))
    timer.start(20)
    dialog.start()
    # A planner on the UI thread would return from start() finished, with no tick in between.
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=60000)
    assert all(ticks) and dialog.running(), "the UI thread kept running while the planner worked"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    # Far below the 600 s limit: only the cancel can have ended it.
    qtbot.waitUntil(lambda: not dialog.running(), timeout=60000)
    timer.stop()
    assert dialog.result is not None and dialog.result.cancelled
    assert "取消" in dialog.status_label.text()
    assert dialog.start_button.isEnabled()
    dialog.reject()
    assert not dialog.isVisible()


def test_the_window_stays_usable_while_the_planner_works(qtbot, people, posts):
    """While 自动排班 runs, the page answers clicks and keys: nothing modal holds it."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.duty.duty_page import TAB_PEOPLE

    page = shown(qtbot, DutyPage(today=MONDAY))
    dialog = open_dialog(qtbot, page)
    dialog.to_edit.setDate(generate_dialog.to_qdate(MONDAY + dt.timedelta(days=27)))
    dialog.limit_spin.setValue(600)
    dialog.start()
    assert dialog.running()
    assert QApplication.activeModalWidget() is None and not dialog.isModal()
    qtbot.mouseClick(page.period_bar.forward_button, Qt.MouseButton.LeftButton)
    assert page.period()[0] == MONDAY + dt.timedelta(days=7)
    page.tabs.tabBar().setFocus()
    qtbot.mouseClick(page.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=page.tabs.tabBar().tabRect(TAB_PEOPLE).center())
    assert page.tabs.currentIndex() == TAB_PEOPLE
    qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is dialog, "Ctrl+G brings the running dialog forward, no second planner"
    assert dialog.running(), "still planning: the page was used during the run"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running(), timeout=60000)
    dialog.reject()


def test_cancelling_the_before_after_list_writes_nothing(qtbot, people, posts):
    from desktop.duty import generate

    result = generate.plan_rota(MONDAY, MONDAY, time_limit_s=5, today=MONDAY)
    generate.apply_result(result, MONDAY, MONDAY, today=MONDAY)
    before = sorted(DutyAssignment.select(DutyAssignment.date, DutyAssignment.post, DutyAssignment.shift,
                                          DutyAssignment.member).tuples())
    gone = DutyAssignment.select().where(DutyAssignment.shift == posts.early.id).first()
    page = shown(qtbot, DutyPage(today=MONDAY))
    dialog = open_dialog(qtbot, page)
    dialog.to_edit.setDate(generate_dialog.to_qdate(MONDAY))
    dialog.limit_spin.setValue(5)
    gone.delete_instance()  # one shift emptied by hand: the new plan fills it
    before = [r for r in before if r != (gone.date, gone.post_id, gone.shift_id, gone.member_id)]
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    changes = dialog.changes_dialog
    assert changes is not None and changes.rows()
    assert any(r[1] == "早班" for r in changes.rows())
    qtbot.mouseClick(changes.cancel_button, Qt.MouseButton.LeftButton)
    after = sorted(DutyAssignment.select(DutyAssignment.date, DutyAssignment.post, DutyAssignment.shift,
                                         DutyAssignment.member).tuples())
    assert after == sorted(before), "取消 wrote nothing"
    assert dialog.isVisible(), "back in 自动排班: the plan can still be applied or discarded"
    dialog.reject()
