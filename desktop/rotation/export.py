"""The rota as a spreadsheet: one row per person per shift.

    export_duty(path, date_from=None, date_to=None) -> int   # rows written

Columns exactly 日期, 值守点, 班次, 开始时间, 结束时间, 姓名. Times are the shift's 'HH:MM'
(an overnight shift ends earlier than it starts, e.g. 22:30 → 08:30); dates YYYY-MM-DD.
.csv is UTF-8 with a BOM (Excel on Windows reads it); .xlsx has a bold frozen header.
Rows sorted by date, post position, shift position, name in pinyin order.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from pathlib import Path

from ..exporters.members import ExportError, _display_width
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
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError(f"不支持导出为“{path.suffix or path.name}”，请选择 .xlsx 或 .csv 文件。")
    if date_from and date_to and date_from > date_to:
        raise ExportError("开始日期不能晚于结束日期")
    rows = rota_rows(date_from, date_to)
    writer = _write_xlsx if suffix == ".xlsx" else _write_csv
    # Written beside the target and swapped in: a failed export never leaves half a file.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(suffix=suffix, prefix=".export-", dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise ExportError(f"无法在“{path.parent}”中写入文件：{exc.strerror or exc}") from exc
    try:
        writer(Path(temp), rows)
        os.replace(temp, path)
    except OSError as exc:
        raise ExportError(
            f"无法写入“{path.name}”：{exc.strerror or exc}。如果文件正在 Excel 或 WPS 中打开，请先关闭。"
        ) from exc
    finally:
        if os.path.exists(temp):
            os.remove(temp)
    return len(rows)


def _write_csv(path: Path, rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for day, *rest in rows:
            writer.writerow([day.isoformat(), *rest])


def _write_xlsx(path: Path, rows: list[tuple]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "值班表"
    bold = Font(bold=True)
    for column, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font = bold
        cell.alignment = Alignment(horizontal="center")
    widths = [_display_width(h) for h in HEADERS]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"  # a real date: sorts and filters in Excel
                text = value.isoformat()
            else:
                cell.data_type = "s"  # '08:00' must stay text, not become a time fraction
                text = str(value)
            widths[c - 1] = max(widths[c - 1], _display_width(text))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, 40)
    sheet.freeze_panes = "A2"
    workbook.save(path)
