"""What the 概览 page shows, gathered from the services (Qt-free, read-only).

Each function returns plain dataclasses so the page never touches the models.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from .diaries import service as diaries
from .duty import setup, timeline
from .models import (
    ActionItem,
    DiaryEntry,
    DutyAssignment,
    Handover,
    Meeting,
    MeetingAttendance,
    Member,
    ShiftDefinition,
)
from .roster import service as roster

WEEK_DAYS = 7


@dataclass(frozen=True)
class DutySlot:
    post: str
    shift: str
    time: str            # '08:00–16:00'
    names: tuple[str, ...]
    needed: int

    @property
    def vacant(self) -> int:
        return max(0, self.needed - len(self.names))


@dataclass(frozen=True)
class OpenItem:
    id: int
    text: str
    owner: str           # '' when nobody is named
    due: dt.date | None
    raised_on: dt.date
    overdue: bool


@dataclass(frozen=True)
class Incomplete:
    member_id: int
    name: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class WeekFigures:
    date_from: dt.date
    date_to: dt.date
    meetings: int
    attendance: float | None     # present / expected over all meetings; None: nobody expected
    shifts: int
    hours: float
    diary_entries: int
    people_checked: int | None   # None: no handover records in the period
    vehicles_checked: int | None


def duty_on(day: dt.date) -> list[DutySlot]:
    """Every shift of every post active on *day*, with who is on it, in rota order (3 queries)."""
    names: dict[tuple[int, int], list[str]] = {}
    for post_id, shift_id, name in (
        DutyAssignment.select(DutyAssignment.post, DutyAssignment.shift, Member.name)
        .join(Member)
        .where(DutyAssignment.date == day)
        .order_by(Member.name_pinyin, Member.id)
        .tuples()
    ):
        names.setdefault((post_id, shift_id), []).append(name)
    shifts: dict[int, list[ShiftDefinition]] = {}
    for shift in ShiftDefinition.select().order_by(ShiftDefinition.position, ShiftDefinition.id):
        shifts.setdefault(shift.pattern_id, []).append(shift)
    slots = []
    for post in setup.posts(on=day):
        for shift in shifts.get(post.pattern_id, ()):
            slots.append(DutySlot(post.name, shift.name, setup.time_range(shift),
                                  tuple(names.get((post.id, shift.id), ())), post.people_needed))
    return slots


def open_items(today: dt.date) -> list[OpenItem]:
    """Open 待办 of all meetings: overdue first, then by due date (undated last), then age."""
    owner = Member.alias()
    query = (ActionItem.select(ActionItem, Meeting, owner)
             .join(Meeting, on=(ActionItem.meeting == Meeting.id))
             .switch(ActionItem)
             .join(owner, JOIN.LEFT_OUTER, on=(ActionItem.owner == owner.id), attr="owner")
             .where(ActionItem.status == ActionItem.OPEN))
    items = [OpenItem(item.id, item.text, item.owner.name if item.owner_id else "", item.due_date,
                      item.meeting.date, item.due_date is not None and item.due_date < today)
             for item in query]
    return sorted(items, key=lambda i: (not i.overdue, i.due is None, i.due or today, i.raised_on, i.id))


def missing_diary_names(day: dt.date) -> list[str]:
    return [m.name for m in diaries.missing_diaries(day)]


def incomplete_members(today: dt.date) -> list[Incomplete]:
    """Members still in the branch whose roster entry lacks required fields (待完善)."""
    result = []
    for member in roster.list_members():
        if member.departed_on is not None and member.departed_on <= today:
            continue
        missing = roster.completeness(member)
        if missing:
            result.append(Incomplete(member.id, member.name, tuple(missing)))
    return result


def week_figures(today: dt.date) -> WeekFigures:
    """The last seven days up to and including *today*: aggregate queries, no rows loaded."""
    start = today - dt.timedelta(days=WEEK_DAYS - 1)
    expected, present = (
        MeetingAttendance.select(fn.COUNT(MeetingAttendance.id),
                                 fn.SUM(MeetingAttendance.present.cast("INTEGER")))
        .join(Meeting)
        .where(Meeting.date.between(start, today))
        .tuples()
        .get()
    )
    meetings = Meeting.select().where(Meeting.date.between(start, today)).count()
    per_shift = dict(
        DutyAssignment.select(DutyAssignment.shift, fn.COUNT(DutyAssignment.id))
        .where(DutyAssignment.date.between(start, today))
        .group_by(DutyAssignment.shift)
        .tuples()
    )
    shifts = sum(per_shift.values())
    hours = 0.0
    if per_shift:
        for shift in ShiftDefinition.select().where(ShiftDefinition.id.in_(list(per_shift))):
            hours += per_shift[shift.id] * timeline.hours(shift)
    diary_entries = DiaryEntry.select().where(DiaryEntry.date.between(start, today)).count()
    records, people, vehicles = (
        Handover.select(fn.COUNT(Handover.id), fn.SUM(Handover.people_checked),
                        fn.SUM(Handover.vehicles_checked))
        .where(Handover.date.between(start, today))
        .tuples()
        .get()
    )
    return WeekFigures(
        start, today, meetings, (present or 0) / expected if expected else None, shifts, hours,
        diary_entries, (people or 0) if records else None, (vehicles or 0) if records else None,
    )


@dataclass(frozen=True)
class FirstStep:
    """One thing to do on a new database, and the page (main window key) where it is done."""

    title: str
    detail: str
    page: str
    button: str
    done: bool = False


FIRST_STEPS = (
    FirstStep("填写支部信息", "支部名称、所在小区、社区和上级党组织：报表和标题都用到。",
              "settings", "去填写支部信息"),
    FirstStep("导入或添加花名册", "从 Excel 花名册导入（花名册 → 导入…），或逐个新增成员（Ctrl+N）。",
              "roster", "去花名册"),
    FirstStep("设置值班岗位", "卡口、值守点和班次（如三班倒），然后就可以自动排班。",
              "duty", "去值班排班"),
)


def first_steps() -> list[FirstStep]:
    """FIRST_STEPS with what is done (three queries): all done once the branch has a name,
    members and duty posts, and then the 概览 shows no guide."""
    from .models import Branch, Post

    branch = Branch.select(Branch.name).order_by(Branch.id).first()
    done = {"settings": bool(branch and branch.name.strip()),
            "roster": Member.select().exists(), "duty": Post.select().exists()}
    return [FirstStep(s.title, s.detail, s.page, s.button, done[s.page]) for s in FIRST_STEPS]
