"""花名册 fits a 1280×800 laptop: no sideways scrolling, 状态 whole, hidden columns remembered."""
from __future__ import annotations

from desktop.ui.roster.roster_page import RosterPage
from desktop.ui.roster.table_model import COL_BIRTH, COL_ID_NUMBER, COL_STATUS, COL_UNIT, HEADERS

from .test_roster_page import members, questions  # noqa: F401 - fixtures

PAGE_WIDTH = 1280 - 150  # the main window at 1280 px less the sidebar


def laptop_page(qtbot) -> RosterPage:
    page = RosterPage()
    qtbot.addWidget(page)
    page.resize(PAGE_WIDTH, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def cell_fits(page, row: int, column: int) -> bool:
    text = page.table.model().index(row, column).data()
    return page.table.fontMetrics().horizontalAdvance(text) <= page.table.columnWidth(column)


def test_the_roster_fits_without_scrolling_sideways_and_status_is_whole(qtbot, members):
    page = laptop_page(qtbot)
    assert page.table.horizontalScrollBar().maximum() == 0
    assert page.table.isColumnHidden(COL_ID_NUMBER) and not page.table.isColumnHidden(COL_STATUS)
    for row in range(page.table.model().rowCount()):
        assert cell_fits(page, row, COL_STATUS) and cell_fits(page, row, COL_UNIT)


def test_a_hidden_column_is_remembered(qtbot, members):
    page = laptop_page(qtbot)
    menu = page.columns.menu()  # what a right-click on the header shows
    titles = [a.text() for a in menu.actions()]
    assert "姓名" not in titles and "状态" not in titles  # always shown
    next(a for a in menu.actions() if a.text() == HEADERS[COL_BIRTH]).trigger()
    assert page.table.isColumnHidden(COL_BIRTH)
    page.close()

    again = laptop_page(qtbot)
    assert again.table.isColumnHidden(COL_BIRTH)
    menu = again.columns.menu()
    next(a for a in menu.actions() if a.text() == HEADERS[COL_ID_NUMBER]).trigger()  # show it now
    assert not again.table.isColumnHidden(COL_ID_NUMBER)
    assert laptop_page(qtbot).table.isColumnHidden(COL_BIRTH)
    assert not laptop_page(qtbot).table.isColumnHidden(COL_ID_NUMBER)
