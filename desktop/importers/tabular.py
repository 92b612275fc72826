"""Read a spreadsheet (.xlsx first sheet or a named one, or .csv) into numbered rows.

    read_table(path, sheet=None) -> Table
    Table.rows: list of (sheet_row, cells); sheet_row is the row number the user sees
    in Excel (1-based), or the line number a record starts on in a .csv.

Cells are None, str, int, float or datetime. Entirely blank rows are dropped. A
numeric .xlsx cell shown with fixed decimals ('0.00') becomes the text the user
sees, so 1968.10 typed into such a cell is not read back as 1968.1.
Raises ImportFileError (a Chinese message) for missing, unsupported, unreadable
or empty files.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)
MAX_ROWS = 5000  # a branch roster has tens of rows; more means the wrong file
_FIXED_DECIMALS = re.compile(r"^[#,0]*0\.(0+)(;.*)?$")


class ImportFileError(Exception):
    """The file cannot be read as a roster; the message is for the user."""


@dataclass
class Table:
    source: Path
    sheet: str | None = None  # sheet title for .xlsx, None for .csv
    encoding: str | None = None  # detected encoding for .csv
    rows: list[tuple[int, list[object]]] = field(default_factory=list)


def read_table(path: Path | str, sheet: str | None = None) -> Table:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ImportFileError("不支持旧版 Excel 文件（.xls）。请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。")
    if suffix not in XLSX_SUFFIXES + CSV_SUFFIXES:
        raise ImportFileError(f"不支持的文件类型“{path.suffix or path.name}”，请选择 .xlsx 或 .csv 文件。")
    if not path.is_file():
        raise ImportFileError(f"找不到文件“{path}”。")
    if suffix in XLSX_SUFFIXES:
        with warnings.catch_warnings():
            # openpyxl warns about WPS extensions and out-of-range dates; the preview says what matters.
            warnings.simplefilter("ignore", UserWarning)
            table = _read_xlsx(path, sheet)
    else:
        table = _read_csv(path)
    if not table.rows:
        raise ImportFileError(f"文件“{path.name}”中没有任何内容。")
    return table


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _add(table: Table, sheet_row: int, cells: list[object]) -> None:
    while cells and _blank(cells[-1]):
        cells.pop()
    if not cells:
        return
    if len(table.rows) >= MAX_ROWS:
        raise ImportFileError(f"文件超过 {MAX_ROWS} 行，不像是支部花名册，请检查是否选错了文件。")
    table.rows.append((sheet_row, cells))


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import openpyxl  # deferred: only imports pay for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ImportFileError(
            f"无法读取“{path.name}”：文件可能已损坏，或不是 Excel 工作簿（{type(exc).__name__}）。"
        ) from exc
    try:
        if sheet is None:
            if not workbook.worksheets:
                raise ImportFileError(f"“{path.name}”中没有工作表。")
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise ImportFileError(f"“{path.name}”中没有名为“{sheet}”的工作表。")
        table = Table(path, sheet=worksheet.title)
        if not hasattr(worksheet, "reset_dimensions"):  # a chartsheet has no cells
            return table
        # The <dimension> some writers record is wrong; read every row the file has.
        worksheet.reset_dimensions()
        try:
            # Missing rows come back empty, so counting gives the Excel row number.
            for number, row in enumerate(worksheet.iter_rows(min_row=1), start=1):
                _add(table, number, [_xlsx_value(cell) for cell in row])
        except ImportFileError:
            raise
        except Exception as exc:  # malformed sheet XML surfaces as many types
            raise ImportFileError(f"读取“{path.name}”时出错：文件可能已损坏（{type(exc).__name__}）。") from exc
        return table
    finally:
        workbook.close()


def _xlsx_value(cell) -> object:
    value = getattr(cell, "value", None)
    if value is None or isinstance(value, (str, dt.datetime)):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, (int, float)):
        match = _FIXED_DECIMALS.match(getattr(cell, "number_format", "") or "")
        if match and isinstance(value, float) and value == value and abs(value) < 1e15:
            return f"{value:.{len(match.group(1))}f}"
        return value
    return str(value)  # time, timedelta: kept as text


def _decode(data: bytes, name: str) -> tuple[str, str]:
    # Excel on Chinese Windows saves "CSV" as GBK; everything else is UTF-8.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError(f"无法识别“{name}”的文字编码，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入。")


def _delimiter(text: str) -> str:
    head = text[:4000]
    if head.count(",") == 0 and head.count("\t") > 0:
        return "\t"
    if head.count(",") == 0 and head.count(";") > 0:
        return ";"
    return ","


def _read_csv(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"无法打开“{path.name}”：{exc.strerror or exc}") from exc
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(f"“{path.name}”不是文本文件，无法按 CSV 读取。")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(f"“{path.name}”是 UTF-16 编码，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入。")
    text, encoding = _decode(data, path.name)
    table = Table(path, encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    line = 1
    try:
        for record in reader:
            _add(table, line, list(record))
            line = reader.line_num + 1  # a quoted cell may span lines
    except csv.Error as exc:
        raise ImportFileError(f"“{path.name}”第 {line} 行的格式有误：{exc}") from exc
    return table
