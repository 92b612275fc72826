import csv
import datetime as dt

import pytest
from openpyxl import Workbook

from desktop.importers.members import (
    ERROR,
    NEW,
    SKIP,
    UPDATE,
    ImportFileError,
    apply_import,
    plan_member_import,
)
from desktop.models import Member
from desktop.roster.service import member_values, save_member

from .messy import id_number

TODAY = dt.date(2022, 5, 1)
ID_A = id_number("11010519491231002")


def _csv(tmp_path, rows, name="in.csv"):
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _plan(tmp_path, rows):
    return plan_member_import(_csv(tmp_path, rows), today=TODAY)


def _only(plan):
    assert len(plan.rows) == 1, [(r.sheet_row, r.action) for r in plan.rows]
    return plan.rows[0]


def test_header_hints_in_brackets_and_spaced_headers_are_recognized(tmp_path):
    plan = _plan(tmp_path, [["姓 名", "联系电话（手机）", "出生年月(年.月)"], ["张三", "13912345678", "1968.5"]])
    assert [label for _, label in plan.recognized] == ["姓名", "联系电话", "出生年月"]
    assert _only(plan).values == {"name": "张三", "phone": "13912345678", "birth_date": "1968-05"}


def test_no_header_in_the_first_rows_is_a_file_error(tmp_path):
    with pytest.raises(ImportFileError, match="找不到表头"):
        _plan(tmp_path, [["张三", "男"], ["李四", "女"]])
    with pytest.raises(ImportFileError, match="找不到表头"):
        _plan(tmp_path, [[f"说明{i}"] for i in range(15)] + [["姓名", "性别"], ["张三", "男"]])
    with pytest.raises(ImportFileError, match="找不到表头"):
        _plan(tmp_path, [["性别", "联系电话"], ["男", "13912345678"]])  # no 姓名 column


@pytest.mark.parametrize(
    "header, cell, key, expected",
    [
        ("性别", "男性", "gender", "男"),
        ("性别", " 女 ", "gender", "女"),
        ("民族", "汉", "ethnicity", "汉族"),
        ("民族", "蒙古", "ethnicity", "蒙古族"),
        ("政治面貌", "党员", "political_status", "中共党员"),
        ("政治面貌", "共产党员", "political_status", "中共党员"),
        ("政治面貌", "预备党员", "political_status", "中共预备党员"),
        ("政治面貌", "团员", "political_status", "共青团员"),
        ("政治面貌", "积极分子", "political_status", "入党积极分子"),
        ("支部职务", "支部书记", "branch_role", "书记"),
        ("派出单位", "\u3000市财政局\t", "unit", "市财政局"),
        ("姓名", "王\u3000 五", "name", "王五"),
        ("联系电话", "+86 139-1234-5678", "phone", "13912345678"),
        ("联系电话", '="13912345678"', "phone", "13912345678"),
        ("身份证号", ID_A.lower(), "id_number", ID_A),
        ("入党时间", "1990年7月", "party_joined", "1990-07"),
        ("到岗日期", "2022年4月13日", "arrived_on", dt.date(2022, 4, 13)),
    ],
)
def test_value_variants_are_normalized(tmp_path, header, cell, key, expected):
    if header == "姓名":
        rows = [["姓名", "性别"], [cell, "男"]]
    else:
        rows = [["姓名", header], ["张三", cell]]
    row = _only(_plan(tmp_path, rows))
    assert row.action == NEW, row.problems
    assert row.values[key] == expected


@pytest.mark.parametrize("header, cell", [("联系电话", "139****5678"), ("身份证号", "110105********002X")])
def test_masked_numbers_are_refused(tmp_path, header, cell):
    row = _only(_plan(tmp_path, [["姓名", header], ["张三", cell]]))
    assert row.action == ERROR
    assert row.problems == [f"{header}：已脱敏，无法导入"]


def test_id_number_stored_as_a_number_is_refused_with_advice(tmp_path):
    workbook = Workbook()
    workbook.active.append(["姓名", "身份证号"])
    # Excel keeps only 15 significant digits of a number typed into a General cell.
    workbook.active.append(["张三", 1.10105194912310e17])
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    row = _only(plan_member_import(path, today=TODAY))
    assert row.action == ERROR and "文本" in row.problems[0]


def test_validation_uses_the_given_today(tmp_path):
    rows = [["姓名", "到岗日期"], ["张三", "2022-05-02"]]
    assert "不能晚于今天" in _only(_plan(tmp_path, rows)).problems[0]
    later = plan_member_import(_csv(tmp_path, rows), today=dt.date(2022, 5, 2))
    assert _only(later).action == NEW


def test_matching_member_is_updated_with_non_empty_cells_only(tmp_path):
    member = save_member({"name": "张三", "phone": "13912345678", "unit": "市财政局", "notes": "老备注"}, today=TODAY)
    plan = _plan(tmp_path, [["姓名", "手机号", "派出单位", "备注", "性别"], ["张三", "139 1234 5678", "区教育局", "", "男"]])
    row = _only(plan)
    assert (row.action, row.member_id) == (UPDATE, member.id)
    assert "派出单位" in row.note and "性别" in row.note and "备注" not in row.note
    outcome = apply_import(plan)
    assert (outcome.created, outcome.updated) == (0, 1)
    values = member_values(Member.get_by_id(member.id))
    assert (values["unit"], values["gender"], values["notes"]) == ("区教育局", "男", "老备注")
    assert Member.select().count() == 1


def test_matching_by_id_number_and_nothing_to_change(tmp_path):
    member = save_member({"name": "张三", "id_number": ID_A, "gender": "女", "birth_date": "1949-12"}, today=TODAY)
    row = _only(_plan(tmp_path, [["姓名", "身份证号码"], ["张三", ID_A]]))
    assert (row.action, row.member_id) == (SKIP, member.id) and "无需更新" in row.note


def test_derived_gender_never_overwrites_a_stored_one(tmp_path):
    member = save_member({"name": "张三", "phone": "13912345678", "gender": "男"}, today=TODAY)
    plan = _plan(tmp_path, [["姓名", "电话", "身份证号"], ["张三", "13912345678", ID_A]])
    row = _only(plan)
    assert row.action == UPDATE and set(row.changes) == {"id_number", "birth_date"}
    apply_import(plan)
    member = Member.get_by_id(member.id)
    assert (member.gender, member.birth_date, member.id_number) == ("男", "1949-12", ID_A)


def test_later_row_of_the_same_person_is_skipped_even_with_other_content(tmp_path):
    plan = _plan(tmp_path, [
        ["姓名", "电话", "身份证号", "单位"],
        ["张三", "13912345678", "", "甲"],
        ["李四", "", ID_A, "乙"],
        ["张三", "13912345678", "", "丙"],
        ["李四改名", "", ID_A, "丁"],
    ])
    assert [(r.action, r.note) for r in plan.rows[2:]] == [
        (SKIP, "与第 2 行重复，已跳过"), (SKIP, "与第 3 行重复，已跳过"),
    ]
    apply_import(plan)
    assert sorted(m.unit for m in Member.select()) == ["乙", "甲"]


def test_row_matching_two_different_members_is_an_error(tmp_path):
    save_member({"name": "张三", "phone": "13912345678"}, today=TODAY)
    save_member({"name": "李四", "id_number": ID_A}, today=TODAY)
    row = _only(_plan(tmp_path, [["姓名", "电话", "身份证号"], ["张三", "13912345678", ID_A]]))
    assert row.action == ERROR and "请核对" in row.problems[0]


def test_only_one_secretary_per_file(tmp_path):
    plan = _plan(tmp_path, [["姓名", "政治面貌", "支部职务"], ["张三", "党员", "书记"], ["李四", "党员", "书记"]])
    assert [r.action for r in plan.rows] == [NEW, ERROR]
    assert "第 2 行也是书记" in plan.rows[1].problems[0]


def test_repeated_header_signature_line_and_footnotes_are_not_people(tmp_path):
    plan = _plan(tmp_path, [
        ["序号", "姓名", "性别"],
        ["1", "张三", "男"],
        ["序号", "姓名", "性别"],
        ["注：本表由社区填写"],
        ["", "制表人：王五", ""],
    ])
    assert [(r.sheet_row, r.action) for r in plan.rows] == [(2, NEW), (5, SKIP)]
    assert "落款" in plan.rows[1].note


def test_two_columns_for_one_field_take_the_first_filled(tmp_path):
    plan = _plan(tmp_path, [["姓名", "手机", "电话"], ["张三", "", "0436-1234567"], ["李四", "13912345678", "0436-7654321"]])
    assert [r.values["phone"] for r in plan.rows] == ["0436-1234567", "13912345678"]


def test_apply_rechecks_the_database_so_a_member_added_meanwhile_is_not_duplicated(tmp_path):
    plan = _plan(tmp_path, [["姓名", "电话", "单位"], ["张三", "13912345678", "甲"]])
    assert _only(plan).action == NEW
    save_member({"name": "张三", "phone": "13912345678"}, today=TODAY)
    outcome = apply_import(plan)
    assert (outcome.created, outcome.updated) == (0, 1)
    assert [(m.name, m.unit) for m in Member.select()] == [("张三", "甲")]


def test_same_name_with_another_phone_is_added_with_a_warning(tmp_path):
    save_member({"name": "张三", "phone": "13912345678"}, today=TODAY)
    row = _only(_plan(tmp_path, [["姓名", "电话"], ["张三", "13812345678"]]))
    assert row.action == NEW and "同名" in row.note


def test_member_entered_by_name_alone_is_completed_not_duplicated(tmp_path):
    member = save_member({"name": "王五"}, today=TODAY)
    plan = _plan(tmp_path, [["姓名", "电话", "单位"], ["王五", "13912345678", "甲"], ["王五", "", "乙"]])
    first, second = plan.rows
    assert (first.action, first.member_id) == (UPDATE, member.id) and "按姓名匹配" in first.note
    assert (second.action, second.note) == (SKIP, "与第 2 行重复，已跳过")
    apply_import(plan)
    assert [(m.id, m.phone, m.unit) for m in Member.select()] == [(member.id, "13912345678", "甲")]


def test_name_alone_never_picks_between_two_namesakes(tmp_path):
    save_member({"name": "王五"}, today=TODAY)
    save_member({"name": "王五", "unit": "乙"}, today=TODAY)
    row = _only(_plan(tmp_path, [["姓名", "电话"], ["王五", "13912345678"]]))
    assert row.action == NEW and "同名" in row.note


def test_namesakes_with_different_phones_in_one_file_are_two_people(tmp_path):
    plan = _plan(tmp_path, [["姓名", "电话"], ["王五", "13912345678"], ["王五", "13812345678"]])
    assert [r.action for r in plan.rows] == [NEW, NEW]
    assert "同名" in plan.rows[1].note


def test_import_backs_up_the_database_first(tmp_path, database):
    from pathlib import Path

    from desktop.importers.members import apply_import, plan_member_import
    from desktop.models import Member
    from desktop.safety.backup import list_backups

    Member.create(name="原有成员", name_pinyin="yuan2")
    source = tmp_path / "new.csv"
    source.write_text("姓名,联系电话\n新成员,13900000009\n", encoding="utf-8")
    apply_import(plan_member_import(source))
    backups = list_backups(Path(database.database).parent / "backups")
    assert [b.reason for b in backups] == ["pre-import"]
    import sqlite3

    with sqlite3.connect(backups[0].path) as copy:
        assert copy.execute("SELECT name FROM member").fetchall() == [("原有成员",)]
