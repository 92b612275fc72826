"""The shared shape of our read-only table models: prepared rows in, cells out.

Subclasses set HEADERS and implement data(); rows are prepared before set_rows()
so data() never touches the database.

Sorting (optional): a proxy in front calls sort_rows() from its sort() instead of sorting
itself. Qt's proxy sort calls Python's lessThan() some 13,000 times for 2,000 rows; here
each row's SortRole is read once and Python's sort does the rest.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

SortRole = Qt.ItemDataRole.UserRole + 1    # a raw comparable value: dates as dates, names as pinyin
RecordRole = Qt.ItemDataRole.UserRole + 2  # the record behind the row


class RowTableModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._loaded: list[Any] = []  # the rows in the order set_rows() got them
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._loaded = list(rows)
        self._rows = self._sorted(*self._sort) if self._sort else list(self._loaded)
        self.endResetModel()

    def sort_rows(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by SortRole, and keep that order through set_rows().

        As the proxies' lessThan() did: stable from the loaded order, empty (None) values
        last in either direction.
        """
        self._sort = (column, order)
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()  # PySide6 takes no arguments here (no sort hint)
        before = self._rows
        self._rows = self._sorted(column, order)
        persistent = self.persistentIndexList()  # the proxy's mapping, the view's selection
        if persistent:
            now = {id(row): number for number, row in enumerate(self._rows)}
            self.changePersistentIndexList(
                persistent, [self.index(now[id(before[i.row()])], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[Any]:
        self._rows = list(self._loaded)  # data() reads rows by position
        keys = [self.data(self.index(number, column), SortRole) for number in range(len(self._rows))]
        filled = [number for number, key in enumerate(keys) if key is not None]
        filled.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        empty = [number for number, key in enumerate(keys) if key is None]
        return [self._loaded[number] for number in filled + empty]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, index: QModelIndex | QPersistentModelIndex) -> Any | None:
        """The row behind a valid index, or None."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class RowSortProxy(QSortFilterProxyModel):
    """A proxy for a RowTableModel that hands sorting to the model (sort_rows) and filters
    only; subclasses add filterAcceptsRow()."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._sort_column, self._sort_order = -1, Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """QSortFilterProxyModel.sort(): the source model sorts; this proxy keeps its order."""
        self._sort_column, self._sort_order = column, order
        if column >= 0:
            self.sourceModel().sort_rows(column, order)

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order
