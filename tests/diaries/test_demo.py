"""The example branch's diaries: two weeks, most members, yesterday's two gaps, shift links."""
from __future__ import annotations

import datetime as dt
import random

from desktop.demo.diaries import DAYS, MISSING_YESTERDAY, build_diaries
from desktop.demo.roster import build_roster
from desktop.diaries import service as S
from desktop.diaries.search import search_diaries
from desktop.models import DiaryEntry, DutyAssignment, Post, ShiftDefinition, ShiftPattern

TODAY = dt.date(2022, 4, 20)


def test_build_diaries():
    members = build_roster(random.Random(1), TODAY)
    pattern = ShiftPattern.create(name="三班倒")
    early = ShiftDefinition.create(pattern=pattern, name="早班", start_time="08:00", end_time="16:00")
    gate = Post.create(name="东门卡口", pattern=pattern)
    someone = S.active_members(TODAY - dt.timedelta(days=3))[0]
    shift = DutyAssignment.create(date=TODAY - dt.timedelta(days=3), post=gate, shift=early, member=someone)

    made = build_diaries(random.Random(7), TODAY, members)
    days = {e.date for e in made}
    assert min(days) == TODAY - dt.timedelta(days=DAYS - 1) and max(days) <= TODAY
    yesterday = TODAY - dt.timedelta(days=1)
    assert len(S.missing_diaries(yesterday)) == MISSING_YESTERDAY
    present = len(S.active_members(yesterday))
    assert len(made) > present * DAYS * 0.6  # most members, most days
    linked = S.entry_for(someone.id, shift.date)
    assert linked.duty_assignment_id == shift.id and "东门卡口" in linked.text  # (seed 7 writes that day)
    tagged = S.tags_of([e.id for e in made])
    assert sum(1 for e in made if tagged[e.id]) == len(made)
    assert S.figures_of([e.id for e in made])
    assert search_diaries("核酸") and search_diaries("独居老人")
    assert DiaryEntry.select().count() == len(made)
