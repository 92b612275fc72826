"""Every worksheet of an .xlsx as Tables: values as the user sees them, merged ranges, and
formulas saved without a result marked as such (never read as empty).

    read_workbook(path, data) -> list[Table]    # one per worksheet, in workbook order

The workbook is read twice, once for the saved results and once for the formulas, because
openpyxl gives either one or the other. Raises ImportFileError.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from pathlib import Path

from .table import ImportFileError, Table, UncomputedFormula, add_row

_FIXED_DECIMALS = re.compile(r"^[#,0]*0\.(0+)(;.*)?$")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]')
# Worksheets unpacked beyond this are not a branch roster (and would fill the memory).
MAX_SHEET_BYTES = 60 * 1024 * 1024


def read_workbook(path: Path, data: bytes) -> list[Table]:
    """*data* is the file's bytes: read by content, so a workbook named .csv is read too."""
    _check_size(path, data)
    with warnings.catch_warnings():
        # openpyxl warns about WPS extensions and out-of-range dates; the preview says what matters.
        warnings.simplefilter("ignore", UserWarning)
        values = _load(path, data, data_only=True)
        formulas = _load(path, data, data_only=False)
    try:
        titles = tuple(sheet.title for sheet in values.worksheets)
        tables = []
        for sheet, formula_sheet in zip(values.worksheets, formulas.worksheets):
            table = Table(path, sheet=sheet.title, sheets=titles)
            if hasattr(sheet, "iter_rows"):  # a chartsheet has no cells
                _read_sheet(table, sheet, formula_sheet)
            tables.append(table)
        return tables
    finally:
        values.close()
        formulas.close()


def _check_size(path: Path, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist()
                           if info.filename.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(
            f"无法读取“{path.name}”：文件不完整或已损坏（可能没有复制完整）。"
            "请从原处重新复制，或在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
        ) from exc
    if unpacked > MAX_SHEET_BYTES:
        raise ImportFileError(f"“{path.name}”的工作表过大（解压后 {unpacked // 1024 // 1024} MB），"
                              "不像是支部花名册，请检查是否选错了文件。")


def _load(path: Path, data: bytes, data_only: bool):
    import openpyxl  # deferred: only imports pay for it

    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception as exc:  # a broken package surfaces as many types (KeyError, ValueError …)
        raise ImportFileError(
            f"无法读取“{path.name}”：文件不是完整的 Excel 工作簿（{type(exc).__name__}）。"
            "请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
        ) from exc


def _read_sheet(table: Table, sheet, formula_sheet) -> None:
    try:
        for number, (row, formula_row) in enumerate(
                zip(sheet.iter_rows(min_row=1), formula_sheet.iter_rows(min_row=1)), start=1):
            add_row(table, number, [_value(cell, f_cell) for cell, f_cell in zip(row, formula_row)])
        table.merged = [
            (r.min_row, r.min_col - 1, r.max_row, r.max_col - 1) for r in sheet.merged_cells.ranges
        ]
    except ImportFileError:
        raise
    except Exception as exc:  # malformed sheet XML surfaces as many types
        raise ImportFileError(
            f"读取“{table.source.name}”的工作表“{table.sheet}”时出错：文件可能已损坏（{type(exc).__name__}）。"
        ) from exc


def _value(cell, formula_cell) -> object:
    value = getattr(cell, "value", None)
    if value is None:
        formula = getattr(formula_cell, "value", None)
        plain = (str, int, float, dt.datetime, dt.date, dt.time, type(None))
        if getattr(formula_cell, "data_type", None) == "f" or not isinstance(formula, plain):
            # A formula (or array formula) whose result the saving program never computed.
            text = formula if isinstance(formula, str) else getattr(formula, "text", "") or "公式"
            return UncomputedFormula(str(text))
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    number_format = getattr(cell, "number_format", "") or ""
    if isinstance(value, (dt.datetime, dt.date)):
        if not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time())
        if _shows_month_only(number_format):
            return f"{value.year}.{value.month:02d}"  # what the user sees: 1978.07, 1978年7月
        return value
    if isinstance(value, (int, float)):
        match = _FIXED_DECIMALS.match(number_format)
        if match and isinstance(value, float) and value == value and abs(value) < 1e15:
            return f"{value:.{len(match.group(1))}f}"
        return value
    return str(value)  # time, timedelta: kept as text


def _shows_month_only(number_format: str) -> bool:
    """A date format with a year and a month but no day ('yyyy.mm', 'yyyy"年"m"月"', 'mmm-yy')."""
    plain = _QUOTED.sub("", number_format.split(";")[0]).lower()
    return "y" in plain and "m" in plain and "d" not in plain and "h" not in plain and "s" not in plain
