"""Picking people by name, full pinyin or initials."""
from __future__ import annotations

from desktop.ui.meetings.member_picker import match_key, rank_members


def test_match_key_and_ranking(people):
    everyone = [people.zhang, people.li, people.wang, people.zhao, people.liu, people.qian, people.sun]
    assert match_key(people.zhang) == "张三 zhangsan zs"
    assert [m.name for m in rank_members(everyone, "zs")] == ["张三"]
    assert [m.name for m in rank_members(everyone, "李四")] == ["李四"]
    assert [m.name for m in rank_members(everyone, "l")][:2] == ["李四", "刘备"]  # initials first
    assert [m.name for m in rank_members(everyone, "zhao")] == ["赵六"]
    assert rank_members(everyone, "") == [] and rank_members(everyone, "xyz") == []
