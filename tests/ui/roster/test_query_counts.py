"""The roster runs a fixed number of queries however many members: no query per row."""
from __future__ import annotations

from desktop.roster import service
from desktop.ui.roster.roster_page import RosterPage
from desktop.ui.roster.table_model import HEADERS, MemberTableModel
from tests.ui.query_counting import (
    built,
    queries,
    read_every_cell,
    read_page,
    run_counted,
    sort_every_column,
)
from tests.ui.scale_data import Branch

PAGE_OPEN = 3  # members with teams, teams, units
MODEL_FILL = 1  # list_members(): members joined with their team


def test_member_model_fills_in_one_query_and_reads_none():
    for n in Branch().each_size("members"):
        model = MemberTableModel()
        assert queries(lambda: model.set_members(service.list_members())) == MODEL_FILL
        assert run_counted(lambda: read_every_cell(model)) == (n * len(HEADERS), 0)


def test_roster_page_queries_do_not_grow_with_the_roster(qtbot):
    counts = []
    for n in Branch().each_size("members"):
        page, opened = built(qtbot, RosterPage)
        page.filters.status_combo.setCurrentIndex(2)  # 全部人员: every row in the view
        assert page.proxy.rowCount() == n
        counts.append((opened, queries(page.reload), queries(lambda: read_page(page))))
    assert counts == [(PAGE_OPEN, PAGE_OPEN, 0)] * 2


def test_sorting_filtering_and_searching_run_no_queries(qtbot):
    Branch().add_members(50)
    page, _ = built(qtbot, RosterPage)

    def use_the_page():
        sort_every_column(page.table)
        page.filters.status_combo.setCurrentIndex(2)
        page.filters.team_combo.setCurrentIndex(1)
        page.filters.incomplete_check.setChecked(True)
        page.filters.search.setText("zh")
        page.filters.reveal_check.setChecked(True)
        page.visible_members()

    assert queries(use_the_page) == 0
