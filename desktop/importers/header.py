"""Where a roster's header is and what each column means, one-row or grouped headers alike.

    layout = find_layout(table)   # raises ImportFileError when no header is found
    layout.rows       the sheet rows of the header (two or three for a grouped header)
    layout.data_from  index into table.rows of the first row after the header
    layout.columns    {column index: field key}
    layout.recognized [(label as written, field label)]
    layout.ignored    [label] of every column that holds something and is not read

Offices group columns under a merged label in a row above (基本信息 over 姓名 性别 …,
联系方式 over 手机 座机), and merge a single label down over both rows (姓名). A merged
cell counts in every cell it covers. A column is named by its lowest label; a label
merged across several columns that have their own labels below is a group and is never
a field of one of them, so 座机 under 联系方式 is ignored (and said so) rather than read
as the phone. A .csv has no merge information: a row under the header with two or
more column names continues it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..roster.fields import LABELS, field_for_header
from .cells import clean_text
from .table import ImportFileError, Table

HEADER_SCAN_ROWS = 15
MAX_HEADER_ROWS = 3
_BRACKETED = re.compile(r"[（(【\[].*?[）)】\]]")


def field_for(header: object) -> str | None:
    key = field_for_header(header)
    if key is None and header is not None:
        # '联系电话（手机）', '出生年月(年.月)': the bracketed hint is not part of the name.
        key = field_for_header(_BRACKETED.sub("", str(header)))
    return key


def column_name(column: int) -> str:
    """Excel's letter for a 0-based column (A, B, … Z, AA …); a .csv opens in Excel the same way."""
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


@dataclass
class Layout:
    rows: list[int]
    data_from: int
    columns: dict[int, str] = field(default_factory=dict)
    recognized: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


class _Grid:
    """The texts of the first rows with merged cells spread over the cells they cover."""

    def __init__(self, table: Table):
        self.table = table
        self.sheet_rows = [number for number, _ in table.rows]
        self._index = {number: i for i, number in enumerate(self.sheet_rows)}
        self.texts: list[list[str]] = [[clean_text(c) for c in cells] for _, cells in table.rows]
        self.spread: dict[tuple[int, int], tuple[int, int, int, int]] = {}  # (index, col) -> merge
        for merge in table.merged:
            first_row, first_col, last_row, last_col = merge
            top = self._index.get(first_row)
            if top is None or top > HEADER_SCAN_ROWS + MAX_HEADER_ROWS:
                continue
            value = self.texts[top][first_col] if first_col < len(self.texts[top]) else ""
            for number in range(first_row, last_row + 1):
                index = self._index.get(number)
                if index is None:
                    continue
                row = self.texts[index]
                for column in range(first_col, last_col + 1):
                    while len(row) <= column:
                        row.append("")
                    row[column] = value
                    self.spread[(index, column)] = merge

    def keys(self, index: int) -> list[str | None]:
        return [field_for(text) if text else None for text in self.texts[index]]

    def looks_like_header(self, index: int) -> bool:
        keys = self.keys(index)
        return "name" in keys and sum(1 for key in keys if key) >= 2

    def merged_down(self, upper: int, lower: int) -> bool:
        """A merged cell covers both rows (a label spanning them)."""
        if self.sheet_rows[lower] != self.sheet_rows[upper] + 1:
            return False
        for first_row, _, last_row, _ in self.table.merged:
            if first_row <= self.sheet_rows[upper] and last_row >= self.sheet_rows[lower]:
                return True
        return False

    def continues_header(self, index: int) -> bool:
        """A row of column names under the header (the .csv form of a grouped header)."""
        return sum(1 for key in self.keys(index) if key) >= 2 and "name" not in self.keys(index)


def find_layout(table: Table) -> Layout:
    grid = _Grid(table)
    scan = range(min(HEADER_SCAN_ROWS, len(table.rows)))
    start = next((i for i in scan if grid.looks_like_header(i)), None)
    if start is None:
        raise ImportFileError(
            f"在{table.where}的前 {HEADER_SCAN_ROWS} 行中找不到表头。"
            "表头行应包含“姓名”以及“性别”“联系电话”等列名。"
        )
    end = start
    while start > 0 and end - start + 1 < MAX_HEADER_ROWS and grid.merged_down(start - 1, start):
        start -= 1
    while (end + 1 < len(table.rows) and end - start + 1 < MAX_HEADER_ROWS
           and (grid.merged_down(end, end + 1) or grid.continues_header(end + 1))):
        end += 1
    layout = Layout([grid.sheet_rows[i] for i in range(start, end + 1)], end + 1)
    _name_columns(grid, layout, range(start, end + 1))
    return layout


def _name_columns(grid: _Grid, layout: Layout, block: range) -> None:
    width = max(len(cells) for _, cells in grid.table.rows)
    has_data = _columns_with_data(grid.table, layout.data_from, width)
    for column in range(width):
        labels: list[str] = []
        lowest = None  # (index, text) of the lowest label
        for index in block:
            row = grid.texts[index]
            text = row[column] if column < len(row) else ""
            if text:
                if not labels or labels[-1] != text:
                    labels.append(text)
                lowest = (index, text)
        label = "/".join(labels)
        key = None
        if lowest is not None and not _group_label(grid, block, lowest[0], column):
            key = field_for(lowest[1])
        if key:
            layout.columns[column] = key
            layout.recognized.append((label, LABELS[key]))
        elif label:
            layout.ignored.append(label)
        elif column in has_data:
            layout.ignored.append(f"{column_name(column)} 列（无列名）")


def _group_label(grid: _Grid, block: range, index: int, column: int) -> bool:
    """The label comes from a cell merged across columns: a group label, unless it is the
    first column of a merge with no labels below it (one wide column)."""
    merge = grid.spread.get((index, column))
    if merge is None or merge[1] == merge[3]:
        return False
    below = [i for i in block if i > index and grid.sheet_rows[i] > merge[2]]
    labelled_below = any(
        column_ < len(grid.texts[i]) and grid.texts[i][column_]
        for i in below for column_ in range(merge[1], merge[3] + 1)
    )
    return labelled_below or column != merge[1]


def _columns_with_data(table: Table, data_from: int, width: int) -> set[int]:
    filled: set[int] = set()
    for _, cells in table.rows[data_from:]:
        for column, cell in enumerate(cells[:width]):
            if column not in filled and clean_text(cell):
                filled.add(column)
    return filled
