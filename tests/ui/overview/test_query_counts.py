"""The 概览 page runs a fixed number of queries however many posts, 待办, diaries and members."""
from __future__ import annotations

from desktop import overview
from desktop.ui.overview.overview_page import OverviewPage
from tests.ui.query_counting import built, queries, read_page
from tests.ui.scale_data import TODAY, Branch

# week: attendance, meetings, shifts per shift kind, their hours, diaries, handovers (6);
# duty today: assignments, shifts, posts (3); open 待办 (1); missing diaries (1); roster (1);
# the first-start guide: branch name, any member, any post (3)
RELOAD = 15


def test_overview_queries_do_not_grow_with_the_branch(qtbot):
    counts = []
    for n in Branch().each_size():
        page, opened = built(qtbot, lambda: OverviewPage(today=lambda: TODAY))
        assert page.duty_table.rowCount() == 3 * n  # three shifts a post
        assert page.items_table.rowCount() == n
        counts.append((opened, queries(page.on_shown), queries(lambda: read_page(page))))
    assert counts == [(RELOAD, RELOAD, 0)] * 2


def test_each_block_reads_a_fixed_number_of_queries():
    counts = []
    for _ in Branch().each_size():
        counts.append([queries(lambda: call(TODAY)) for call in (
            overview.week_figures, overview.duty_on, overview.open_items,
            overview.missing_diary_names, overview.incomplete_members)])
    assert counts[0] == counts[1] == [6, 3, 1, 1, 1]
