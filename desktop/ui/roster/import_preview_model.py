"""The import preview as a table: each row of the file with the values that will be stored.

    ImportPreviewModel(plan)   columns: 行号, 操作, one per field read (as stored: 1978.07,
                               13912345678), 问题/说明
    set_plan(plan)             show a re-planned file (after a correction)

Signals:
    cell_corrected(sheet_row, field_key, text): the user typed *text* into a field cell; the
        owner re-plans with that correction and calls set_plan (re-validated at once).

Field cells are editable; a cell with a problem is red, a corrected one blue, a row that
may duplicate someone amber.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...importers.members import ERROR, ImportPlan, RowResult
from ...roster.dates import format_partial
from ...roster.fields import BY_KEY, LABELS

ROW, ACTION = 0, 1
ERROR_BACKGROUND = QColor("#FDECEE")
ERROR_CELL = QColor("#F8C9D0")
ERROR_FOREGROUND = QColor("#B00020")
WARNING_BACKGROUND = QColor("#FFF4D6")
CORRECTED_BACKGROUND = QColor("#DCEBFF")


def stored_text(key: str, value: object) -> str:
    """A field value as the roster shows it: partial dates 1978.07, dates 2022-04-13."""
    if value in (None, ""):
        return ""
    if BY_KEY[key].kind == "partial_date":
        return format_partial(str(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class ImportPreviewModel(QAbstractTableModel):
    cell_corrected = Signal(int, str, str)

    def __init__(self, plan: ImportPlan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.fields = plan.fields

    # helpers ---------------------------------------------------------------------------------
    @property
    def notes_column(self) -> int:
        return 2 + len(self.fields)

    def field_at(self, column: int) -> str | None:
        index = column - 2
        return self.fields[index] if 0 <= index < len(self.fields) else None

    def column_of(self, key: str) -> int:
        return 2 + self.fields.index(key)

    def row_of(self, sheet_row: int) -> int:
        return next(i for i, row in enumerate(self.plan.rows) if row.sheet_row == sheet_row)

    def set_plan(self, plan: ImportPlan) -> None:
        same_shape = len(plan.rows) == len(self.plan.rows) and plan.fields == self.fields
        if not same_shape:
            self.beginResetModel()
        self.plan, self.fields = plan, plan.fields
        if same_shape:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        else:
            self.endResetModel()

    def _cell_text(self, row: RowResult, key: str) -> str:
        value = row.values.get(key)
        if key in row.problem_keys and value in (None, ""):
            return row.cells.get(key, "")  # what the file holds, so the user sees what is wrong
        return stored_text(key, value)

    def _notes(self, row: RowResult) -> str:
        parts = list(row.problems) if row.problems else ([row.note] if row.note else [])
        parts += [f"注意：{warning}" for warning in row.warnings]
        return "；".join(parts)

    # QAbstractTableModel overrides -------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # overrides rowCount
        return 0 if parent.isValid() else len(self.plan.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # overrides columnCount
        return 0 if parent.isValid() else 3 + len(self.fields)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # overrides headerData
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == ROW:
            return "行号"
        if section == ACTION:
            return "操作"
        if section == self.notes_column:
            return "问题/说明"
        return LABELS[self.field_at(section)]

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:  # overrides flags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.plan.rows[index.row()]
        if self.field_at(index.column()) and row.values:  # not a signature line
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # overrides data
        if not index.isValid():
            return None
        row = self.plan.rows[index.row()]
        column = index.column()
        key = self.field_at(column)
        corrected = key is not None and (row.sheet_row, key) in self.plan.overrides
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == ROW:
                return str(row.sheet_row)
            if column == ACTION:
                return row.action
            if key:
                if role == Qt.ItemDataRole.EditRole and corrected:
                    return self.plan.overrides[(row.sheet_row, key)]
                return self._cell_text(row, key)
            return self._notes(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key and key in row.problem_keys:
                return "；".join(p for p in row.problems if p.startswith(LABELS[key])) + "\n双击可直接修改"
            if corrected:
                return "已在预览中修改，导入时使用修改后的值（文件本身不变）"
            if column == self.notes_column:
                return self._notes(row) or None
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if key and key in row.problem_keys:
                return QBrush(ERROR_CELL)
            if corrected:
                return QBrush(CORRECTED_BACKGROUND)
            if row.action == ERROR:
                return QBrush(ERROR_BACKGROUND)
            if row.warnings:
                return QBrush(WARNING_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and row.action == ERROR:
            return QBrush(ERROR_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # overrides setData
        key = self.field_at(index.column())
        if role != Qt.ItemDataRole.EditRole or key is None or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        text = "" if value is None else str(value).strip()
        if text == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        self.cell_corrected.emit(self.plan.rows[index.row()].sheet_row, key, text)
        return True
