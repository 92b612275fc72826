"""统计: each member's attendance rate and the number of meetings of each type over a period."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...meetings import service
from ..widgets import role_label

SortRole = Qt.ItemDataRole.UserRole + 1
LOW_RATE = 0.8  # below this the rate is shown in the warning colour
LOW_COLOR = QColor("#b35c00")
PERIODS = ("本月", "上月", "近 7 天", "近 30 天", "自定义")


class SortItem(QTableWidgetItem):
    """Sorts by the raw value in SortRole, not by the shown text."""

    def __init__(self, text: str, value):
        super().__init__(text)
        self.setData(SortRole, value)
        self.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return self.data(SortRole) < other.data(SortRole)


def period(name: str, today: dt.date) -> tuple[dt.date, dt.date]:
    first = today.replace(day=1)
    if name == "上月":
        last = first - dt.timedelta(days=1)
        return last.replace(day=1), last
    if name == "近 7 天":
        return today - dt.timedelta(days=6), today
    if name == "近 30 天":
        return today - dt.timedelta(days=29), today
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    return first, next_month - dt.timedelta(days=1)


def _table(headers: tuple[str, ...], parent: QWidget, widths: dict[str, str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # the service's order: pinyin / type list
    table.setSortingEnabled(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    metrics = table.fontMetrics()
    width = 2 * table.frameWidth() + 2
    for column, title in enumerate(headers):
        sample = widths.get(title, title)
        section = max(metrics.horizontalAdvance(sample) + 18, metrics.horizontalAdvance(title) + 34)
        header.resizeSection(column, section)
        width += section
    # Figures stay beside their names instead of spreading over the whole page.
    table.setFixedWidth(width + table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent))
    return table


class StatsPanel(QWidget):
    """StatsPanel(parent, today=None). refresh() re-reads the figures for the chosen period."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self._today = today or dt.date.today()
        self.period = QComboBox(self)
        self.period.addItems(PERIODS)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy.MM.dd")
        self.summary = role_label("", "hint", self)
        self.rates = _table(("姓名", "应到", "实到", "缺席", "出席率"), self,
                            {"姓名": "欧阳晓明", "出席率": "100.0%"})
        self.per_type = _table(("会议类型", "次数"), self, {"会议类型": "支部党员大会（已停用）"})

        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(QLabel("统计期间", self))
        bar.addWidget(self.period)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("至", self))
        bar.addWidget(self.date_to)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)
        tables = QHBoxLayout()
        tables.setSpacing(10)
        for title, table in (("成员出席率", self.rates), ("各类会议次数", self.per_type)):
            column = QVBoxLayout()
            column.setSpacing(3)
            label = QLabel(title, self)
            label.setObjectName("sectionTitle")
            column.addWidget(label)
            column.addWidget(table, 1)
            tables.addLayout(column)
        tables.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(tables, 1)

        self._show_period("本月")  # read when the tab is first shown, not with the page
        self.period.currentTextChanged.connect(self._set_period)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)

    def _set_period(self, name: str) -> None:
        if name != "自定义":
            self._show_period(name)
            self.refresh()

    def _show_period(self, name: str) -> None:
        start, end = period(name, self._today)
        self._block = True
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        self.date_to.setDate(QDate(end.year, end.month, end.day))
        self._block = False

    def _dates_edited(self, _date) -> None:
        if getattr(self, "_block", False):
            return
        self.period.blockSignals(True)
        self.period.setCurrentText("自定义")
        self.period.blockSignals(False)
        self.refresh()

    def range(self) -> tuple[dt.date, dt.date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def refresh(self) -> None:
        start, end = self.range()
        rates = service.attendance_rates(start, end)
        self.rates.setSortingEnabled(False)
        self.rates.setRowCount(len(rates))
        for row, rate in enumerate(rates):
            cells = (
                SortItem(rate.member.name, rate.member.name_pinyin or rate.member.name),
                SortItem(str(rate.expected), rate.expected),
                SortItem(str(rate.present), rate.present),
                SortItem(str(rate.expected - rate.present), rate.expected - rate.present),
                SortItem(rate.percent_text, rate.rate),
            )
            for column, cell in enumerate(cells):
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if rate.rate < LOW_RATE:
                    cell.setForeground(QBrush(LOW_COLOR))
                self.rates.setItem(row, column, cell)
        self.rates.setSortingEnabled(True)
        counts = service.meetings_per_type(start, end)
        self.per_type.setSortingEnabled(False)
        self.per_type.setRowCount(len(counts))
        for row, (name, count) in enumerate(counts):
            self.per_type.setItem(row, 0, SortItem(name, row))
            number = SortItem(str(count), count)
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.per_type.setItem(row, 1, number)
        self.per_type.setSortingEnabled(True)
        total = sum(c for _n, c in counts)
        self.summary.setText(f"{start:%Y.%m.%d} 至 {end:%Y.%m.%d}：共 {total} 次会议，{len(rates)} 人参与统计")

    def rate_rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.rates.item(r, c).text() for c in range(self.rates.columnCount()))
                for r in range(self.rates.rowCount())]

    def type_rows(self) -> dict[str, int]:
        return {self.per_type.item(r, 0).text(): int(self.per_type.item(r, 1).text())
                for r in range(self.per_type.rowCount())}
