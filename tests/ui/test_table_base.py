"""RowTableModel.sort_rows() behind a RowSortProxy: the order the proxies' lessThan() gave
(stable, empty values last both ways), kept through set_rows(), selection kept."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from desktop.ui.table_base import RecordRole, RowSortProxy, RowTableModel, SortRole

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


class Pairs(RowTableModel):
    """Rows (name, score); score None is an empty cell."""

    HEADERS = ("name", "score")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        if role == RecordRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            value = row[index.column()]
            return value if role == SortRole else str(value or "")
        return None


ROWS = [("a", 2), ("b", None), ("c", 1), ("d", 2), ("e", None), ("f", 3)]


def shown(proxy) -> list[str]:
    return [proxy.data(proxy.index(r, 0), RecordRole)[0] for r in range(proxy.rowCount())]


def make():
    model = Pairs()
    proxy = RowSortProxy()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    return model, proxy


def test_empty_values_last_and_ties_in_loaded_order_both_ways():
    model, proxy = make()
    proxy.sort(1, ASC)
    assert shown(proxy) == ["c", "a", "d", "f", "b", "e"]
    proxy.sort(1, DESC)
    assert shown(proxy) == ["f", "a", "d", "c", "b", "e"]
    proxy.sort(0, DESC)  # ties are broken by the loaded order, not by the previous sort
    proxy.sort(1, ASC)
    assert shown(proxy) == ["c", "a", "d", "f", "b", "e"]
    assert (proxy.sortColumn(), proxy.sortOrder()) == (1, ASC)


def test_new_rows_come_sorted_as_the_user_chose():
    model, proxy = make()
    proxy.sort(1, DESC)
    model.set_rows([("x", 5), ("y", None), *ROWS])
    assert shown(proxy) == ["x", "f", "a", "d", "c", "y", "b", "e"]
    assert [r[0] for r in model.rows()] == shown(proxy)


def test_a_view_keeps_its_selected_row_through_sorting(qtbot, qtmodeltester):
    model, proxy = make()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    row = shown(proxy).index("a")  # a row that moves with every sort below
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(proxy.index(row, 0), flags)
    for column, order in ((1, ASC), (0, DESC), (1, DESC)):
        view.sortByColumn(column, order)
        assert view.currentIndex().data(RecordRole) == ("a", 2)
        assert [i.row() for i in view.selectionModel().selectedRows()] == [view.currentIndex().row()]
    assert shown(proxy) == ["f", "a", "d", "c", "b", "e"]
    qtmodeltester.check(proxy)
