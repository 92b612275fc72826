"""Ask when a member left (撤离); the dialog is also the confirmation."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...models import Member
from ..widgets import repolish


class DepartureDialog(QDialog):
    def __init__(self, member: Member, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        today = today or dt.date.today()
        self.setWindowTitle("标记撤离")
        text = QLabel(
            f"将“{member.name}”标记为已撤离。\n"
            "撤离后此人的各项记录全部保留，以后可以随时“恢复在岗”。", self,
        )
        text.setWordWrap(True)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy.MM.dd")
        self.date_edit.setMaximumDate(QDate(today))
        if member.arrived_on and member.arrived_on <= today:
            self.date_edit.setMinimumDate(QDate(member.arrived_on))
        self.date_edit.setDate(QDate(today))
        form = QFormLayout()
        form.addRow("撤离日期", self.date_edit)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton("标记撤离", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("primaryButton")
        repolish(ok)  # addButton() already polished it under its old name
        ok.setDefault(True)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.date_edit.setFocus()

    def date(self) -> dt.date:
        return self.date_edit.date().toPython()


def ask_departure_date(member: Member, parent: QWidget | None = None) -> dt.date | None:
    """The chosen departure date, or None if the user cancelled."""
    dialog = DepartureDialog(member, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    date = dialog.date()
    dialog.deleteLater()
    return date if accepted else None
