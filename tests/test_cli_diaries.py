"""`branch-desk import diary` and `branch-desk report diaries` from the command line."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models import DiaryEntry, Member, close, open_store
from desktop.roster.pinyin import pinyin_key

TEXT = "4月3日：今天，是受单位指派，到丰泽园小区开展下沉包保工作的第一天。\n\n4月4日：协助核酸采样。\n"


def person(name: str, unit: str = "市统计局") -> Member:
    return Member.create(name=name, name_pinyin=pinyin_key(name), unit=unit, arrived_on=dt.date(2022, 4, 1))


@pytest.fixture
def db_path() -> Path:
    return Path(os.environ["BRANCH_DESK_DB"])


def entries(db_path):
    open_store(db_path)
    try:
        return [(e.member.name, e.date, e.text) for e in DiaryEntry.select().order_by(DiaryEntry.date)]
    finally:
        close()


def test_import_diary_gbk_file(db_path, tmp_path, capsys):
    person("王志远")
    close()
    source = tmp_path / "王志远日记.txt"
    source.write_bytes(TEXT.encode("gbk"))
    assert main(["import", "diary", str(source), "--member", "王志远", "--year", "2022", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "4月3日 新增 今天，是受单位指派，到丰泽园小区开展下沉包保工作的第一天。" in out
    assert "新增 2 篇，追加 0 篇，跳过 0 篇" in out
    assert [(n, d) for n, d, _ in entries(db_path)] == [("王志远", dt.date(2022, 4, 3)), ("王志远", dt.date(2022, 4, 4))]
    # Again: every day already there, nothing to import -> exit 1.
    assert main(["import", "diary", str(source), "--member", "王志远", "--year", "2022", "--db", str(db_path)]) == 1
    captured = capsys.readouterr()
    assert "4月3日 相同跳过" in captured.out and "没有可导入的日记" in captured.err


def test_import_diary_without_dates_or_member(db_path, tmp_path, capsys):
    person("王志远")
    person("王志远", unit="区教育局")
    close()
    source = tmp_path / "x.txt"
    source.write_text("今天值守。", encoding="utf-8")
    assert main(["import", "diary", str(source), "--member", "王志远（市统计局）", "--db", str(db_path)]) == 1
    assert "没有找到日期" in capsys.readouterr().err
    assert main(["import", "diary", str(source), "--member", "王志远", "--db", str(db_path)]) == 1
    assert "有 2 位成员叫“王志远”" in capsys.readouterr().err
    assert main(["import", "diary", str(source), "--member", "赵六", "--db", str(db_path)]) == 1
    assert "花名册中没有“赵六”" in capsys.readouterr().err
    assert entries(db_path) == []


def test_import_diary_dry_run_and_guessed_year(db_path, tmp_path, capsys):
    person("李晓燕")
    close()
    source = tmp_path / "x.txt"
    source.write_text("1月2日：值守。", encoding="utf-8-sig")
    assert main(["import", "diary", str(source), "--member", "李晓燕", "--dry-run", "--db", str(db_path)]) == 0
    captured = capsys.readouterr()
    assert "1月2日 新增 值守。" in captured.out and "试运行" in captured.out
    assert "请用 --year 指定" in captured.err
    assert entries(db_path) == []


def test_report_diaries(db_path, tmp_path, capsys):
    from desktop.diaries import service as S

    wang = person("王志远")
    S.save_entry(wang.id, dt.date(2022, 4, 3), "东门卡口值守。", today=dt.date(2022, 4, 20))
    close()
    out = tmp_path / "日记.pdf"
    args = ["report", "diaries", "--from", "2022-04-01", "--to", "2022-04-30", "-o", str(out), "--db", str(db_path)]
    assert main(args + ["--member", "王志远"]) == 0
    assert "已生成" in capsys.readouterr().out and out.read_bytes().startswith(b"%PDF")
    assert main(args + ["--member", "王志"]) == 1
    assert "花名册中没有“王志”。相近的成员：王志远" in capsys.readouterr().err
    assert main(["report", "diaries", "--from", "2022-04-30", "--to", "2022-04-01", "-o", str(out),
                 "--db", str(db_path)]) == 1
    assert "开始日期不能晚于结束日期" in capsys.readouterr().err


CHAT = ("张建国 2026/12/2 21:40\n12月2日：东门值守。\n2026-12-03 22:10:11 李四\n收到\n"
        "刘海波 2026/12/3 22:05\n走访 3 号楼 12 户。\n张建国 22:30\n夜班交接完毕。\n")


def test_import_diary_without_member_reads_a_group_chat(db_path, tmp_path, capsys):
    person("张建国")
    person("刘海波")
    close()
    source = tmp_path / "群聊.txt"
    source.write_text(CHAT, encoding="utf-8")
    assert main(["import", "diary", str(source), "--db", str(db_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "2026年12月2日 张建国 新增 东门值守。",
        "2026年12月3日 刘海波 新增 走访 3 号楼 12 户。",
        "2026年12月3日 张建国 新增 夜班交接完毕。",
        "导入完成（张建国、刘海波）：新增 3 篇，追加 0 篇，跳过 0 篇。",
    ]
    assert "发送人“李四”不在花名册中：第3行、第4行的消息未导入。" in captured.err
    assert "Traceback" not in captured.err
    assert entries(db_path) == [("张建国", dt.date(2026, 12, 2), "东门值守。"),
                                ("刘海波", dt.date(2026, 12, 3), "走访 3 号楼 12 户。"),
                                ("张建国", dt.date(2026, 12, 3), "夜班交接完毕。")]


def test_import_diary_without_member_and_no_chat_says_what_to_do(db_path, tmp_path, capsys):
    person("张建国")
    close()
    source = tmp_path / "日记.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert main(["import", "diary", str(source), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "没有识别出聊天记录的发送人" in err and "--member" in err and "Traceback" not in err
    assert entries(db_path) == []


def test_import_diary_preview_shows_the_year_and_keeps_an_amount_line(db_path, tmp_path, capsys):
    person("王志远")
    close()
    source = tmp_path / "日记.txt"
    source.write_text("二〇二一年十月一日：国庆值守。\n2.5 元一斤的白菜，买了20斤。\n"
                      "四月三日：送药。\n6.5 号楼的王大爷要药。\n", encoding="utf-8")
    assert main(["import", "diary", str(source), "--member", "王志远", "--dry-run", "--db", str(db_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[:2] == [
        "2021年10月1日 新增 国庆值守。 2.5 元一斤的白菜，买了20斤。",
        "2022年4月3日 新增（含疑似日期行，已作正文保留） 送药。 6.5 号楼的王大爷要药。"]
    assert "第4行开头的“6.5”像日期（6月5日），但与前后的日期相差太远，已作为正文完整保留" in captured.err
