"""The 会议记录 list: search, filters, opening, templates, types, statistics, and the table model."""
from __future__ import annotations

import datetime as dt

import pytest
from playhouse.test_utils import assert_query_count
from PySide6.QtCore import QDate, Qt

from desktop.meetings import service
from desktop.models import db
from desktop.ui.meetings import date_dialog
from desktop.ui.meetings.meeting_rows import MeetingPages, build_rows
from desktop.ui.meetings.meeting_table_model import (
    COL_ACTIONS,
    COL_ATTENDANCE,
    COL_DATE,
    COL_DECISIONS,
    COL_HOST,
    COL_STATUS,
    COL_TITLE,
    COL_TYPE,
    HEADERS,
    MeetingTableModel,
    RecordRole,
    SortRole,
)
from desktop.ui.meetings.type_list_dialog import TypeListDialog

from ..roster.roster_typing import type_text
from .conftest import TODAY


def at(day: dt.date, hhmm: str = "07:30") -> dt.datetime:
    return dt.datetime.combine(day, dt.time(*map(int, hhmm.split(":"))))


@pytest.fixture
def week(people):
    """Daily meetings of the last five days (final) and a 支部委员会 three days ago."""
    made = []
    for back in range(5, 0, -1):
        day = TODAY - dt.timedelta(days=back)
        meeting = service.start_meeting("每日例会", on=day, now=at(day))
        service.add_note(meeting.id, f"第{back}天的情况", speaker_id=people.wang.id, at="07:31")
        if back == 2:
            service.add_note(meeting.id, "关于防疫物资", speaker_id=people.li.id, at="07:32")
            service.set_absent(meeting.id, people.zhao.id, "值班")
            service.add_decision(meeting.id, "增派志愿者")
            service.add_action_item(meeting.id, "修门禁", owner_id=people.zhao.id)
        service.finalize(meeting.id, now=at(day, "08:00"))
        made.append(meeting)
    committee = service.start_meeting("支部委员会", on=TODAY - dt.timedelta(days=3), now=at(TODAY, "19:00"))
    service.update_meeting(committee.id, title="研究发展党员工作")
    return made + [committee]


def test_the_list_is_newest_first_with_figures(qtbot, page, week):
    page.reload()
    rows = page.visible_rows()
    assert [r.meeting.date for r in rows] == sorted((r.meeting.date for r in rows), reverse=True)
    two_days = next(r for r in rows if r.meeting.date == TODAY - dt.timedelta(days=2))
    row = page.proxy.mapFromSource(page.model.index(page.model.row_of(two_days.meeting_id), 0)).row()
    cells = [page.proxy.index(row, c).data() for c in range(len(HEADERS))]
    assert cells[COL_TYPE] == "每日例会" and cells[COL_HOST] == "张三"
    assert cells[COL_ATTENDANCE] == "7/6" and cells[COL_STATUS] == "已定稿"
    assert (cells[COL_DECISIONS], cells[COL_ACTIONS]) == ("1", "1")
    committee = next(r for r in rows if r.type_name == "支部委员会")
    assert committee.meeting.status == "进行中"
    assert page.status_label.text() == "共 6 次会议，1 次进行中"


def test_search_with_a_two_character_name(qtbot, page, week):
    service.add_note(week[-1].id, "街道来人检查", speaker_name="周瑜")  # a guest, on no roster
    page.reload()
    type_text(qtbot, page.filters.search, "李四")  # expected at every daily meeting, not the committee
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 5, timeout=2000)
    assert {r.type_name for r in page.visible_rows()} == {"每日例会"}
    page.filters.search.clear()
    type_text(qtbot, page.filters.search, "周瑜")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=2000)
    [row] = page.visible_rows()
    assert row.meeting_id == week[-1].id
    assert "搜索“周瑜”" in page.status_label.text()
    # Enter moves to the list and Enter again opens the meeting.
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Return)
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.live_view() is not None and page.live_view().meeting_id == row.meeting_id


def test_search_reaches_decisions_and_filters_combine(qtbot, page, week):
    page.reload()
    type_text(qtbot, page.filters.search, "志愿者")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=2000)
    page.filters.search.clear()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 6, timeout=2000)
    page.filters.type_combo.setCurrentIndex(page.filters.type_combo.findText("支部委员会"))
    assert [r.type_name for r in page.visible_rows()] == ["支部委员会"]
    page.filters.type_combo.setCurrentIndex(0)
    qtbot.mouseClick(page.filters.all_dates, Qt.MouseButton.LeftButton)
    assert not page.filters.all_dates.isChecked()
    last_two = TODAY - dt.timedelta(days=2)
    page.filters.date_from.setDate(QDate(last_two.year, last_two.month, last_two.day))
    assert sorted(r.meeting.date for r in page.visible_rows()) == [last_two, TODAY - dt.timedelta(days=1)]


def test_double_click_opens_and_back_returns_to_the_same_row(qtbot, page, week):
    page.reload()
    index = page.proxy.index(2, COL_TITLE)
    meeting_id = index.data(RecordRole).meeting_id
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    live = page.live_view()
    assert live.meeting_id == meeting_id
    assert live.bar.state.text() == index.data(RecordRole).meeting.status
    qtbot.mouseClick(live.bar.back, Qt.MouseButton.LeftButton)
    assert page.live_view() is None and page.current_row().meeting_id == meeting_id


def test_copy_as_template_asks_the_date(qtbot, page, week, monkeypatch):
    source = week[-1]  # the committee meeting
    service.set_topics(source.id, ["发展党员", "评议"])
    page.reload()
    assert page.select_meeting(source.id)
    asked = []
    monkeypatch.setattr(date_dialog, "ask_date", lambda parent, title, text, day: asked.append(text) or TODAY)
    page.template_action.trigger()
    live = page.live_view()
    assert asked and "研究发展党员工作" in asked[0]
    assert live.meeting_id != source.id and live.meeting.date == TODAY
    assert live.meeting.meeting_type.name == "支部委员会"
    assert live.topics.toPlainText() == "发展党员\n评议"


def test_meeting_types_add_rename_and_deactivate(qtbot, page, dialogs):
    dialog = page.edit_types()
    assert isinstance(dialog, TypeListDialog) and dialog.isVisible()
    dialogs.texts.append(("防疫专题会", True))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.names()[-1] == "防疫专题会" and dialog.list.currentItem().text() == "防疫专题会"
    dialogs.texts.append(("疫情防控专题会", True))
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert dialog.names()[-1] == "疫情防控专题会（已停用）"
    assert dialog.toggle_button.text() == "启用"
    dialogs.texts.append(("每日例会", True))  # a duplicate is refused with a message
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert "已有名为“每日例会”" in dialogs.told[-1]
    dialog.close()
    qtbot.waitUntil(lambda: page.filters.type_combo.findText("疫情防控专题会（已停用）") >= 0)
    assert "疫情防控专题会" not in [k.name for k in service.meeting_types()]


def test_statistics_default_to_this_month(qtbot, page, week):
    page.tabs.setCurrentIndex(1)
    stats = page.stats
    start, end = stats.range()
    assert start == TODAY.replace(day=1) and start <= TODAY <= end
    stats.period.setCurrentText("近 7 天")
    assert stats.type_rows()["每日例会"] == 5 and stats.type_rows()["支部委员会"] == 1
    rates = {r[0]: r for r in stats.rate_rows()}
    assert rates["赵六"][1:] == ("5", "4", "1", "80.0%")  # not expected at the committee
    assert rates["张三"][4] == "100.0%"


def test_model_passes_the_model_tester(qtmodeltester, week):
    model = MeetingTableModel()
    model.set_rows(build_rows(service.search_meetings(brief=True)))
    qtmodeltester.check(model)


def test_a_paged_model_passes_the_model_tester(qtmodeltester, week):
    # A fresh model: Qt's tester calls fetchMore() while it handles a reset, then objects to the
    # rows inserted before the reset is over (its own order of slots, not the model's).
    model = MeetingTableModel()
    model.show_pages(MeetingPages(page_size=4))  # read a page at a time
    assert model.rowCount() == 4 and model.canFetchMore()
    qtmodeltester.check(model)  # reads the next page through fetchMore()
    assert model.rowCount() == 6 and not model.canFetchMore()


def test_rows_and_cells_cost_no_queries(week):
    rows = build_rows(service.search_meetings(brief=True))
    model = MeetingTableModel()
    with assert_query_count(0):
        model.set_rows(rows)
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                for role in (Qt.ItemDataRole.DisplayRole, SortRole, RecordRole, Qt.ItemDataRole.ToolTipRole,
                             Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole):
                    model.data(index, role)
    assert model.rowCount() == 6
    assert model.index(0, COL_DATE).data(SortRole) > model.index(5, COL_DATE).data(SortRole)


def test_building_the_rows_is_bounded(week):
    meetings = service.search_meetings(brief=True)
    assert len(meetings) > 3
    with assert_query_count(3):  # three GROUP BY queries, however many meetings (names are joined)
        rows = build_rows(meetings)
    assert len(rows) == len(meetings)


def test_db_is_the_test_db(database):
    assert db.obj is database
