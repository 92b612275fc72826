"""The command line: Chinese errors on stderr, exit code 1, never a traceback."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models import Member, close, open_store


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, encoding="utf-8",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}, timeout=120,
    )


def test_demo_creates_a_fictional_branch(tmp_path, capsys):
    target = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(target)]) == 0
    assert "已创建示例数据库" in capsys.readouterr().out
    open_store(target)
    names = [m.name for m in Member.select()]
    assert 15 <= len(names) <= 20
    assert len(set(names)) == len(names)
    close()


def test_demo_refuses_an_existing_file(tmp_path, capsys):
    target = tmp_path / "demo.sqlite3"
    target.write_bytes(b"keep me")
    assert main(["demo", "--db", str(target)]) == 1
    err = capsys.readouterr().err
    assert "文件已存在" in err and "Traceback" not in err
    assert target.read_bytes() == b"keep me"


def test_demo_needs_a_path(capsys):
    assert main(["demo"]) == 1
    assert "--db" in capsys.readouterr().err


def test_unknown_command_is_explained_in_chinese(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 1
    assert "无效的选项" in capsys.readouterr().err


def test_missing_import_file(tmp_path, capsys):
    assert main(["import", "members", str(tmp_path / "无此文件.xlsx")]) == 1
    assert "找不到文件" in capsys.readouterr().err


def test_db_option_after_the_subcommand(tmp_path, capsys):
    db_path = tmp_path / "other.sqlite3"
    out = tmp_path / "roster.csv"
    assert main(["export", "members", str(out), "--db", str(db_path)]) == 1
    assert not db_path.exists()  # a reading command creates nothing, not even the database
    assert capsys.readouterr().err == f"错误：找不到数据库文件：{db_path}\n请用 --db 指定数据库文件，或先打开支部工作台创建它。\n"
    open_store(db_path)
    close()
    assert main(["export", "members", str(out), "--db", str(db_path)]) == 0
    assert "已导出 0 人" in capsys.readouterr().out


def test_import_then_export_round_trip(tmp_path, capsys):
    source = tmp_path / "花名册.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "性别", "出生年月", "政治面貌", "派出单位", "联系电话"])
        writer.writerow(["安𪚥", "女", "1990.11", "中共党员", "市图书馆", "139 0000 0001"])
        writer.writerow(["白雪", "女", "1996年1月", "共青团员", "市统计局", "13900000002"])
    db_path = tmp_path / "roster.sqlite3"
    assert main(["--db", str(db_path), "import", "members", str(source), "--dry-run"]) == 0
    assert "试运行" in capsys.readouterr().out
    assert not db_path.exists()  # a dry run on a new database checks against an empty roster
    open_store(db_path)
    assert Member.select().count() == 0
    close()

    assert main(["--db", str(db_path), "import", "members", str(source)]) == 0
    assert "新增 2 人" in capsys.readouterr().out
    out = tmp_path / "导出.csv"
    assert main(["--db", str(db_path), "export", "members", str(out), "--reveal"]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "安𪚥" in text and "13900000001" in text


def test_bad_rows_abort_the_whole_import(tmp_path, capsys):
    source = tmp_path / "bad.csv"
    source.write_text("姓名,联系电话\n甲,13900000001\n乙,12345\n", encoding="utf-8")
    db_path = tmp_path / "roster.sqlite3"
    assert main(["--db", str(db_path), "import", "members", str(source)]) == 1
    err = capsys.readouterr().err
    assert "第 3 行" in err and "Traceback" not in err
    open_store(db_path)
    assert Member.select().count() == 0
    close()
    assert main(["--db", str(db_path), "import", "members", str(source), "--skip-invalid"]) == 0
    open_store(db_path)
    assert [m.name for m in Member.select()] == ["甲"]


def test_real_process_reports_errors_without_traceback(tmp_path):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    result = run_cli("--db", str(broken), "export", "members", str(tmp_path / "x.csv"))
    assert result.returncode == 1
    assert "错误" in result.stderr
    assert "Traceback" not in result.stderr


def test_env_variable_picks_the_database(tmp_path):
    db_path = tmp_path / "env.sqlite3"
    out = tmp_path / "out.csv"
    close()
    open_store(db_path)
    close()
    result = run_cli("export", "members", str(out), env={"BRANCH_DESK_DB": str(db_path)})
    assert result.returncode == 0, result.stderr
    assert db_path.exists()
    assert Path(out).exists()


def test_report_members_writes_a_masked_pdf(tmp_path, capsys):
    from pypdf import PdfReader

    db_path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db_path)]) == 0
    out = tmp_path / "花名册.pdf"
    assert main(["--db", str(db_path), "report", "members", "-o", str(out)]) == 0
    assert "已生成" in capsys.readouterr().out
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "党员花名册" in text and "****" in text


def test_report_needs_a_pdf_target_and_valid_dates(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "x.sqlite3"), "report", "members", "-o", str(tmp_path / "x.doc")]) == 1
    assert ".pdf" in (err := capsys.readouterr().err) and ".docx" in err  # .docx is Word (issue 15)
    with pytest.raises(SystemExit):
        main(["report", "minutes", "--from", "2022-04-31", "--to", "2022-05-01", "-o", "x.pdf"])
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_demo_database_is_private(tmp_path):
    target = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o600


def test_report_minutes_and_signin_from_the_demo(tmp_path, capsys):
    import datetime as dt

    from pypdf import PdfReader

    db_path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db_path)]) == 0
    today = dt.date.today()
    minutes = tmp_path / "会议记录.pdf"
    start = (today - dt.timedelta(days=14)).isoformat()
    assert main(["--db", str(db_path), "report", "minutes", "--from", start, "--to", today.isoformat(),
                 "-o", str(minutes)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(minutes).pages)
    assert "每日例会" in text and "支部党员大会" in text and "主持人" in text
    signin = tmp_path / "签到表.pdf"
    assert main(["--db", str(db_path), "report", "signin", "--date", today.isoformat(), "-o", str(signin)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(signin).pages)
    assert "签到" in text and "应到" in text
    assert "已生成" in capsys.readouterr().out


def test_report_minutes_rejects_a_reversed_period(tmp_path, capsys):
    args = ["--db", str(tmp_path / "x.sqlite3"), "report", "minutes", "--from", "2022-05-01",
            "--to", "2022-04-01", "-o", str(tmp_path / "m.pdf")]
    assert main(args) == 1
    assert "开始日期不能晚于结束日期" in capsys.readouterr().err


# Hostile roster files through `import members` (issue 14): exact messages, no traceback,
# the database unchanged where the file is refused.

def _members(db_path) -> dict[str, str]:
    open_store(db_path)
    try:
        return {m.name: m.phone for m in Member.select()}
    finally:
        close()


def test_cli_grouped_header_lists_ignored_columns_and_keeps_each_phone(tmp_path):
    from tests.importers.hostile import write_grouped_xlsx

    source = write_grouped_xlsx(tmp_path / "分组表头.xlsx")
    db_path = tmp_path / "roster.sqlite3"
    result = run_cli("--db", str(db_path), "import", "members", str(source))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "读取“分组表头.xlsx”的工作表“花名册”，表头在第 2–3 行"
    assert "忽略的列：序号、联系方式/微信（这些列的内容不会导入）" in lines
    assert "第 4 行：新增，H 列的“0436-1234567”未导入（联系电话已取 G 列）" in lines
    assert result.stderr == "" and "Traceback" not in result.stderr
    assert _members(db_path) == {"张三": "13912345678", "李四": "0436-7654321", "王五": "13712345678"}


def test_cli_uncomputed_formulas_are_named_and_nothing_is_written(tmp_path, capsys):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["姓名", "联系电话"])
    workbook.active.append(["张三", "13912345678"])
    workbook.active.append(["李四", '="138"&"12345678"'])
    source = tmp_path / "公式.xlsx"
    workbook.save(source)
    db_path = tmp_path / "roster.sqlite3"
    assert main(["--db", str(db_path), "import", "members", str(source)]) == 1
    captured = capsys.readouterr()
    assert ("第 3 行：联系电话：公式未计算，请在 Excel/WPS 中打开并保存后再导入（单元格公式 =\"138\"&\"12345678\"）"
            in captured.err.splitlines())
    assert "Traceback" not in captured.err
    assert _members(db_path) == {}
    assert main(["--db", str(db_path), "import", "members", str(source), "--skip-invalid"]) == 0
    assert "未导入：第 3 行 李四" in capsys.readouterr().out.splitlines()
    assert _members(db_path) == {"张三": "13912345678"}


def test_cli_password_protected_workbook(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile
    from openpyxl import Workbook

    plain = tmp_path / "plain.xlsx"
    workbook = Workbook()
    workbook.active.append(["姓名", "联系电话"])
    workbook.save(plain)
    source = tmp_path / "有密码.xlsx"
    with plain.open("rb") as data, source.open("wb") as target:
        OOXMLFile(data).encrypt("1234", target)
    db_path = tmp_path / "roster.sqlite3"
    result = run_cli("--db", str(db_path), "import", "members", str(source))
    assert result.returncode == 1
    assert result.stderr == "错误：无法读取“有密码.xlsx”：文件设有密码，请在 Excel/WPS 中取消密码后再导入。\n"
    assert _members(db_path) == {}


def test_cli_sheet_option_and_the_question_when_several_sheets_hold_a_roster(tmp_path, capsys):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "填表说明"
    workbook.active.append(["姓名必填"])
    for title, name in (("在岗", "张三"), ("撤离人员", "李四")):
        sheet = workbook.create_sheet(title)
        sheet.append(["姓名", "联系电话"])
        sheet.append([name, "13912345678" if name == "张三" else "13812345678"])
    source = tmp_path / "两个名单.xlsx"
    workbook.save(source)
    db_path = tmp_path / "roster.sqlite3"
    assert main(["--db", str(db_path), "import", "members", str(source)]) == 1
    err = capsys.readouterr().err
    assert err == ("错误：“两个名单.xlsx”中有 2 个工作表含有花名册表头：“在岗”、“撤离人员”。"
                   "请选择要导入的工作表（命令行请加 --sheet 工作表名称）。\n")
    assert _members(db_path) == {}
    assert main(["--db", str(db_path), "import", "members", str(source), "--sheet", "撤离人员"]) == 0
    assert capsys.readouterr().out.startswith("读取“两个名单.xlsx”的工作表“撤离人员”，表头在第 1 行\n")
    assert _members(db_path) == {"李四": "13812345678"}


@pytest.mark.parametrize("content, message", [
    ("姓名,联系电话\r\n张三,13912345678\r\n".encode("utf-16-le"), None),
    ("姓名,联系电话\n张三,1391234\x005678\n".encode(),
     "错误：“a.csv”第 2 行含有空字符（NUL），文件可能在保存或复制时损坏。请在 Excel/WPS 中打开检查该行，另存为“CSV UTF-8”后再导入。\n"),
])
def test_cli_utf16_without_bom_is_read_and_a_nul_byte_is_named(tmp_path, capsys, content, message):
    source = tmp_path / "a.csv"
    source.write_bytes(content)
    db_path = tmp_path / "roster.sqlite3"
    code = main(["--db", str(db_path), "import", "members", str(source)])
    captured = capsys.readouterr()
    if message is None:
        assert code == 0 and captured.err == ""
        assert _members(db_path) == {"张三": "13912345678"}
    else:
        assert code == 1 and captured.err == message
        assert _members(db_path) == {}


def test_cli_warns_of_near_duplicates_and_normalises_dots_and_full_width_ids(tmp_path, capsys):
    from tests.importers.hostile import FULL_WIDTH, id_with_x

    number = id_with_x()
    source = tmp_path / "a.csv"
    source.write_text(
        "姓名,联系电话,身份证号\n"
        f"阿依古丽•买买提,13912345678,{number.translate(FULL_WIDTH)}\n"
        "阿依古丽・买买提,13912345678,\n"
        "张三,13912345678,\n", encoding="utf-8")
    db_path = tmp_path / "roster.sqlite3"
    assert main(["--db", str(db_path), "import", "members", str(source)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "第 4 行：注意：联系电话与第 2 行的“阿依古丽·买买提”相同，请核对是否为同一人" in out
    assert "有 2 行可能与他人重复（见“注意”），请核对。" in out
    open_store(db_path)
    try:
        assert sorted((m.name, m.id_number) for m in Member.select()) == [
            ("张三", ""), ("阿依古丽·买买提", number)]
    finally:
        close()
