"""Which members the roster shows, and in what order."""
from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

from ..table_base import RowSortProxy
from .table_model import COL_TEAM, MissingRole, RecordRole, SearchRole


class StatusFilter(Enum):
    ACTIVE = "在岗"
    DEPARTED = "已撤离"
    ALL = "全部"


NO_TEAM = ""  # team filter value for members without a 小分队


class MemberFilterProxy(RowSortProxy):
    """Filters are ANDed; None means 'any'. The model sorts by SortRole, empty values last."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._team: str | None = None
        self._political_status: str | None = None
        self._unit: str | None = None
        self._status = StatusFilter.ACTIVE
        self._incomplete_only = False
        self._terms: list[str] = []
        self.setDynamicSortFilter(True)

    # -- setters ---------------------------------------------------------------

    def set_team(self, team: str | None) -> None:
        """A team name, NO_TEAM for members without one, or None for all."""
        self._change("_team", team)

    def set_political_status(self, status: str | None) -> None:
        self._change("_political_status", status)

    def set_unit(self, unit: str | None) -> None:
        self._change("_unit", unit)

    def set_status(self, status: StatusFilter) -> None:
        self._change("_status", status)

    def set_incomplete_only(self, only: bool) -> None:
        self._change("_incomplete_only", bool(only))

    def set_search_text(self, text: str) -> None:
        """Every whitespace-separated term must appear in one searched field."""
        self._change("_terms", (text or "").lower().split())

    def status(self) -> StatusFilter:
        return self._status

    def _change(self, attr: str, value) -> None:
        if getattr(self, attr) == value:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            setattr(self, attr, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            setattr(self, attr, value)
            self.invalidateRowsFilter()

    # -- QSortFilterProxyModel -------------------------------------------------

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        member = model.data(index, RecordRole)
        if member is None:
            return False
        departed = member.departed_on is not None
        if self._status is StatusFilter.ACTIVE and departed:
            return False
        if self._status is StatusFilter.DEPARTED and not departed:
            return False
        if self._team is not None:
            if model.data(model.index(source_row, COL_TEAM, source_parent)) != self._team:
                return False
        if self._political_status is not None and member.political_status != self._political_status:
            return False
        if self._unit is not None and member.unit != self._unit:
            return False
        if self._incomplete_only and not model.data(index, MissingRole):
            return False
        if self._terms:
            haystack = model.data(index, SearchRole) or ""
            return all(term in haystack for term in self._terms)
        return True

    def members(self) -> list:
        """The members shown, in display order."""
        return [self.data(self.index(row, 0), RecordRole) for row in range(self.rowCount())]
