"""统计: who served how much in the shown period (shifts, hours, nights, weekends) and which
shifts still lack people — the figures a secretary checks before saying the rota is fair."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QListWidget, QSplitter, QVBoxLayout, QWidget

from ..table_base import RecordRole, RowTableModel, SortRole
from .duty_format import day_header, period_text
from .rota_grid_model import PARTY_MARK, is_party
from .sized_table import TextSizedTableView

COL_NAME = 0
COL_SHIFTS = 1
COL_HOURS = 2
COL_NIGHTS = 3
COL_WEEKENDS = 4
HEADERS = ("姓名", "班次", "时长（小时）", "夜班", "周末班")


class DutyStatsModel(RowTableModel):
    """Rows are duty.stats.PersonDuty."""

    HEADERS = HEADERS

    def display_text(self, row: int, column: int) -> str:
        """DisplayRole of a cell (also for TextSizedTableView)."""
        figures = self._rows[row]
        if column == COL_NAME:
            return (PARTY_MARK if is_party(figures.member) else "") + figures.member.name
        if column == COL_HOURS:
            return f"{figures.hours:g}"
        return str((None, figures.shifts, None, figures.night_shifts, figures.weekend_shifts)[column])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(index.row(), column)
        if role == RecordRole:
            return row
        if role == SortRole:
            if column == COL_NAME:
                return row.member.name_pinyin or row.member.name
            return (None, row.shifts, row.hours, row.night_shifts, row.weekend_shifts)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != COL_NAME:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class StatsPanel(QWidget):
    """show_period(first, last) reads duty.stats for those days."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = DutyStatsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = TextSizedTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_HOURS, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.unfilled_title = QLabel("未排满的班次", self)
        self.unfilled_title.setObjectName("sectionTitle")
        self.unfilled = QListWidget(self)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.unfilled_title)
        column.addWidget(self.unfilled, 1)
        split = QSplitter(self)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def show_period(self, first: dt.date, last: dt.date) -> None:
        from ...duty import stats

        self._show(first, last, stats.duty_stats(first, last), stats.unfilled_shifts(first, last))

    def show_rota(self, rota) -> None:
        """The period of a loaded duty.period_rota.PeriodRota (no query)."""
        from ...duty import period_rota

        self._show(rota.date_from, rota.date_to, period_rota.figures(rota), period_rota.unfilled(rota))

    def _show(self, first: dt.date, last: dt.date, figures: list, unfilled: list) -> None:
        from ...duty import stats

        self.model.set_rows(figures)
        served = [p for p in figures if p.shifts]
        total = stats.totals(figures)
        text = f"{period_text(first, last)}：{len(served)} 人值班，共 {total['hours']:g} 小时"
        if served:
            text += f"；每人最少 {total['min_hours']:g} 小时，最多 {total['max_hours']:g} 小时"
        idle = [p.member.name for p in figures if not p.shifts]
        if idle:
            text += f"；未排班：{'、'.join(idle[:8])}{'等' if len(idle) > 8 else ''}"
        self.summary.setText(text)
        self.unfilled.clear()
        self.unfilled.addItems([f"{day_header(slot.date)} {slot.post_name} {slot.shift_name}："
                                f"需 {slot.needed} 人，已排 {slot.filled} 人" for slot in unfilled])
        if not self.unfilled.count():
            self.unfilled.addItem("全部班次均已排满")
