"""The roster runs a fixed number of queries however many members: no query per row."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.roster import service
from desktop.ui.roster.roster_page import RosterPage
from desktop.ui.roster.table_model import HEADERS, MemberTableModel
from tests.ui.query_counting import queries, read_every_cell, read_page
from tests.ui.scale_data import Branch

PAGE_OPEN = 3  # members with teams, teams, units
MODEL_FILL = 1  # list_members(): members joined with their team


def test_member_model_fills_in_one_query_and_reads_none():
    branch = Branch()
    for n in (5, 50):
        branch.add_members(n)
        model = MemberTableModel()
        assert queries(lambda: model.set_members(service.list_members())) == MODEL_FILL
        cells = []
        assert queries(lambda: cells.append(read_every_cell(model))) == 0
        assert cells == [n * len(HEADERS)]


def test_roster_page_queries_do_not_grow_with_the_roster(qtbot):
    branch = Branch()
    counts = []
    for n in (5, 50):
        branch.add_members(n)
        pages = []
        opened = queries(lambda: pages.append(RosterPage()))
        page = pages[0]
        qtbot.addWidget(page)
        page.filters.status_combo.setCurrentIndex(2)  # 全部人员: every row in the view
        assert page.proxy.rowCount() == n
        counts.append((opened, queries(page.reload), queries(lambda: read_page(page))))
    assert counts == [(PAGE_OPEN, PAGE_OPEN, 0)] * 2


def test_sorting_filtering_and_searching_run_no_queries(qtbot):
    Branch().add_members(50)
    page = RosterPage()
    qtbot.addWidget(page)

    def use_the_page():
        for column in range(len(HEADERS)):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                page.table.sortByColumn(column, order)
        page.filters.status_combo.setCurrentIndex(2)
        page.filters.team_combo.setCurrentIndex(1)
        page.filters.incomplete_check.setChecked(True)
        page.filters.search.setText("zh")
        page.filters.reveal_check.setChecked(True)
        page.visible_members()

    assert queries(use_the_page) == 0
