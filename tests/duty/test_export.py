"""The rota as .csv / .xlsx: exact columns, one row per person per shift, overnight times."""
from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from desktop.duty import setup as S
from desktop.duty.export import HEADERS, export_duty
from desktop.exporters.members import ExportError
from desktop.models import DutyAssignment, Member
from desktop.roster.pinyin import pinyin_key

D = dt.date(2026, 11, 16)


def person(name: str) -> Member:
    return Member.create(name=name, name_pinyin=pinyin_key(name), political_status="中共党员")


@pytest.fixture
def rota():
    evening = S.ensure_preset(S.EVENING_PATTERN)
    early_late, overnight = S.shifts_of(evening.id)
    west = S.create_post("西门卡口", evening.id)
    east = S.create_post("东门卡口", evening.id, people_needed=2)
    S.update_post(east.id, position=-1)  # east is shown first, whatever the creation order
    zhang, an, wang = person("张建国"), person("安雅琴"), person("王志远")
    for day, post, shift, member in [
        (D + dt.timedelta(days=1), west, early_late, wang),
        (D, west, overnight, wang),
        (D, east, overnight, zhang), (D, east, overnight, an),
        (D, east, early_late, zhang),
    ]:
        DutyAssignment.create(date=day, post=post, shift=shift, member=member)


def test_csv_columns_order_and_overnight_row(rota, tmp_path):
    path = tmp_path / "值班表.csv"
    assert export_duty(path) == 5
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["日期", "值守点", "班次", "开始时间", "结束时间", "姓名"]
    assert rows[1:] == [
        ["2026-11-16", "东门卡口", "晚班", "17:30", "22:30", "张建国"],
        ["2026-11-16", "东门卡口", "夜班", "22:30", "08:30", "安雅琴"],
        ["2026-11-16", "东门卡口", "夜班", "22:30", "08:30", "张建国"],
        ["2026-11-16", "西门卡口", "夜班", "22:30", "08:30", "王志远"],
        ["2026-11-17", "西门卡口", "晚班", "17:30", "22:30", "王志远"],
    ]


def test_xlsx_period_and_text_times(rota, tmp_path):
    path = tmp_path / "值班表.xlsx"
    assert export_duty(path, D, D) == 4
    sheet = load_workbook(path)["每人每班"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == HEADERS
    assert values[2][0].date() == D and values[2][1:] == ("东门卡口", "夜班", "22:30", "08:30", "安雅琴")
    assert sheet.freeze_panes == "A2"


def test_unknown_extension_and_reversed_period(tmp_path):
    with pytest.raises(ExportError, match=".xlsx、.csv 或 .png"):
        export_duty(tmp_path / "值班表.pdf")
    with pytest.raises(ExportError, match="开始日期"):
        export_duty(tmp_path / "值班表.csv", D, D - dt.timedelta(days=1))
    assert export_duty(tmp_path / "空.csv") == 0


def test_xlsx_first_sheet_is_laid_out_like_the_printed_rota(rota, tmp_path):
    path = tmp_path / "值班表.xlsx"
    export_duty(path, D, D + dt.timedelta(days=1))
    book = load_workbook(path)
    assert book.sheetnames == ["值班表", "每人每班"]
    sheet = book["值班表"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "临时党支部值班表" and values[1][0] == "2026年11月16日—11月17日"
    assert values[2] == ("值守点", "班次", "11月16日\n周一", "11月17日\n周二")
    # east first (position), its two shifts under one merged post cell; 2 needed: 待定 where one is missing
    assert values[3] == ("东门卡口", "晚班\n17:30–22:30", "★张建国\n待定", "待定\n待定")
    assert values[4] == (None, "夜班\n22:30–08:30", "★安雅琴\n★张建国", "待定\n待定")
    assert "A4:A5" in {str(r) for r in sheet.merged_cells.ranges}
    assert values[5][:4] == ("西门卡口", "晚班\n17:30–22:30", "待定", "★王志远")
    assert values[7][0].startswith("注：★为党员")
