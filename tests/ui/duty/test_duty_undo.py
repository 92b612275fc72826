"""撤销 on the 值班排班 page: every list deletes what was made by mistake (after confirmation),
and Ctrl+Z / 撤销 brings back the page's last deletion or edit exactly; an undo that would
overwrite a later change says so instead."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.duty import edits, setup
from desktop.duty import handover as handover_service
from desktop.models import DutyAssignment, DutyPreference, Handover, Post, Unavailability, db
from desktop.ui.duty.availability_dialog import AvailabilityDialog
from desktop.ui.duty.cell_editor import CellEditor
from desktop.ui.duty.duty_page import DutyPage
from desktop.ui.duty.rota_grid_model import RecordRole
from desktop.ui.duty.setup_posts import PostForm, PostsDialog
from tests.ui.roster.roster_typing import type_text

from .conftest import MONDAY, shown

TUESDAY = MONDAY + dt.timedelta(days=1)
CTRL = Qt.KeyboardModifier.ControlModifier


def raw(table: str) -> list[tuple]:
    """Rows exactly as stored (ids, pinned, source, times)."""
    return db.execute_sql(f'SELECT * FROM "{table}" ORDER BY id').fetchall()


def active(qtbot, window):
    """A dialog the page opened, in front as a person sees it (keys go to the active window)."""
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def ctrl_z(qtbot, widget) -> None:
    active(qtbot, widget.window())
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)


def make_page(qtbot) -> DutyPage:
    return shown(qtbot, DutyPage(today=MONDAY))


def click(qtbot, page, day, post, shift, modifier=Qt.KeyboardModifier.NoModifier):
    index = page.model.index_of(day, post.id, shift.id)
    rect = page.grid.visualRect(index)
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    return index


def auto(day, post, shift, member, pinned=False):
    return DutyAssignment.create(date=day, post=post, shift=shift, member=member, pinned=pinned, source="auto")


def test_nothing_to_undo_is_said(qtbot, people, posts):
    page = make_page(qtbot)
    assert page.undo() is False
    assert page.message.label.text() == "没有可撤销的操作"


# -- the grid ----------------------------------------------------------------------------------

def test_swap_and_pin_are_taken_back_exactly(qtbot, people, posts):
    auto(MONDAY, posts.east, posts.early, people.张三)
    auto(TUESDAY, posts.west, posts.night, people.孙八)
    before = raw("duty_assignment")
    page = make_page(qtbot)
    click(qtbot, page, MONDAY, posts.east, posts.early)
    click(qtbot, page, TUESDAY, posts.west, posts.night, CTRL)
    qtbot.keyClick(page.grid, Qt.Key.Key_T, CTRL)
    assert "孙八" in page.model.index_of(MONDAY, posts.east.id, posts.early.id).data()
    click(qtbot, page, MONDAY, posts.east, posts.early)
    qtbot.keyClick(page.grid, Qt.Key.Key_L, CTRL)
    assert [a.pinned for a in DutyAssignment.select().order_by(DutyAssignment.id)] == [True, False]
    ctrl_z(qtbot, page.grid)
    assert not any(a.pinned for a in DutyAssignment.select())
    assert "孙八" in page.model.index_of(MONDAY, posts.east.id, posts.early.id).data()
    ctrl_z(qtbot, page.grid)
    assert raw("duty_assignment") == before  # people, ids and source "auto" back
    assert "张三" in page.model.index_of(MONDAY, posts.east.id, posts.early.id).data()
    assert "已撤销" in page.message.label.text()


def test_a_cell_edit_is_one_step_back_to_what_the_cell_held(qtbot, people, posts):
    kept = auto(MONDAY, posts.east, posts.early, people.张三, pinned=True)
    auto(MONDAY, posts.east, posts.early, people.孙八)
    before = raw("duty_assignment")
    page = make_page(qtbot)
    index = click(qtbot, page, MONDAY, posts.east, posts.early)
    editor = page.edit_cell(index.data(RecordRole))
    assert isinstance(editor, CellEditor)
    qtbot.waitExposed(editor)
    editor.people.setCurrentRow(next(r for r in range(editor.people.count())
                                     if editor.people.item(r).text().startswith("★张三")))
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)  # the pinned one goes
    type_text(qtbot, editor.picker, "李四")
    qtbot.keyClick(editor.picker, Qt.Key.Key_Return)
    assert sorted(editor.names()) == sorted(["李四", "孙八"])
    editor.reject()
    assert "已修改" in page.message.label.text() and page.page_undo.labels() == ["04-11 东门卡口 早班"]
    ctrl_z(qtbot, page.grid)
    assert raw("duty_assignment") == before  # the removed row is back under its id, pinned
    assert DutyAssignment.get_by_id(kept.id).pinned
    assert "张三" in page.model.index_of(MONDAY, posts.east.id, posts.early.id).data()


def test_an_editor_closed_without_changes_leaves_nothing_to_undo(qtbot, people, posts):
    auto(MONDAY, posts.east, posts.early, people.张三)
    page = make_page(qtbot)
    editor = page.edit_cell(click(qtbot, page, MONDAY, posts.east, posts.early).data(RecordRole))
    editor.reject()
    assert not page.page_undo.can_undo()


def test_an_undo_after_the_slot_changed_again_reports_a_conflict(qtbot, people, posts):
    auto(MONDAY, posts.west, posts.early, people.孙八)
    page = make_page(qtbot)
    editor = page.edit_cell(click(qtbot, page, MONDAY, posts.west, posts.early).data(RecordRole))
    qtbot.mouseClick(editor.pin_button, Qt.MouseButton.LeftButton)
    editor.reject()
    edits.assign(MONDAY, posts.west.id, posts.early.id, people.周九.id)  # changed elsewhere since
    now = raw("duty_assignment")
    ctrl_z(qtbot, page.grid)
    assert raw("duty_assignment") == now  # not overwritten
    assert "无法撤销" in page.message.label.text() and "之后又改动过" in page.message.label.text()
    assert "周九" in page.model.index_of(MONDAY, posts.west.id, posts.early.id).data()


def test_automatic_rota_is_taken_back(qtbot, people, posts):
    from desktop.ui.duty.generate_dialog import GenerateDialog

    auto(MONDAY, posts.west, posts.early, people.孙八)
    before = sorted(DutyAssignment.select(DutyAssignment.date, DutyAssignment.post, DutyAssignment.shift,
                                          DutyAssignment.member, DutyAssignment.source).tuples())
    page = make_page(qtbot)
    page.set_period(MONDAY, TUESDAY)
    qtbot.keyClick(page.grid, Qt.Key.Key_G, CTRL)
    dialog = page.dialog
    assert isinstance(dialog, GenerateDialog)
    dialog.limit_spin.setValue(5)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.changes_dialog.apply_button, Qt.MouseButton.LeftButton)
    assert DutyAssignment.select().count() > len(before)
    assert page.page_undo.labels() == ["自动排班 04-11 至 04-12"]
    ctrl_z(qtbot, page.grid)
    assert "已撤销" in page.message.label.text(), page.message.label.text()
    after = sorted(DutyAssignment.select(DutyAssignment.date, DutyAssignment.post, DutyAssignment.shift,
                                         DutyAssignment.member, DutyAssignment.source).tuples())
    assert after == before
    assert "已撤销：自动排班" in page.message.label.text()


# -- 值守点 --------------------------------------------------------------------------------------

def open_posts(qtbot, page) -> PostsDialog:
    qtbot.mouseClick(page.toolbar.widgetForAction(page.posts_action), Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PostsDialog)
    return active(qtbot, dialog)


def test_delete_a_post_then_ctrl_z_brings_it_back(qtbot, people, posts, dialogs):
    setup.set_preferences(people.周九.id, preferred_post_id=posts.test.id)  # cleared with the post
    before = raw("post")
    page = make_page(qtbot)
    dialog = open_posts(qtbot, page)
    dialog.select_post(posts.test.id)
    dialog.posts_table.setFocus()
    dialogs.answers.append(QDialog.DialogCode.Rejected)  # anything but Yes: kept
    qtbot.keyClick(dialog.posts_table, Qt.Key.Key_Delete)
    assert "核酸采样点" in dialog.names() and "删除值守点“核酸采样点”" in dialogs.asked[-1]
    qtbot.keyClick(dialog.posts_table, Qt.Key.Key_Delete)
    assert "核酸采样点" not in dialog.names() and Post.get_or_none(Post.id == posts.test.id) is None
    assert DutyPreference.get(DutyPreference.member == people.周九.id).preferred_post_id is None
    assert "已删除值守点" in dialog.undo.message_bar.label.text() and dialog.undo.button.isEnabled()
    ctrl_z(qtbot, dialog.posts_table)
    assert raw("post") == before and "核酸采样点" in dialog.names()
    assert DutyPreference.get(DutyPreference.member == people.周九.id).preferred_post_id == posts.test.id
    assert "已恢复值守点" in dialog.undo.message_bar.label.text() and not dialog.undo.button.isEnabled()
    dialog.reject()
    assert page.page_undo.message_bar is page.message  # the page's bar again once closed


def test_a_post_with_records_can_only_be_stopped_and_that_can_be_undone(qtbot, people, posts, dialogs):
    auto(MONDAY, posts.east, posts.early, people.张三)
    before = raw("post")
    page = make_page(qtbot)
    dialog = open_posts(qtbot, page)
    dialog.select_post(posts.east.id)
    qtbot.mouseClick(dialog.delete_post_button, Qt.MouseButton.LeftButton)
    assert "不能删除，只能停用" in dialogs.asked[-1]
    assert Post.get_by_id(posts.east.id).active_to is not None  # stopped, records kept
    assert DutyAssignment.select().count() == 1
    qtbot.mouseClick(dialog.undo.button, Qt.MouseButton.LeftButton)
    assert raw("post") == before
    assert dialog.posts_table.item(0, 5).text() == "长期"

    qtbot.mouseClick(dialog.stop_post_button, Qt.MouseButton.LeftButton)
    assert Post.get_by_id(posts.east.id).active_to is not None
    dialog.reject()
    setup.update_post(posts.east.id, location="北侧")  # changed again since
    changed = raw("post")
    ctrl_z(qtbot, page.grid)  # the dialog's step, taken back from the page
    assert raw("post") == changed
    assert "无法撤销" in page.message.label.text()


def test_editing_a_post_can_be_undone(qtbot, people, posts, monkeypatch):
    before = raw("post")
    dialog = shown(qtbot, PostsDialog(), 720, 420)

    def fill(form: PostForm) -> int:
        form.needed_spin.setValue(4)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PostForm, "exec", fill)
    dialog.select_post(posts.west.id)
    qtbot.mouseClick(dialog.edit_post_button, Qt.MouseButton.LeftButton)
    assert Post.get_by_id(posts.west.id).people_needed == 4
    ctrl_z(qtbot, dialog.posts_table)
    assert raw("post") == before
    assert "已撤销对值守点“西门卡口”的修改" in dialog.undo.message_bar.label.text()


# -- 不可值班 ------------------------------------------------------------------------------------

def test_unavailability_add_and_delete_are_undone(qtbot, people, posts, dialogs):
    page = make_page(qtbot)
    qtbot.mouseClick(page.toolbar.widgetForAction(page.absence_action), Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, AvailabilityDialog)
    active(qtbot, dialog)
    type_text(qtbot, dialog.picker, "ww")
    qtbot.keyClick(dialog.picker, Qt.Key.Key_Return)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1
    ctrl_z(qtbot, dialog.picker)  # empty box: Ctrl+Z is the dialog's
    assert dialog.table.rowCount() == 0 and Unavailability.select().count() == 0

    setup.add_unavailability(people.王五.id, MONDAY, TUESDAY, "病假", "发热")
    setup.add_unavailability(people.孙八.id, MONDAY, MONDAY, "请假")
    dialog.reload()
    before = raw("unavailability")
    dialog.table.selectRow(0)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert "删除" in dialogs.asked[-1] and dialog.table.rowCount() == 1
    qtbot.mouseClick(dialog.undo.button, Qt.MouseButton.LeftButton)
    assert raw("unavailability") == before and dialog.table.rowCount() == 2
    assert "已恢复登记" in dialog.undo.message_bar.label.text()


def test_unavailability_undo_after_its_id_was_taken_reports_a_conflict(qtbot, people, posts, dialogs):
    dialog = shown(qtbot, AvailabilityDialog(list(people.by_name.values()), MONDAY), 640, 420)
    setup.add_unavailability(people.王五.id, MONDAY, TUESDAY, "病假")
    dialog.reload()
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    setup.add_unavailability(people.孙八.id, MONDAY, MONDAY, "请假")  # entered elsewhere since
    dialog.reload()
    now = raw("unavailability")
    qtbot.mouseClick(dialog.undo.button, Qt.MouseButton.LeftButton)
    assert raw("unavailability") == now
    assert "无法撤销" in dialog.undo.message_bar.label.text()


# -- 交接班 --------------------------------------------------------------------------------------

def handover_page(qtbot, people, posts) -> DutyPage:
    auto(MONDAY, posts.east, posts.early, people.张三)
    auto(MONDAY, posts.east, posts.early, people.孙八)
    page = make_page(qtbot)
    page.open_handover(MONDAY, posts.east.id, posts.early.id)
    return page


def test_delete_a_handover_then_ctrl_z_brings_it_back_exactly(qtbot, people, posts, dialogs):
    page = handover_page(qtbot, people, posts)
    panel = page.handover
    panel.counts["people_checked"].lineEdit().selectAll()
    type_text(qtbot, panel.counts["people_checked"].lineEdit(), "35")
    type_text(qtbot, panel.texts["events"], "劝返外来人员 2 人")
    panel.people.item(0, 1).setText("08:30")
    panel.save_now()
    # an old stamp: any write while deleting, undoing or showing the record again would change it
    Handover.update(updated_at=dt.datetime(2022, 4, 11, 16, 5)).execute()
    handovers, served = raw("handover"), raw("handover_person")
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert "删除 2022年4月11日 周一 东门卡口 早班" in dialogs.asked[-1]
    assert panel.texts["events"].toPlainText() == "" and panel.counts["people_checked"].value() == 0
    assert all(panel.people.item(r, 1).text() == "08:00" for r in range(panel.people.rowCount()))
    ctrl_z(qtbot, panel.texts["events"])  # nothing typed in the box: the page's undo
    assert raw("handover") == handovers and raw("handover_person") == served
    assert panel.texts["events"].toPlainText() == "劝返外来人员 2 人"
    assert panel.counts["people_checked"].value() == 35
    assert "已恢复" in page.message.label.text()


def test_a_handover_typed_again_after_deletion_is_not_overwritten(qtbot, people, posts, dialogs):
    page = handover_page(qtbot, people, posts)
    panel = page.handover
    type_text(qtbot, panel.texts["events"], "旧记录")
    panel.save_now()
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, panel.texts["open_matters"], "新填写的事项")  # typed into the fresh record
    page.grid.setFocus()
    assert page.undo() is False
    assert "又填写" in page.message.label.text()
    (record,) = Handover.select()
    assert record.open_matters == "新填写的事项" and record.events == ""


def test_removing_a_person_from_a_handover_is_undone_with_the_same_times(qtbot, people, posts, dialogs):
    page = handover_page(qtbot, people, posts)
    panel = page.handover
    row = panel.names().index("孙八")
    panel.people.item(row, 2).setText("15:40")
    panel.people.setCurrentCell(row, 0)
    qtbot.mouseClick(panel.remove_person_button, Qt.MouseButton.LeftButton)
    assert panel.names() == ["张三"]
    ctrl_z(qtbot, panel.people)
    assert panel.names() == ["孙八", "张三"] or sorted(panel.names()) == ["孙八", "张三"]
    (person,) = [p for p in handover_service.people(panel.handover_id) if p.member.name == "孙八"]
    assert (person.check_in, person.check_out) == ("08:00", "15:40")


def test_a_replacement_changed_again_is_not_undone_over_the_change(qtbot, people, posts, dialogs):
    from desktop.ui.duty.replacement_dialog import ReplacementDialog

    row = auto(MONDAY, posts.west, posts.early, people.孙八)
    page = make_page(qtbot)
    click(qtbot, page, MONDAY, posts.west, posts.early)
    qtbot.keyClick(page.grid, Qt.Key.Key_R, CTRL)
    dialog = page.dialog
    assert isinstance(dialog, ReplacementDialog)
    active(qtbot, dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    replaced_by = DutyAssignment.get_by_id(row.id).member_id
    assert replaced_by != people.孙八.id
    edits.move(row.id, people.褚明.id if replaced_by != people.褚明.id else people.冯二.id)  # changed since
    now = raw("duty_assignment")
    ctrl_z(qtbot, page.grid)
    assert raw("duty_assignment") == now
    assert "之后又改动过" in page.message.label.text()


def test_a_replacement_is_undone_with_its_source(qtbot, people, posts, dialogs):
    auto(MONDAY, posts.west, posts.early, people.孙八)
    before = raw("duty_assignment")
    page = make_page(qtbot)
    click(qtbot, page, MONDAY, posts.west, posts.early)
    qtbot.keyClick(page.grid, Qt.Key.Key_R, CTRL)
    active(qtbot, page.dialog)
    qtbot.keyClick(page.dialog.table, Qt.Key.Key_Return)
    assert raw("duty_assignment") != before
    ctrl_z(qtbot, page.grid)
    assert raw("duty_assignment") == before  # same row, person and source "auto"
