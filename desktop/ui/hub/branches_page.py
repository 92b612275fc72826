"""支部一览: every branch the hub has heard from, its newest package, the period's key figures."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...hub import queries
from ...hub.store import Hub
from ..table_base import RowSortProxy
from ..widgets import role_label, set_label_role
from .branch_table_model import COL_NAME, COL_STATUS, BranchTableModel
from .reading import HubReadError, read_hub


class BranchesPage(QWidget):
    """reload(date_from, date_to) reads every branch in a fixed number of queries."""

    def __init__(self, hub: Hub, parent: QWidget | None = None, today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.setObjectName("pageContent")
        self.hub, self._today = hub, today
        self.heading = QLabel("支部一览", self)
        self.heading.setObjectName("pageHeading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.summary = role_label("", "hint", self)
        self.summary.setObjectName("branchesSummary")
        self.summary.setWordWrap(True)
        self.model = BranchTableModel(self)
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("branchesTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.setFocusProxy(self.table)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._fitted = False

    def reload(self, date_from: dt.date, date_to: dt.date) -> None:
        try:
            rows = read_hub(self.hub, "支部一览",
                            lambda: queries.branches_overview(self.hub, date_from, date_to, today=self._today()))
        except HubReadError as exc:
            self.model.set_rows([])
            self.summary.setText(str(exc))
            set_label_role(self.summary, "error")
            return
        self.model.set_rows(rows)
        set_label_role(self.summary, "hint")
        self.summary.setText(self._summary(rows, date_from, date_to))
        if not self._fitted and rows:
            self.table.resizeColumnsToContents()
            self._fitted = True

    @staticmethod
    def _summary(rows: list[queries.BranchOverview], date_from: dt.date, date_to: dt.date) -> str:
        if not rows:
            return "汇总台还没有导入任何支部的数据包。请用“文件 → 导入数据包…”（Ctrl+I）导入各支部报送的 .bdpkg 文件。"
        total = queries.total_figures(rows)
        stale = [r.name for r in rows if r.stale]
        text = (f"共 {len(rows)} 个支部，花名册 {sum(r.members for r in rows)} 人。"
                f"{date_from:%Y-%m-%d} 至 {date_to:%Y-%m-%d}：会议 {total.meetings} 次（出勤率 {total.attendance_text}），"
                f"值班 {total.shifts} 人次，交接班 {total.handovers} 次，日记 {total.diaries} 篇。")
        if stale:
            text += f"\n逾期未报 {len(stale)} 个（超过 {queries.STALE_DAYS} 天没有新数据包）：{'、'.join(stale)}。"
        return text

    def flagged(self) -> list[str]:
        """Names of the branches shown as 逾期未报, in table order (what a person sees in red)."""
        found = []
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, COL_STATUS).data().startswith("逾期未报"):
                found.append(self.proxy.index(row, COL_NAME).data())
        return found
