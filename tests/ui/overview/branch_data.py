"""A small fictional branch for the overview: duty today, an overdue 待办, diaries, roster gaps.

Qt-free, so tests/test_overview.py can share it.
"""
from __future__ import annotations

import datetime as dt
import types

from desktop.diaries import service as diaries
from desktop.duty import handover, setup
from desktop.meetings import service as meetings
from desktop.meetings.action_items import add_action_item
from desktop.models import DutyAssignment
from desktop.roster import service as roster

TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)
ARRIVED = TODAY - dt.timedelta(days=30)

COMPLETE = {"gender": "男", "birth_date": "1985-03", "unit": "市统计局", "phone": "13800138000",
            "team": "第一组", "party_joined": "2008-07", "home_org": "市统计局机关党支部"}


def add(name: str, complete: bool = True, **extra):
    values = {"name": name, "political_status": "中共党员", "arrived_on": ARRIVED,
              **(COMPLETE if complete else {}), **extra}
    return roster.save_member(values)


def build_branch():
    """张三 and 李四 on 东门卡口 today (one of three shifts filled); 王五 待完善 (no phone, ...);
    李四 wrote yesterday's diary, 张三 and 王五 did not; one overdue 待办 owned by 张三."""
    p = types.SimpleNamespace(zhang=add("张三"), li=add("李四"), wang=add("王五", complete=False))
    pattern = setup.ensure_default_pattern()
    p.east = setup.create_post("东门卡口", pattern.id, people_needed=2)
    p.shifts = setup.shifts_of(pattern.id)
    for member in (p.zhang, p.li):
        DutyAssignment.create(date=TODAY, post=p.east, shift=p.shifts[0], member=member, source="manual")
    diaries.save_entry(p.li.id, YESTERDAY, "走访独居老人三户。", today=TODAY)
    p.meeting = meetings.start_meeting(on=TODAY - dt.timedelta(days=3))
    p.item = add_action_item(p.meeting.id, "排查3号楼空置房", owner_id=p.zhang.id,
                                          due=TODAY - dt.timedelta(days=1))
    record = handover.handover_for(TODAY, p.east.id, p.shifts[0].id)
    handover.save_handover(record.id, people_checked=120, vehicles_checked=15)
    return p
