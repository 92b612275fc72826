"""改动核对: the shifts a new rota would change (date, shift, post, before → after), read
before anything is written. 应用 accepts; 取消 (or Esc) writes nothing."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .duty_format import day_header

HEADERS = ("日期", "班次", "值守点", "原安排", "", "新安排")


def names(people) -> str:
    return "、".join(people) if people else "（空）"


class ChangesDialog(QDialog):
    """ChangesDialog(changes, parent, intro=''): changes are duty.changes.RotaChange rows."""

    def __init__(self, changes: list, parent: QWidget | None = None, intro: str = ""):
        super().__init__(parent)
        self.setWindowTitle("核对排班改动")
        self.setMinimumSize(720, 420)
        self.changes = list(changes)
        people = {n for c in self.changes for n in set(c.before) ^ set(c.after)}
        summary = QLabel(f"{intro}将改动 {len(self.changes)} 个班次，涉及 {len(people)} 人。"
                         "请核对后点“应用”；点“取消”不做任何改动。", self)
        summary.setWordWrap(True)
        self.table = QTableWidget(len(self.changes), len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, change in enumerate(self.changes):
            values = (day_header(change.date), change.shift_name, change.post_name, names(change.before),
                      "→", names(change.after))
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton("应用", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def rows(self) -> list[tuple[str, ...]]:
        """What the table shows, row by row (for tests and the screenshot)."""
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]
