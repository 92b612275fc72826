"""Sorting for the meetings list: the model sorts by SortRole, empty values last (RowSortProxy).
Filtering is the service's job (search_meetings reads every table), so the proxy only passes
the rows on."""
from __future__ import annotations

from ..table_base import RowSortProxy
from .meeting_table_model import RecordRole


class MeetingSortProxy(RowSortProxy):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDynamicSortFilter(True)

    def rows(self) -> list:
        """The MeetingRows shown, in display order."""
        return [self.data(self.index(row, 0), RecordRole) for row in range(self.rowCount())]
