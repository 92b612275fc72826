"""找人替班: the best replacements for one shift (who is free, rested, has done fewer shifts,
a Party member where the post needs one), each with its reasons; 替换 (Enter or a double
click) gives the shift to the chosen person in one step. The page offers 撤销 afterwards."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .cell_editor import duty_refusal
from .duty_format import day_header

HEADERS = ("姓名", "本期班数", "距上一班", "理由")
MemberRole = Qt.ItemDataRole.UserRole + 1


def rest_text(hours: float | None) -> str:
    return "—" if hours is None else f"{hours:g} 小时"


class ReplacementDialog(QDialog):
    """ReplacementDialog(assignment, parent). replaced(assignment_id, old_member_id,
    new_member_id, old_name, new_name) after 替换 wrote."""

    replaced = Signal(int, int, int, str, str)

    def __init__(self, assignment, parent: QWidget | None = None):
        super().__init__(parent)
        from ...duty.replacement import suggest_replacements

        self.assignment = assignment
        self.setWindowTitle("找人替班")
        self.setMinimumSize(640, 380)
        self.candidates = suggest_replacements(assignment.id)
        who = assignment.member.name
        intro = QLabel(f"为 {day_header(assignment.date)} {assignment.post.name} {assignment.shift.name} "
                       f"的 <b>{who}</b> 找人替班（排在前面的更合适）：", self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.candidates), len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for row, c in enumerate(self.candidates):
            name = QTableWidgetItem(("★" if c.party_member else "") + c.name)
            name.setData(MemberRole, c.member_id)
            values = (name, QTableWidgetItem(str(c.shifts_in_period)),
                      QTableWidgetItem(rest_text(c.rest_hours_before)), QTableWidgetItem("，".join(c.reasons)))
            for column, item in enumerate(values):
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda *_: self.apply())
        self.empty_label = QLabel("没有人能合规地接替这个班次（都在请假、休息不足或已在班上）。", self)
        self.empty_label.setVisible(not self.candidates)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton("替换", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setToolTip("由选中的人接替这一班（Enter）；之后可撤销（Ctrl+Z）")
        self.apply_button.setEnabled(bool(self.candidates))
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.buttons)
        if self.candidates:
            self.table.selectRow(0)
            self.table.setFocus()

    def names(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def reasons(self, row: int) -> str:
        return self.table.item(row, 3).text()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.candidates:
            self.apply()
            return
        super().keyPressEvent(event)

    def apply(self) -> bool:
        row = self.table.currentRow()
        if row < 0 or not self.candidates:
            return False
        from ...duty.replacement import replace

        new_id = self.table.item(row, 0).data(MemberRole)
        old_id, old_name = self.assignment.member_id, self.assignment.member.name
        try:
            replace(self.assignment.id, new_id)
        except Exception as exc:
            if not duty_refusal(exc):
                raise
            QMessageBox.warning(self, "找人替班", str(exc))
            return False
        self.replaced.emit(self.assignment.id, old_id, new_id, old_name, self.candidates[row].name)
        self.accept()
        return True
