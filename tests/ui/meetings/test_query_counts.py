"""The meetings list, the live entry view and the statistics run a fixed number of queries
however many meetings, members, notes and 待办 there are: no query per row."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.meetings.search import search_meetings
from desktop.ui.meetings.meeting_table_model import COL_HOST, HEADERS
from desktop.ui.meetings.meetings_page import MeetingsPage
from tests.ui.query_counting import (
    built,
    queries,
    read_every_cell,
    read_page,
    run_counted,
    sort_every_column,
)
from tests.ui.scale_data import Branch

RELOAD = 6        # meeting types, the first page, the count, three GROUP BY figures for the page
PAGE_OPEN = RELOAD  # the statistics tab reads its figures when first shown
NEXT_PAGE = 4     # the next page (from the last row read) and three GROUP BY figures for it
READ_THROUGH = 6  # where a meeting stands, every row down to it and a page on, figures for all
LIVE_OPEN = 21    # header, roster, roll call, notes, decisions, 待办, carried items, topics ...
LIVE_CLOSE = 1 + RELOAD  # the pending-line draft is cleared, then the list is read again
STATS = 3         # attendance rates, meetings per type, types


def test_meetings_page_queries_do_not_grow_with_the_list(qtbot):
    counts = []
    for n in Branch().each_size("members", "meetings"):
        page, opened = built(qtbot, MeetingsPage)
        assert page.model.rowCount() == n
        cells, read = run_counted(lambda: read_every_cell(page.model))
        counts.append((opened, queries(page.reload), read))
        assert cells == n * len(HEADERS)
        assert queries(lambda: read_page(page)) == 0
    assert counts == [(PAGE_OPEN, RELOAD, 0)] * 2


def test_sorting_the_list_runs_no_queries(qtbot):
    branch = Branch()
    branch.add_members(10)
    branch.add_meetings(50)
    page, _ = built(qtbot, MeetingsPage)
    assert queries(lambda: (sort_every_column(page.table), page.visible_rows())) == 0


def test_reading_on_costs_the_same_however_far_down(qtbot):
    """Pages of 1: the next page, a meeting far down selected, the rest read to sort by host."""
    counts = []
    for n in Branch().each_size("members", "meetings"):
        page, _ = built(qtbot, MeetingsPage)
        page.page_size = 1
        reload = queries(page.reload)
        next_page = queries(page.model.fetchMore)
        assert page.model.rowCount() == 2
        whole = [m.id for m in search_meetings(brief=True)]
        far = n - 3  # beyond the rows read; the page after it is not the last
        selected = queries(lambda: page.select_meeting(whole[far]))
        assert page.current_row().meeting_id == whole[far] and page.model.rowCount() == far + 2
        reselected = queries(page.reload)  # reads down to the selected meeting again
        assert page.current_row().meeting_id == whole[far] and page.model.rowCount() == far + 2
        rest = queries(lambda: page.table.sortByColumn(COL_HOST, Qt.SortOrder.AscendingOrder))
        assert page.model.rowCount() == n and queries(lambda: read_page(page)) == 0
        counts.append((reload, next_page, selected, reselected, rest))
    assert counts == [(RELOAD, NEXT_PAGE, READ_THROUGH, RELOAD + READ_THROUGH, NEXT_PAGE)] * 2


def test_live_entry_queries_do_not_grow_with_the_meeting(qtbot):
    """A bigger branch: more people on the roll, more open 待办 carried in, more notes."""
    branch = Branch()
    counts = []
    for n in branch.each_size("members", "meetings"):
        page, _ = built(qtbot, MeetingsPage)
        newest = max(branch.meetings, key=lambda m: (m.date, m.id))
        live, opened = run_counted(lambda: page.open_meeting(newest.id))
        assert live.attendance.list.count() >= n * 6 // 7 - 1
        counts.append((opened, queries(lambda: read_page(live)), queries(page.close_live)))
    assert counts == [(LIVE_OPEN, 0, LIVE_CLOSE)] * 2


def test_statistics_queries_do_not_grow_with_the_branch(qtbot):
    counts = []
    for n in Branch().each_size("members", "meetings"):
        page, _ = built(qtbot, MeetingsPage)
        counts.append(queries(lambda: page.tabs.setCurrentIndex(1)))
        assert page.stats.rates.rowCount() >= n * 6 // 7
        assert queries(lambda: read_page(page.stats)) == 0
    assert counts == [STATS] * 2
