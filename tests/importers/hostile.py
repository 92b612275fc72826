"""Files made the way offices and phones really make them, written inside the tests."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from .messy import id_number

# A grouped header: 序号/姓名/政治面貌/备注 merged down over two rows, 基本信息 over
# 性别 出生年月 民族 and 联系方式 over 手机 座机 微信 (微信 is not a roster field).
GROUPED_TOP = ["序号", "姓名", "基本信息", None, None, "政治面貌", "联系方式", None, None, "备注"]
GROUPED_SUB = [None, None, "性别", "出生年月", "民族", None, "手机", "座机", "微信", None]
GROUPED_ROWS = [
    [1, "张三", "男", "1968.05", "汉族", "党员", "13912345678", "0436-1234567", "zhangsan", "组长"],
    [2, "李四", "女", "1975.03", "回族", "群众", None, "0436-7654321", None, None],
    [3, "王五", "男", "1980.07", "满族", "团员", "13712345678", None, "ww", None],
]


def write_grouped_xlsx(path: Path, title_row: bool = True) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    offset = 0
    if title_row:
        sheet.append(["某某小区临时党支部成员花名册"])
        sheet.merge_cells("A1:J1")
        offset = 1
    sheet.append(GROUPED_TOP)
    sheet.append(GROUPED_SUB)
    top, sub = 1 + offset, 2 + offset
    for column in "ABFJ":
        sheet.merge_cells(f"{column}{top}:{column}{sub}")
    sheet.merge_cells(f"C{top}:E{top}")
    sheet.merge_cells(f"G{top}:I{top}")
    for row in GROUPED_ROWS:
        sheet.append(row)
    workbook.save(path)
    return path


def write_grouped_csv(path: Path) -> Path:
    """The same sheet saved as CSV: merged labels sit in their first cell only."""
    lines = [GROUPED_TOP, GROUPED_SUB, *GROUPED_ROWS]
    text = "\n".join(",".join("" if v is None else str(v) for v in line) for line in lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def id_with_x() -> str:
    """A valid ID number whose check character is X."""
    for serial in range(100, 1000):
        number = id_number(f"110105197803{15:02d}{serial}")
        if number.endswith("X"):
            return number
    raise AssertionError("no X check character found")


FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
