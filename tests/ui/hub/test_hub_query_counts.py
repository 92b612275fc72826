"""A hub page reads in a fixed number of queries, however many branches and cadres it shows."""
from __future__ import annotations

from desktop.hub.hub_import import import_paths
from tests.ui.query_counting import queries, read_every_cell, sort_every_column


def _load_counts(window) -> list[int]:
    counts = []
    for index in range(3):  # 支部一览, 干部, 报表
        page = window.page(index)
        counts.append(queries(lambda: page.reload(*window.period_bar.period())))
        table = getattr(page, "table", None)
        if table is not None:
            assert queries(lambda: (sort_every_column(table), read_every_cell(table.model()))) == 0
    return counts


def test_pages_read_the_same_number_of_queries_for_one_branch_and_for_three(hub, demo_packages, open_window):
    import_paths(hub, demo_packages.first[:1])
    window = open_window(hub)
    one = _load_counts(window)
    rows_one = window.page(1).model.rowCount()

    import_paths(hub, demo_packages.first[1:])
    three = _load_counts(window)
    print("queries per page load (支部一览, 干部, 报表):", one)

    assert window.page(1).model.rowCount() > rows_one  # more cadres shown ...
    assert three == one  # ... for the same queries
