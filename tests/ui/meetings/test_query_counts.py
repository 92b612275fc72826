"""The meetings list, the live entry view and the statistics run a fixed number of queries
however many meetings, members, notes and 待办 there are: no query per row."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.meetings.meeting_table_model import HEADERS
from desktop.ui.meetings.meetings_page import MeetingsPage
from tests.ui.query_counting import queries, read_every_cell, read_page
from tests.ui.scale_data import Branch

RELOAD = 6        # meeting types, search_meetings, roster names, three GROUP BY figures
PAGE_OPEN = RELOAD  # the statistics tab reads its figures when first shown
LIVE_OPEN = 21    # header, roster, roll call, notes, decisions, 待办, carried items, topics ...
LIVE_CLOSE = 1 + RELOAD  # the pending-line draft is cleared, then the list is read again
STATS = 3         # attendance rates, meetings per type, types


def test_meetings_page_queries_do_not_grow_with_the_list(qtbot):
    branch = Branch()
    counts = []
    for n in (5, 50):
        branch.add_members(n)
        branch.add_meetings(n)
        pages = []
        opened = queries(lambda: pages.append(MeetingsPage()))
        page = pages[0]
        qtbot.addWidget(page)
        assert page.model.rowCount() == n
        cells = []
        read = queries(lambda: cells.append(read_every_cell(page.model)))
        counts.append((opened, queries(page.reload), read))
        assert cells == [n * len(HEADERS)]
        assert queries(lambda: read_page(page)) == 0
    assert counts == [(PAGE_OPEN, RELOAD, 0)] * 2


def test_sorting_the_list_runs_no_queries(qtbot):
    branch = Branch()
    branch.add_members(10)
    branch.add_meetings(50)
    page = MeetingsPage()
    qtbot.addWidget(page)

    def sort_every_column():
        for column in range(len(HEADERS)):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                page.table.sortByColumn(column, order)
        page.visible_rows()

    assert queries(sort_every_column) == 0


def test_live_entry_queries_do_not_grow_with_the_meeting(qtbot):
    """A bigger branch: more people on the roll, more open 待办 carried in, more notes."""
    branch = Branch()
    counts = []
    for n in (5, 50):
        branch.add_members(n)
        branch.add_meetings(n)
        page = MeetingsPage()
        qtbot.addWidget(page)
        newest = max(branch.meetings, key=lambda m: (m.date, m.id))
        views = []
        opened = queries(lambda: views.append(page.open_meeting(newest.id)))
        live = views[0]
        assert live.attendance.list.count() >= n * 6 // 7 - 1
        counts.append((opened, queries(lambda: read_page(live)), queries(page.close_live)))
    assert counts == [(LIVE_OPEN, 0, LIVE_CLOSE)] * 2


def test_statistics_queries_do_not_grow_with_the_branch(qtbot):
    branch = Branch()
    counts = []
    for n in (5, 50):
        branch.add_members(n)
        branch.add_meetings(n)
        page = MeetingsPage()
        qtbot.addWidget(page)
        counts.append(queries(lambda: page.tabs.setCurrentIndex(1)))
        assert page.stats.rates.rowCount() >= n * 6 // 7
        assert queries(lambda: read_page(page.stats)) == 0
    assert counts == [STATS] * 2
