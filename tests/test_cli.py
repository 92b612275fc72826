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
    assert main(["export", "members", str(out), "--db", str(db_path)]) == 0
    assert db_path.exists()
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
