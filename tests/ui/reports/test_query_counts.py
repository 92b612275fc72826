"""The 报表 page's member list costs one query however many members; opening the page runs a
fixed number of queries."""
from __future__ import annotations

from desktop.ui.reports.reports_page import ReportsPage
from tests.ui.query_counting import built, queries
from tests.ui.scale_data import Branch

from .conftest import TODAY


def test_reports_page_queries_do_not_grow_with_the_roster(qtbot):
    counts = []
    for n in Branch().each_size("members"):
        page, opened = built(qtbot, lambda: ReportsPage(today=lambda: TODAY))
        assert page.member_combo.count() == n + 1  # 全体人员, then everyone
        names = queries(lambda: [page.member_combo.itemText(i) for i in range(page.member_combo.count())])
        counts.append((opened, queries(page.on_shown), names))
    assert counts[0] == counts[1]
    assert counts[0][1:] == (1, 0)  # on_shown: the member list in one query
