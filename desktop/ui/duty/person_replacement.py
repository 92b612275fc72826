"""为某人找替班: a person is away for some days; each of their shifts in those days goes to the
best legal replacement and nothing else changes. The before/after list is shown first and
only its 应用 writes (one transaction); the page offers 撤销 afterwards."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from .changes_dialog import ChangesDialog
from .generate_dialog import date_edit, to_date


class PersonReplacementDialog(QDialog):
    """PersonReplacementDialog(members, first, last, parent, today=None, member_id=None).
    applied(first, last, before) once written; *before* is what the days held (for 撤销)."""

    applied = Signal(object, object, object)

    def __init__(self, members: list, first: dt.date, last: dt.date, parent: QWidget | None = None,
                 today: dt.date | None = None, member_id: int | None = None):
        super().__init__(parent)
        self.setWindowTitle("为某人找替班")
        self.today = today
        self.result = None
        self.changes_dialog: ChangesDialog | None = None
        self.member_combo = QComboBox(self)
        self.member_combo.addItem("（请选择）", None)
        for member in members:
            self.member_combo.addItem(member.name, member.id)
        if member_id is not None:
            self.member_combo.setCurrentIndex(max(0, self.member_combo.findData(member_id)))
        self.from_edit = date_edit(first, self)
        self.to_edit = date_edit(last, self)
        days = QHBoxLayout()
        days.addWidget(self.from_edit)
        days.addWidget(QLabel("至", self))
        days.addWidget(self.to_edit)
        form = QFormLayout()
        form.addRow("谁不能值班：", self.member_combo)
        form.addRow("日期：", days)
        note = QLabel("只改这个人在这些天的班次，由当天空闲、休息够、班次偏少的人接替；先列出改动，确认后才写入。", self)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.find_button = self.buttons.addButton("找替班…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.find)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def period(self) -> tuple[dt.date, dt.date]:
        return to_date(self.from_edit.date()), to_date(self.to_edit.date())

    def find(self) -> None:
        from ...duty.changes import rota_changes
        from ...duty.replacement import plan_person_replacement

        member_id = self.member_combo.currentData()
        first, last = self.period()
        if member_id is None:
            QMessageBox.information(self, "为某人找替班", "请先选择不能值班的人。")
            return
        if last < first:
            QMessageBox.warning(self, "为某人找替班", "结束日期不能早于开始日期。")
            return
        self.result = plan_person_replacement(member_id, first, last, today=self.today)
        changes = rota_changes(self.result, first, last, today=self.today)
        if not changes:
            QMessageBox.information(self, "为某人找替班",
                                    f"{self.member_combo.currentText()}在这些天没有可替换的班次（已过去或已固定的不改）。")
            return
        intro = f"{self.member_combo.currentText()}的班次由他人接替：" if self.result.complete else \
            f"{self.result.status}。"
        self.changes_dialog = ChangesDialog(changes, self, intro=intro)
        self.changes_dialog.accepted.connect(self._write)
        self.changes_dialog.finished.connect(self.changes_dialog.deleteLater)
        self.changes_dialog.open()

    def _write(self) -> None:
        from ...duty import generate
        from ...duty.rota_restore import rows_of

        first, last = self.period()
        before = rows_of(first, last)
        generate.apply_result(self.result, first, last, today=self.today)
        self.applied.emit(first, last, before)
        self.accept()
