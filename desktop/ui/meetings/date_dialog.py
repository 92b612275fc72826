"""A small dialog asking for one date: the day of the new meeting made from a template."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class DateDialog(QDialog):
    def __init__(self, title: str, text: str, day: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy.MM.dd")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(text, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)

    def date(self) -> dt.date:
        return self.edit.date().toPython()


def ask_date(parent: QWidget, title: str, text: str, day: dt.date) -> dt.date | None:
    """The chosen date, or None when cancelled. Tests patch this function."""
    dialog = DateDialog(title, text, day, parent)
    return dialog.date() if dialog.exec() == QDialog.DialogCode.Accepted else None
