"""The paste-import preview: one row per author and day found, with what importing will do."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ...diaries.importer import APPEND, NEW, SAME
from ..table_base import RecordRole, RowTableModel, SortRole
from .diary_format import day_heading

ACTION_COLOURS = {NEW: "#1F5130", APPEND: "#B35C00", SAME: "#6B7280"}
DOUBT_COLOUR = "#B35C00"
ACTION_TIPS = {
    NEW: "这一天还没有日记，将新建",
    APPEND: "这一天已有日记，粘贴的内容将作为新的一段追加在后面",
    SAME: "这一天的日记里已有相同内容，跳过",
}
DOUBT_MARK = " ⚠"
DOUBT_TIP = "其中有一行开头像日期，但与前后的日期相差太远，已作为正文完整保留（见下方提示）"
COL_DAY, COL_AUTHOR, COL_ACTION, COL_TEXT = range(4)


class ImportPreviewModel(RowTableModel):
    """Rows are DiaryImportRow(day, text, action, existing_entry_id, member_id, member_name, doubtful)."""

    HEADERS = ("日期", "作者", "处理", "内容")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_DAY:
                return day_heading(row.day)  # with the year: a paste often leaves it out
            if column == COL_AUTHOR:
                return row.member_name
            if column == COL_ACTION:
                return row.action + (DOUBT_MARK if row.doubtful else "")
            return " ".join(row.text.split())
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_ACTION:
                return ACTION_TIPS.get(row.action, "") + ("\n" + DOUBT_TIP if row.doubtful else "")
            return row.text if column == COL_TEXT else None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_ACTION:
            return QColor(DOUBT_COLOUR if row.doubtful else ACTION_COLOURS.get(row.action, "#1F2329"))
        if role == SortRole:
            return (row.day, row.member_name, row.action, row.text)[column]
        if role == RecordRole:
            return row
        return None
