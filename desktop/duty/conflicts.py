"""Live marks on a rota after manual edits: who breaks which hard rule where.

The range is loaded once (with a margin for rest and weekly hours at its edges, see
period_rota.margins); each check is then in memory.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from . import timeline
from .problem import FULL_PARTY_STATUS, Person, Slot, _days, _post_active

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
    from .period_rota import load

    return load(date_from, date_to).conflicts


def slot_maker():
    """make_slot() with each shift's span, length and night flag worked out once: the check
    makes a slot for every assignment it reads."""
    facts: dict[int, tuple] = {}

    def make(day: dt.date, post, shift) -> Slot:
        known = facts.get(shift.id)
        if known is None:
            start, end = timeline.shift_span(day, shift)
            midnight = dt.datetime.combine(day, dt.time())
            known = facts[shift.id] = (start - midnight, end - midnight, timeline.hours(shift),
                                       timeline.is_night(shift))
        midnight = dt.datetime.combine(day, dt.time())
        return Slot(day, post.id, shift.id, midnight + known[0], midnight + known[1], known[2], known[3],
                    day.weekday() >= 5, post.people_needed, bool(post.party_member_required),
                    post.name, shift.name)

    return make


def check(rota) -> list[Conflict]:
    """The conflicts of rota.date_from..date_to from a loaded period_rota.PeriodRota."""
    date_from, date_to = rota.date_from, rota.date_to
    leave, prefs = rota.leave, rota.prefs
    rest = dt.timedelta(hours=rota.rest_hours)

    def inside(day: dt.date) -> bool:
        return date_from <= day <= date_to

    out: list[Conflict] = []

    def mark(kind, row, message):
        out.append(Conflict(kind, row.date, row.post_id, row.shift_id, row.member_id, message, row.id))

    make_slot = slot_maker()
    items = [(row, make_slot(row.date, row.post, row.shift)) for row in rota.around]
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
                for a, _b, b_slot in ((row, other_row, other), (other_row, row, slot)):
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

    out.extend(_staffing(rota, items))
    out.sort(key=lambda c: (c.date, c.post_id or 0, c.shift_id or 0, KINDS.index(c.kind)))
    return out


def _staffing(rota, items) -> list[Conflict]:
    """Understaffed post-shifts, and Party-led shifts without a full Party member."""
    cells = defaultdict(list)
    for row, _ in items:
        cells[(row.date, row.post_id, row.shift_id)].append(row.member)
    # model fields read once per post and shift, not once per day (a month is 9,000 slots)
    lanes = [(post, shift, post.id, shift.id, post.people_needed, post.party_member_required)
             for post in rota.posts for shift in rota.shifts_of(post)]
    out = []
    for day in _days(rota.date_from, rota.date_to):
        active = {post.id for post in rota.posts if _post_active(post, day)}
        for post, shift, post_id, shift_id, needed, party in lanes:
            if post_id not in active:
                continue
            on_duty = cells.get((day, post_id, shift_id), ())
            short = len(on_duty) < needed
            leaderless = party and on_duty and not any(m.political_status == FULL_PARTY_STATUS for m in on_duty)
            if not (short or leaderless):
                continue
            label = f"{timeline.label(day)} {shift.name} {post.name}"  # Slot.label
            if short:
                out.append(Conflict("understaffed", day, post_id, shift_id, None,
                                    f"{label}：缺 {needed - len(on_duty)} 人"
                                    f"（需 {needed} 人，已排 {len(on_duty)} 人）"))
            if leaderless:
                out.append(Conflict("party_missing", day, post_id, shift_id, None,
                                    f"{label}：没有正式党员带班"))
    return out
