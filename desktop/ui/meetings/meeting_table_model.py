"""The meetings list as a table: one row per meeting, every value computed before it is shown.

Rows arrive a page at a time (MeetingPages, newest first): the view asks for the next page
when it is scrolled to the end (canFetchMore/fetchMore). Newest first is the order the pages
come in; any other order needs every row first, so sorting by it reads the rest, then sorts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...meetings.search import MeetingBrief
from ...models import Meeting
from ..table_base import RecordRole, RowTableModel, SortRole
from .meeting_format import format_day

if TYPE_CHECKING:
    from .meeting_rows import MeetingPages

COL_DATE = 0
COL_TYPE = 1
COL_TITLE = 2
COL_HOST = 3
COL_ATTENDANCE = 4
COL_STATUS = 5
COL_DECISIONS = 6
COL_ACTIONS = 7

HEADERS = ("日期", "类型", "标题", "主持人", "应到/实到", "状态", "决议", "待办")


DRAFT_COLOR = QColor("#C8102E")
SHORT_COLOR = QColor("#b35c00")
_NUMERIC = (COL_ATTENDANCE, COL_DECISIONS, COL_ACTIONS)
NEWEST_FIRST = (COL_DATE, Qt.SortOrder.DescendingOrder)  # the order pages are read in


@dataclass(frozen=True)
class MeetingRow:
    """A meeting and the figures the list shows, read by the page in a few queries."""

    meeting: MeetingBrief
    type_name: str
    host_name: str
    expected: int
    present: int
    decisions: int
    actions: int
    open_actions: int = 0

    @property
    def meeting_id(self) -> int:
        return self.meeting.id

    @property
    def is_final(self) -> bool:
        return self.meeting.status == Meeting.FINAL


class MeetingTableModel(RowTableModel):
    """Rows are MeetingRow (meeting_rows); RecordRole returns the row. show_pages() starts a
    list read page by page; set_rows() shows given rows and reads nothing more."""

    HEADERS = HEADERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pages: MeetingPages | None = None

    def set_rows(self, rows, pages: MeetingPages | None = None) -> None:
        self._pages = pages
        super().set_rows(rows)

    def show_pages(self, pages: MeetingPages) -> None:
        """A new list: its first page, or all of it when sorted other than newest first."""
        self.set_rows(pages.next_page() if self._sort in (None, NEWEST_FIRST) else pages.rest(), pages)

    def row_of(self, meeting_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.meeting.id == meeting_id), -1)

    def fetch_all(self) -> None:
        """Read every row not read yet, in one go."""
        if self.canFetchMore():
            self._append(self._pages.rest())

    def fetch_through(self, meeting_id: int) -> None:
        """Read on down to that meeting (and a page past it), in one go, if the list has it."""
        if self.canFetchMore():
            self._append(self._pages.through(meeting_id))

    def sort_rows(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """RowTableModel.sort_rows(), after reading the rest unless newest first."""
        if (column, order) != NEWEST_FIRST:
            self.fetch_all()
        super().sort_rows(column, order)

    def _sorted(self, column: int, order: Qt.SortOrder) -> list:
        # Equal values keep the order the whole list was read in before it came in pages
        # (newest day first, then the last made), so ties fall as they always did.
        self._loaded.sort(key=lambda r: (r.meeting.date, r.meeting.id), reverse=True)
        return super()._sorted(column, order)

    def _append(self, rows: list[MeetingRow]) -> None:
        # Only ever newest first (any other order read everything): the rows go at the end.
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._loaded += rows
            self._rows += rows
            self.endInsertRows()

    # -- Qt model API ------------------------------------------------------------

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._pages is not None and self._pages.has_more()

    def fetchMore(self, parent=QModelIndex()) -> None:
        """QAbstractItemModel.fetchMore(): the next page, when the view reaches the end."""
        if self.canFetchMore(parent):
            self._append(self._pages.next_page())

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SortRole:
            return self._sort_value(row, column)
        if role == RecordRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_STATUS and not row.is_final:
                return QBrush(DRAFT_COLOR)
            if column == COL_ATTENDANCE and row.present * 3 < row.expected * 2:  # under two thirds
                return QBrush(SHORT_COLOR)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_ACTIONS and row.actions:
                return f"提出待办 {row.actions} 项，其中未完成 {row.open_actions} 项"
            if column == COL_TITLE:
                return row.meeting.title or None
        return None

    @staticmethod
    def _display(row: MeetingRow, column: int) -> str:
        m = row.meeting
        if column == COL_DATE:
            return format_day(m.date)
        if column == COL_TYPE:
            return row.type_name
        if column == COL_TITLE:
            return m.title
        if column == COL_HOST:
            return row.host_name
        if column == COL_ATTENDANCE:
            return f"{row.expected}/{row.present}" if row.expected else ""
        if column == COL_STATUS:
            return m.status
        if column == COL_DECISIONS:
            return str(row.decisions) if row.decisions else ""
        if column == COL_ACTIONS:
            return str(row.actions) if row.actions else ""
        return ""

    @staticmethod
    def _sort_value(row: MeetingRow, column: int):
        m = row.meeting
        if column == COL_DATE:
            return (m.date.isoformat(), m.start_time or "", m.id)  # same day: by time, then order made
        if column == COL_TYPE:
            return row.type_name
        if column == COL_TITLE:
            return m.title
        if column == COL_HOST:
            return row.host_name or None
        if column == COL_ATTENDANCE:
            return (row.present / row.expected) if row.expected else None
        if column == COL_STATUS:
            return 0 if not row.is_final else 1  # 进行中 first
        if column == COL_DECISIONS:
            return row.decisions
        if column == COL_ACTIONS:
            return row.actions
        return None
