"""The duty page's one read of a period: same rota, conflicts and figures as the services
that query on their own, in seven queries whatever the size."""
from __future__ import annotations

import datetime as dt

from playhouse.test_utils import count_queries

from desktop.duty import edits, period_rota
from desktop.duty import setup as S
from desktop.duty.stats import duty_stats, unfilled_shifts
from desktop.models import DutyAssignment, Member
from desktop.roster.pinyin import pinyin_key

MON = dt.date(2026, 11, 16)
WEEK = [MON + dt.timedelta(days=i) for i in range(7)]
NAMES = ("张建国", "安雅琴", "王志远", "白立新", "周红梅", "李明", "赵敏", "钱多")


def branch(extra_days: int = 0):
    """Three posts on 三班倒, eight people, a week (plus *extra_days* after it) on duty with
    overlaps, a departure and a short post."""
    pattern = S.ensure_default_pattern()
    shifts = S.shifts_of(pattern.id)
    posts = [S.create_post("东门卡口", pattern.id, people_needed=2, party_member_required=True),
             S.create_post("西门卡口", pattern.id), S.create_post("核酸采样点", pattern.id)]
    people = [Member.create(name=n, name_pinyin=pinyin_key(n), political_status="中共党员" if i % 2 else "群众",
                            departed_on=WEEK[4] if i == 7 else None) for i, n in enumerate(NAMES)]
    for d in range(7 + extra_days):
        day = MON + dt.timedelta(days=d)
        for p, post in enumerate(posts):
            for s, shift in enumerate(shifts):
                DutyAssignment.create(date=day, post=post, shift=shift, member=people[(d + p * 3 + s) % 8],
                                      pinned=(d + s) % 5 == 0)
    return posts, shifts, people


def test_same_rota_figures_and_gaps_as_the_services():
    branch()
    rota = period_rota.load(WEEK[0], WEEK[-1])
    assert [e.id for e in rota.entries] == [a.id for a in edits.rota(WEEK[0], WEEK[-1])]
    first = rota.entries[0]
    assert (first.member.name, first.post.name, first.shift.name) == (
        edits.rota(WEEK[0], WEEK[0])[0].member.name, "东门卡口", "早班")
    mine = [(p.member.id, p.shifts, p.hours, p.night_shifts, p.weekend_shifts) for p in period_rota.figures(rota)]
    theirs = [(p.member.id, p.shifts, p.hours, p.night_shifts, p.weekend_shifts) for p in duty_stats(WEEK[0], WEEK[-1])]
    assert mine == theirs and len(mine) == len(NAMES)
    assert period_rota.unfilled(rota) == unfilled_shifts(WEEK[0], WEEK[-1])
    assert period_rota.unfilled(rota)  # the east gate needs two and gets one
    kinds = {c.kind for c in rota.conflicts}
    assert {"understaffed", "inactive"} <= kinds


def test_conflicts_at_the_edges_use_the_margin():
    """Monday's night shift right after Sunday's middle one lacks rest, though Sunday is
    outside the period; Sunday's own mark is not listed."""
    posts, shifts, _ = branch()
    middle, night = shifts[1], shifts[2]
    sun = Member.create(name="孙八", name_pinyin=pinyin_key("孙八"), political_status="中共党员")
    DutyAssignment.create(date=WEEK[0] - dt.timedelta(days=1), post=posts[1], shift=middle, member=sun)
    DutyAssignment.create(date=WEEK[0], post=posts[0], shift=night, member=sun)
    rota = period_rota.load(WEEK[0], WEEK[0])
    mine = [c for c in rota.conflicts if c.member_id == sun.id]
    assert [(c.kind, c.date) for c in mine] == [("rest", WEEK[0])]


def test_seven_queries_however_long_the_rota():
    branch(extra_days=0)
    with count_queries() as small:
        rota = period_rota.load(WEEK[0], WEEK[-1])
        rota.conflicts, period_rota.figures(rota), period_rota.unfilled(rota)
    DutyAssignment.delete().execute()
    branch_size = len(rota.entries)
    Member.delete().execute()
    from desktop.models import Post
    Post.delete().execute()
    branch(extra_days=21)
    with count_queries() as large:
        rota = period_rota.load(WEEK[0], WEEK[0] + dt.timedelta(days=27))
        rota.conflicts, period_rota.figures(rota), period_rota.unfilled(rota)
    assert len(rota.entries) > 3 * branch_size
    assert small.count == large.count == 7
