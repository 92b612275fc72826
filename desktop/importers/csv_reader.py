"""A .csv roster as a Table: its encoding found from the bytes, the way Excel and WPS save them.

UTF-8 with or without BOM, GBK/GB18030 (Excel on Chinese Windows), UTF-16 with a BOM
(Excel's "Unicode 文本") or without one (told by the zero bytes of ASCII characters).
A stray zero byte in a text file is refused with its line number; a file full of
them is not text. Raises ImportFileError.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .table import ImportFileError, Table, add_row

_SAMPLE = 4096


def read_csv(path: Path, data: bytes) -> Table:
    text, encoding = decode(data, path.name)
    table = Table(path, encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    line = 1
    try:
        for record in reader:
            add_row(table, line, list(record))
            line = reader.line_num + 1  # a quoted cell may span lines
    except csv.Error as exc:
        raise ImportFileError(
            f"“{path.name}”第 {line} 行的格式有误（引号不成对或分隔符混乱）。"
            "请在 Excel/WPS 中打开检查该行，另存为“CSV UTF-8”后再导入。"
        ) from exc
    return table


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the zero bytes sit where UTF-16 puts them for ASCII text."""
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    odd = sum(1 for b in sample[1::2] if b == 0)
    even = sum(1 for b in sample[0::2] if b == 0)
    zeros = odd + even
    if zeros < 2:
        return None
    for encoding, at, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if other == 0 and at == zeros:
            return encoding
    return None


def decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif (wide := _utf16_without_bom(data)) is not None:
        candidates = [wide]
    else:
        _refuse_zero_bytes(data, name)
        # Excel on Chinese Windows saves "CSV" as GBK; everything else is UTF-8.
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            _refuse_zero_bytes(text.encode("utf-8"), name)
        return text.removeprefix("\ufeff"), encoding
    raise ImportFileError(
        f"无法识别“{name}”的文字编码（既不是 UTF-8，也不是 GBK/GB18030 或 UTF-16）。"
        "请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入。"
    )


def _refuse_zero_bytes(data: bytes, name: str) -> None:
    zeros = data.count(b"\x00")
    if not zeros:
        return
    if zeros > max(2, len(data) // 100):
        raise ImportFileError(
            f"“{name}”不是文本文件（含有大量空字节，可能是图片、压缩包或其他程序的文件），无法按 CSV 读取。"
            "请确认选对了文件；如果是 Excel 工作簿，请选择 .xlsx 文件。"
        )
    line = data[:data.index(b"\x00")].count(b"\n") + 1
    raise ImportFileError(
        f"“{name}”第 {line} 行含有空字符（NUL），文件可能在保存或复制时损坏。"
        "请在 Excel/WPS 中打开检查该行，另存为“CSV UTF-8”后再导入。"
    )


def _delimiter(text: str) -> str:
    head = text[:4000]
    if head.count(",") == 0 and head.count("\t") > 0:
        return "\t"
    if head.count(",") == 0 and head.count(";") > 0:
        return ";"
    return ","
