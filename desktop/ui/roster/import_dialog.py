"""The import preview: what each row of the file would do, before anything is written.

    choose_and_import(parent) -> bool   # file dialog, preview, import; True if the roster changed
    ImportDialog(path, parent=None, plan=None, today=None)
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHeaderView,
    QLabel, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ...importers.members import (
    ACTIONS, ERROR, ImportFileError, ImportOutcome, ImportPlan, ImportRejected, apply_import,
    plan_member_import,
)
from ..widgets import STATE_STYLE, role_label, set_label_role

FILE_FILTER = "花名册 (*.xlsx *.csv)"
SKIP_INVALID_TEXT = "仅导入有效行（跳过有错误的行）"
COLUMNS = ("行号", "操作", "姓名", "问题/说明")
ERROR_BACKGROUND = QColor("#FDECEE")
ERROR_FOREGROUND = QColor("#B00020")


def _columns_text(plan: ImportPlan) -> str:
    parts = [label if header == label else f"{header}→{label}" for header, label in plan.recognized]
    return "、".join(parts)


class ImportDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None, plan: ImportPlan | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.path = Path(path)
        # Raises ImportFileError when built without a plan; choose_and_import plans first.
        self.plan = plan if plan is not None else plan_member_import(self.path, today=today)
        self.outcome: ImportOutcome | None = None
        self.setWindowTitle("导入花名册")
        self.setStyleSheet(STATE_STYLE)
        self.resize(780, 560)

        info = QFormLayout()
        file_text = self.path.name
        if self.plan.table.sheet:
            file_text += f"（工作表“{self.plan.table.sheet}”）"
        self.file_label = QLabel(file_text)
        self.header_label = QLabel(f"第 {self.plan.header_row} 行")
        self.recognized_label = QLabel(_columns_text(self.plan) or "无")
        self.ignored_label = role_label("、".join(self.plan.ignored) or "无")
        for label in (self.file_label, self.recognized_label, self.ignored_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info.addRow("文件：", self.file_label)
        info.addRow("表头：", self.header_label)
        info.addRow("识别的列：", self.recognized_label)
        info.addRow("忽略的列：", self.ignored_label)

        self.summary_label = QLabel(self._summary())
        self.error_label = role_label("", "error")
        self.error_label.setWordWrap(True)
        self.table = self._build_table()

        self.skip_invalid_box = QCheckBox(SKIP_INVALID_TEXT)
        self.skip_invalid_box.setVisible(self.plan.has_errors)
        self.skip_invalid_box.toggled.connect(self._update_state)

        buttons = QDialogButtonBox()
        self.import_button = QPushButton("导入")
        self.cancel_button = QPushButton("取消")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self._import)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(info)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.skip_invalid_box)
        layout.addWidget(buttons)
        self._update_state()

    def _summary(self) -> str:
        counts = self.plan.counts
        detail = "，".join(f"{action} {counts[action]}" for action in ACTIONS)
        return f"共 {len(self.plan.rows)} 行：{detail}"

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(len(self.plan.rows), len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        for index, row in enumerate(self.plan.rows):
            text = "；".join(row.problems) if row.problems else row.note
            cells = (str(row.sheet_row), row.action, row.name, text)
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value if column == 3 else "")
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row.action == ERROR:
                    item.setBackground(QBrush(ERROR_BACKGROUND))
                    item.setForeground(QBrush(ERROR_FOREGROUND))
                table.setItem(index, column, item)
        header = table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        return table

    def error_rows(self) -> list[int]:
        """Sheet rows shown as errors in the table (what the user sees highlighted)."""
        return [
            int(self.table.item(i, 0).text()) for i in range(self.table.rowCount())
            if self.table.item(i, 1).text() == ERROR
        ]

    def _update_state(self) -> None:
        skip = self.skip_invalid_box.isChecked()
        blocked = self.plan.has_errors and not skip
        nothing = self.plan.writable == 0
        self.import_button.setEnabled(not blocked and not nothing)
        set_label_role(self.error_label, "error" if blocked or nothing else "hint")
        if blocked:
            self.error_label.setText(
                f"有 {len(self.plan.error_rows)} 行存在错误（红色行）。请修改文件后重新导入，"
                f"或勾选“{SKIP_INVALID_TEXT}”。"
            )
        elif nothing:
            self.error_label.setText("没有需要新增或更新的成员。")
        elif self.plan.has_errors:
            self.error_label.setText(
                f"将跳过 {len(self.plan.error_rows)} 行有错误的行，新增或更新其余 {self.plan.writable} 行。"
            )
        else:
            self.error_label.setText("")

    def _import(self) -> None:
        skip = self.skip_invalid_box.isChecked()
        try:
            self.outcome = apply_import(self.plan, skip_invalid=skip)
        except ImportRejected as exc:
            QMessageBox.warning(self, "未导入", str(exc))
            return
        except Exception as exc:  # a database error: the transaction rolled back
            QMessageBox.warning(self, "导入失败", f"导入时出错，未写入任何数据：{exc}")
            return
        QMessageBox.information(self, "导入完成", self.outcome.summary() + "。")
        self.accept()


def choose_and_import(parent: QWidget | None, today: dt.date | None = None) -> bool:
    """Pick a file, preview it and import; True when a member was created or updated."""
    name, _ = QFileDialog.getOpenFileName(parent, "导入花名册", "", FILE_FILTER)
    if not name:
        return False
    path = Path(name)
    try:
        plan = plan_member_import(path, today=today)
    except ImportFileError as exc:
        QMessageBox.warning(parent, "无法导入", str(exc))
        return False
    dialog = ImportDialog(path, parent, plan=plan)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return bool(accepted and dialog.outcome and dialog.outcome.written)
