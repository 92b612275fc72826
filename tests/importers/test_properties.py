"""Property tests: no cell content crashes planning or writes half a member."""
import csv
import datetime as dt
import re
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from desktop.importers.members import (
    ERROR,
    NEW,
    ImportFileError,
    ImportRejected,
    apply_import,
    plan_member_import,
    plan_table,
)
from desktop.importers.tabular import Table
from desktop.models import Member, Team, db
from desktop.roster.dates import DateParseError, parse_full_date, parse_partial_date
from desktop.roster.fields import FIELDS
from desktop.roster.service import member_values

from .messy import id_number

TODAY = dt.date(2022, 5, 1)
HEADERS = [name for spec in FIELDS for name in (spec.label, *spec.aliases[:2])]
SAMPLES = [
    "'; DROP TABLE member; --", "\" OR 1=1 --", "Robert'); DELETE FROM team;--", "=cmd|' /C calc'!A0",
    "😀👨‍👩‍👧", "\U0002A6A5", "\x00\x07\x1b", "\u200b\ufeff", "\r\n", "长" * 5000, "a" * 41,
    "1968.05", "1968年5月", "1968/05", "1968-05-12", "1968.13", "2099-01-01", "13912345678",
    "139 1234 5678", "139****5678", "0436-1234567", id_number("11010519491231002"), "男性", "女", "汉",
    "党员", "团员", "预备党员", "书记", "健康", '="13912345678"', "姓名", "制表人：某某",
]
cells = st.one_of(
    st.none(),
    st.sampled_from(SAMPLES),
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=dt.datetime(1, 1, 1)),
    st.dates(),
    st.booleans(),
)
text_cells = st.one_of(
    st.sampled_from([s for s in SAMPLES if "\x00" not in s]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
)


def _clear():
    with db.atomic():
        Member.delete().execute()
        Team.delete().execute()


def _check_no_half_rows(table):
    """Plan, try an all-or-nothing import, then a skip-invalid one; check what was written."""
    _clear()
    plan = plan_table(table, TODAY)
    assert all(row.action != ERROR or row.problems for row in plan.rows)
    if plan.has_errors:
        try:
            apply_import(plan)
        except ImportRejected:
            pass
        else:
            raise AssertionError("an import with errors wrote without skip_invalid")
        assert Member.select().count() == 0
    outcome = apply_import(plan, skip_invalid=True)
    created = [row for row in plan.rows if row.action == NEW]
    event(f"created rows: {min(len(created), 2)}; errors: {plan.has_errors}")
    assert outcome.created == len(created) == Member.select().count()
    stored = sorted((member_values(m) for m in Member.select().order_by(Member.id)), key=lambda v: v["name"])
    for row, values in zip(sorted(created, key=lambda r: r.changes["name"]), stored):
        for key, value in row.changes.items():
            assert values[key] == value, (key, value, values[key])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    headers=st.lists(st.sampled_from(HEADERS + ["序号", "状态", None, "'; DROP TABLE member;--"]), min_size=1, max_size=8),
    rows=st.lists(st.lists(cells, max_size=10), max_size=8),
)
def test_random_cells_never_crash_planning_nor_write_half_a_row(headers, rows):
    table = Table(source=Path("random.xlsx"))
    # 姓名 and 性别 make it a header; the random columns land anywhere after them.
    table.rows = [(1, ["姓名", "性别", *headers])] + [(number, row) for number, row in enumerate(rows, start=2)]
    _check_no_half_rows(table)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(text_cells, min_size=1, max_size=6), max_size=6),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_random_csv_files_plan_or_fail_with_a_chinese_message(tmp_path, rows, encoding):
    path = tmp_path / "random.csv"
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows([["姓名", "联系电话", "出生年月", "政治面貌", "备注", "其它"]] + rows)
    try:
        plan = plan_member_import(path, today=TODAY)
    except ImportFileError as exc:
        assert re.search(r"[\u4e00-\u9fff]", str(exc))
        return
    _check_no_half_rows(plan.table)


xlsx_cells = st.one_of(
    st.none(),
    st.sampled_from([s for s in SAMPLES if not ILLEGAL_CHARACTERS_RE.search(s)]),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.tuples(xlsx_cells, st.sampled_from(["General", "0", "0.0", "0.00", "@", "yyyy.mm"])),
                              max_size=6), max_size=5))
def test_random_xlsx_cells_and_formats(tmp_path, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "出生年月", "联系电话", "身份证号", "到岗日期", "备注"])
    for number, row in enumerate(rows, start=2):
        for column, (value, number_format) in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column, value=value)
            cell.number_format = number_format
    path = tmp_path / "random.xlsx"
    workbook.save(path)
    _check_no_half_rows(plan_member_import(path, today=TODAY).table)


_PARTIAL = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
date_like = st.one_of(
    st.text(max_size=20),
    st.from_regex(r"^\s*\d{1,5}\s*[.\-/年。．、]\s*\d{1,3}\s*([.\-/月]\s*\d{1,3}\s*日?)?\s*$"),
    st.from_regex(r"^\d{4,8}(\.\d{1,4})?$"),
    st.integers(), st.floats(), st.datetimes(), st.dates(), st.none(), st.booleans(),
)


@settings(max_examples=500, deadline=None)
@given(date_like)
def test_parse_partial_date_returns_a_valid_date_or_raises_date_parse_error(value):
    try:
        result = parse_partial_date(value)
    except DateParseError:
        return
    if result == "":
        return
    assert _PARTIAL.match(result), result
    dt.date.fromisoformat(result if len(result) == 10 else result + "-01")


@settings(max_examples=300, deadline=None)
@given(date_like)
def test_parse_full_date_returns_a_date_none_or_raises_date_parse_error(value):
    try:
        result = parse_full_date(value)
    except DateParseError:
        return
    assert result is None or isinstance(result, dt.date)
