"""Duty figures against a hand-made rota."""
from __future__ import annotations

import datetime as dt

from desktop.duty import setup as S
from desktop.duty.stats import UnfilledShift, duty_stats, totals, unfilled_shifts
from desktop.models import DutyAssignment, Member, db
from desktop.roster.pinyin import pinyin_key

FRI = dt.date(2026, 11, 20)
SAT, SUN, MON = (FRI + dt.timedelta(days=i) for i in (1, 2, 3))


def person(name: str, **extra) -> Member:
    return Member.create(name=name, name_pinyin=pinyin_key(name), political_status="中共党员", **extra)


def test_figures_per_person_in_pinyin_order():
    pattern = S.ensure_default_pattern()
    early, middle, night = S.shifts_of(pattern.id)
    evening = S.ensure_preset(S.EVENING_PATTERN)
    late = S.shifts_of(evening.id)[1]  # 22:30–08:30: 10 hours, night
    east = S.create_post("东门卡口", pattern.id, people_needed=2)
    north = S.create_post("北门值守点", evening.id)
    zhang, an, wang = person("张建国"), person("安雅琴"), person("王志远")
    idle = person("白立新")
    person("周红梅", departed_on=FRI - dt.timedelta(days=1))  # gone before the period: not listed
    for day, post, shift, member in [
        (FRI, east, early, zhang), (SAT, east, night, zhang), (SUN, north, late, zhang),
        (FRI, east, middle, an), (MON, east, early, an),
        (SAT, east, early, wang), (dt.date(2026, 11, 25), east, early, wang),  # outside the period
    ]:
        DutyAssignment.create(date=day, post=post, shift=shift, member=member)
    figures = duty_stats(FRI, MON)
    rows = [(p.member.name, p.shifts, p.hours, p.night_shifts, p.weekend_shifts) for p in figures]
    assert rows == [
        ("安雅琴", 2, 16.0, 0, 0),
        ("白立新", 0, 0.0, 0, 0),
        ("王志远", 1, 8.0, 0, 1),
        ("张建国", 3, 26.0, 2, 2),
    ]
    assert idle.id in {p.member.id for p in figures}
    assert [p.member.name for p in duty_stats(FRI, MON, include_idle=False)] == ["安雅琴", "王志远", "张建国"]
    assert totals(figures) == {"people": 3, "hours": 50.0, "min_hours": 8.0, "max_hours": 26.0}


def test_unfilled_slots_compare_posts_shifts_days_with_assignments():
    pattern = S.ensure_preset(S.EVENING_PATTERN)
    evening, late = S.shifts_of(pattern.id)
    east = S.create_post("东门卡口", pattern.id, people_needed=2)
    S.create_post("西门卡口", pattern.id, active_from=SAT)  # not yet open on Friday
    wang, li = person("王志远"), person("李晓燕")
    DutyAssignment.create(date=FRI, post=east, shift=evening, member=wang)
    DutyAssignment.create(date=FRI, post=east, shift=evening, member=li)
    DutyAssignment.create(date=FRI, post=east, shift=late, member=wang)
    assert unfilled_shifts(FRI, FRI) == [UnfilledShift(FRI, "东门卡口", "夜班", 2, 1)]
    sat = unfilled_shifts(SAT, SAT)
    assert [(u.post_name, u.shift_name, u.filled) for u in sat] == [
        ("东门卡口", "晚班", 0), ("东门卡口", "夜班", 0), ("西门卡口", "晚班", 0), ("西门卡口", "夜班", 0)]


def test_queries_do_not_grow_with_the_period():
    pattern = S.ensure_default_pattern()
    post = S.create_post("东门卡口", pattern.id)
    members = [person(f"成员{i}") for i in range(6)]
    shifts = S.shifts_of(pattern.id)
    for i in range(30):
        DutyAssignment.create(date=FRI + dt.timedelta(days=i), post=post, shift=shifts[i % 3], member=members[i % 6])
    counted = []
    original = db.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        counted.append(sql)
        return original(sql, params, *args, **kwargs)

    db.obj.execute_sql = counting
    try:
        duty_stats(FRI, FRI + dt.timedelta(days=29))
        unfilled_shifts(FRI, FRI + dt.timedelta(days=29))
    finally:
        db.obj.execute_sql = original
    assert 3 <= len(counted) <= 5
