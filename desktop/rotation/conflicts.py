"""Live marks on a rota after manual edits: who breaks which hard rule where.

The range is loaded once (with a margin for rest and weekly hours at its edges); each
check is then in memory.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ..models import DutyAssignment, DutyPreference, Member, Post, ShiftDefinition, Unavailability
from . import timeline
from .problem import FULL_PARTY_STATUS, Person, _days, _post_active, make_slot
from .settings import min_rest_hours

KINDS = ("overlap", "rest", "unavailable", "inactive", "party_missing", "understaffed", "no_nights",
         "max_hours")


@dataclass
class Conflict:
    kind: str
    date: dt.date
    post_id: int | None
    shift_id: int | None
    member_id: int | None
    message: str
    assignment_id: int | None = None


def find_conflicts(date_from: dt.date, date_to: dt.date) -> list[Conflict]:
    look_back = min(date_from - dt.timedelta(days=2), timeline.week_start(date_from))
    look_ahead = max(date_to + dt.timedelta(days=2), timeline.week_start(date_to) + dt.timedelta(days=6))
    rows = list(
        DutyAssignment.select(DutyAssignment, Post, ShiftDefinition, Member)
        .join(Post).switch(DutyAssignment).join(ShiftDefinition).switch(DutyAssignment).join(Member)
        .where(DutyAssignment.date.between(look_back, look_ahead))
        .order_by(DutyAssignment.date, DutyAssignment.id)
    )
    leave = defaultdict(list)
    for u in Unavailability.select().where(
            (Unavailability.start_date <= look_ahead) & (Unavailability.end_date >= look_back)):
        leave[u.member_id].append((u.start_date, u.end_date, u.reason))
    prefs = {p.member_id: p for p in DutyPreference.select()}
    rest = dt.timedelta(hours=min_rest_hours())
    inside = lambda day: date_from <= day <= date_to  # noqa: E731
    out: list[Conflict] = []

    def mark(kind, row, message):
        out.append(Conflict(kind, row.date, row.post_id, row.shift_id, row.member_id, message, row.id))

    items = [(row, make_slot(row.date, row.post, row.shift)) for row in rows]
    by_member = defaultdict(list)
    for row, slot in items:
        by_member[row.member_id].append((row, slot))
    for member_id, held in by_member.items():
        held.sort(key=lambda it: it[1].start)
        member = held[0][0].member
        person = Person(member_id, member.name, member.political_status == FULL_PARTY_STATUS,
                        member.arrived_on, member.departed_on, leave.get(member_id, []))
        pref = prefs.get(member_id)
        for i, (row, slot) in enumerate(held):
            for other_row, other in held[i + 1:]:
                if other.start >= slot.end + rest:
                    break
                for a, b, b_slot in ((row, other_row, other), (other_row, row, slot)):
                    if not inside(a.date):
                        continue
                    if timeline.overlaps((slot.start, slot.end), (other.start, other.end)):
                        mark("overlap", a, f"{member.name}：与 {b_slot.label} 重叠")
                    else:
                        gap = timeline.gap_hours((slot.start, slot.end), (other.start, other.end))
                        mark("rest", a, f"{member.name}：与 {b_slot.label} 间隔 {gap:g} 小时，"
                                        f"少于最少休息 {rest.total_seconds() / 3600:g} 小时")
            if not inside(row.date):
                continue
            if not person.active_on(row.date):
                when = "尚未报到" if member.arrived_on and row.date < member.arrived_on else "已离开"
                mark("inactive", row, f"{member.name}：{timeline.label(row.date)} {when}，不能值班")
            reason = person.unavailable_reason(slot)
            if reason:
                mark("unavailable", row, f"{member.name}：{slot.label} 与{reason}时间冲突")
            if pref is not None and pref.no_nights and slot.night:
                mark("no_nights", row, f"{member.name}：不值夜班，却排在 {slot.label}")
        if pref is not None and pref.max_hours_per_week:
            weeks = defaultdict(float)
            for row, slot in held:
                monday = timeline.week_start(row.date)
                before = weeks[monday]
                weeks[monday] += slot.hours
                if before <= pref.max_hours_per_week < weeks[monday] and inside(row.date):
                    mark("max_hours", row, f"{member.name}：{timeline.label(monday)} 起这一周"
                                           f"超过每周 {pref.max_hours_per_week} 小时上限")

    out.extend(_staffing(items, date_from, date_to))
    out.sort(key=lambda c: (c.date, c.post_id or 0, c.shift_id or 0, KINDS.index(c.kind)))
    return out


def _staffing(items, date_from: dt.date, date_to: dt.date) -> list[Conflict]:
    """Understaffed post-shifts, and Party-led shifts without a full Party member."""
    cells = defaultdict(list)
    for row, _ in items:
        cells[(row.date, row.post_id, row.shift_id)].append(row.member)
    shifts = defaultdict(list)
    for shift in ShiftDefinition.select().order_by(ShiftDefinition.position, ShiftDefinition.id):
        shifts[shift.pattern_id].append(shift)
    out = []
    posts = list(Post.select().order_by(Post.position, Post.id))
    for day in _days(date_from, date_to):
        for post in posts:
            if not _post_active(post, day):
                continue
            for shift in shifts[post.pattern_id]:
                on_duty = cells.get((day, post.id, shift.id), [])
                label = make_slot(day, post, shift).label
                if len(on_duty) < post.people_needed:
                    out.append(Conflict("understaffed", day, post.id, shift.id, None,
                                        f"{label}：缺 {post.people_needed - len(on_duty)} 人"
                                        f"（需 {post.people_needed} 人，已排 {len(on_duty)} 人）"))
                if post.party_member_required and on_duty and not any(
                        m.political_status == FULL_PARTY_STATUS for m in on_duty):
                    out.append(Conflict("party_missing", day, post.id, shift.id, None,
                                        f"{label}：没有正式党员带班"))
    return out
