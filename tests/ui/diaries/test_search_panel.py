"""查找: live search with highlighted hits, filters, and opening a hit in the editor."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.diaries import service

from ..roster.roster_typing import type_text
from .conftest import TODAY

MARK = '<b style="color:#C8102E">'
CTRL = Qt.KeyboardModifier.ControlModifier


def diaries(people):
    service.save_entry(people.li.id, dt.date(2022, 11, 20), "上午协助核酸采样，帮住户陈红代购降压药。",
                       tags=["核酸检测"], today=TODAY)
    service.save_entry(people.wang.id, dt.date(2022, 11, 21), "3号楼核酸采样点维持秩序，劝返聚集人员。",
                       today=TODAY)
    service.save_entry(people.zhang.id, dt.date(2022, 11, 22), "给陈红家送去蔬菜包。", today=TODAY)


def searched(qtbot, page, text: str):
    qtbot.keyClick(page, Qt.Key.Key_F, CTRL)
    assert page.tabs.currentIndex() == 1 and page.search.query.hasFocus()
    page.search.query.clear()
    type_text(qtbot, page.search.query, text)
    assert page.search.timer.isActive()  # waits for a pause in typing
    qtbot.waitUntil(lambda: not page.search.timer.isActive(), timeout=1000)
    return page.search.hits()


def test_a_two_character_name_is_found_and_highlighted(qtbot, page, people):
    diaries(people)
    hits = searched(qtbot, page, "陈红")
    assert len(hits) == 2
    assert hits[0].startswith('<span style="color:#1F2329; font-weight:bold">张伟</span>')  # newest first
    assert all(f"{MARK}陈红</b>" in hit for hit in hits)
    assert page.search.status.text() == "找到 2 篇日记"


def test_a_four_character_phrase_is_found_and_highlighted(qtbot, page, people):
    diaries(people)
    hits = searched(qtbot, page, "核酸采样")
    assert len(hits) == 2
    assert all(f"{MARK}核酸采样</b>" in hit for hit in hits)
    assert "劝返聚集人员" in hits[0] and "王芳" in hits[0]


def test_filters_narrow_the_hits(qtbot, page, people):
    diaries(people)
    searched(qtbot, page, "核酸采样")
    search = page.search
    search.member.setCurrentIndex(search.member.findText("李建国"))
    assert len(search.hits()) == 1 and "李建国" in search.hits()[0]
    search.member.setCurrentIndex(0)
    search.tag.setCurrentIndex(search.tag.findText("核酸检测"))
    assert len(search.hits()) == 1
    search.tag.setCurrentIndex(0)
    search.date_from.setDate(dt.date(2022, 11, 21))
    assert len(search.hits()) == 1 and "王芳" in search.hits()[0]
    search.date_to.setDate(dt.date(2022, 11, 20))
    assert search.hits() == [] and search.status.text() == "没有找到符合条件的日记"


def test_double_click_opens_the_hit_in_the_editor(qtbot, page, people):
    diaries(people)
    searched(qtbot, page, "蔬菜包")
    view = page.search.results
    rect = view.visualRect(page.search.model.index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.tabs.currentIndex() == 0
    assert page.members.current_member_id() == people.zhang.id
    assert page.calendar.selected_day() == dt.date(2022, 11, 22)
    assert page.editor.text.toPlainText() == "给陈红家送去蔬菜包。"
    assert page.editor.text.hasFocus()


def test_what_was_just_typed_is_found(qtbot, page, people):
    page.members.select_member(people.wang.id)
    page.calendar.select_day(dt.date(2022, 11, 22))
    type_text(qtbot, page.editor.text, "排查发热人员")
    hits = searched(qtbot, page, "发热")  # switching tabs saved the typing first
    assert len(hits) == 1 and f"{MARK}发热</b>" in hits[0]
