"""The weekly rota grid uses the whole width at 1280 px and cuts no name."""
from __future__ import annotations

import datetime as dt

from desktop.ui.duty.duty_page import DutyPage

from .conftest import MONDAY, put, shown


def test_a_week_fills_the_width_and_no_name_is_cut(qtbot, people, posts):
    put(MONDAY, posts.east, posts.early, people.张三)
    put(MONDAY, posts.east, posts.early, people.孙八)
    page = shown(qtbot, DutyPage(today=MONDAY), 1280 - 150, 760)  # the sidebar takes ~150 px
    grid, header = page.grid, page.grid.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(page.model.columnCount())]
    assert sum(widths) >= grid.viewport().width() - len(widths)  # no empty half beside the week
    assert max(widths) - min(widths) <= grid.sizeHintForColumn(0)  # shared, not one wide column
    for column, width in enumerate(widths):
        assert width >= grid.sizeHintForColumn(column), "a name would be cut"
    page.set_period(MONDAY, MONDAY + dt.timedelta(days=27))  # four weeks: scrolls, still uncut
    for column in range(page.model.columnCount()):
        assert header.sectionSize(column) >= grid.sizeHintForColumn(column)
