"""The shared table writer behind the roster and rota exports."""
from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from desktop.exporters.tabular import ExportError, write_table

HEADERS = ("日期", "号码", "说明")
ROWS = [(dt.date(2026, 11, 16), "0436123", "=1+1"), (dt.date(2026, 11, 17), None, "长" * 40 + "\x07")]


def test_csv_dates_blanks_and_excel_text_columns(tmp_path):
    path = tmp_path / "t.csv"
    write_table(path, HEADERS, ROWS, "表", csv_text_columns={1})
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows == [list(HEADERS), ["2026-11-16", '="0436123"', "'=1+1"], ["2026-11-17", "", "长" * 40 + "\x07"]]


def test_xlsx_header_dates_text_and_widths(tmp_path):
    path = tmp_path / "t.xlsx"
    write_table(path, HEADERS, ROWS, "表", text_columns={1}, max_width=40)
    sheet = load_workbook(path).active
    assert sheet.title == "表" and sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    date, number, formula = sheet[2]
    assert date.value == dt.datetime(2026, 11, 16) and date.number_format == "yyyy-mm-dd"
    assert (number.value, number.data_type, number.number_format) == ("0436123", "s", "@")
    assert (formula.value, formula.data_type) == ("=1+1", "s")  # text, never a formula
    assert sheet["B3"].value is None and sheet["C3"].value == "长" * 40  # control character dropped
    assert sheet.column_dimensions["A"].width == 12 and sheet.column_dimensions["C"].width == 40


def test_unknown_suffix_writes_nothing(tmp_path):
    folder = tmp_path / "out"
    with pytest.raises(ExportError, match="请选择 .xlsx 或 .csv"):
        write_table(folder / "t.txt", HEADERS, ROWS, "表")
    assert not folder.exists()
