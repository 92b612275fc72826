"""The duty tables size their rows and columns themselves (Qt's way asked Python about every
cell, again and again); the sizes must stay exactly those Qt's ResizeToContents gives."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.ui.duty.duty_page import TAB_PEOPLE, TAB_STATS, DutyPage
from desktop.ui.duty.duty_style import DUTY_STYLE
from desktop.ui.duty.rota_grid_view import RotaCellDelegate

from .conftest import MONDAY, put, shown

TUESDAY = MONDAY + dt.timedelta(days=1)


def reference_for(qtbot, view, delegate=None) -> QTableView:
    """A plain QTableView on the same model and style, sized by Qt, wide enough to see every column."""
    plain = QTableView()
    qtbot.addWidget(plain)
    plain.setObjectName(view.objectName())
    plain.setStyleSheet(DUTY_STYLE)  # the page's look: header padding changes the sizes
    if delegate is not None:
        plain.setItemDelegate(delegate(plain))
    plain.setFont(view.font())
    plain.setWordWrap(view.wordWrap())
    plain.setModel(view.model())
    for header in (plain.horizontalHeader(), plain.verticalHeader()):
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    plain.resize(4000, 3000)
    plain.show()
    qtbot.waitExposed(plain)
    return plain


def busy_week(people, posts):
    put(MONDAY, posts.east, posts.early, people.张三, pinned=True)
    put(MONDAY, posts.east, posts.early, people.孙八)
    put(MONDAY, posts.east, posts.early, people.周九)  # three where two are needed: a taller row
    put(TUESDAY, posts.west, posts.night, people.张三)
    put(TUESDAY, posts.west, posts.middle, people.张三)  # two shifts in a day: two lines by person
    put(TUESDAY, posts.test, posts.middle, people.钱七, pinned=True)


def test_rota_grid_rows_and_columns_are_as_qt_measures_them(qtbot, people, posts):
    busy_week(people, posts)
    page = shown(qtbot, DutyPage(today=MONDAY))
    grid, model = page.grid, page.model
    plain = reference_for(qtbot, grid, RotaCellDelegate)
    heights = [grid.verticalHeader().sectionSize(r) for r in range(model.rowCount())]
    assert heights == [plain.verticalHeader().sectionSize(r) for r in range(model.rowCount())]
    assert len(set(heights)) > 1  # the three-person lane is taller: the test sees a difference
    for column in range(model.columnCount()):
        assert grid.sizeHintForColumn(column) == QTableView.sizeHintForColumn(plain, column)
    plain.resizeColumnsToContents()
    grid.fit_columns()
    # what the contents need; the view then shares its spare width among the days (test_grid_width.py)
    assert grid.content_widths == [max(60, plain.horizontalHeader().sectionSize(c)) for c in range(model.columnCount())]


def test_rows_refit_when_the_period_changes(qtbot, people, posts):
    busy_week(people, posts)
    page = shown(qtbot, DutyPage(today=MONDAY))
    tall = page.grid.verticalHeader().sectionSize(0)
    page.period_bar.step(1)  # next week: nobody on the east gate's early shift yet
    assert page.grid.verticalHeader().sectionSize(0) < tall


def test_person_and_statistics_tables_are_as_qt_measures_them(qtbot, people, posts):
    busy_week(people, posts)
    page = shown(qtbot, DutyPage(today=MONDAY))
    for tab, table in ((TAB_PEOPLE, page.person_view.table), (TAB_STATS, page.stats.table)):
        page.tabs.setCurrentIndex(tab)
        plain = reference_for(qtbot, table)
        model = table.model()
        assert model.rowCount() > 2
        for column in range(model.columnCount()):
            assert table.sizeHintForColumn(column) == QTableView.sizeHintForColumn(plain, column), (tab, column)
            if column < model.columnCount() - 1:  # the last one may stretch
                expected = max(QTableView.sizeHintForColumn(plain, column), table.horizontalHeader().sectionSizeHint(column))
                assert table.columnWidth(column) == expected, (tab, column)
        rows = [table.sizeHintForRow(r) for r in range(model.rowCount())]
        assert rows == [QTableView.sizeHintForRow(plain, r) for r in range(model.rowCount())]
    assert len({page.person_view.table.sizeHintForRow(r) for r in range(page.person_view.model.rowCount())}) > 1


def test_person_table_follows_sorting_and_filtering(qtbot, people, posts):
    busy_week(people, posts)
    page = shown(qtbot, DutyPage(today=MONDAY))
    page.tabs.setCurrentIndex(TAB_PEOPLE)
    view = page.person_view
    plain = reference_for(qtbot, view.table)
    view.table.sortByColumn(1, view.table.horizontalHeader().sortIndicatorOrder().__class__.DescendingOrder)
    view.search.setText("zs")  # 张三, who has two lines on Tuesday
    assert view.proxy.rowCount() == 1
    assert view.table.sizeHintForRow(0) == QTableView.sizeHintForRow(plain, 0)
    view.search.setText("")
    rows = [view.table.sizeHintForRow(r) for r in range(view.proxy.rowCount())]
    assert rows == [QTableView.sizeHintForRow(plain, r) for r in range(view.proxy.rowCount())]
