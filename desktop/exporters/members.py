"""Writing the roster to .xlsx or .csv, with Chinese headers that import back cleanly.

    export_members(path, members=None, reveal=False) -> int   # the number of members written

Columns: every roster field by its label (姓名, 性别, 出生年月 ...) then 状态 (在岗 / 已撤离)
and 待完善 (the missing required fields). Partial dates print as 1968.05. ID numbers and
phones are masked unless reveal=True. In .xlsx the header is bold and frozen and
phone/ID cells are text; .csv is UTF-8 with a BOM (so Excel on Windows reads it),
and an unmasked phone or ID is written ="..." so Excel keeps it as text (our importer
reads that form back). Raises ExportError (a Chinese message) for an unknown extension
or a file that cannot be written. members defaults to the whole roster in pinyin order.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ..models import Member
from ..roster.dates import format_partial
from ..roster.fields import FIELDS
from ..roster.privacy import mask_id_number, mask_phone
from ..roster.service import completeness, list_members, member_values

STATUS, MISSING = "状态", "待完善"
HEADERS = tuple(f.label for f in FIELDS) + (STATUS, MISSING)
_TEXT_KINDS = ("phone", "id_number", "partial_date")


class ExportError(Exception):
    """The roster could not be written; the message is for the user."""


def _cell(kind: str, value: object, reveal: bool) -> object:
    if value in (None, ""):
        return ""
    if kind == "partial_date":
        return format_partial(value)
    if kind == "phone":
        return value if reveal else mask_phone(value)
    if kind == "id_number":
        return value if reveal else mask_id_number(value)
    return value


def member_row(member: Member, reveal: bool = False) -> list[object]:
    """One member as export cells, in HEADERS order (dates stay date objects)."""
    values = member_values(member)
    row = [_cell(spec.kind, values.get(spec.key), reveal) for spec in FIELDS]
    row.append("已撤离" if member.departed_on else "在岗")
    row.append("、".join(completeness(member)))
    return row


def export_members(path: Path | str, members: Iterable[Member] | None = None, reveal: bool = False) -> int:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError(f"不支持导出为“{path.suffix or path.name}”，请选择 .xlsx 或 .csv 文件。")
    members = list_members() if members is None else list(members)
    rows = [member_row(member, reveal) for member in members]
    writer = _write_xlsx if suffix == ".xlsx" else _write_csv
    # Write beside the target and swap in, so a failed export never leaves half a file.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(suffix=suffix, prefix=".export-", dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise ExportError(f"无法在“{path.parent}”中写入文件：{exc.strerror or exc}") from exc
    try:
        writer(Path(temp), rows, reveal)
        os.replace(temp, path)
    except OSError as exc:
        raise ExportError(
            f"无法写入“{path.name}”：{exc.strerror or exc}。如果文件正在 Excel 或 WPS 中打开，请先关闭。"
        ) from exc
    finally:
        if os.path.exists(temp):
            os.remove(temp)
    return len(rows)


def _csv_text(kind: str, value: object, reveal: bool) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if reveal and text and kind in ("phone", "id_number"):
        return f'="{text}"'
    return text


def _write_csv(path: Path, rows: list[list[object]], reveal: bool) -> None:
    kinds = [spec.kind for spec in FIELDS] + ["text", "text"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([_csv_text(kind, value, reveal) for kind, value in zip(kinds, row)])


def _display_width(text: str) -> int:
    # A Chinese character is about two Latin characters wide in Excel.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _write_xlsx(path: Path, rows: list[list[object]], reveal: bool) -> None:  # noqa: ARG001
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    kinds = [spec.kind for spec in FIELDS] + ["text", "text"]
    bold = Font(bold=True)
    for column, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center")
    widths = [_display_width(header) for header in HEADERS]
    for row_index, row in enumerate(rows, start=2):
        for column, (kind, value) in enumerate(zip(kinds, row), start=1):
            cell = sheet.cell(row=row_index, column=column)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
                text = value.isoformat()
            else:
                text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
                if text:
                    cell.value = text
                    cell.data_type = "s"  # openpyxl would turn '=...' text into a formula
                if kind in _TEXT_KINDS:
                    cell.number_format = "@"
            longest = max((_display_width(line) for line in text.splitlines() or [""]), default=0)
            widths[column - 1] = max(widths[column - 1], longest)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 6), 50)
    sheet.freeze_panes = "A2"
    workbook.save(path)
