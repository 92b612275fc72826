"""Sorting for the meetings list: by SortRole, empty values last. Filtering is the service's job
(search_meetings reads every table), so the proxy only orders."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from .meeting_table_model import RecordRole, SortRole


class MeetingSortProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802
        a, b = left.data(SortRole), right.data(SortRole)
        if a is None or b is None:
            if (a is None) == (b is None):
                return False
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return (b is None) if ascending else (a is None)
        return a < b

    def rows(self) -> list:
        """The MeetingRows shown, in display order."""
        return [self.data(self.index(row, 0), RecordRole) for row in range(self.rowCount())]
