"""按人员: the same rota turned around — one row per person, one column per day, each cell
the post and shift that person serves (what a member asks: “我哪天值班？”)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLineEdit, QVBoxLayout, QWidget

from ..meetings.member_picker import match_key
from ..table_base import RecordRole, RowTableModel, SortRole
from .duty_format import day_header_short, days_between
from .rota_grid_model import PARTY_MARK, is_party
from .sized_table import TextSizedTableView

COL_NAME = 0
COL_COUNT = 1
FIXED = ("姓名", "班次")
NIGHT_FG = QColor("#1D4ED8")


@dataclass
class PersonRow:
    member: object
    by_day: dict = field(default_factory=dict)  # date -> [assignment]
    texts: list = field(default_factory=list)  # what the cells show, worked out by set_rows()

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.by_day.values())


def build_person_rows(assignments) -> list[PersonRow]:
    rows: dict[int, PersonRow] = {}
    for a in assignments:
        rows.setdefault(a.member_id, PersonRow(a.member)).by_day.setdefault(a.date, []).append(a)
    return sorted(rows.values(), key=lambda r: (r.member.name_pinyin or r.member.name, r.member.id))


def day_text(items) -> str:
    return "\n".join(f"{a.post.name}·{a.shift.name[:1]}" for a in items)  # 东门卡口·夜: 14 days fit


class PersonRotaModel(RowTableModel):
    """Columns: name, count, then one per day (set with the rows). Cell texts are worked out
    in set_rows(), so data() is a lookup."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._days: list[dt.date] = []

    def set_rows(self, rows: list[PersonRow], days: list[dt.date] = ()) -> None:
        self._days = list(days)  # before the reset, so views see the new columns
        for row in rows:
            name = (PARTY_MARK if is_party(row.member) else "") + row.member.name
            row.texts = [name, str(row.count)] + [day_text(row.by_day.get(d, ())) for d in self._days]
        super().set_rows(rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIXED) + len(self._days)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(FIXED):
            return FIXED[section]
        day_index = section - len(FIXED)
        return day_header_short(self._days[day_index]) if day_index < len(self._days) else None

    def display_text(self, row: int, column: int) -> str:
        """DisplayRole of a cell, for TextSizedTableView."""
        return self._rows[row].texts[column]

    def _day_items(self, row: PersonRow, column: int) -> list:
        return row.by_day.get(self._days[column - len(FIXED)], []) if column >= len(FIXED) else []

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == RecordRole:
            return row
        if role == SortRole:
            if column == COL_NAME:
                return row.member.name_pinyin or row.member.name
            if column == COL_COUNT:
                return row.count
            return len(self._day_items(row, column))
        if role == Qt.ItemDataRole.ForegroundRole and column >= len(FIXED):
            if any(a.shift.is_night for a in self._day_items(row, column)):
                return QBrush(NIGHT_FG)
        if role == Qt.ItemDataRole.ToolTipRole and column >= len(FIXED):
            items = self._day_items(row, column)
            return "\n".join(f"{a.post.name} {a.shift.name} {a.shift.start_time}–{a.shift.end_time}" for a in items) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_COUNT:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class NameFilter(QSortFilterProxyModel):
    """Filters on name, full pinyin or initials."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.setSortRole(SortRole)

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.text = text.strip().lower()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.text = text.strip().lower()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        if not self.text:
            return True
        row = self.sourceModel().index(source_row, 0, source_parent).data(RecordRole)
        return self.text in match_key(row.member)


class PersonView(QWidget):
    """show_period(first, last) reads the rota of those days through duty.edits."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = PersonRotaModel(self)
        self.proxy = NameFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("查找人员：姓名或拼音首字母")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.table = TextSizedTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)

    def show_period(self, first: dt.date, last: dt.date) -> None:
        from ...duty import edits

        self.model.set_rows(build_person_rows(edits.rota(first, last)), days_between(first, last))

    def show_rota(self, rota) -> None:
        """The period of a loaded duty.period_rota.PeriodRota (no query)."""
        self.model.set_rows(build_person_rows(rota.entries), days_between(rota.date_from, rota.date_to))

    def row_for(self, name: str) -> PersonRow | None:
        return next((r for r in self.model.rows() if r.member.name == name), None)
