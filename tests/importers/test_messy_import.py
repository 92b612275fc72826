"""The messy roster of tests/importers/messy.py, as .xlsx and as .csv in every encoding."""
import pytest

from desktop.importers.members import (
    ERROR,
    NEW,
    SKIP,
    ImportRejected,
    apply_import,
    plan_member_import,
)
from desktop.models import Member
from desktop.roster.service import member_values

from . import messy

# GBK proper cannot hold 𪚥; GB18030 is its superset that can (tabular tests cover plain GBK).
SOURCES = {
    "xlsx": lambda d: messy.write_xlsx(d / "花名册.xlsx"),
    "csv-gb18030": lambda d: messy.write_csv(d / "花名册.csv", "gb18030"),
    "csv-utf8": lambda d: messy.write_csv(d / "花名册.csv", "utf-8"),
    "csv-utf8-bom": lambda d: messy.write_csv(d / "花名册.csv", "utf-8-sig"),
}


@pytest.fixture(params=sorted(SOURCES))
def messy_file(request, tmp_path):
    return SOURCES[request.param](tmp_path)


def _roster() -> dict[str, dict]:
    return {m.name: member_values(m) for m in Member.select()}


def test_preview_reports_each_bad_row_by_its_sheet_row(messy_file):
    plan = plan_member_import(messy_file, today=messy.TODAY)
    assert plan.header_row == messy.HEADER_ROW
    assert set(plan.ignored) == {"序号", "签到"}
    assert ("手机号", "联系电话") in plan.recognized and ("工作单位", "派出单位") in plan.recognized
    errors = {row.sheet_row: row.problems for row in plan.rows if row.action == ERROR}
    assert set(errors) == set(messy.ERROR_ROWS)
    for sheet_row, label in messy.ERROR_ROWS.items():
        assert any(problem.startswith(label) for problem in errors[sheet_row]), errors[sheet_row]
    duplicate = next(row for row in plan.rows if row.sheet_row == messy.DUPLICATE_ROW)
    assert duplicate.action == SKIP and f"第 {messy.DUPLICATE_OF} 行" in duplicate.note
    assert {row.name for row in plan.rows if row.action == NEW} == messy.VALID_NAMES
    assert Member.select().count() == 0  # planning writes nothing


def test_default_import_writes_nothing_when_any_row_has_an_error(messy_file):
    plan = plan_member_import(messy_file, today=messy.TODAY)
    with pytest.raises(ImportRejected) as raised:
        apply_import(plan)
    message = str(raised.value)
    assert f"{len(messy.ERROR_ROWS)} 行" in message and "仅导入有效行" in message
    for sheet_row in messy.ERROR_ROWS:
        assert str(sheet_row) in message
    assert Member.select().count() == 0


def test_skip_invalid_imports_exactly_the_valid_rows(messy_file):
    outcome = apply_import(plan_member_import(messy_file, today=messy.TODAY), skip_invalid=True)
    assert (outcome.created, outcome.updated, outcome.rejected) == (4, 0, len(messy.ERROR_ROWS))
    assert outcome.skipped == 1
    roster = _roster()
    assert set(roster) == messy.VALID_NAMES
    rare = Member.get(Member.id_number == messy.LI_ID)
    assert rare.name == messy.RARE and len(rare.name) == 2  # 𪚥 stayed one character
    zhang = roster["张三"]
    assert zhang["phone"] == "13912345678"  # spaces dropped
    assert zhang["political_status"] == "中共党员" and zhang["ethnicity"] == "汉族"
    assert zhang["birth_date"] == "1968-05" and zhang["team"] == "一分队"
    assert zhang["arrived_on"].isoformat() == "2022-04-13"  # an Excel date cell in the .xlsx
    assert zhang["unit"] == "市财政局" and zhang["notes"] == "组长"
    li = roster[messy.RARE]
    assert li["phone"] == "13812345678" and li["gender"] == "女"
    assert li["political_status"] == "中共预备党员" and li["birth_date"] == "1975-03"
    zhao = roster["赵六"]  # gender and birth month only in the ID number
    assert (zhao["gender"], zhao["birth_date"]) == ("女", "1962-11")
    assert zhao["phone"] == "0436-1234567" and zhao["ethnicity"] == "满族"
    qian = roster["钱七"]  # '钱 七' lined up with a space
    assert qian["birth_date"] == "1968-01" and qian["phone"] == "15012345678"
    assert qian["political_status"] == "入党积极分子"


def test_reimporting_the_same_file_duplicates_nothing(messy_file):
    apply_import(plan_member_import(messy_file, today=messy.TODAY), skip_invalid=True)
    before = _roster()
    plan = plan_member_import(messy_file, today=messy.TODAY)
    assert plan.writable == 0
    assert all("无需更新" in row.note or "重复" in row.note
               for row in plan.rows if row.action == SKIP)
    outcome = apply_import(plan, skip_invalid=True)
    assert outcome.written == 0
    assert _roster() == before
