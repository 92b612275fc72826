"""Helpers for the query-count tests: count a call's queries, build a page counting them,
read every cell of a model, sort a table by every column."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from playhouse.test_utils import count_queries
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QTableView, QTableWidget, QWidget

T = TypeVar("T")
W = TypeVar("W", bound=QWidget)

# Every standard role a view asks for, and the UserRoles our models define.
ROLES = (*range(0, 14), *range(Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 8))


def queries(call: Callable[[], object]) -> int:
    """How many SQL statements *call* runs."""
    return run_counted(call)[1]


def run_counted(call: Callable[[], T]) -> tuple[T, int]:
    """What *call* returns, and how many SQL statements it ran."""
    with count_queries() as counter:
        result = call()
    return result, counter.count


def built(qtbot, make: Callable[[], W]) -> tuple[W, int]:
    """The widget *make* builds (closed when the test ends), and the queries building it ran."""
    widget, count = run_counted(make)
    qtbot.addWidget(widget)
    return widget, count


def sort_every_column(table: QTableView) -> None:
    """Sort by each column, ascending then descending, as a user clicking every header."""
    for column in range(table.model().columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.sortByColumn(column, order)


def read_every_cell(model: QAbstractItemModel) -> int:
    """Ask every cell for every role; the number of cells read.

    Calls the Python model's own data(): going through QModelIndex.data() would drop a
    reference to None for each empty answer (PySide6 6.12 on Python 3.11) and abort the
    interpreter after a few thousand cells.
    """
    cells = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in ROLES:
                model.data(index, role)
            cells += 1
    for column in range(model.columnCount()):
        model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    return cells


def read_every_item(table: QTableWidget) -> int:
    """Text and tooltip of every item of a QTableWidget; the number of items read."""
    items = 0
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is not None:
                item.text()
                item.toolTip()
                items += 1
    return items


def python_models(widget: QWidget) -> list[QAbstractItemModel]:
    """The item models under *widget* whose data() is ours (not Qt's, not a proxy's)."""
    return [m for m in widget.findChildren(QAbstractItemModel)
            if any("data" in vars(k) for k in type(m).__mro__ if k.__module__.startswith("desktop."))]


def read_page(widget: QWidget) -> int:
    """Every cell of every model and table widget on a page; the number read."""
    return (sum(read_every_cell(m) for m in python_models(widget))
            + sum(read_every_item(t) for t in widget.findChildren(QTableWidget)))
