"""An independent checker of the stored rota's hard rules, written from the rules' wording
(not from the engine's code): shift times are parsed here, leave is compared by calendar day,
rest is measured between spans here."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from desktop.models import DutyAssignment, DutyPreference, Member, Unavailability


def span(day: dt.date, shift) -> tuple[dt.datetime, dt.datetime]:
    h1, m1 = map(int, shift.start_time.split(":"))
    h2, m2 = map(int, shift.end_time.split(":"))
    start = dt.datetime(day.year, day.month, day.day) + dt.timedelta(hours=h1, minutes=m1)
    end = dt.datetime(day.year, day.month, day.day) + dt.timedelta(hours=h2, minutes=m2)
    if end <= start:
        end += dt.timedelta(days=1)
    return start, end


def is_night(shift) -> bool:
    start, end = span(dt.date(2000, 1, 3), shift)
    for offset in (0, 1):
        lo = dt.datetime(2000, 1, 3) + dt.timedelta(days=offset)
        if start < lo + dt.timedelta(hours=5) and lo < end:
            return True
    return bool(getattr(shift, "is_night", False))


def may_take(member: Member, day: dt.date, post, shift, others: list, rest_hours: float = 8.0,
             on_slot: list[Member] = ()) -> bool:
    """Whether *member* may take (day, post, shift) given *others* = [(day, shift)] they hold."""
    if member.arrived_on and day < member.arrived_on or member.departed_on and day >= member.departed_on:
        return False
    start, end = span(day, shift)
    for u in Unavailability.select().where(Unavailability.member == member):
        lo = dt.datetime.combine(u.start_date, dt.time())
        hi = dt.datetime.combine(u.end_date + dt.timedelta(days=1), dt.time())
        if start < hi and lo < end:
            return False
    pref = DutyPreference.get_or_none(DutyPreference.member == member)
    if pref is not None and pref.no_nights and is_night(shift):
        return False
    rest = dt.timedelta(hours=rest_hours)
    for other_day, other_shift in others:
        a, b = span(other_day, other_shift)
        if start < b + rest and a < end + rest:
            return False
    if pref is not None and pref.max_hours_per_week:
        monday = day - dt.timedelta(days=day.weekday())
        hours = (end - start).total_seconds() / 3600
        for other_day, other_shift in others:
            if monday <= other_day < monday + dt.timedelta(days=7):
                a, b = span(other_day, other_shift)
                hours += (b - a).total_seconds() / 3600
        if hours > pref.max_hours_per_week:
            return False
    if post.party_member_required and not any(m.political_status == "中共党员" for m in on_slot):
        return member.political_status == "中共党员"
    return True


def broken_rules(first: dt.date, last: dt.date, rest_hours: float = 8.0) -> list[str]:
    """Every hard rule the stored non-pinned rows of first..last break (empty when none)."""
    rows = list(DutyAssignment.select().order_by(DutyAssignment.date, DutyAssignment.id))
    by_member = defaultdict(list)
    by_slot = defaultdict(list)
    for r in rows:
        by_member[r.member_id].append(r)
        by_slot[(r.date, r.post_id, r.shift_id)].append(r)
    out = []
    for r in rows:
        if r.pinned or not first <= r.date <= last:
            continue
        others = [(o.date, o.shift) for o in by_member[r.member_id] if o.id != r.id]
        mates = [o.member for o in by_slot[(r.date, r.post_id, r.shift_id)] if o.id != r.id]
        if not may_take(r.member, r.date, r.post, r.shift, others, rest_hours, mates):
            out.append(f"{r.date} {r.post.name} {r.shift.name} {r.member.name}")
    return out
