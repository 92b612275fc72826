"""Files made the way offices and phones really make them (issue 14): each test makes its file."""
from __future__ import annotations

import datetime as dt

import peewee
import pytest
from openpyxl import Workbook

from desktop.importers import members as importer
from desktop.importers.members import (
    ERROR,
    NEW,
    SKIP,
    ImportFileError,
    ImportRejected,
    SheetChoiceNeeded,
    apply_import,
    plan_member_import,
)
from desktop.models import Member
from desktop.roster.service import member_values, save_member

from . import hostile
from .messy import id_number

TODAY = dt.date(2022, 5, 1)


def _roster() -> dict[str, dict]:
    return {m.name: member_values(m) for m in Member.select()}


# 14.2 grouped headers ---------------------------------------------------------------------------

@pytest.mark.parametrize("maker", ["xlsx-title", "xlsx", "csv"])
def test_grouped_header_keeps_every_column_with_its_own_person(tmp_path, maker):
    path = {
        "xlsx-title": lambda: hostile.write_grouped_xlsx(tmp_path / "a.xlsx"),
        "xlsx": lambda: hostile.write_grouped_xlsx(tmp_path / "a.xlsx", title_row=False),
        "csv": lambda: hostile.write_grouped_csv(tmp_path / "a.csv"),
    }[maker]()
    plan = plan_member_import(path, today=TODAY)
    top = 2 if maker == "xlsx-title" else 1
    assert plan.header_rows == [top, top + 1]
    labels = {label for _, label in plan.recognized}
    assert {"姓名", "性别", "出生年月", "民族", "政治面貌", "联系电话", "备注"} <= labels
    # Every column not read is named, with its group where the sheet has one.
    assert plan.ignored == ["序号", "联系方式/微信" if maker != "csv" else "微信"]
    assert [row.action for row in plan.rows] == [NEW, NEW, NEW]
    zhang = plan.rows[0]
    assert "H 列的“0436-1234567”未导入（联系电话已取 G 列）" in zhang.note
    apply_import(plan)
    roster = _roster()
    assert set(roster) == {"张三", "李四", "王五"}
    # Each phone stays with its own person: 张三 keeps his mobile, 李四 (no mobile) her own landline.
    assert roster["张三"]["phone"] == "13912345678"
    assert roster["李四"]["phone"] == "0436-7654321"
    assert roster["王五"]["phone"] == "13712345678"
    assert (roster["李四"]["gender"], roster["李四"]["birth_date"], roster["李四"]["ethnicity"]) == ("女", "1975-03", "回族")
    assert roster["王五"]["political_status"] == "共青团员" and roster["张三"]["notes"] == "组长"


def test_group_label_that_is_a_field_name_is_never_read_as_that_field(tmp_path):
    # 联系电话 merged over 手机 and an unlabelled column: the second column is not a phone.
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "联系电话", None, "性别"])
    sheet.append([None, "手机", None, None])
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("D1:D2")
    sheet.append(["张三", None, "13712345678", "男"])
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    plan = plan_member_import(path, today=TODAY)
    assert plan.ignored == ["联系电话"]
    assert plan.rows[0].values["phone"] == ""


def test_a_column_with_data_but_no_header_is_listed_as_ignored(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("姓名,联系电话,\n张三,13912345678,0436-1234567\n", encoding="utf-8")
    assert plan_member_import(path, today=TODAY).ignored == ["C 列（无列名）"]


def test_cells_merged_down_a_column_belong_to_every_row(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "小分队", "联系电话"])
    sheet.append(["张三", "一分队", "13912345678"])
    sheet.append(["李四", None, "13812345678"])
    sheet.merge_cells("B2:B3")
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    assert [row.values["team"] for row in plan_member_import(path, today=TODAY).rows] == ["一分队", "一分队"]


# 14.3 formulas without a saved result ----------------------------------------------------------

def _formula_workbook(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "联系电话", "单位"])
    sheet.append(["张三", "13912345678", "甲"])
    sheet.append(["李四", "=\"138\"&\"12345678\"", "乙"])  # written by openpyxl: never computed
    sheet.append(["=A2&\"二\"", "13712345678", "丙"])
    workbook.save(path)
    return path


def test_formula_without_result_is_a_problem_of_its_cell_never_blank(tmp_path):
    plan = plan_member_import(_formula_workbook(tmp_path / "a.xlsx"), today=TODAY)
    first, second, third = plan.rows
    assert first.action == NEW
    assert second.action == ERROR and second.problem_keys == {"phone"}
    assert second.problems == [
        "联系电话：公式未计算，请在 Excel/WPS 中打开并保存后再导入（单元格公式 =\"138\"&\"12345678\"）"]
    assert third.action == ERROR and third.problems[0].startswith("姓名：公式未计算，请在 Excel/WPS 中打开并保存后再导入")
    with pytest.raises(ImportRejected):
        apply_import(plan)
    assert Member.select().count() == 0
    outcome = apply_import(plan, skip_invalid=True)
    assert [(m.name, m.phone) for m in Member.select()] == [("张三", "13912345678")]  # no 李四 without phone
    assert [row.sheet_row for row in outcome.left_out] == [3, 4]
    assert "第 3 行 李四、第 4 行（无姓名）" in outcome.summary()


# 14.5 middle dots and near-duplicates ----------------------------------------------------------

def test_names_with_different_middle_dots_are_one_person(tmp_path):
    path = tmp_path / "a.csv"
    dots = ["·", "•", "・", "‧", "･", "∙", " . "]
    path.write_text("姓名,联系电话\n" + "".join(f"阿依古丽{d}买买提,13912345678\n" for d in dots), encoding="utf-8")
    plan = plan_member_import(path, today=TODAY)
    assert [row.action for row in plan.rows] == [NEW] + [SKIP] * (len(dots) - 1)
    apply_import(plan)
    assert [m.name for m in Member.select()] == ["阿依古丽\u00b7买买提"]


def test_member_typed_with_another_dot_is_matched_not_duplicated(tmp_path):
    save_member({"name": "阿依古丽•买买提", "phone": "13912345678"}, today=TODAY)
    assert Member.get().name == "阿依古丽\u00b7买买提"  # the dialog's saves are normalised too
    path = tmp_path / "a.csv"
    path.write_text("姓名,联系电话,单位\n阿依古丽・买买提,13912345678,甲\n", encoding="utf-8")
    plan = plan_member_import(path, today=TODAY)
    assert plan.rows[0].action == "更新"
    apply_import(plan)
    assert [(m.name, m.unit) for m in Member.select()] == [("阿依古丽\u00b7买买提", "甲")]


def test_near_duplicates_are_warned_of_before_import(tmp_path):
    number = id_number("11010519491231002")
    save_member({"name": "张三", "phone": "13912345678"}, today=TODAY)
    save_member({"name": "阿依古丽·买买提"}, today=TODAY)
    path = tmp_path / "a.csv"
    path.write_text(
        "姓名,联系电话,身份证号\n"
        "张叁,13912345678,\n"          # the roster's phone under another name
        "阿依古丽买买提,,\n"            # the roster's name without its dot
        f"王五,13700000001,{number}\n"
        f"王伍,13700000002,{number}\n"  # the same ID as the row above
        "赵六,13700000001,\n",         # the same phone as 王五
        encoding="utf-8")
    plan = plan_member_import(path, today=TODAY)
    warnings = {row.sheet_row: row.warnings for row in plan.rows}
    assert warnings[2] == ["联系电话与已有成员“张三”相同，请核对是否为同一人"]
    assert warnings[3] == ["姓名与已有成员“阿依古丽·买买提”仅差间隔号或空格，请核对是否为同一人"]
    assert warnings[4] == ["联系电话与第 6 行的“赵六”相同，请核对是否为同一人"]
    assert warnings[5] == ["姓名与第 4 行的“王五”不同，请核对"]
    assert warnings[6] == ["联系电话与第 4 行的“王五”相同，请核对是否为同一人"]
    assert Member.select().count() == 2  # planning writes nothing


# 14.10 full-width ID numbers ---------------------------------------------------------------------

def test_full_width_id_number_and_x_are_normalised(tmp_path):
    number = hostile.id_with_x()
    path = tmp_path / "a.csv"
    path.write_text(f"姓名,身份证号\n张三,{number.translate(hostile.FULL_WIDTH)}\n"
                    f"李四,{number[:-1].translate(hostile.FULL_WIDTH)}ｘ\n", encoding="utf-8")
    first, second = plan_member_import(path, today=TODAY).rows
    assert first.action == NEW and first.problems == []
    assert first.values["id_number"] == number
    assert (first.changes["birth_date"], first.changes["gender"]) == ("1978-03", "男" if int(number[16]) % 2 else "女")
    assert second.action == SKIP and "第 2 行" in second.note  # the same person, once normalised


# 14.11 file-level messages ----------------------------------------------------------------------

def _workbook_bytes(tmp_path):
    workbook = Workbook()
    workbook.active.append(["姓名", "联系电话"])
    workbook.active.append(["张三", "13912345678"])
    plain = tmp_path / "plain.xlsx"
    workbook.save(plain)
    return plain


def test_password_protected_workbook_says_so(tmp_path):
    # A real encrypted workbook, as Excel writes it (an OLE file with EncryptionInfo/EncryptedPackage).
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _workbook_bytes(tmp_path)
    path = tmp_path / "有密码.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("1234", target)
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    with pytest.raises(ImportFileError) as raised:
        plan_member_import(path)
    assert str(raised.value) == "无法读取“有密码.xlsx”：文件设有密码，请在 Excel/WPS 中取消密码后再导入。"


def test_old_xls_renamed_to_xlsx_says_what_it_is(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "Workbook".encode("utf-16-le"))
    with pytest.raises(ImportFileError, match="实际上是旧版 Excel 文件（.xls 格式）"):
        plan_member_import(path)


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b""), ("utf-16-be", b""), ("utf-16-le", b"\xff\xfe")])
def test_utf16_csv_is_read_with_or_without_bom(tmp_path, encoding, bom):
    path = tmp_path / "a.csv"
    path.write_bytes(bom + "姓名\t联系电话\r\n张三\t13912345678\r\n李\U0002A6A5\t13812345678\r\n".encode(encoding))
    plan = plan_member_import(path, today=TODAY)
    assert [(r.values["name"], r.values["phone"]) for r in plan.rows] == [
        ("张三", "13912345678"), ("李\U0002A6A5", "13812345678")]


def test_nul_byte_in_text_names_its_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("姓名,联系电话\n张三,139\n李四,\x00138\n".encode())
    with pytest.raises(ImportFileError) as raised:
        plan_member_import(path)
    assert str(raised.value) == ("“a.csv”第 3 行含有空字符（NUL），文件可能在保存或复制时损坏。"
                                 "请在 Excel/WPS 中打开检查该行，另存为“CSV UTF-8”后再导入。")


def test_folder_and_workbook_named_csv(tmp_path):
    folder = tmp_path / "名单.csv"
    folder.mkdir()
    with pytest.raises(ImportFileError, match="是一个文件夹，请选择花名册文件"):
        plan_member_import(folder)
    named_csv = tmp_path / "b.csv"
    named_csv.write_bytes(_workbook_bytes(tmp_path).read_bytes())
    assert [r.name for r in plan_member_import(named_csv).rows] == ["张三"]  # read for what it is


# 14.12 the roster on another sheet --------------------------------------------------------------

def _two_sheets(path, second_roster=False):
    workbook = Workbook()
    notes = workbook.active
    notes.title = "填表说明"
    notes.append(["请按下表填写，姓名必填"])
    roster = workbook.create_sheet("党员名单")
    roster.append(["姓名", "联系电话"])
    roster.append(["张三", "13912345678"])
    if second_roster:
        other = workbook.create_sheet("撤离人员")
        other.append(["姓名", "性别"])
        other.append(["李四", "女"])
    workbook.save(path)
    return path


def test_roster_on_the_second_sheet_is_found_and_named(tmp_path):
    plan = plan_member_import(_two_sheets(tmp_path / "a.xlsx"), today=TODAY)
    assert plan.table.sheet == "党员名单" and [r.name for r in plan.rows] == ["张三"]


def test_several_roster_sheets_ask_which_one(tmp_path):
    path = _two_sheets(tmp_path / "a.xlsx", second_roster=True)
    with pytest.raises(SheetChoiceNeeded) as raised:
        plan_member_import(path)
    assert raised.value.sheets == ["党员名单", "撤离人员"]
    assert "--sheet" in str(raised.value)
    assert [r.name for r in plan_member_import(path, sheet="撤离人员").rows] == ["李四"]
    with pytest.raises(ImportFileError, match="在“a.xlsx”的工作表“填表说明”的前 15 行中找不到表头"):
        plan_member_import(path, sheet="填表说明")


# 12.13 corrections in the preview, birth month cells --------------------------------------------

def test_a_corrected_cell_is_validated_and_imported_as_typed(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("姓名,联系电话\n张三,1391234567\n李四,13812345678\n", encoding="utf-8")
    plan = plan_member_import(path, today=TODAY)
    assert plan.rows[0].action == ERROR and plan.rows[0].problem_keys == {"phone"}
    still_wrong = plan.corrected(2, "phone", "139123")
    assert still_wrong.rows[0].action == ERROR
    fixed = still_wrong.corrected(2, "phone", "139 1234 5678")
    assert fixed.rows[0].action == NEW and fixed.rows[0].values["phone"] == "13912345678"
    assert path.read_text(encoding="utf-8").count("1391234567\n") == 1  # the file itself is untouched
    outcome = apply_import(fixed)
    assert outcome.created == 2
    assert Member.get(Member.name == "张三").phone == "13912345678"


def test_birth_month_in_a_date_cell_reads_as_the_month(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "出生年月", "入党时间"])
    sheet.append(["张三", dt.datetime(1978, 7, 1), dt.datetime(2001, 7, 1)])
    sheet.append(["李四", dt.datetime(1980, 3, 1), dt.datetime(2003, 6, 1)])
    sheet["B3"].number_format = 'yyyy"年"m"月"'
    sheet["C3"].number_format = "yyyy.mm"
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    first, second = plan_member_import(path, today=TODAY).rows
    assert (first.values["birth_date"], first.values["party_joined"]) == ("1978-07", "2001-07-01")
    assert (second.values["birth_date"], second.values["party_joined"]) == ("1980-03", "2003-06")


# Any database failure while writing leaves nothing half-written ---------------------------------

def test_database_failure_mid_import_leaves_the_roster_as_it_was(tmp_path, monkeypatch):
    save_member({"name": "原有", "phone": "13700000000"}, today=TODAY)
    path = tmp_path / "a.csv"
    path.write_text("姓名,联系电话,单位\n原有,13700000000,新单位\n张三,13912345678,甲\n李四,13812345678,乙\n",
                    encoding="utf-8")
    before = _roster()
    real_save = importer.save_member
    calls = []

    def failing_save(values, member_id=None, today=None):
        calls.append(values["name"])
        if len(calls) == 3:
            raise peewee.OperationalError("database or disk is full")
        return real_save(values, member_id, today=today)

    monkeypatch.setattr(importer, "save_member", failing_save)
    with pytest.raises(peewee.OperationalError):
        apply_import(plan_member_import(path, today=TODAY))
    assert calls == ["原有", "张三", "李四"]  # two rows were written inside the transaction …
    assert _roster() == before  # … and rolled back with it
