"""支部一览 as a table: one BranchOverview (desktop/hub/queries.py) per row, no database access."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ...hub.queries import BranchOverview
from ...roster.pinyin import pinyin_key
from ..table_base import RecordRole, RowTableModel, SortRole

COL_NAME, COL_COMMUNITY, COL_MEMBERS, COL_LAST, COL_PERIOD, COL_STATUS = range(6)
COL_MEETINGS, COL_ATTENDANCE, COL_SHIFTS, COL_HANDOVERS, COL_DIARIES = range(6, 11)

HEADERS = ("支部", "社区", "成员", "最近数据包", "数据包期间", "报送状态",
           "会议", "出勤率", "值班人次", "交接班", "日记")
NUMBERS = (COL_MEMBERS, COL_MEETINGS, COL_ATTENDANCE, COL_SHIFTS, COL_HANDOVERS, COL_DIARIES)

STALE_COLOR = QColor("#B00020")
STALE_BACKGROUND = QColor("#FDECEE")


def moment_text(moment: dt.datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else ""


def status_text(row: BranchOverview) -> str:
    """逾期未报 with the days, else how recent; the words a person scans the column for."""
    if row.days_since is None:
        return "未知"
    if row.stale:
        return f"逾期未报（{row.days_since} 天）"
    return "今天已报" if row.days_since <= 0 else f"正常（{row.days_since} 天前）"


class BranchTableModel(RowTableModel):
    HEADERS = HEADERS

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row: BranchOverview | None = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SortRole:
            return self._sort_value(row, column)
        if role == RecordRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.stale and column in (COL_NAME, COL_LAST, COL_STATUS):
            return QBrush(STALE_COLOR)
        if role == Qt.ItemDataRole.BackgroundRole and row.stale and column == COL_STATUS:
            return QBrush(STALE_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    @staticmethod
    def _display(row: BranchOverview, column: int) -> str:
        figures = row.figures
        return {
            COL_NAME: row.name or "（未命名支部）", COL_COMMUNITY: row.where, COL_MEMBERS: str(row.members),
            COL_LAST: moment_text(row.last_created_at or row.last_imported_at), COL_PERIOD: row.period_text,
            COL_STATUS: status_text(row), COL_MEETINGS: str(figures.meetings),
            COL_ATTENDANCE: figures.attendance_text, COL_SHIFTS: str(figures.shifts),
            COL_HANDOVERS: str(figures.handovers), COL_DIARIES: str(figures.diaries),
        }[column]

    @staticmethod
    def _sort_value(row: BranchOverview, column: int):
        figures = row.figures
        if column == COL_NAME:
            return pinyin_key(row.name) if row.name else None
        if column == COL_COMMUNITY:
            return pinyin_key(row.where) if row.where else None
        if column == COL_LAST:
            moment = row.last_created_at or row.last_imported_at
            return moment.isoformat() if moment else None
        if column == COL_PERIOD:
            return (row.period_from or dt.date.min).isoformat() + (row.period_to or dt.date.max).isoformat()
        if column == COL_STATUS:
            return row.days_since
        if column == COL_ATTENDANCE:
            return figures.attendance_rate
        return {COL_MEMBERS: row.members, COL_MEETINGS: figures.meetings, COL_SHIFTS: figures.shifts,
                COL_HANDOVERS: figures.handovers, COL_DIARIES: figures.diaries}[column]

    @staticmethod
    def _tooltip(row: BranchOverview, column: int) -> str | None:
        if column == COL_LAST:
            personal = "含身份证号和手机号" if row.personal == "sealed" else "未含身份证号和手机号"
            return (f"第 {row.sequence} 号数据包，支部生成于 {moment_text(row.last_created_at) or '未知'}，"
                    f"导入于 {moment_text(row.last_imported_at)}；{personal}")
        if column == COL_STATUS and row.stale:
            return f"最近一个数据包已是 {row.days_since} 天前生成的，请联系该支部报送"
        if column == COL_MEMBERS:
            return f"花名册 {row.members} 人（含已撤离），统计期间内在岗 {row.on_site} 人"
        if column == COL_ATTENDANCE:
            figures = row.figures
            return f"统计期间内会议应到 {figures.expected} 人次，实到 {figures.present} 人次"
        if column == COL_NAME:
            return "、".join(t for t in (row.subdistrict, row.approving_org) if t) or None
        return None
