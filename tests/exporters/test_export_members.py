import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from desktop.exporters.members import HEADERS, ExportError, export_members
from desktop.importers.members import ERROR, NEW, SKIP, apply_import, plan_member_import
from desktop.models import Member, Team, db
from desktop.roster.service import mark_departed, member_values, save_member

from ..importers.messy import id_number

TODAY = dt.date(2022, 5, 1)
ID_ZHANG = id_number("22080219680512001")
ID_LI = id_number("11010519751231002")


@pytest.fixture
def roster():
    """A varied roster: full record, departed member, partial record, awkward text."""
    zhang = save_member({
        "name": "张三", "gender": "男", "birth_date": "1968-05", "ethnicity": "汉族",
        "political_status": "中共党员", "party_joined": "1990-07-01", "unit": "市财政局",
        "unit_post": "科长", "home_org": "市财政局机关党支部", "branch_role": "书记", "team": "一分队",
        "phone": "13912345678", "id_number": ID_ZHANG, "arrived_on": dt.date(2022, 4, 13),
        "health_status": "健康", "notes": "=SUM(A1:A2)\n第二行",
    }, today=TODAY)
    li = save_member({
        "name": "李\U0002A6A5", "gender": "女", "birth_date": "1975-12-31", "political_status": "群众",
        "unit": "区教育局", "team": "二分队", "phone": "0436-1234567", "id_number": ID_LI,
        "arrived_on": dt.date(2022, 4, 14),
    }, today=TODAY)
    mark_departed(li.id, dt.date(2022, 4, 30), today=TODAY)
    save_member({"name": "王五"}, today=TODAY)
    return zhang


def _snapshot():
    return sorted((member_values(m) for m in Member.select()), key=lambda v: v["name"])


def test_xlsx_layout_masking_and_status_columns(tmp_path, roster):
    path = tmp_path / "花名册.xlsx"
    assert export_members(path) == 3
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "党员花名册" and "A1:T1" in {str(r) for r in sheet.merged_cells.ranges}
    header = [cell.value for cell in sheet[2]]
    assert header == list(HEADERS)
    assert header[:4] == ["序号", "姓名", "性别", "出生年月"] and header[-2:] == ["状态", "待完善"]
    assert all(cell.font.bold for cell in sheet[2])
    assert sheet.freeze_panes == "A3"
    rows = {row[1]: dict(zip(header, row)) for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert sorted(row["序号"] for row in rows.values()) == [1, 2, 3]
    zhang = rows["张三"]
    assert zhang["联系电话"] == "139****5678" and zhang["身份证号"] == ID_ZHANG[:6] + "********" + ID_ZHANG[-4:]
    assert zhang["出生年月"] == "1968.05" and zhang["入党时间"] == "1990.07.01"
    assert zhang["到岗日期"] == dt.datetime(2022, 4, 13)
    assert zhang["备注"] == "=SUM(A1:A2)\n第二行"  # text, not a formula
    assert zhang["状态"] == "在岗" and zhang["待完善"] is None
    assert rows["李\U0002A6A5"]["状态"] == "已撤离"
    assert rows["王五"]["待完善"].split("、")[:2] == ["性别", "出生年月"]
    phone_column = header.index("联系电话") + 1
    phone_cell = sheet.cell(row=3, column=phone_column)
    assert phone_cell.data_type == "s" and phone_cell.number_format == "@"
    name_width = sheet.column_dimensions["B"].width
    org_width = sheet.column_dimensions["J"].width  # 组织关系所在党组织: the longest header
    assert org_width > name_width >= 6


def test_reveal_writes_full_numbers(tmp_path, roster):
    path = tmp_path / "a.xlsx"
    export_members(path, reveal=True)
    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1] == "张三")
    assert row[header.index("联系电话")] == "13912345678"
    assert row[header.index("身份证号")] == ID_ZHANG


def test_csv_has_a_bom_and_chinese_headers(tmp_path, roster):
    path = tmp_path / "a.csv"
    assert export_members(path, members=[roster]) == 1
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["党员花名册"] and rows[1] == list(HEADERS)
    record = dict(zip(rows[1], rows[2]))
    assert record["序号"] == "1"
    assert record["姓名"] == "张三" and record["联系电话"] == "139****5678"
    assert record["到岗日期"] == "2022-04-13" and record["出生年月"] == "1968.05"


def test_csv_reveal_keeps_numbers_as_excel_text(tmp_path, roster):
    path = tmp_path / "a.csv"
    export_members(path, members=[roster], reveal=True)
    record = dict(zip(*list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))[1:3]))
    assert record["联系电话"] == '="13912345678"' and record["身份证号"] == f'="{ID_ZHANG}"'


@pytest.mark.parametrize("name", ["a.txt", "a.xls", "noext"])
def test_unknown_extension_is_a_chinese_error(tmp_path, name):
    with pytest.raises(ExportError, match="请选择 .xlsx 或 .csv"):
        export_members(tmp_path / name)
    assert not (tmp_path / name).exists()


def test_unwritable_target_is_a_chinese_error_and_leaves_no_temp_file(tmp_path, roster):
    target = tmp_path / "占用.xlsx"
    target.mkdir()  # a directory where the file should go: os.replace fails like a locked file
    with pytest.raises(ExportError, match="无法写入"):
        export_members(target)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".export-")) == []


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_leaves_the_roster_unchanged(tmp_path, roster, suffix):
    path = tmp_path / f"花名册{suffix}"
    export_members(path, reveal=True)
    before = _snapshot()
    plan = plan_member_import(path, today=TODAY)
    assert set(plan.ignored) == {"序号", "状态", "待完善"}
    assert [row.action for row in plan.rows] == [SKIP] * 3, [(r.sheet_row, r.problems) for r in plan.rows]
    apply_import(plan)
    assert _snapshot() == before
    # Into an empty roster, the same file recreates every member as it was.
    with db.atomic():
        Member.delete().execute()
        Team.delete().execute()
    plan = plan_member_import(path, today=TODAY)
    assert [row.action for row in plan.rows] == [NEW] * 3
    assert apply_import(plan).created == 3
    assert _snapshot() == before


def test_masked_export_cannot_be_imported_back(tmp_path, roster):
    path = tmp_path / "a.xlsx"
    export_members(path)
    plan = plan_member_import(path, today=TODAY)
    errors = {row.name: row.problems for row in plan.rows if row.action == ERROR}
    assert set(errors) == {"张三", "李\U0002A6A5"}
    assert "联系电话：已脱敏，无法导入" in errors["张三"]
