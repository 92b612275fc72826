"""One table to .xlsx or .csv, written safely; shared by the roster and rota exports.

    check_table_path(path) -> str     # '.xlsx' or '.csv', else ExportError
    write_table(path, headers, rows, sheet_title, text_columns=(), csv_text_columns=(), max_width=50,
                title=None)
    write_workbook(path, fill)        # an .xlsx of several sheets: fill(workbook) adds them
    fill_table_sheet(sheet, headers, rows, ..., title=None)   # one table on a sheet, as write_table lays it out

Written beside the target and swapped in, so a failed export never leaves half a file.
A title (e.g. "某某临时党支部党员花名册") is a first row above the header, merged across in .xlsx.
.csv is UTF-8 with a BOM (so Excel on Windows reads it); dates print as YYYY-MM-DD and a
non-empty cell in csv_text_columns is written ="..." so Excel keeps it as text (long
numbers would otherwise lose digits). A .csv text cell that starts with = + - @, a tab or
a carriage return gets an apostrophe in front, so Excel shows it as text instead of
running it (a name "=WEBSERVICE(…)" would otherwise send the row's phone away); the
roster importer takes that apostrophe off again. .xlsx has a bold, centred, frozen header, column
widths from the widest line (a Chinese character counts two), dates as real dates and
integers as numbers and
every other value as text (never a formula, and no number Excel could round); text_columns are also
formatted '@' so what is typed there later stays text. Raises ExportError with a
message for the user.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
import tempfile
import unicodedata
from collections.abc import Collection, Sequence
from pathlib import Path

SUFFIXES = (".xlsx", ".csv")
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[0-9A-Za-z()\- ]+$")  # safe inside ="..."


class ExportError(Exception):
    """The file could not be written; the message is for the user."""


def check_table_path(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(f"不支持导出为“{path.suffix or path.name}”，请选择 .xlsx 或 .csv 文件。")
    return suffix


def write_table(path: Path | str, headers: Sequence[str], rows: Sequence[Sequence[object]], sheet_title: str,
                text_columns: Collection[int] = (), csv_text_columns: Collection[int] = (),
                max_width: int = 50, title: str | None = None) -> None:
    """Write headers and rows (column indexes from 0) to path, replacing it only once complete."""
    path = Path(path)
    suffix = check_table_path(path)

    def write(temp: Path) -> None:
        if suffix == ".xlsx":
            _write_xlsx(temp, headers, rows, sheet_title, text_columns, max_width, title)
        else:
            _write_csv(temp, headers, rows, csv_text_columns, title)

    _replace_safely(path, suffix, write)


def write_workbook(path: Path | str, fill) -> None:
    """An .xlsx whose sheets fill(workbook) adds (workbook.create_sheet) to a new openpyxl
    Workbook with no sheet; path is replaced only once complete."""
    from openpyxl import Workbook

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ExportError(f"不支持导出为“{path.suffix or path.name}”，请选择 .xlsx 文件。")

    def write(temp: Path) -> None:
        workbook = Workbook()
        workbook.remove(workbook.active)
        fill(workbook)
        workbook.save(temp)

    _replace_safely(path, ".xlsx", write)


def write_failure(exc: OSError, path: Path) -> str:
    """The Chinese sentence for a failed export (a full disk, a read-only stick, a file open in
    Excel), naming the file chosen; the OS's English ("Permission denied") is never shown."""
    from ..safety.errors import user_message

    return user_message(exc, path, fallback=f"无法写入“{path}”，文件没有导出。请换一个位置后再试。",
                        open_elsewhere="Excel 或 WPS")


def _replace_safely(path: Path, suffix: str, write) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(suffix=suffix, prefix=".export-", dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise ExportError(write_failure(exc, path.parent)) from exc
    try:
        write(Path(temp))
        os.replace(temp, path)
    except OSError as exc:
        raise ExportError(write_failure(exc, path)) from exc
    finally:
        if os.path.exists(temp):
            os.remove(temp)


def display_width(text: str) -> int:
    # A Chinese character is about two Latin characters wide in Excel.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def neutralise(text: str) -> str:
    """Text Excel would run as a formula, made plain text by a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def _csv_text(value: object, as_excel_text: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # a number stays a number (-3 is not a formula)
    text = str(value)
    if as_excel_text and text and _PLAIN_NUMBER.match(text):
        return f'="{text}"'
    return neutralise(text)


def _write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]],
               csv_text_columns: Collection[int], title: str | None) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        if title:
            writer.writerow([neutralise(title)])
        writer.writerow([neutralise(header) for header in headers])
        for row in rows:
            writer.writerow([_csv_text(value, index in csv_text_columns) for index, value in enumerate(row)])


def _write_xlsx(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]], sheet_title: str,
                text_columns: Collection[int], max_width: int, title: str | None) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    fill_table_sheet(sheet, headers, rows, text_columns, max_width, title)
    workbook.save(path)


def fill_table_sheet(sheet, headers: Sequence[str], rows: Sequence[Sequence[object]],
                     text_columns: Collection[int] = (), max_width: int = 50, title: str | None = None) -> None:
    """One table on an openpyxl sheet: bold frozen header, real dates, text cells, fitted widths."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    top = 1
    if title:
        cell = sheet.cell(row=1, column=1)
        cell.value = title
        cell.data_type = "s"
        cell.font = Font(bold=True, size=16)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(headers), 1))
        sheet.row_dimensions[1].height = 30
        top = 2
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=top, column=column, value=header)
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center")
    widths = [display_width(header) for header in headers]
    for row_index, row in enumerate(rows, start=top + 1):
        for index, value in enumerate(row):
            cell = sheet.cell(row=row_index, column=index + 1)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"  # a real date: sorts and filters in Excel
                text = value.isoformat()
            elif isinstance(value, int) and not isinstance(value, bool):
                cell.value = value  # a count or 序号: a number, which can never be a formula
                text = str(value)
            else:
                text = "" if value is None else ILLEGAL_CHARACTERS_RE.sub("", str(value))
                if text:
                    cell.value = text
                    cell.data_type = "s"  # '=...' must not become a formula nor '08:00' a time
                if index in text_columns:
                    cell.number_format = "@"
            longest = max((display_width(line) for line in text.splitlines() or [""]), default=0)
            widths[index] = max(widths[index], longest)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 6), max_width)
    sheet.freeze_panes = f"A{top + 1}"
