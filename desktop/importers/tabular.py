"""Read a roster file (.xlsx or .csv) into numbered rows, telling by its bytes what it really is.

    read_tables(path) -> list[Table]     # every worksheet of an .xlsx; one Table for a .csv
    read_table(path, sheet=None) -> Table   # one sheet: the named one, else the first

A file is read by what its bytes are, not only by its extension: an .xlsx saved with
a password (an OLE file holding "EncryptedPackage"), an old .xls renamed, text named
.xlsx or a workbook named .csv each get a message that names the real cause and what
to do. See .xlsx_reader and .csv_reader for the cells. Raises ImportFileError.
"""
from __future__ import annotations

from pathlib import Path

from .csv_reader import read_csv
from .table import MAX_ROWS, ImportFileError, Table, UncomputedFormula
from .xlsx_reader import read_workbook

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"

__all__ = ["MAX_ROWS", "ImportFileError", "Table", "UncomputedFormula", "read_table", "read_tables"]


def read_tables(path: Path | str) -> list[Table]:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in XLSX_SUFFIXES + CSV_SUFFIXES + (".xls",):
        raise ImportFileError(f"不支持的文件类型“{path.suffix or path.name}”，请选择 .xlsx 或 .csv 文件。")
    data = _read_bytes(path)
    if data.startswith(_OLE):
        raise ImportFileError(_ole_message(path, data))
    if suffix == ".xls" and not data.startswith(_ZIP):
        raise ImportFileError("不支持旧版 Excel 文件（.xls）。请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。")
    if data.startswith(_ZIP):
        tables = read_workbook(path, data)  # a workbook named .csv is still a workbook
        if not tables:
            raise ImportFileError(f"“{path.name}”中没有工作表。")
    elif suffix in XLSX_SUFFIXES and data.strip():
        raise ImportFileError(
            f"“{path.name}”不是 Excel 工作簿（内容不是 .xlsx 格式，可能是改了扩展名的文本或其他文件）。"
            "如果它是 CSV 文本，请把扩展名改为 .csv；否则请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
        )
    else:
        tables = [read_csv(path, data)]
    if not any(table.rows for table in tables):
        raise ImportFileError(f"文件“{path.name}”中没有任何内容。")
    return tables


def read_table(path: Path | str, sheet: str | None = None) -> Table:
    tables = read_tables(path)
    if sheet is None:
        return tables[0]
    for table in tables:
        if table.sheet == sheet:
            return table
    names = "、".join(f"“{t.sheet}”" for t in tables if t.sheet)
    raise ImportFileError(f"“{Path(path).name}”中没有名为“{sheet}”的工作表（有：{names or '无'}）。")


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise ImportFileError(f"“{path}”是一个文件夹，请选择花名册文件（.xlsx 或 .csv）。")
    if not path.exists():
        raise ImportFileError(f"找不到文件“{path}”。")
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise ImportFileError(f"没有权限读取“{path.name}”。请检查文件权限，或先把文件复制到本机再导入。") from exc
    except OSError as exc:
        raise ImportFileError(
            f"无法读取“{path.name}”（读取出错，错误代码 {exc.errno}）。如果文件在U盘或网络位置，请先复制到本机再导入。"
        ) from exc


def _ole_message(path: Path, data: bytes) -> str:
    """An OLE compound file: Excel stores a password-protected .xlsx this way, and old .xls too."""
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return f"无法读取“{path.name}”：文件设有密码，请在 Excel/WPS 中取消密码后再导入。"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return (f"“{path.name}”实际上是旧版 Excel 文件（.xls 格式）。"
                "请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。")
    return f"“{path.name}”不是 Excel 工作簿或 CSV 文件（可能是 Word 等其他 Office 文件），请确认选对了文件。"
