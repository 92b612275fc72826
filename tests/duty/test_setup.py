"""Duty setup: patterns and their presets, posts, unavailability, preferences."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.duty import setup as S
from desktop.models import DutyAssignment, Member, Post, ShiftDefinition, Unavailability
from desktop.roster.pinyin import pinyin_key

D = dt.date(2026, 11, 16)


def person(name: str, status: str = "中共党员") -> Member:
    return Member.create(name=name, name_pinyin=pinyin_key(name), political_status=status)


def test_default_pattern_is_three_shifts_with_midnight_end_and_night():
    pattern = S.ensure_default_pattern()
    assert S.ensure_default_pattern().id == pattern.id  # created once
    rows = [(s.name, s.start_time, s.end_time, s.is_night) for s in S.shifts_of(pattern.id)]
    assert rows == [("早班", "08:00", "16:00", False), ("中班", "16:00", "00:00", False),
                    ("夜班", "00:00", "08:00", True)]
    assert [S.shift_hours(s) for s in S.shifts_of(pattern.id)] == [8, 8, 8]
    assert S.time_range(S.shifts_of(pattern.id)[1]) == "16:00–24:00"


def test_evening_preset_overnight_hours():
    pattern = S.ensure_preset(S.EVENING_PATTERN)
    late = S.shifts_of(pattern.id)[1]
    assert (late.start_time, late.end_time, late.is_night) == ("22:30", "08:30", True)
    assert S.shift_hours(late) == 10


def test_create_pattern_validates_and_normalizes():
    pattern = S.create_pattern("白夜班", [("白班", "8:00", "20:00"), ("夜班", "20:00", "24:00", None)])
    shifts = S.shifts_of(pattern.id)
    assert (shifts[0].start_time, shifts[0].is_night) == ("08:00", False)
    assert shifts[1].end_time == "00:00"
    with pytest.raises(S.DutySetupError, match="格式不对"):
        S.create_pattern("坏", [("甲", "25:00", "08:00")])
    with pytest.raises(S.DutySetupError, match="重复"):
        S.create_pattern("重", [("甲", "08:00", "12:00"), ("甲", "12:00", "16:00")])
    with pytest.raises(S.DutySetupError, match="不能为空"):
        S.create_pattern("空", [(" ", "08:00", "12:00")])
    with pytest.raises(S.DutySetupError, match="已有"):
        S.create_pattern("白夜班", [("甲", "08:00", "12:00")])
    assert [p.name for p in S.patterns()] == ["白夜班"]


def test_update_shift_rederives_night_and_refuses_duplicates():
    pattern = S.ensure_default_pattern()
    early, middle, _ = S.shifts_of(pattern.id)
    S.update_shift(middle.id, end="02:00")
    assert ShiftDefinition.get_by_id(middle.id).is_night is True
    S.update_shift(middle.id, is_night=False)
    assert ShiftDefinition.get_by_id(middle.id).is_night is False
    with pytest.raises(S.DutySetupError, match="重复"):
        S.update_shift(early.id, name="中班")


def test_delete_pattern_refused_while_a_post_uses_it():
    pattern = S.ensure_default_pattern()
    post = S.create_post("东门卡口", pattern.id)
    with pytest.raises(S.DutySetupError, match="东门卡口"):
        S.delete_pattern(pattern.id)
    S.delete_post(post.id)
    S.delete_pattern(pattern.id)
    assert S.patterns() == []


def test_posts_order_activity_and_validation():
    pattern = S.ensure_default_pattern()
    east = S.create_post("东门卡口", pattern.id, people_needed=2, party_member_required=True)
    west = S.create_post("西门卡口", pattern.id, active_from=D)
    assert [p.name for p in S.posts()] == ["东门卡口", "西门卡口"]
    assert [p.name for p in S.posts(on=D - dt.timedelta(days=1))] == ["东门卡口"]
    S.deactivate_post(east.id, D)
    assert [p.name for p in S.posts(on=D + dt.timedelta(days=1))] == ["西门卡口"]
    with pytest.raises(S.DutySetupError, match="已有名为"):
        S.create_post("西门卡口", pattern.id)
    with pytest.raises(S.DutySetupError, match="每班人数"):
        S.update_post(west.id, people_needed=0)
    with pytest.raises(S.DutySetupError, match="停用日期"):
        S.create_post("北门", pattern.id, active_from=D, active_to=D - dt.timedelta(days=1))
    S.update_post(west.id, location="西门岗亭", people_needed=3)
    assert Post.get_by_id(west.id).people_needed == 3


def test_post_with_assignments_cannot_be_deleted_or_change_pattern():
    pattern = S.ensure_default_pattern()
    other = S.ensure_preset(S.EVENING_PATTERN)
    post = S.create_post("东门卡口", pattern.id)
    DutyAssignment.create(date=D, post=post, shift=S.shifts_of(pattern.id)[0], member=person("王志远"))
    with pytest.raises(S.DutySetupError, match="只能停用"):
        S.delete_post(post.id)
    with pytest.raises(S.DutySetupError, match="不能更换班次模式"):
        S.update_post(post.id, pattern_id=other.id)
    with pytest.raises(S.DutySetupError, match="不能删除"):
        S.delete_shift(S.shifts_of(pattern.id)[0].id)


def test_unavailability_validation_and_overlap_query():
    wang, li = person("王志远"), person("李晓燕")
    S.add_unavailability(wang.id, D, D + dt.timedelta(days=2), "请假", "家中老人就医")
    S.add_unavailability(li.id, D + dt.timedelta(days=5), D + dt.timedelta(days=5), "隔离")
    with pytest.raises(S.DutySetupError, match="结束日期"):
        S.add_unavailability(wang.id, D, D - dt.timedelta(days=1), "请假")
    with pytest.raises(S.DutySetupError, match="原因"):
        S.add_unavailability(wang.id, D, D, "出差")
    assert [u.member.name for u in S.unavailability(date_from=D + dt.timedelta(days=2),
                                                    date_to=D + dt.timedelta(days=5))] == ["王志远", "李晓燕"]
    assert [u.member.name for u in S.unavailability(date_from=D + dt.timedelta(days=3))] == ["李晓燕"]
    only = S.unavailability(member_id=wang.id)
    S.remove_unavailability(only[0].id)
    assert Unavailability.select().count() == 1


def test_preferences_default_and_set():
    wang = person("王志远")
    post = S.create_post("东门卡口", S.ensure_default_pattern().id)
    pref = S.get_preferences(wang.id)
    assert (pref.max_hours_per_week, pref.no_nights, pref.avoid_nights) == (None, False, False)
    S.set_preferences(wang.id, max_hours_per_week=40, no_nights=True, avoid_nights=True, preferred_post_id=post.id)
    pref = S.get_preferences(wang.id)
    assert (pref.max_hours_per_week, pref.no_nights, pref.avoid_nights, pref.preferred_post_id) == (40, True, False, post.id)
    with pytest.raises(S.DutySetupError, match="168"):
        S.set_preferences(wang.id, max_hours_per_week=0)
    S.set_preferences(wang.id)
    assert S.get_preferences(wang.id).preferred_post_id is None
