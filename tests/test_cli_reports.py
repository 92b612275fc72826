"""`branch-desk report summary` and `branch-desk report cadre` from the command line."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models import Member, close
from desktop.roster.pinyin import pinyin_key


def person(name: str, unit: str = "市统计局") -> Member:
    return Member.create(name=name, name_pinyin=pinyin_key(name), unit=unit, political_status="中共党员",
                         arrived_on=dt.date(2022, 4, 1))


@pytest.fixture
def db_path() -> Path:
    return Path(os.environ["BRANCH_DESK_DB"])


def run(*args) -> int:
    return main(["report", *args])


def test_summary(db_path, tmp_path, capsys):
    person("王志远")
    close()
    out = tmp_path / "报告.pdf"
    assert run("summary", "--from", "2022-04-01", "--to", "2022-04-07", "-o", str(out), "--db", str(db_path)) == 0
    printed = capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF") and "已生成" in printed
    assert "注意：尚未填写：下一步工作打算" in printed


def test_summary_bad_period_and_suffix(db_path, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert run("summary", "--from", "2022-04-07", "--to", "2022-04-01", "-o", str(out), "--db", str(db_path)) == 1
    assert "开始日期不能晚于结束日期" in capsys.readouterr().err
    assert run("summary", "--from", "2022-04-01", "--to", "2022-04-07", "-o", str(tmp_path / "x.doc"),
               "--db", str(db_path)) == 1
    assert ".pdf" in capsys.readouterr().err and not out.exists()


def test_cadre_all_and_one(db_path, tmp_path, capsys):
    person("王志远")
    person("安然", unit="区教育局")
    close()
    out = tmp_path / "all.pdf"
    assert run("cadre", "--from", "2022-04-01", "--to", "2022-04-07", "-o", str(out), "--db", str(db_path)) == 0
    printed = capsys.readouterr().out
    assert "尚未填写：安然的支部评价意见" in printed and "尚未填写：王志远的支部评价意见" in printed
    one = tmp_path / "one.pdf"
    assert run("cadre", "--from", "2022-04-01", "--to", "2022-04-07", "--member", "王志远", "-o", str(one),
               "--db", str(db_path)) == 0
    printed = capsys.readouterr().out
    assert "王志远" in printed and "安然" not in printed


def test_cadre_unknown_or_ambiguous_member(db_path, tmp_path, capsys):
    person("王志远")
    person("王志远", unit="区教育局")
    close()
    out = tmp_path / "x.pdf"
    args = ("cadre", "--from", "2022-04-01", "--to", "2022-04-07", "-o", str(out), "--db", str(db_path))
    assert run(*args, "--member", "王志远") == 1
    err = capsys.readouterr().err
    assert "有 2 位成员叫“王志远”" in err and "王志远（市统计局）" in err and "王志远（区教育局）" in err
    assert run(*args, "--member", "王志") == 1
    err = capsys.readouterr().err
    assert "花名册中没有“王志”" in err and "王志远" in err
    assert run(*args, "--member", "王志远（区教育局）") == 0
    assert not out.exists() or out.read_bytes().startswith(b"%PDF")


def test_output_extension_picks_word(db_path, tmp_path, capsys):
    import docx

    person("王志远")
    close()
    out = tmp_path / "花名册.docx"
    assert run("members", "-o", str(out), "--db", str(db_path)) == 0
    assert "已生成" in capsys.readouterr().out and out.read_bytes()[:2] == b"PK"
    text = "".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "党员花名册" in text
    out = tmp_path / "报告.DOCX"
    assert run("summary", "--from", "2022-04-01", "--to", "2022-04-07", "-o", str(out), "--db", str(db_path)) == 0
    assert out.read_bytes()[:2] == b"PK"


def test_every_kind_as_word_from_the_cli(db_path, tmp_path, capsys):
    """A loop over KINDS: each kind has a `report` command of its own name, and -o FILE.docx writes Word."""
    from desktop.reports.kinds import KINDS

    person("王志远")
    close()
    for report in KINDS:
        out = tmp_path / f"{report.key}.docx"
        period = {"none": [], "day": ["--date", "2022-04-04"],
                  "range": ["--from", "2022-04-01", "--to", "2022-04-07"]}[report.period]
        assert run(report.key, *period, "-o", str(out), "--db", str(db_path)) == 0, report.title
        assert out.read_bytes()[:2] == b"PK", report.title
    assert "Word 文档" in capsys.readouterr().out


def test_handover_sheet(db_path, tmp_path, capsys):
    close()
    out = tmp_path / "交接班.docx"
    assert run("handover", "--from", "2022-04-01", "--to", "2022-04-07", "-o", str(out), "--db", str(db_path)) == 0
    import docx

    text = "".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "交接班记录" in text and "暂无记录" in text
    assert run("handover", "--from", "2022-04-07", "--to", "2022-04-01", "-o", str(out), "--db", str(db_path)) == 1
    assert "开始日期不能晚于结束日期" in capsys.readouterr().err
