"""Writing diaries on the page: member, day, typing, autosave, tags, figures, shift link, drafts."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.diaries import service
from desktop.models import DutyAssignment, Post, ShiftDefinition, ShiftPattern
from desktop.ui.diaries.diaries_page import DiariesPage

from ..roster.roster_typing import type_text
from .conftest import TODAY, YESTERDAY
from .helpers import click_day, click_member

ALT = Qt.KeyboardModifier.AltModifier
DAY = dt.date(2022, 11, 20)


def test_writing_an_entry_is_saved_within_two_seconds_and_marked(qtbot, page, people):
    click_member(qtbot, page, "王芳")
    click_day(qtbot, page.calendar, DAY)
    assert page.editor.heading.text() == "王芳 · 2022年11月20日 周日"
    assert DAY not in page.calendar.marked_days()
    type_text(qtbot, page.editor.text, "走访3号楼独居老人5户，代购药品2份。")
    qtbot.waitUntil(lambda: service.entry_for(people.wang.id, DAY) is not None, timeout=2000)
    assert service.entry_for(people.wang.id, DAY).text == "走访3号楼独居老人5户，代购药品2份。"
    assert DAY in page.calendar.marked_days()
    assert page.editor.saved_label.text().startswith("已自动保存 ")
    assert service.entry_for(people.li.id, DAY) is None  # only the selected member


def test_steady_typing_is_saved_while_still_typing(qtbot, page, people):
    click_member(qtbot, page, "李建国")
    click_day(qtbot, page.calendar, DAY)
    text = "东门卡口值守，登记进出人员。"
    for char in text:  # one character every 100 ms: a restarting timer would never fire
        type_text(qtbot, page.editor.text, char)
        qtbot.wait(100)
    entry = service.entry_for(people.li.id, DAY)
    assert entry is not None and text.startswith(entry.text) and len(entry.text) >= 6
    qtbot.waitUntil(lambda: service.entry_for(people.li.id, DAY).text == text, timeout=2000)


def test_changing_day_saves_what_was_typed_at_once(qtbot, page, people):
    click_member(qtbot, page, "张伟")
    click_day(qtbot, page.calendar, DAY)
    type_text(qtbot, page.editor.text, "协助核酸采样")
    click_day(qtbot, page.calendar, dt.date(2022, 11, 21))  # no wait: the switch flushes
    assert service.entry_for(people.zhang.id, DAY).text == "协助核酸采样"
    assert page.editor.text.toPlainText() == ""
    click_day(qtbot, page.calendar, DAY)
    assert page.editor.text.toPlainText() == "协助核酸采样"


def test_tags_by_alt_number_and_figures_are_saved_with_the_text(qtbot, page, people):
    click_member(qtbot, page, "王芳")
    click_day(qtbot, page.calendar, DAY)
    type_text(qtbot, page.editor.text, "物资配送到楼")
    assert [b.text() for b in page.editor.tag_buttons][:4] == ["1 值守", "2 核酸检测", "3 物资配送", "4 送药"]
    qtbot.keyClick(page.editor.text, Qt.Key.Key_3, ALT)
    qtbot.keyClick(page.editor.text, Qt.Key.Key_1, ALT)
    qtbot.keyClick(page.editor.text, Qt.Key.Key_1, ALT)  # toggled back off
    assert page.editor.checked_tags() == ["物资配送"]
    assert page.editor.text.toPlainText() == "物资配送到楼"  # Alt+n typed nothing
    page.editor.figures.set_cell(0, 0, "配送物资")
    page.editor.figures.set_cell(0, 1, "30")
    page.editor.figures.set_cell(0, 2, "件")
    page.editor.figures.set_cell(1, 0, "走访户数")
    page.editor.figures.set_cell(1, 1, "十二")  # not a number: red, left out
    assert page.editor.figures.table.item(1, 1).toolTip() == "数量请填整数"
    entry_id = page.editor.entry_id()  # the tag, a pick, was saved at once
    qtbot.waitUntil(lambda: bool(service.figures_of([entry_id])[entry_id]), timeout=2000)
    assert service.tags_of([entry_id])[entry_id] == ["物资配送"]
    assert [(f.label, f.value, f.unit) for f in service.figures_of([entry_id])[entry_id]] == [("配送物资", 30, "件")]
    click_day(qtbot, page.calendar, dt.date(2022, 11, 21))
    click_day(qtbot, page.calendar, DAY)
    assert page.editor.checked_tags() == ["物资配送"]
    assert page.editor.figures.figures() == [("配送物资", 30, "件")]


def _night_shift(member, day):
    pattern = ShiftPattern.create(name="两班倒")
    night = ShiftDefinition.create(pattern=pattern, name="夜班", start_time="20:00", end_time="08:00", is_night=True)
    post = Post.create(name="东门卡口", pattern=pattern)
    return DutyAssignment.create(date=day, post=post, shift=night, member=member)


def test_the_days_shift_can_be_linked(qtbot, people):
    shift = _night_shift(people.li, YESTERDAY)
    page = DiariesPage(today=TODAY)
    qtbot.addWidget(page)
    page.show()
    click_member(qtbot, page, "李建国")
    click_day(qtbot, page.calendar, YESTERDAY)
    check = page.editor.shift_check
    assert check.isVisible() and check.text() == "关联当日值班：11月22日 夜班 东门卡口"
    type_text(qtbot, page.editor.text, "夜班巡查东门")
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=check.rect().center())
    assert check.isChecked()
    assert service.entry_for(people.li.id, YESTERDAY).duty_assignment_id == shift.id
    click_day(qtbot, page.calendar, DAY)
    assert not check.isVisible()  # no shift on the 20th


def test_yesterdays_missing_diaries_are_marked_and_cleared(qtbot, page, people):
    service.save_entry(people.wang.id, YESTERDAY, "值守", today=TODAY)
    page.members.reload()
    assert page.members.names() == ["李建国", "王芳", "张伟"]  # pinyin order
    assert page.members.missing_names() == ["李建国", "张伟"]
    click_member(qtbot, page, "张伟")
    click_day(qtbot, page.calendar, YESTERDAY)
    type_text(qtbot, page.editor.text, "核酸采样点维持秩序")
    page.editor.flush()
    assert page.members.missing_names() == ["李建国"]


def test_calendar_reads_each_month_once(qtbot, page, people):
    service.save_entry(people.li.id, dt.date(2022, 10, 5), "十月的日记", today=TODAY)
    click_member(qtbot, page, "李建国")
    before = page.calendar.queries
    click_day(qtbot, page.calendar, DAY)
    type_text(qtbot, page.editor.text, "值守")
    page.editor.flush()
    assert page.calendar.queries == before  # typing and saving never re-read the month
    page.calendar.showPreviousMonth()
    assert page.calendar.queries == before + 1
    assert page.calendar.marked_days() == {dt.date(2022, 10, 5)}
    assert page.calendar.maximumDate().toPython() == TODAY  # no diaries for tomorrow


def test_an_unsaved_draft_is_offered_back(qtbot, page, people, dialogs):
    service.save_editor_draft(people.zhang.id, DAY, "停电前写到一半的日记")
    click_member(qtbot, page, "张伟")
    click_day(qtbot, page.calendar, DAY)
    assert any("草稿" in text for text in dialogs.asked)
    assert page.editor.text.toPlainText() == "停电前写到一半的日记"
    qtbot.waitUntil(lambda: service.entry_for(people.zhang.id, DAY) is not None, timeout=2000)
    assert service.load_editor_draft(people.zhang.id, DAY) is None


def test_a_refused_save_keeps_the_text_as_a_draft(qtbot, page, people):
    click_member(qtbot, page, "王芳")
    click_day(qtbot, page.calendar, DAY)
    type_text(qtbot, page.editor.text, "含控制字符")
    page.editor.text.insertPlainText("\x07")  # as a bad paste from a chat would bring it
    page.editor.flush()
    assert page.editor.saved_label.text().startswith("未能保存：")
    assert page.editor.saved_label.property("failed") is True
    assert service.load_editor_draft(people.wang.id, DAY).payload["text"] == "含控制字符\x07"


def test_keyboard_moves_between_members_and_days(qtbot, page, people):
    click_member(qtbot, page, "李建国")
    click_day(qtbot, page.calendar, DAY)
    page.editor.text.setFocus()
    qtbot.keyClick(page.editor.text, Qt.Key.Key_Down, ALT)
    assert page.editor.heading.text().startswith("王芳")
    qtbot.keyClick(page.editor.text, Qt.Key.Key_Left, ALT)
    assert page.calendar.selected_day() == dt.date(2022, 11, 19)
    page.calendar.select_day(TODAY)
    qtbot.keyClick(page.editor.text, Qt.Key.Key_Right, ALT)
    assert page.calendar.selected_day() == TODAY  # not past today


def test_tag_list_is_editable_from_the_page(qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from desktop.diaries import service as diary_service
    from desktop.ui.diaries.diaries_page import DiariesPage

    page = DiariesPage()
    qtbot.addWidget(page)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("环境消杀", True))
    dialog = page.edit_tags()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert "环境消杀" in [t.name for t in diary_service.tags()]
    assert "环境消杀" in dialog.names()
    dialog.list.setCurrentRow(0)
    first = dialog.list.currentItem().text()
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert first not in [t.name for t in diary_service.tags()]  # deactivated, not deleted
    assert first in [t.name for t in diary_service.tags(include_inactive=True)]
    dialog.reject()
    assert first not in [b.property("tag") for b in page.editor.tag_buttons]
