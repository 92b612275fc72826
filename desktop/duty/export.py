"""The rota as a spreadsheet or a picture.

    export_duty(path, date_from=None, date_to=None) -> int   # assignments exported

.csv: one row per person per shift, columns exactly 日期, 值守点, 班次, 开始时间, 结束时间, 姓名.
Times are the shift's 'HH:MM' (an overnight shift ends earlier than it starts, e.g. 22:30 →
08:30); dates YYYY-MM-DD; UTF-8 with a BOM (Excel on Windows reads it).
.xlsx: sheet 1 “值班表” laid out like the printed 值班表 (a block per week: posts × shifts ×
days, names in the cells, ★ Party members, 待定 where someone is missing); sheet 2 “每人每班”
the same one-row-per-person-per-shift table as the .csv, with a bold frozen header and the
times as text (desktop/exporters/tabular.py).
.png: one week as a picture for a phone screen (desktop/exporters/rota_picture.py).
Rows sorted by date, post position, shift position, name in pinyin order.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..exporters.tabular import ExportError, fill_table_sheet, write_table, write_workbook
from ..models import DutyAssignment, Member, Post, ShiftDefinition
from .rota_sheet import LEGEND, RotaSheet, day_title, rota_sheet

HEADERS = ("日期", "值守点", "班次", "开始时间", "结束时间", "姓名")
SUFFIXES = (".xlsx", ".csv", ".png")
LAYOUT_SHEET, ROWS_SHEET = "值班表", "每人每班"
PICTURE_DAYS = 7


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


def check_duty_path(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(f"不支持导出为“{path.suffix or path.name}”，请选择 .xlsx、.csv 或 .png 文件。")
    return suffix


def export_duty(path: Path | str, date_from: dt.date | None = None, date_to: dt.date | None = None) -> int:
    path = Path(path)
    suffix = check_duty_path(path)
    if date_from and date_to and date_from > date_to:
        raise ExportError("开始日期不能晚于结束日期")
    if suffix == ".png":
        return export_duty_picture(path, date_from, date_to)
    rows = rota_rows(date_from, date_to)
    if suffix == ".csv":
        write_table(path, HEADERS, rows, ROWS_SHEET, max_width=40)
        return len(rows)
    first = date_from or (rows[0][0] if rows else None)
    last = date_to or (rows[-1][0] if rows else None)
    sheet = rota_sheet(first, last) if first and last else None

    def fill(workbook) -> None:
        write_layout_sheet(workbook.create_sheet(LAYOUT_SHEET), sheet)
        fill_table_sheet(workbook.create_sheet(ROWS_SHEET), HEADERS, rows, max_width=40)

    write_workbook(path, fill)
    return len(rows)


def picture_period(date_from: dt.date | None, date_to: dt.date | None) -> tuple[dt.date, dt.date]:
    """The week a picture shows: at most PICTURE_DAYS days (a phone screen holds one week)."""
    if date_from is None:
        raise ExportError("导出图片需要指定开始日期（--from）")
    date_to = date_to or date_from + dt.timedelta(days=PICTURE_DAYS - 1)
    if (date_to - date_from).days + 1 > PICTURE_DAYS:
        raise ExportError(f"一张图片最多放 {PICTURE_DAYS} 天（一周），请缩短日期范围")
    return date_from, date_to


def export_duty_picture(path: Path, date_from: dt.date | None, date_to: dt.date | None) -> int:
    from ..exporters.rota_picture import save_picture

    first, last = picture_period(date_from, date_to)
    sheet = rota_sheet(first, last)
    save_picture(sheet, path)
    return sum(len(c.names) for r in sheet.rows for c in r.cells)


def write_layout_sheet(ws, sheet: RotaSheet | None) -> None:
    """The printed 值班表 on a worksheet: per week a title, the period, a header of days, a row
    per post and shift (the post merged over its shifts), the legend; a blank row between weeks."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    if sheet is None or not sheet.rows:
        ws.cell(row=1, column=1, value="暂无值班安排")
        return
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header_fill = PatternFill("solid", fgColor="EDEFF3")
    missing_font = Font(color="C05A00")
    row = 1
    for week in sheet.weeks():
        width = 2 + len(week.days)
        for text, font in ((week.title, Font(bold=True, size=16)), (week.period, Font(size=12))):
            ws.cell(row=row, column=1, value=text).font = font
            ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            row += 1
        header = ["值守点", "班次", *[day_title(d).replace(" ", "\n") for d in week.days]]
        for column, text in enumerate(header, start=1):
            cell = ws.cell(row=row, column=column, value=text)
            cell.font, cell.alignment, cell.border, cell.fill = Font(bold=True), centre, box, header_fill
        ws.row_dimensions[row].height = 32
        row += 1
        post_start = row
        for index, line in enumerate(week.rows):
            if line.first_of_post:
                if index:
                    _merge_post(ws, post_start, row - 1)
                post_start = row
            post_text = line.post + ("\n（党员带班）" if line.party_lead else "")
            values = [post_text if line.first_of_post else None, f"{line.shift}\n{line.times}"]
            values += ["\n".join(cell.lines()) for cell in line.cells]
            for column, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=column, value=value)
                cell.alignment, cell.border = centre, box
                if column > 2 and line.cells[column - 3].missing:
                    cell.font = missing_font
            tallest = max(len(str(v or "").split("\n")) for v in values)
            ws.row_dimensions[row].height = max(30, 15 * tallest + 6)
            row += 1
        _merge_post(ws, post_start, row - 1)
        ws.cell(row=row, column=1, value=f"注：{LEGEND}")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 2
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 14
    for column in range(3, 3 + min(7, len(sheet.days))):
        ws.column_dimensions[get_column_letter(column)].width = 13
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _merge_post(ws, first: int, last: int) -> None:
    if last > first:
        ws.merge_cells(start_row=first, start_column=1, end_row=last, end_column=1)
