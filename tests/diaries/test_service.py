"""The diary service: one entry per member per day, tags, figures, drafts, calendar marks."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.diaries import service as S
from desktop.models import (
    DiaryEntry,
    DiaryEntryTag,
    DiaryFigure,
    DutyAssignment,
    Post,
    ShiftDefinition,
    ShiftPattern,
)

from .conftest import TODAY, person

D = dt.date(2022, 4, 3)


def test_save_creates_then_replaces_the_days_entry(wang):
    first = S.save_entry(wang.id, D, "今天在东门卡口值守。\n\n", tags=["值守"], figures=[("走访户数", 12, "户")],
                         today=TODAY)
    assert first.text == "今天在东门卡口值守。"  # trailing whitespace trimmed only
    again = S.save_entry(wang.id, D, "  改过的日记", tags=["送药", "巡查"], today=TODAY)
    assert again.id == first.id and DiaryEntry.select().count() == 1
    assert S.entry_for(wang.id, D).text == "  改过的日记"
    assert S.tags_of([first.id])[first.id] == ["送药", "巡查"]  # tag list order
    assert S.figures_of([first.id])[first.id] == [S.Figure("走访户数", 12, "户")]  # None keeps figures
    S.save_entry(wang.id, D, "再改", figures=[], today=TODAY)
    assert DiaryFigure.select().count() == 0


def test_refusals(wang):
    with pytest.raises(S.DiaryError, match="还没有到"):
        S.save_entry(wang.id, TODAY + dt.timedelta(days=1), "明天的", today=TODAY)
    with pytest.raises(S.DiaryError, match="不能为空"):
        S.save_entry(wang.id, D, " \n ", today=TODAY)
    with pytest.raises(S.DiaryError, match="控制字符"):
        S.save_entry(wang.id, D, "坏\x07字符", today=TODAY)
    with pytest.raises(S.DiaryError, match="没有名为“打牌”"):
        S.save_entry(wang.id, D, "正文", tags=["打牌"], today=TODAY)
    with pytest.raises(S.DiaryError, match="不是整数"):
        S.save_entry(wang.id, D, "正文", figures=[("走访户数", "很多", "户")], today=TODAY)
    assert DiaryEntry.select().count() == 0  # nothing half-written
    assert S.save_entry(wang.id, D, "制表符\t和换行\n可以", today=TODAY).text == "制表符\t和换行\n可以"


def test_append_adds_a_paragraph(wang):
    S.save_entry(wang.id, D, "上午核酸采样。", today=TODAY)
    entry = S.append_to_entry(wang.id, D, "下午送药到5号楼。\n", today=TODAY)
    assert entry.text == "上午核酸采样。\n下午送药到5号楼。"
    other = S.append_to_entry(wang.id, D + dt.timedelta(days=1), "新的一天", today=TODAY)
    assert other.text == "新的一天"


def test_delete_entry_removes_rows_and_search_index(wang):
    entry = S.save_entry(wang.id, D, "独居老人送药", tags=["送药"], figures=[("走访户数", 3, "户")], today=TODAY)
    S.delete_entry(entry.id)
    assert DiaryEntry.select().count() == DiaryEntryTag.select().count() == DiaryFigure.select().count() == 0
    from desktop.models import db
    assert db.execute_sql("SELECT count(*) FROM diary_fts WHERE diary_fts MATCH '\"独居老人\"'").fetchone()[0] == 0
    with pytest.raises(S.DiaryError):
        S.delete_entry(entry.id)


def test_tags_editable(wang):
    names = [t.name for t in S.tags()]
    assert names[:3] == ["值守", "核酸检测", "物资配送"] and "其他" in names
    tag = S.add_tag("心理疏导")
    with pytest.raises(S.DiaryError, match="已有"):
        S.add_tag("心理疏导")
    S.rename_tag(tag.id, "情绪安抚")
    S.set_tag_active(tag.id, False)
    assert "情绪安抚" not in [t.name for t in S.tags()]
    assert "情绪安抚" in [t.name for t in S.tags(include_inactive=True)]


def test_entry_days_and_entries_filters(wang, li):
    for day in (dt.date(2022, 3, 31), dt.date(2022, 4, 1), dt.date(2022, 4, 15)):
        S.save_entry(wang.id, day, f"{day}的日记", tags=["值守"] if day.day == 15 else None, today=TODAY)
    S.save_entry(li.id, dt.date(2022, 4, 15), "李的日记", today=TODAY)
    assert S.entry_days(wang.id, 2022, 4) == {dt.date(2022, 4, 1), dt.date(2022, 4, 15)}
    assert S.entry_days(wang.id, 2022, 12) == set()
    found = S.entries(date_from=dt.date(2022, 4, 1))
    assert [(e.date, e.member.name) for e in found] == [
        (dt.date(2022, 4, 15), "李晓燕"), (dt.date(2022, 4, 15), "王志远"), (dt.date(2022, 4, 1), "王志远")]
    assert [e.date.day for e in S.entries(wang.id, tag="值守")] == [15]


def test_missing_diaries_counts_only_members_present_that_day(wang, li):
    late = person("安然", arrived=dt.date(2022, 4, 10))
    gone = person("白云", departed=dt.date(2022, 4, 3))
    S.save_entry(wang.id, D, "写了", today=TODAY)
    assert [m.name for m in S.missing_diaries(D)] == ["李晓燕"]
    assert [m.name for m in S.missing_diaries(dt.date(2022, 4, 12))] == ["安然", "李晓燕", "王志远"]
    assert late and gone


def test_shift_that_day_picks_the_earliest_shift(wang):
    pattern = ShiftPattern.create(name="三班倒")
    night = ShiftDefinition.create(pattern=pattern, name="夜班", start_time="00:00", end_time="08:00", position=3)
    day_shift = ShiftDefinition.create(pattern=pattern, name="早班", start_time="08:00", end_time="16:00")
    post = Post.create(name="东门卡口", pattern=pattern)
    DutyAssignment.create(date=D, post=post, shift=day_shift, member=wang)
    first = DutyAssignment.create(date=D, post=post, shift=night, member=wang)
    assert S.shift_that_day(wang.id, D).id == first.id
    assert S.shift_that_day(wang.id, D + dt.timedelta(days=1)) is None
    entry = S.save_entry(wang.id, D, "夜班", duty_assignment_id=first.id, today=TODAY)
    assert entry.duty_assignment_id == first.id
    with pytest.raises(S.DiaryError, match="班次"):
        S.save_entry(wang.id, D + dt.timedelta(days=1), "x", duty_assignment_id=first.id, today=TODAY)


def test_editor_drafts(wang):
    assert S.load_editor_draft(wang.id, D) is None
    S.save_editor_draft(wang.id, D, "写了一半", tags=["值守"])
    draft = S.load_editor_draft(wang.id, D)
    assert draft.payload == {"text": "写了一半", "tags": ["值守"]}
    assert S.load_editor_draft(wang.id, D + dt.timedelta(days=1)) is None
    S.discard_editor_draft(wang.id, D)
    assert S.load_editor_draft(wang.id, D) is None


def test_member_by_name(wang):
    person("王志远", unit="区教育局")
    with pytest.raises(S.DiaryError, match="有 2 位成员叫“王志远”.*区教育局"):
        S.member_by_name("王志远")
    assert S.member_by_name("王志远（市统计局）").id == wang.id
    with pytest.raises(S.DiaryError, match="没有“王志"):
        S.member_by_name("王志")
