"""会议记录 list fits 1280 px: no sideways scrolling, and 主持人 etc. can be hidden (remembered)."""
from __future__ import annotations

import datetime as dt

from desktop.meetings import service
from desktop.ui.meetings.meeting_table_model import COL_HOST, COL_STATUS, COL_TITLE

from .conftest import TODAY, shown_page


def test_the_list_fits_and_a_hidden_column_is_remembered(qtbot, people):
    for days in range(5):
        day = TODAY - dt.timedelta(days=days)
        service.start_meeting("每日例会", on=day, now=dt.datetime.combine(day, dt.time(7, 30)))
    page = shown_page(qtbot)
    page.resize(1280 - 150, 740)
    qtbot.wait(1)
    table = page.table
    assert table.horizontalScrollBar().maximum() == 0
    status = table.model().index(0, COL_STATUS).data()
    assert table.fontMetrics().horizontalAdvance(status) <= table.columnWidth(COL_STATUS)
    title = table.model().index(0, COL_TITLE).data()
    assert table.fontMetrics().horizontalAdvance(title) <= table.columnWidth(COL_TITLE)

    next(a for a in page.columns.menu().actions() if a.text() == "主持人").trigger()
    assert table.isColumnHidden(COL_HOST)
    assert shown_page(qtbot).table.isColumnHidden(COL_HOST)
