import datetime as dt

import pytest
from openpyxl import Workbook

from desktop.importers.tabular import MAX_ROWS, ImportFileError, read_table


def _xlsx(path, cells, sheet_title="Sheet1", extra_sheet=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for ref, (value, number_format) in cells.items():
        sheet[ref] = value
        if number_format:
            sheet[ref].number_format = number_format
    if extra_sheet:
        workbook.create_sheet(extra_sheet)["A1"] = "另一个表"
    workbook.save(path)
    return path


def test_xlsx_rows_keep_excel_row_numbers_across_blank_rows(tmp_path):
    path = _xlsx(tmp_path / "a.xlsx", {"A1": ("标题", None), "B4": ("姓名", None), "B7": ("张三", None)})
    table = read_table(path)
    assert [number for number, _ in table.rows] == [1, 4, 7]
    assert table.rows[2][1] == [None, "张三"]
    assert table.sheet == "Sheet1"


def test_fixed_decimal_number_format_is_read_as_the_text_shown(tmp_path):
    path = _xlsx(tmp_path / "a.xlsx", {
        "A1": (1968.1, "0.00"), "B1": (1968.1, "0.0"), "C1": (1968.1, None),
        "D1": (13912345678, "0"), "E1": (dt.datetime(1968, 5, 12), "yyyy-mm-dd"),
    })
    cells = read_table(path).rows[0][1]
    assert cells[:3] == ["1968.10", "1968.1", 1968.1]
    assert cells[3] == 13912345678
    assert cells[4] == dt.datetime(1968, 5, 12)


def test_named_sheet_and_missing_sheet(tmp_path):
    path = _xlsx(tmp_path / "a.xlsx", {"A1": ("第一个", None)}, extra_sheet="名单")
    assert read_table(path, sheet="名单").rows[0][1] == ["另一个表"]
    assert read_table(path).rows[0][1] == ["第一个"]
    with pytest.raises(ImportFileError, match="没有名为“不存在”的工作表"):
        read_table(path, sheet="不存在")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_encodings_as_excel_saves_them(tmp_path, encoding):
    path = tmp_path / "a.csv"
    path.write_bytes("姓名,性别\n张三,男\n".encode(encoding))
    table = read_table(path)
    assert table.rows == [(1, ["姓名", "性别"]), (2, ["张三", "男"])]


def test_csv_keeps_characters_outside_the_bmp_in_utf8_and_gb18030(tmp_path):
    for encoding in ("utf-8-sig", "gb18030"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes("姓名\n李\U0002A6A5\n".encode(encoding))
        assert read_table(path).rows[1][1] == ["李\U0002A6A5"]


def test_csv_line_numbers_count_lines_inside_quoted_cells(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('姓名,备注\n张三,"第一行\n第二行"\n\n李四,无\n', encoding="utf-8")
    assert [number for number, _ in read_table(path).rows] == [1, 2, 5]


def test_tab_separated_text_saved_as_csv(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("姓名\t性别\n张三\t男\n", encoding="utf-8")
    assert read_table(path).rows[1][1] == ["张三", "男"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("old.xls", b"\xd0\xcf\x11\xe0", "另存为"),
        ("a.txt", b"x", "不支持的文件类型"),
        ("broken.xlsx", b"not a zip", "不是 Excel 工作簿"),
        ("cut.xlsx", b"PK\x03\x04\x14\x00\x00\x00", "不完整或已损坏"),
        ("empty.csv", b"", "没有任何内容"),
        ("bom.csv", b"\xef\xbb\xbf\r\n,,\r\n", "没有任何内容"),
        ("binary.csv", b"\x89PNG\x00\x00\x00", "不是文本文件"),
    ],
)
def test_unreadable_files_raise_a_chinese_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        read_table(path)


def test_missing_file(tmp_path):
    with pytest.raises(ImportFileError, match="找不到文件"):
        read_table(tmp_path / "nowhere.xlsx")


def test_undecodable_csv(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"\xff\xff\xff\xff\x81\x30")
    with pytest.raises(ImportFileError, match="编码"):
        read_table(path)


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("姓名\n" + "张三\n" * MAX_ROWS, encoding="utf-8")
    with pytest.raises(ImportFileError, match=str(MAX_ROWS)):
        read_table(path)
