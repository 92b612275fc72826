"""Importing a member's diaries from a .txt file: encodings, preview actions, apply."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from desktop.diaries import service as S
from desktop.diaries.importer import (
    APPEND,
    NEW,
    SAME,
    apply_diary_import,
    plan_diary_import,
    read_text_file,
)
from desktop.models import DiaryEntry

from .conftest import TODAY

TEXT = "4月3日：今天，是受单位指派，到丰泽园小区开展下沉包保工作的第一天。\n4月4日：协助核酸采样，维持秩序。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_read_text_file_encodings(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read_text_file(path) == TEXT


def test_read_text_file_refuses_binary_and_missing(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(S.DiaryError, match="无法识别.*编码"):
        read_text_file(path)
    with pytest.raises(S.DiaryError, match="找不到文件"):
        read_text_file(tmp_path / "none.txt")


def test_plan_and_apply(wang):
    S.save_entry(wang.id, dt.date(2022, 4, 4), "上午值守。", today=TODAY)
    S.save_entry(wang.id, dt.date(2022, 4, 5), "夜班巡查，一切正常。", today=TODAY)
    text = TEXT + "4月5日：夜班巡查，一切正常。\n4月25日：还没到的日子。\n"
    plan = plan_diary_import(text, wang.id, year=2022, today=TODAY)
    assert [(r.day.day, r.action) for r in plan.rows] == [(3, NEW), (4, APPEND), (5, SAME)]
    assert plan.rows[1].existing_entry_id == S.entry_for(wang.id, dt.date(2022, 4, 4)).id
    assert any("4月25日还没有到" in p for p in plan.problems)
    assert apply_diary_import(plan, today=TODAY) == (1, 1, 1)
    assert S.entry_for(wang.id, dt.date(2022, 4, 4)).text == "上午值守。\n协助核酸采样，维持秩序。"
    backups = list((Path(os.environ["BRANCH_DESK_DB"]).parent / "backups").glob("*"))
    assert backups, "a safety backup comes first"
    # The same file again changes nothing.
    again = plan_diary_import(text, wang.id, year=2022, today=TODAY)
    assert [r.action for r in again.rows] == [SAME, SAME, SAME]
    assert apply_diary_import(again, today=TODAY) == (0, 0, 3)


def test_apply_without_appending(wang):
    S.save_entry(wang.id, dt.date(2022, 4, 4), "上午值守。", today=TODAY)
    plan = plan_diary_import(TEXT, wang.id, year=2022, today=TODAY)
    assert apply_diary_import(plan, append_existing=False, today=TODAY) == (1, 0, 1)
    assert S.entry_for(wang.id, dt.date(2022, 4, 4)).text == "上午值守。"


def test_apply_is_all_or_nothing(wang, monkeypatch):
    plan = plan_diary_import(TEXT, wang.id, year=2022, today=TODAY)
    import desktop.diaries.importer as importer

    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise S.DiaryError("模拟失败")
        return S.save_entry(*args, **kwargs)

    monkeypatch.setattr(importer, "save_entry", flaky)
    with pytest.raises(S.DiaryError):
        apply_diary_import(plan, today=TODAY)
    assert DiaryEntry.select().count() == 0


def test_plan_links_control_characters_and_no_dates(wang):
    plan = plan_diary_import("4月3日：值\x07守", wang.id, year=2022, today=TODAY)
    assert plan.rows[0].text == "值守"
    empty = plan_diary_import("只是一段话", wang.id, today=TODAY)
    assert empty.rows == [] and "没有找到日期" in empty.problems[0]
