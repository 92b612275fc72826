"""The rows a reader hands to the importer, and the one error type for unreadable files.

    Table.rows    list of (sheet_row, cells): the row number the user sees in Excel (1-based),
                  or the line number a record starts on in a .csv
    Table.merged  merged cell ranges of an .xlsx sheet, as (first_row, first_col, last_row,
                  last_col): sheet rows and 0-based columns, so they index Table.rows' cells
    Table.sheets  every worksheet title of the workbook (the one read is Table.sheet)

Cells are None, str, int, float, datetime, or UncomputedFormula for a formula whose result
was never saved (its value is unknown, which is not the same as empty).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError

MAX_ROWS = 5000  # a branch roster has tens of rows; more means the wrong file


class ImportFileError(UserError):
    """The file cannot be read as a roster; the message is for the user."""


@dataclass(frozen=True)
class UncomputedFormula:
    """A formula cell saved without its result (by a program that does not calculate)."""

    formula: str

    def __str__(self) -> str:
        return self.formula


@dataclass
class Table:
    source: Path
    sheet: str | None = None  # sheet title for .xlsx, None for .csv
    encoding: str | None = None  # detected encoding for .csv
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    sheets: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """'“花名册.xlsx”的工作表“名单”' or '“花名册.csv”', for messages."""
        return f"“{self.source.name}”" + (f"的工作表“{self.sheet}”" if self.sheet else "")


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def add_row(table: Table, sheet_row: int, cells: list[object]) -> None:
    """Append a row without its trailing blank cells; blank rows are dropped."""
    while cells and blank(cells[-1]):
        cells.pop()
    if not cells:
        return
    if len(table.rows) >= MAX_ROWS:
        raise ImportFileError(f"文件超过 {MAX_ROWS} 行，不像是支部花名册，请检查是否选错了文件。")
    table.rows.append((sheet_row, cells))
