"""The day's numbers worth summing (走访户数 12 户): a small three-column editable list."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

HEADERS = ("项目", "数量", "单位")
BAD = QColor("#FFF6F7")


class FiguresTable(QWidget):
    """set_figures([(label, value, unit)]); figures() -> the valid rows; changed on every edit.
    A quantity that is not a whole number shows red and is left out until fixed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("figuresTable")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in every other field
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(1, 64)
        self.table.setColumnWidth(2, 52)
        self.table.itemChanged.connect(self._item_changed)
        self.add_button = self._button("＋", "添加一项数字（如 走访户数 12 户）", self.add_row)
        self.remove_button = self._button("－", "删除选中的一项", self.remove_row)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def set_figures(self, rows) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for label, value, unit in rows:
            self._append(label, str(value), unit)
        self.table.blockSignals(False)

    def _append(self, label: str = "", value: str = "", unit: str = "") -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((label, value, unit)):
            item = QTableWidgetItem(text)
            if column == 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        return row

    def add_row(self) -> None:
        self.table.blockSignals(True)
        row = self._append()
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, 0))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Write a cell as if typed (tests, paste)."""
        while self.table.rowCount() <= row:
            self._append()
        self.table.item(row, column).setText(text)

    def figures(self) -> list[tuple[str, int, str]]:
        rows = []
        for row in range(self.table.rowCount()):
            label, value, unit = (self._text(row, c) for c in range(3))
            number = self._number(value)
            if label and number is not None:
                rows.append((label, number, unit))
        return rows

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    @staticmethod
    def _number(text: str) -> int | None:
        try:
            return int(text or "0")
        except ValueError:
            return None

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 1:
            bad = self._number(item.text().strip()) is None
            self.table.blockSignals(True)
            item.setBackground(BAD if bad else QColor(0, 0, 0, 0))
            item.setToolTip("数量请填整数" if bad else "")
            self.table.blockSignals(False)
        self.changed.emit()
