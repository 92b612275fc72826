"""The rota as a spreadsheet: one row per person per shift.

    export_duty(path, date_from=None, date_to=None) -> int   # rows written

Columns exactly 日期, 值守点, 班次, 开始时间, 结束时间, 姓名. Times are the shift's 'HH:MM'
(an overnight shift ends earlier than it starts, e.g. 22:30 → 08:30); dates YYYY-MM-DD.
.csv is UTF-8 with a BOM (Excel on Windows reads it); .xlsx has a bold frozen header and
the times as text (desktop/exporters/tabular.py writes both).
Rows sorted by date, post position, shift position, name in pinyin order.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..exporters.tabular import ExportError, check_table_path, write_table
from ..models import DutyAssignment, Member, Post, ShiftDefinition

HEADERS = ("日期", "值守点", "班次", "开始时间", "结束时间", "姓名")


def rota_rows(date_from: dt.date | None = None, date_to: dt.date | None = None) -> list[tuple]:
    """(date, post, shift, start, end, name) per assignment, in rota order (one query)."""
    query = (DutyAssignment.select(DutyAssignment, Post, ShiftDefinition, Member)
             .join(Post).switch(DutyAssignment).join(ShiftDefinition).switch(DutyAssignment).join(Member)
             .order_by(DutyAssignment.date, Post.position, Post.id, ShiftDefinition.position,
                       ShiftDefinition.id, Member.name_pinyin, Member.id))
    if date_from is not None:
        query = query.where(DutyAssignment.date >= date_from)
    if date_to is not None:
        query = query.where(DutyAssignment.date <= date_to)
    return [(a.date, a.post.name, a.shift.name, a.shift.start_time, a.shift.end_time, a.member.name)
            for a in query]


def export_duty(path: Path | str, date_from: dt.date | None = None, date_to: dt.date | None = None) -> int:
    path = Path(path)
    check_table_path(path)
    if date_from and date_to and date_from > date_to:
        raise ExportError("开始日期不能晚于结束日期")
    rows = rota_rows(date_from, date_to)
    write_table(path, HEADERS, rows, "值班表", max_width=40)
    return len(rows)
