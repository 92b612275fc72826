"""The import preview: what each row of the file would store, correctable before anything is written.

    choose_and_import(parent) -> bool   # file dialog, sheet choice, preview, import; True if changed
    ImportDialog(path, parent=None, plan=None, today=None)

The preview names the sheet and header rows read, every column read and every column
ignored, and shows each row with the values that will be stored. Double-click (or F2, or
just type on) a field cell to correct it: the row is checked again at once. The result
message names the people left out.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...importers.members import (
    ACTIONS,
    ERROR,
    ImportFileError,
    ImportOutcome,
    ImportPlan,
    ImportRejected,
    SheetChoiceNeeded,
    apply_import,
    plan_member_import,
)
from ...safety.errors import fault_kind, user_message
from ..widgets import STATE_STYLE, role_label, set_label_role
from .import_preview_model import ERROR_BACKGROUND, ImportPreviewModel

FILE_FILTER = "花名册 (*.xlsx *.csv)"
SKIP_INVALID_TEXT = "仅导入有效行（跳过有错误的行）"
log = logging.getLogger(__name__)

__all__ = ["ERROR_BACKGROUND", "FILE_FILTER", "ImportDialog", "choose_and_import"]


def _columns_text(plan: ImportPlan) -> str:
    parts = [label if header == label else f"{header}→{label}" for header, label in plan.recognized]
    return "、".join(parts)


def _header_text(plan: ImportPlan) -> str:
    rows = plan.header_rows
    return f"第 {rows[0]} 行" if len(rows) == 1 else f"第 {rows[0]}–{rows[-1]} 行（多行表头，已合并列名）"


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
        self.resize(1100, 640)

        info = QFormLayout()
        file_text = self.path.name
        if self.plan.table.sheet:
            file_text += f"（工作表“{self.plan.table.sheet}”）"
        self.file_label = QLabel(file_text)
        self.header_label = QLabel(_header_text(self.plan))
        self.recognized_label = QLabel(_columns_text(self.plan) or "无")
        ignored = "、".join(self.plan.ignored)
        self.ignored_label = role_label(f"{ignored}（这些列的内容不会导入）" if ignored else "无",
                                        "error" if ignored else "hint")
        for label in (self.file_label, self.recognized_label, self.ignored_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info.addRow("文件：", self.file_label)
        info.addRow("表头：", self.header_label)
        info.addRow("识别的列：", self.recognized_label)
        info.addRow("忽略的列：", self.ignored_label)

        self.summary_label = QLabel()
        self.hint_label = role_label("下表是将要保存的内容。双击单元格可直接修改（文件本身不变），修改后立即重新检查。")
        self.error_label = role_label("", "error")
        self.error_label.setWordWrap(True)
        self.model = ImportPreviewModel(self.plan, self)
        self.model.cell_corrected.connect(self._correct)
        self.table = self._build_table()

        self.skip_invalid_box = QCheckBox(SKIP_INVALID_TEXT)
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
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.skip_invalid_box)
        layout.addWidget(buttons)
        self._update_state()

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(True)
        self._size_columns(table)
        return table

    def _size_columns(self, table: QTableView) -> None:
        header = table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.notes_column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        table.resizeRowsToContents()

    # state -------------------------------------------------------------------------------------
    def _summary(self) -> str:
        counts = self.plan.counts
        detail = "，".join(f"{action} {counts[action]}" for action in ACTIONS)
        text = f"共 {len(self.plan.rows)} 行：{detail}"
        if self.plan.overrides:
            text += f"；已在预览中修改 {len(self.plan.overrides)} 处（蓝色）"
        if self.plan.warned_rows:
            text += f"；{len(self.plan.warned_rows)} 行可能与他人重复（黄色），请核对"
        return text

    def error_rows(self) -> list[int]:
        """Sheet rows shown as errors in the table (what the user sees highlighted)."""
        model = self.model
        return [
            int(model.index(i, 0).data()) for i in range(model.rowCount())
            if model.index(i, 1).data() == ERROR
        ]

    def _update_state(self) -> None:
        self.summary_label.setText(self._summary())
        self.skip_invalid_box.setVisible(self.plan.has_errors)
        skip = self.skip_invalid_box.isChecked() and self.plan.has_errors
        blocked = self.plan.has_errors and not skip
        nothing = self.plan.writable == 0
        self.import_button.setEnabled(not blocked and not nothing)
        set_label_role(self.error_label, "error" if blocked or nothing else "hint")
        if blocked:
            self.error_label.setText(
                f"有 {len(self.plan.error_rows)} 行存在错误（红色行）。双击深红色的单元格直接修改，"
                f"或修改文件后重新导入，或勾选“{SKIP_INVALID_TEXT}”。"
            )
        elif nothing:
            self.error_label.setText("没有需要新增或更新的成员。")
        elif self.plan.has_errors:
            left_out = "、".join(
                row.name or f"第 {row.sheet_row} 行" for row in self.plan.error_rows)
            self.error_label.setText(
                f"将跳过 {len(self.plan.error_rows)} 行有错误的行（{left_out}），新增或更新其余 {self.plan.writable} 行。"
            )
        else:
            self.error_label.setText("")

    def _correct(self, sheet_row: int, key: str, text: str) -> None:
        """A cell typed in the preview: plan again with it, so the row is checked at once."""
        try:
            plan = self.plan.corrected(sheet_row, key, text)
        except Exception as exc:  # reading the roster failed: keep the preview as it was
            log.warning("re-checking row %s failed", sheet_row, exc_info=True)
            QMessageBox.warning(self, "无法检查修改", user_message(
                exc, fallback="无法重新检查这一行，预览保持修改前的样子。请稍后再试。"))
            return
        self.plan = plan
        self.model.set_plan(plan)
        self.table.resizeRowsToContents()
        self._update_state()

    def _import(self) -> None:
        skip = self.skip_invalid_box.isChecked()
        try:
            self.outcome = apply_import(self.plan, skip_invalid=skip)
        except ImportRejected as exc:
            QMessageBox.warning(self, "未导入", str(exc))
            return
        except Exception as exc:  # a database error: the transaction rolled back
            log.warning("roster import failed", exc_info=True)
            # A locked, read-only or full database speaks SQLite's English: its Chinese sentence
            # (which says nothing was saved) replaces it.
            text = user_message(exc, fallback="请稍后再试；如果一再出现，请在“数据安全”中检查数据库。")
            QMessageBox.warning(self, "导入失败",
                                text if fault_kind(exc) else f"导入时出错，未写入任何数据。{text}")
            return
        QMessageBox.information(self, "导入完成", self.outcome.summary() + "。")
        self.accept()


def _plan_with_sheet_choice(parent: QWidget | None, path: Path, today: dt.date | None) -> ImportPlan | None:
    try:
        return plan_member_import(path, today=today)
    except SheetChoiceNeeded as choice:
        sheet, chosen = QInputDialog.getItem(
            parent, "选择工作表",
            f"“{path.name}”中有 {len(choice.sheets)} 个工作表含有花名册表头，请选择要导入的工作表：",
            choice.sheets, 0, False,
        )
        if not chosen or not sheet:
            return None
        return plan_member_import(path, today=today, sheet=sheet)


def choose_and_import(parent: QWidget | None, today: dt.date | None = None) -> bool:
    """Pick a file, preview it and import; True when a member was created or updated."""
    name, _ = QFileDialog.getOpenFileName(parent, "导入花名册", "", FILE_FILTER)
    if not name:
        return False
    path = Path(name)
    try:
        plan = _plan_with_sheet_choice(parent, path, today)
    except ImportFileError as exc:
        QMessageBox.warning(parent, "无法导入", str(exc))
        return False
    if plan is None:
        return False
    dialog = ImportDialog(path, parent, plan=plan)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return bool(accepted and dialog.outcome and dialog.outcome.written)
