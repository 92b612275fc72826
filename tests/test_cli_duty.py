"""`branch-desk export duty` and `branch-desk schedule` from the command line."""
from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.duty import setup as S
from desktop.models import DutyAssignment, Member, close, open_store
from desktop.roster.pinyin import pinyin_key

D = dt.date(2026, 11, 16)
# The solver never rewrites the past (before today): schedule tests plan next week.
AHEAD = dt.date.today() + dt.timedelta(days=7)


def person(name: str, status: str = "中共党员") -> Member:
    return Member.create(name=name, name_pinyin=pinyin_key(name), political_status=status,
                         arrived_on=D - dt.timedelta(days=10))


@pytest.fixture
def db_path() -> Path:
    return Path(os.environ["BRANCH_DESK_DB"])


def test_export_duty_csv_with_period(db_path, tmp_path, capsys):
    pattern = S.ensure_preset(S.EVENING_PATTERN)
    post = S.create_post("北门值守点", pattern.id)
    evening, late = S.shifts_of(pattern.id)
    wang = person("王志远")
    DutyAssignment.create(date=D, post=post, shift=late, member=wang)
    DutyAssignment.create(date=D + dt.timedelta(days=3), post=post, shift=evening, member=wang)
    close()
    out = tmp_path / "值班.csv"
    assert main(["export", "duty", str(out), "--from", "2026-11-16", "--to", "2026-11-17",
                 "--db", str(db_path)]) == 0
    assert "已导出 1 条" in capsys.readouterr().out
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["日期", "值守点", "班次", "开始时间", "结束时间", "姓名"],
                    ["2026-11-16", "北门值守点", "夜班", "22:30", "08:30", "王志远"]]


def test_export_duty_rejects_other_formats(db_path, tmp_path, capsys):
    close()
    assert main(["export", "duty", str(tmp_path / "x.txt"), "--db", str(db_path)]) == 1
    assert ".xlsx、.csv 或 .png" in capsys.readouterr().err


def test_export_duty_png_is_a_phone_picture_of_one_week(db_path, tmp_path, capsys):
    from PIL import Image

    pattern = S.ensure_default_pattern()
    post = S.create_post("东门卡口", pattern.id)
    DutyAssignment.create(date=D, post=post, shift=S.shifts_of(pattern.id)[0], member=person("王志远"))
    close()
    out = tmp_path / "本周值班.png"
    assert main(["export", "duty", str(out), "--from", "2026-11-16", "--to", "2026-11-22",
                 "--db", str(db_path)]) == 0
    assert "值班图片" in capsys.readouterr().out
    with Image.open(out) as image:
        assert image.format == "PNG" and image.width == 1080  # stated in desktop/exporters/rota_picture.py
    assert main(["export", "duty", str(tmp_path / "两周.png"), "--from", "2026-11-16", "--to", "2026-11-29",
                 "--db", str(db_path)]) == 1
    assert "7 天" in capsys.readouterr().err


def test_schedule_feasible_exits_0_and_writes_the_rota(db_path, capsys):
    pattern = S.create_pattern("单班", [("白班", "08:00", "16:00", False)])
    S.create_post("东门卡口", pattern.id, people_needed=1)
    for name in ("王志远", "李晓燕", "张建国"):
        person(name)
    close()
    code = main(["schedule", "--from", f"{AHEAD}", "--to", f"{AHEAD + dt.timedelta(days=2)}",
                 "--time-limit", "5", "--db", str(db_path)])
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err
    assert "排班完成" in captured.out
    assert "人手：全部 3 个班次已排满" in captured.out and "公平：" in captured.out  # what was proven
    open_store(db_path)
    days = sorted({a.date for a in DutyAssignment.select()})
    assert days == [AHEAD, AHEAD + dt.timedelta(days=1), AHEAD + dt.timedelta(days=2)]


def test_schedule_infeasible_exits_1_with_the_reason(db_path, capsys):
    pattern = S.create_pattern("单班", [("白班", "08:00", "16:00", False)])
    S.create_post("东门卡口", pattern.id, people_needed=2, party_member_required=True)
    person("王志远")  # one person for a post that needs two
    close()
    code = main(["schedule", "--from", f"{AHEAD}", "--to", f"{AHEAD}", "--time-limit", "5",
                 "--db", str(db_path)])
    captured = capsys.readouterr()
    assert code == 1
    assert "排班未完成" in captured.out and "已写入" in captured.out
    line = next(line for line in captured.out.splitlines() if f"{AHEAD} 东门卡口 白班" in line)
    assert "需 2 人" in line and "已排 1 人" in line
    assert len(line.split("。", 1)[1].strip()) > 0  # the solver's reason follows
    assert "Traceback" not in captured.err
    open_store(db_path)
    assert DutyAssignment.select().count() == 1  # the incomplete rota is still written


def test_schedule_rejects_reversed_period(db_path, capsys):
    close()
    assert main(["schedule", "--from", "2026-11-18", "--to", "2026-11-16", "--db", str(db_path)]) == 1
    assert "开始日期不能晚于结束日期" in capsys.readouterr().err


def test_report_duty_writes_a_landscape_pdf(db_path, tmp_path, capsys):
    from pypdf import PdfReader

    pattern = S.ensure_default_pattern()
    post = S.create_post("东门卡口", pattern.id)
    DutyAssignment.create(date=D, post=post, shift=S.shifts_of(pattern.id)[0], member=person("王志远"))
    close()
    out = tmp_path / "值班表.pdf"
    assert main(["report", "duty", "--from", "2026-11-16", "--to", "2026-11-22", "-o", str(out),
                 "--db", str(db_path)]) == 0
    assert "已生成" in capsys.readouterr().out
    page = PdfReader(str(out)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert "王志远" in page.extract_text()
    assert main(["report", "duty", "--from", "2026-11-22", "--to", "2026-11-16", "-o", str(out),
                 "--db", str(db_path)]) == 1
    assert "开始日期不能晚于结束日期" in capsys.readouterr().err


LAST_YEAR = dt.date.today().year + 5  # limits.LATEST_YEARS_AHEAD
ABSURD_PERIODS = [
    ("0001-01-01", "9999-12-31"),  # the slip that grew a report to 8.9 GB
    ("1999-12-31", "2000-01-07"),  # before any branch
    (f"{LAST_YEAR}-12-31", f"{LAST_YEAR + 1}-01-01"),  # past the years planned ahead
    ("2022-01-01", "2025-12-31"),  # four years: longer than any report covers
]


@pytest.mark.parametrize("start,end", ABSURD_PERIODS)
@pytest.mark.parametrize("command", ["export-csv", "export-xlsx", "export-png", "schedule"])
def test_duty_commands_refuse_the_periods_reports_refuse(db_path, tmp_path, capsys, command, start, end):
    """The same limits and the same Chinese message as `report duty`, exit 1, nothing written."""
    close()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    before, beside = db_path.read_bytes(), sorted(db_path.parent.iterdir())
    period = ["--from", start, "--to", end, "--db", str(db_path)]
    assert main(["report", "duty", *period, "-o", str(out_dir / "r.pdf")]) == 1
    expected = capsys.readouterr().err
    assert expected.startswith("错误：时间范围")
    if command == "schedule":
        argv = ["schedule", *period]
    else:
        out = out_dir / f"值班.{command.split('-')[1]}"
        argv = ["export", "duty", str(out), *period]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.err == expected and "Traceback" not in captured.err
    assert list(out_dir.iterdir()) == []  # no export, no report
    assert db_path.read_bytes() == before and sorted(db_path.parent.iterdir()) == beside  # no lock taken


def test_export_duty_one_date_alone_is_checked_too(db_path, tmp_path, capsys):
    close()
    out = tmp_path / "值班.csv"
    assert main(["export", "duty", str(out), "--from", "0001-01-01", "--db", str(db_path)]) == 1
    assert "超出了合理的年份" in capsys.readouterr().err and not out.exists()
    assert main(["export", "duty", str(out), "--to", "2026-11-30", "--db", str(db_path)]) == 0  # a real one works
    assert out.exists()
