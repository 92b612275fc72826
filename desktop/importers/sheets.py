"""Which sheet of a workbook holds the roster: the named one, else the one with a roster header.

    choose_sheet(tables, sheet=None) -> Table
Raises SheetChoiceNeeded (listing them) when several sheets hold a roster header, and
ImportFileError naming every sheet read when none does or the named one is missing.
"""
from __future__ import annotations

from pathlib import Path

from .header import HEADER_SCAN_ROWS, find_layout
from .table import ImportFileError, Table


class SheetChoiceNeeded(ImportFileError):
    """Several sheets hold a roster header; the user must say which one to read."""

    def __init__(self, source: Path, sheets: list[str]):
        names = "、".join(f"“{name}”" for name in sheets)
        super().__init__(
            f"“{source.name}”中有 {len(sheets)} 个工作表含有花名册表头：{names}。"
            "请选择要导入的工作表（命令行请加 --sheet 工作表名称）。"
        )
        self.source = source
        self.sheets = sheets


def choose_sheet(tables: list[Table], sheet: str | None = None) -> Table:
    """The named sheet, else the one sheet that holds a roster header."""
    source = tables[0].source
    if sheet is not None:
        for table in tables:
            if table.sheet == sheet or (table.sheet is None and len(tables) == 1):
                return table
        names = "、".join(f"“{t.sheet}”" for t in tables if t.sheet)
        raise ImportFileError(f"“{source.name}”中没有名为“{sheet}”的工作表（有：{names or '无'}）。")
    if len(tables) == 1:
        return tables[0]
    with_header = []
    for table in tables:
        try:
            find_layout(table)
        except ImportFileError:
            continue
        with_header.append(table)
    if len(with_header) == 1:
        return with_header[0]
    if with_header:
        raise SheetChoiceNeeded(source, [t.sheet or "" for t in with_header])
    names = "、".join(f"“{t.sheet}”" for t in tables)
    raise ImportFileError(
        f"在“{source.name}”的工作表{names}的前 {HEADER_SCAN_ROWS} 行中都找不到表头。"
        "表头行应包含“姓名”以及“性别”“联系电话”等列名。"
    )
