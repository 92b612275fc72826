"""The 会议记录 list read a page at a time: what the secretary sees and can do is the same as
when every meeting was read at once. Pages of 30 over 75 meetings, three a day, each day's
start times running against the order the meetings were made."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSlider

from desktop.meetings import service
from desktop.meetings.search import search_meetings
from desktop.ui.meetings import meetings_page
from desktop.ui.meetings.meeting_table_model import COL_DATE, COL_HOST, COL_TITLE

from .conftest import TODAY, shown_page

PAGE = 30
DAYS = 25
# Made in this order each day: the evening meeting first, so the ids run against the times;
# two 每日例会 a day share a title (a tie when sorting by title).
A_DAY = (("每日例会", "19:00"), ("支部委员会", "07:30"), ("每日例会", "12:00"))


@pytest.fixture
def lined_up(people):
    made = []
    for back in range(DAYS, 0, -1):
        day = TODAY - dt.timedelta(days=back)
        for kind, start in A_DAY:
            hour, minute = map(int, start.split(":"))
            meeting = service.start_meeting(kind, on=day, now=dt.datetime.combine(day, dt.time(hour, minute)))
            if len(made) % 4 == 0:
                service.update_meeting(meeting.id, host_id=None)  # no host: sorts last
            elif len(made) % 4 == 1:
                service.update_meeting(meeting.id, host_id=people.li.id)
            if back % 5 == 0:
                service.finalize(meeting.id, now=dt.datetime.combine(day, dt.time(21, 0)))
            made.append(meeting)
    return made


@pytest.fixture
def paged(qtbot, lined_up, monkeypatch):
    monkeypatch.setattr(meetings_page, "PAGE", PAGE)
    return shown_page(qtbot)


def shown_ids(page) -> list[int]:
    return [r.meeting_id for r in page.visible_rows()]


def newest_first() -> list[int]:
    return [m.id for m in search_meetings(brief=True)]


def scroll_to_end(qtbot, page) -> list[int]:
    """Drag the scroll bar to the bottom until nothing more comes; the row counts seen."""
    bar, seen = page.table.verticalScrollBar(), [page.model.rowCount()]
    while page.model.canFetchMore():
        bottom = bar.maximum()
        bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
        assert page.model.rowCount() > seen[-1]  # the view asked for the next page
        seen.append(page.model.rowCount())
        if page.model.canFetchMore():
            qtbot.waitUntil(lambda: bar.maximum() > bottom)  # laid out: the bar has grown
    return seen


def click_header(qtbot, page, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_open_shows_the_first_page_and_counts_them_all(qtbot, paged):
    assert paged.model.rowCount() == PAGE and paged.model.canFetchMore()
    assert shown_ids(paged) == newest_first()[:PAGE]
    assert paged.status_label.text() == "共 75 次会议，60 次进行中"
    qtbot.wait(50)  # the view asks for more only when its last row shows
    assert paged.model.rowCount() == PAGE


def test_scrolling_to_the_end_reads_on_until_all(qtbot, paged):
    assert scroll_to_end(qtbot, paged) == [30, 60, 75]
    assert shown_ids(paged) == newest_first()
    assert paged.status_label.text() == "共 75 次会议，60 次进行中"


def _made_order(rows):
    """The order the whole list was read in before paging: newest day first, last made first."""
    return sorted(rows, key=lambda r: (r.meeting.date, r.meeting.id), reverse=True)


def test_sorting_by_another_column_shows_the_whole_list_sorted_as_before(qtbot, paged):
    click_header(qtbot, paged, COL_TITLE)
    assert paged.proxy.sortColumn() == COL_TITLE and paged.model.rowCount() == 75
    rows = _made_order(paged.model.rows())
    by_title = sorted(rows, key=lambda r: r.meeting.title,
                      reverse=paged.proxy.sortOrder() == Qt.SortOrder.DescendingOrder)
    assert shown_ids(paged) == [r.meeting_id for r in by_title]  # same-titled pairs as before
    paged.table.sortByColumn(COL_HOST, Qt.SortOrder.DescendingOrder)
    hosted = sorted((r for r in rows if r.host_name), key=lambda r: r.host_name, reverse=True)
    assert shown_ids(paged) == [r.meeting_id for r in hosted + [r for r in rows if not r.host_name]]
    paged.table.sortByColumn(COL_DATE, Qt.SortOrder.AscendingOrder)
    assert shown_ids(paged) == newest_first()[::-1]
    paged.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
    assert shown_ids(paged) == newest_first()


def test_date_ascending_and_a_new_filter_read_everything_in_that_order(qtbot, paged):
    click_header(qtbot, paged, COL_DATE)  # newest first → oldest first
    assert paged.proxy.sortOrder() == Qt.SortOrder.AscendingOrder
    assert shown_ids(paged) == newest_first()[::-1] and not paged.model.canFetchMore()
    paged.filters.type_combo.setCurrentIndex(paged.filters.type_combo.findText("每日例会"))
    daily = [m.id for m in search_meetings(type_id=service.type_by_name("每日例会").id, brief=True)]
    assert shown_ids(paged) == daily[::-1] and len(daily) == 50
    assert paged.status_label.text() == "共 50 次会议，40 次进行中"


def test_filters_start_the_pages_again(qtbot, paged):
    scroll_to_end(qtbot, paged)
    paged.table.scrollToTop()
    paged.filters.type_combo.setCurrentIndex(paged.filters.type_combo.findText("每日例会"))
    daily = [m.id for m in search_meetings(type_id=service.type_by_name("每日例会").id, brief=True)]
    assert shown_ids(paged) == daily[:PAGE] and paged.model.canFetchMore()
    assert paged.status_label.text() == "共 50 次会议，40 次进行中"
    bar = paged.table.verticalScrollBar()
    qtbot.waitUntil(lambda: 0 < bar.maximum() < PAGE * paged.table.rowHeight(0))  # laid out again
    assert scroll_to_end(qtbot, paged) == [30, 50]
    assert shown_ids(paged) == daily


def test_a_selected_meeting_beyond_the_first_page_stays_selected(qtbot, paged):
    whole = newest_first()
    far = whole[40]
    assert paged.model.row_of(far) < 0  # not read yet
    assert paged.select_meeting(far)
    assert paged.current_row().meeting_id == far
    assert paged.model.rowCount() == 41 + PAGE and paged.model.canFetchMore()  # and a page on
    paged.reload()
    assert paged.current_row().meeting_id == far
    assert shown_ids(paged) == whole[:paged.model.rowCount()]  # read in order, none skipped
    # Opened and closed again: the list comes back on the same meeting.
    paged.open_meeting(far)
    paged.close_live()
    assert paged.current_row().meeting_id == far and paged.template_action.isEnabled()
    assert paged.status_label.text() == "共 75 次会议，60 次进行中"


def test_a_meeting_the_filters_leave_out_is_not_looked_for_in_vain(qtbot, paged):
    committee = next(m.id for m in search_meetings(brief=True) if m.type_name == "支部委员会")
    paged.filters.type_combo.setCurrentIndex(paged.filters.type_combo.findText("每日例会"))
    assert not paged.select_meeting(committee)
    assert paged.model.rowCount() < 50  # read only down to where it would have been


def test_ctrl_end_goes_to_the_oldest_meeting_and_ctrl_home_back(qtbot, paged):
    paged.table.selectRow(0)
    qtbot.keyClick(paged.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert paged.model.rowCount() == 75
    assert paged.current_row().meeting_id == newest_first()[-1]
    qtbot.keyClick(paged.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert paged.current_row().meeting_id == newest_first()[0]


def test_arrow_down_past_the_last_row_read_goes_on(qtbot, paged):
    whole = newest_first()
    paged.table.selectRow(PAGE - 1)  # the last row read; the view scrolls to it
    for _ in range(3):
        qtbot.keyClick(paged.table, Qt.Key.Key_Down)
    assert paged.current_row().meeting_id == whole[PAGE + 2]
    assert shown_ids(paged) == whole[:paged.model.rowCount()]
