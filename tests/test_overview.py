"""desktop/overview.py: the figures behind the 概览 page, from fixture data."""
from __future__ import annotations

from desktop import overview
from tests.ui.overview.branch_data import TODAY, YESTERDAY, build_branch


def test_empty_database_has_nothing_to_show():
    assert overview.duty_on(TODAY) == []
    assert overview.open_items(TODAY) == []
    assert overview.missing_diary_names(YESTERDAY) == []
    assert overview.incomplete_members(TODAY) == []
    week = overview.week_figures(TODAY)
    assert (week.meetings, week.shifts, week.diary_entries, week.attendance) == (0, 0, 0, None)
    assert week.people_checked is None


def test_duty_today_names_people_and_vacancies():
    build_branch()
    slots = overview.duty_on(TODAY)
    assert [s.names for s in slots][0] == ("李四", "张三")  # pinyin order
    assert slots[0].vacant == 0
    assert all(s.vacant == 2 and s.names == () for s in slots[1:])


def test_open_item_is_overdue_and_names_its_owner():
    build_branch()
    (item,) = overview.open_items(TODAY)
    assert (item.text, item.owner, item.overdue) == ("排查3号楼空置房", "张三", True)


def test_missing_diaries_and_incomplete_roster():
    build_branch()
    assert overview.missing_diary_names(YESTERDAY) == ["王五", "张三"]
    (gap,) = overview.incomplete_members(TODAY)
    assert gap.name == "王五" and "联系电话" in gap.missing and "派出单位" in gap.missing


def test_week_figures_count_the_last_seven_days():
    build_branch()
    week = overview.week_figures(TODAY)
    assert week.meetings == 1 and week.shifts == 2 and week.diary_entries == 1
    assert week.people_checked == 120 and week.vehicles_checked == 15
    assert week.attendance == 1.0  # start_meeting marks everyone present
