"""查找: live search with highlighted hits, filters, and opening a hit in the editor."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from desktop.diaries import service
from desktop.models import DiaryEntry, db
from desktop.ui.diaries.search_results import PAGE, HitRole

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


def test_a_name_is_shown_as_text_not_markup(qtbot, page, people):
    from desktop.models import Member
    Member.update(name="<i>李</i>&娜").where(Member.id == people.li.id).execute()
    diaries(people)
    hits = searched(qtbot, page, "代购")
    assert len(hits) == 1
    assert hits[0].startswith('<span style="color:#1F2329; font-weight:bold">&lt;i&gt;李&lt;/i&gt;&amp;娜</span>')


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


def many_diaries(people, count: int) -> list[tuple[int, dt.date]]:
    """*count* entries mentioning 走访, three a day (one per person); (member_id, date) newest first."""
    members = [people.li.id, people.wang.id, people.zhang.id]
    rows = [(members[i % 3], TODAY - dt.timedelta(days=i // 3), f"第{i}次走访住户，了解需求。")
            for i in range(count)]
    with db.atomic():
        DiaryEntry.insert_many(rows, fields=[DiaryEntry.member, DiaryEntry.date, DiaryEntry.text]).execute()
    order = DiaryEntry.select().order_by(DiaryEntry.date.desc(), DiaryEntry.id.desc())
    return [(e.member_id, e.date) for e in order]


def shown(search) -> list[tuple[int, dt.date]]:
    return [search.model.index(row).data(HitRole) for row in range(search.model.rowCount())]


def scrolled_to_the_end(qtbot, search, rows: int) -> None:
    search.results.scrollToBottom()  # the view asks the model for more when the scroll bar hits its end
    qtbot.waitUntil(lambda: search.model.rowCount() == rows, timeout=3000)


def test_scrolling_to_the_end_shows_older_hits_until_the_last(qtbot, page, people, qtmodeltester):
    expected = many_diaries(people, 450)
    search = page.search
    searched(qtbot, page, "走访")
    assert search.model.rowCount() == PAGE == 200
    assert shown(search) == expected[:200]
    assert search.status.text() == "已显示最新的 200 篇日记，向下滚动查看更早的"
    scrolled_to_the_end(qtbot, search, 400)
    assert search.status.text() == "已显示最新的 400 篇日记，向下滚动查看更早的"
    scrolled_to_the_end(qtbot, search, 450)
    assert shown(search) == expected  # every hit once, newest first, across the pages
    assert search.status.text() == "找到 450 篇日记"
    assert not search.model.canFetchMore(QModelIndex())
    assert all(f"{MARK}走访</b>" in hit for hit in search.hits())
    qtmodeltester.check(search.model)


def test_a_new_search_starts_again_from_the_newest(qtbot, page, people):
    expected = many_diaries(people, 450)
    search = page.search
    searched(qtbot, page, "走访")
    scrolled_to_the_end(qtbot, search, 400)
    search.member.setCurrentIndex(search.member.findText("王芳"))  # 150 of them: one page
    assert shown(search) == [hit for hit in expected if hit[0] == people.wang.id]
    assert search.status.text() == "找到 150 篇日记"
    search.member.setCurrentIndex(0)
    assert shown(search) == expected[:200] and search.results.verticalScrollBar().value() == 0
    assert search.status.text() == "已显示最新的 200 篇日记，向下滚动查看更早的"


def test_exactly_one_page_of_hits_says_there_are_no_more(qtbot, page, people):
    many_diaries(people, PAGE)
    searched(qtbot, page, "走访")
    assert page.search.model.rowCount() == PAGE and not page.search.model.canFetchMore(QModelIndex())
    assert page.search.status.text() == f"找到 {PAGE} 篇日记"


def test_hits_wrap_again_when_the_list_narrows(qtbot, page, people):
    """Row heights are remembered per hit and width: a narrower list measures them again."""
    service.save_entry(people.li.id, dt.date(2022, 11, 20), "上午协助核酸采样，" + "逐户登记" * 16, today=TODAY)
    searched(qtbot, page, "核酸采样")  # an 80-character snippet: one line at 1200 px
    view, index = page.search.results, page.search.model.index(0, 0)
    wide = view.visualRect(index).height()
    page.resize(520, 760)
    qtbot.waitUntil(lambda: view.visualRect(index).height() > wide, timeout=2000)
    page.resize(1200, 760)
    qtbot.waitUntil(lambda: view.visualRect(index).height() == wide, timeout=2000)


def test_part_of_an_authors_name_finds_his_entries(qtbot, page, people):
    from desktop.roster import service as roster

    liu = roster.save_member({"name": "刘海波", "political_status": "中共党员", "arrived_on": TODAY - dt.timedelta(days=30)})
    diaries(people)
    service.save_entry(liu.id, dt.date(2022, 11, 18), "夜班巡查，一切正常。", today=TODAY)
    service.save_entry(liu.id, dt.date(2022, 11, 19), "东门卡口值守。", today=TODAY)
    hits = searched(qtbot, page, "海波")
    assert len(hits) == 2 and page.search.status.text() == "找到 2 篇日记"
    assert hits[0].startswith(f'<span style="color:#1F2329; font-weight:bold">刘{MARK}海波</b></span>')
    assert "东门卡口值守" in hits[0] and "夜班巡查" in hits[1]
