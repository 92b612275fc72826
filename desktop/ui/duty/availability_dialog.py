"""不可值班: who cannot serve when (请假, 隔离, 病假 ...). The automatic rota leaves them out
and the grid marks any shift that still names them. 登记 and 删除 can be taken back (撤销 /
Ctrl+Z) with the page's PageUndo."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...duty import setup
from ...models import snapshot
from ..undo import PageUndo
from ..widgets import delete_key, role_label
from .cell_editor import SubmitPicker
from .dialog_undo import DialogUndo
from .generate_dialog import date_edit, to_date

HEADERS = ("姓名", "开始", "结束", "原因", "备注")
IdRole = Qt.ItemDataRole.UserRole + 1


class AvailabilityDialog(QDialog):
    """AvailabilityDialog(members, today, parent, undo=None). add() records the form;
    remove_selected() (after a confirmation); both are pushed to *undo* (the page's).
    replace_selected() emits replace_requested(member_id, first, last) so the page finds
    replacements for that person's shifts on those days."""

    replace_requested = Signal(int, object, object)

    def __init__(self, members: list, today: dt.date, parent: QWidget | None = None,
                 undo: PageUndo | None = None):
        super().__init__(parent)
        self.setWindowTitle("不可值班登记")
        self.resize(640, 420)
        self.today = today
        self.picker = SubmitPicker(self)
        self.picker.set_members(members)
        self.picker.setPlaceholderText("姓名或拼音首字母")
        self.from_edit = date_edit(today, self)
        self.to_edit = date_edit(today, self)
        self.reason_combo = QComboBox(self)
        self.reason_combo.addItems(setup.UNAVAILABILITY_REASONS)
        self.note_edit = QLineEdit(self)
        self.add_button = QPushButton("登记", self)
        self.add_button.clicked.connect(self.add)
        self.picker.submitted.connect(lambda *_: self.from_edit.setFocus())
        days = QHBoxLayout()
        days.addWidget(self.from_edit)
        days.addWidget(role_label("至", "hint", self))
        days.addWidget(self.to_edit)
        days.addStretch(1)
        form = QFormLayout()
        form.addRow("人员：", self.picker)
        form.addRow("日期：", days)
        form.addRow("原因：", self.reason_combo)
        form.addRow("备注：", self.note_edit)
        form.addRow("", self.add_button)
        self.error_label = role_label("", "error", self)

        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.remove_button = QPushButton("删除选中登记", self)
        self.remove_button.setToolTip("删除选中的登记（Delete），可以撤销")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        delete_key(self.table, self.remove_selected)
        self.undo = DialogUndo(self, undo, self.reload, (setup.DutySetupError,))
        self.undo.share_with(self.picker, self.note_edit)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        self.replace_button = QPushButton("为此人找替班…", self)
        self.replace_button.setToolTip("选中登记的这几天里，此人的班次都找人接替（先列出改动再确认）")
        self.replace_button.clicked.connect(self.replace_selected)
        bottom = QHBoxLayout()
        bottom.addWidget(self.replace_button)
        bottom.addWidget(self.remove_button)
        bottom.addWidget(self.undo.button)
        bottom.addStretch(1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.undo.message_bar)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(role_label("今天及以后的登记：", "hint", self))
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.reload()

    def reload(self) -> None:
        self.rows = setup.unavailability(date_from=self.today)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            values = (row.member.name, f"{row.start_date:%Y-%m-%d}", f"{row.end_date:%Y-%m-%d}", row.reason, row.note)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(IdRole, row.id)
                self.table.setItem(r, c, item)

    def add(self) -> bool:
        member = self.picker.resolve()
        if member is None:
            self.error_label.setText("请先选择人员")
            return False
        try:
            row = setup.add_unavailability(member.id, to_date(self.from_edit.date()), to_date(self.to_edit.date()),
                                           self.reason_combo.currentText(), self.note_edit.text())
        except setup.DutySetupError as exc:
            self.error_label.setText(str(exc))
            return False
        added = snapshot.capture_row(row)
        label = self._label(row)
        self.undo.push(label, lambda: setup.take_back_unavailability(added), f"已登记 {label}",
                       f"已撤销登记 {label}")
        self.error_label.setText("")
        self.picker.set_member(None)
        self.note_edit.clear()
        self.reload()
        self.table.selectRow(next((r for r, u in enumerate(self.rows) if u.member_id == member.id), 0))
        self.picker.setFocus()
        return True

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        u = self.rows[row]
        text = f"删除{u.member.name} {u.start_date:%m-%d} 至 {u.end_date:%m-%d} 的“{u.reason}”登记？\n删除后可以立即撤销（Ctrl+Z）。"
        if QMessageBox.question(self, "删除登记", text) != QMessageBox.StandardButton.Yes:
            return
        deleted = setup.remove_unavailability(u.id)
        if deleted is not None:
            label = self._label(u)
            self.undo.push(label, lambda: snapshot.restore(deleted), f"已删除登记 {label}", f"已恢复登记 {label}")
        self.reload()

    @staticmethod
    def _label(u) -> str:
        return f"{u.member.name} {u.start_date:%m-%d} 至 {u.end_date:%m-%d}“{u.reason}”"

    def replace_selected(self) -> bool:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.error_label.setText("请先在下表选中一条登记")
            return False
        u = self.rows[row]
        self.replace_requested.emit(u.member_id, u.start_date, u.end_date)
        return True
