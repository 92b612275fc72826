"""The paste-import preview: one row per day found, with what importing will do to it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ...diaries.importer import APPEND, NEW, SAME
from ..table_base import RecordRole, RowTableModel, SortRole
from .diary_format import day_heading

ACTION_COLOURS = {NEW: "#1F5130", APPEND: "#B35C00", SAME: "#6B7280"}
ACTION_TIPS = {
    NEW: "这一天还没有日记，将新建",
    APPEND: "这一天已有日记，粘贴的内容将作为新的一段追加在后面",
    SAME: "这一天的日记里已有相同内容，跳过",
}


class ImportPreviewModel(RowTableModel):
    """Rows are DiaryImportRow(day, text, action, existing_entry_id)."""

    HEADERS = ("日期", "处理", "内容")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return day_heading(row.day)
            if column == 1:
                return row.action
            return " ".join(row.text.split())
        if role == Qt.ItemDataRole.ToolTipRole:
            return ACTION_TIPS.get(row.action) if column == 1 else row.text if column == 2 else None
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor(ACTION_COLOURS.get(row.action, "#1F2329"))
        if role == SortRole:
            return (row.day, row.action, row.text)[column]
        if role == RecordRole:
            return row
        return None
