"""A roster as offices really keep it, written as .xlsx or .csv inside the tests.

Sheet rows (what the user sees in Excel; the .csv has the same line numbers):
  1 title, 2 blank, 3 header (with 序号 and an unknown column 签到),
  4 张三 valid, 5 李𪚥 valid (numeric phone cell), 6 no name -> error,
  7 王五 phone too short -> error, 8 copy of row 4 -> skipped, 9 blank,
  10 赵六 gender and birth only in the ID number, 11 钱七 born 1968.1 (January) in a '0.0' cell,
  12 孙八 month 13 -> error, 13 a signature line in the 序号 column (ignored).
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

TODAY = dt.date(2022, 5, 1)


def id_number(first17: str) -> str:
    """A GB 11643 number with its check character, computed here independently."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    total = sum(int(d) * w for d, w in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


LI_ID = id_number("22080219750315002")   # born 1975-03-15, even 17th digit -> 女
ZHAO_ID = id_number("22080219621103004")  # 1962-11, even 17th digit -> 女
RARE = "李\U0002A6A5"  # 𪚥, outside the BMP

HEADER = ["序号", "姓名", "性别", "出生年月", "民族", "政治面貌", "工作单位", "手机号", "身份证号码",
          "小分队", "下沉日期", "签到", "备注"]

VALID_NAMES = {"张三", RARE, "赵六", "钱七"}
ERROR_ROWS = {6: "姓名", 7: "联系电话", 12: "出生年月"}
DUPLICATE_ROW, DUPLICATE_OF = 8, 4
HEADER_ROW = 3


def _rows(excel: bool) -> list[list[object]]:
    """Cells as Excel holds them (excel=True) or as Excel saves them to .csv."""
    date = (lambda y, m, d: dt.datetime(y, m, d)) if excel else (lambda y, m, d: f"{y}/{m}/{d}")
    zhang = [1, " 张三 ", "男", "1968.05", "汉", "党员", "市财政局", "139 1234 5678", "", "一分队",
             date(2022, 4, 13), "√", "组长"]
    return [
        ["某某小区临时党支部成员花名册"],
        [],
        HEADER,
        zhang,
        [2, RARE, "女性", "1975年3月", "汉族", "预备党员", "区教育局", 13812345678.0 if excel else "13812345678",
         LI_ID, "二分队", "2022/04/14", "", ""],
        [3, "", "男", "1980/07", "汉", "群众", "区卫健局", "13712345678", "", "一分队", "2022-04-13", "", ""],
        [4, "王五", "男", date(1970, 1, 2), "回", "团员", "区城管局", "1381234567", "", "二分队", "2022.4.15", "", ""],
        list(zhang),
        [],
        [6, "赵六", "", "", "满", "共产党员", "市税务局", "0436-1234567", ZHAO_ID, "一分队", "2022-04-13", "", ""],
        [7, "钱 七", "女", "1968.1", "汉族", "积极分子", "区民政局", "150-1234-5678", "", "二分队", "2022-04-16", "", ""],
        [8, "孙八", "男", "1968.13", "汉族", "群众", "区水务局", "13612345678", "", "一分队", "2022-04-13", "", ""],
        ["制表人：周九　2022年4月"],
    ]


def write_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    for number, row in enumerate(_rows(excel=True), start=1):
        for column, value in enumerate(row, start=1):
            if value not in ("", None):
                sheet.cell(row=number, column=column, value=value)
    sheet.merge_cells("A1:M1")
    sheet["D11"] = 1968.1  # shown as 1968.1 (January); the bare number would read as 1968.10
    sheet["D11"].number_format = "0.0"
    sheet["H5"].number_format = "0"
    workbook.save(path)
    return path


def write_csv(path: Path, encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        for row in _rows(excel=False):
            writer.writerow(["" if value is None else value for value in row])
    return path
