"""A branch of *n* of everything for the query-count tests: a page read at n=5 and again after
growing to n=50 must run the same number of queries (no query per row).

Qt-free. Rows are linked the way a per-row lookup would follow them (teams, hosts, owners,
speakers, posts and shifts), so a lazily loaded foreign key shows up as extra queries.

    branch = Branch(); branch.grow(5); ...count...; branch.grow(50); ...count again...
    for n in Branch().each_size("members", "meetings"): ...count...   # the same, at 5 then 50
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from desktop.diaries import service as diaries
from desktop.duty import handover, setup
from desktop.meetings import service as meetings
from desktop.meetings.action_items import add_action_item
from desktop.meetings.decisions import add_decision
from desktop.meetings.notes import add_note
from desktop.models import DutyAssignment, Meeting, Member, db
from desktop.roster import service as roster

TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)
ARRIVED = TODAY - dt.timedelta(days=60)
TYPES = ("每日例会", "班前会", "支部党员大会", "党小组会")
SURNAMES = "张李王赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"
SIZES = (5, 50)  # a small branch, then ten times the rows


def name(i: int) -> str:
    """Distinct for i < 4000."""
    return SURNAMES[i % 20] + GIVEN[i // 20 % 20] + "一二三四五六七八九十"[i // 400 % 10]


class Branch:
    """Grows every kind of record to *n*: members, posts (with today's rota and yesterday's
    handovers), meetings (with a note, a decision and an open 待办 each) and diaries."""

    def __init__(self) -> None:
        self.people: list[Member] = []
        self.meetings: list[Meeting] = []
        self.posts = 0

    def grow(self, n: int) -> Branch:
        self.add_members(n)
        self.add_duty(n)
        self.add_meetings(n)
        self.add_diaries()
        return self

    def each_size(self, *parts: str, sizes: Sequence[int] = SIZES) -> Iterator[int]:
        """Grow to each size in turn, yielding it: only the named parts ("members", "duty",
        "meetings", in that order of need) or, with none named, everything."""
        for n in sizes:
            if parts:
                for part in parts:
                    getattr(self, f"add_{part}")(n)
            else:
                self.grow(n)
            yield n

    def add_members(self, n: int) -> None:
        """Up to n members in teams of three; every third incomplete, every seventh departed."""
        for i in range(len(self.people), n):
            values = {"name": name(i), "political_status": "中共党员", "arrived_on": ARRIVED,
                      "team": f"第{i // 3 + 1}小分队", "unit": f"单位{i % 9}"}
            if i % 3:
                values.update(gender="男", birth_date="1985-03", phone=f"139{i:08d}",
                              party_joined="2008-07", home_org="市统计局机关党支部")
            member = roster.save_member(values)
            if i % 7 == 3:
                member = roster.mark_departed(member.id, YESTERDAY)
            self.people.append(member)

    def add_duty(self, n: int) -> None:
        pattern = setup.ensure_default_pattern()
        shifts = setup.shifts_of(pattern.id)
        with db.atomic():
            for i in range(self.posts, n):
                post = setup.create_post(f"卡口{i + 1}", pattern.id, people_needed=2)
                for j, shift in enumerate(shifts):
                    DutyAssignment.create(date=TODAY, post=post, shift=shift,
                                          member=self.people[(i + j) % len(self.people)], source="manual")
                    record = handover.handover_for(YESTERDAY, post.id, shift.id)
                    handover.save_handover(record.id, people_checked=i, vehicles_checked=j)
        self.posts = max(self.posts, n)

    def add_meetings(self, n: int) -> None:
        for i in range(len(self.meetings), n):
            day = TODAY - dt.timedelta(days=i % 6 + 1)
            meeting = meetings.start_meeting(TYPES[i % len(TYPES)], on=day)
            host = self.people[i % len(self.people)]
            meetings.update_meeting(meeting.id, host_id=host.id, recorder_id=host.id)
            add_note(meeting.id, f"发言{i}", speaker_id=host.id)
            add_decision(meeting.id, f"决议{i}")
            add_action_item(meeting.id, f"待办{i}", owner_id=host.id, due=day + dt.timedelta(days=i % 3))
            self.meetings.append(meeting)

    def add_diaries(self) -> None:
        """Every other member still here wrote yesterday's diary (idempotent)."""
        for member in self.people[1::2]:
            if member.departed_on is None:
                diaries.save_entry(member.id, YESTERDAY, f"{member.name}走访三户。", today=TODAY)
