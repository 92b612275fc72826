"""干部: every cadre across branches (one row per person), with search (Ctrl+F) and 派出单位.

The page reads once per period (a fixed number of queries); search and the unit filter then
narrow the rows already read, as the person types.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...hub import queries
from ...hub.store import Hub
from ...roster.pinyin import pinyin_key
from ..widgets import role_label, set_label_role
from .cadre_table_model import COL_NAME, COL_UNIT, CadreFilterProxy, CadreTableModel
from .reading import HubReadError, read_hub

ALL_UNITS = "全部派出单位"


class CadresPage(QWidget):
    def __init__(self, hub: Hub, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageContent")
        self.hub = hub
        heading = QLabel("干部", self)
        heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.search = QLineEdit(self)
        self.search.setObjectName("cadreSearch")
        self.search.setPlaceholderText("查找：姓名、拼音首字母、单位、支部…（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.unit = QComboBox(self)
        self.unit.setObjectName("cadreUnit")
        self.unit.setToolTip("只看一个派出单位的干部")
        self.unit.setMinimumWidth(220)
        self.unit.addItem(ALL_UNITS)
        unit_label = QLabel("派出单位(&U)", self)
        unit_label.setBuddy(self.unit)
        self.status = role_label("", "hint", self)
        self.status.setObjectName("cadreStatus")

        self.model = CadreTableModel(self)
        self.proxy = CadreFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("cadresTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_UNIT, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.setFocusProxy(self.table)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(lambda: self.table.setFocus())
        self.unit.currentIndexChanged.connect(self._unit_changed)

        tools = QHBoxLayout()
        tools.addWidget(heading)
        tools.addSpacing(16)
        tools.addWidget(self.search)
        tools.addWidget(unit_label)
        tools.addWidget(self.unit)
        tools.addStretch(1)
        tools.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        self._fitted = False

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def reload(self, date_from: dt.date, date_to: dt.date) -> None:
        try:
            rows = read_hub(self.hub, "干部名单", lambda: queries.cadres(self.hub, date_from, date_to))
        except HubReadError as exc:
            self.model.set_cadres([])
            self.status.setText(str(exc))
            set_label_role(self.status, "error")
            return
        self.model.set_cadres(rows)
        self._fill_units(rows)
        set_label_role(self.status, "hint")
        self._show_count()
        if not self._fitted and rows:
            self.table.resizeColumnsToContents()
            self.table.setColumnWidth(COL_NAME, max(self.table.columnWidth(COL_NAME), 80))
            self._fitted = True

    def _fill_units(self, rows: list[queries.CadreRow]) -> None:
        """The units of the cadres read, in pinyin order; the chosen one stays chosen."""
        chosen = self.unit.currentText()
        names = sorted({r.unit for r in rows if r.unit}, key=pinyin_key)
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(ALL_UNITS)
        self.unit.addItems(names)
        self.unit.setCurrentText(chosen if chosen in names else ALL_UNITS)
        self.unit.blockSignals(False)
        self.proxy.set_unit(None if self.unit.currentIndex() <= 0 else self.unit.currentText())

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search_text(text)
        self._show_count()

    def _unit_changed(self, index: int) -> None:
        self.proxy.set_unit(None if index <= 0 else self.unit.currentText())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if not total:
            self.status.setText("统计期间内没有在岗的干部")
        elif shown == total:
            self.status.setText(f"共 {total} 人")
        else:
            self.status.setText(f"显示 {shown} 人，共 {total} 人")

    def shown_names(self) -> list[str]:
        """The names in the table as shown (filtered and sorted)."""
        return [self.proxy.index(row, COL_NAME).data() for row in range(self.proxy.rowCount())]
