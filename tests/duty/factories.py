"""Small builders of patterns, posts, members and plain problems for the rota tests."""
from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace

from desktop.duty.problem import Person, RotaProblem, make_slot
from desktop.models import (
    DutyPreference,
    Member,
    Post,
    ShiftDefinition,
    ShiftPattern,
    Unavailability,
)

THREE_SHIFTS = (("早班", "08:00", "16:00"), ("中班", "16:00", "24:00"), ("夜班", "00:00", "08:00"))
D0 = dt.date(2024, 4, 1)  # a Monday
_names = itertools.count(1)


def pattern(shifts=THREE_SHIFTS, name: str | None = None) -> ShiftPattern:
    p = ShiftPattern.create(name=name or f"班制{next(_names)}")
    for i, (label, start, end) in enumerate(shifts):
        ShiftDefinition.create(pattern=p, name=label, start_time=start, end_time=end, position=i)
    return p


def post(name: str, pat: ShiftPattern, needed: int = 1, party: bool = False, **kw) -> Post:
    return Post.create(name=name, pattern=pat, people_needed=needed, party_member_required=party, **kw)


def member(name: str, party: bool = True, **kw) -> Member:
    return Member.create(name=name, political_status="中共党员" if party else "群众", **kw)


def members(n: int, party_every: int = 1) -> list[Member]:
    return [member(f"队员{i:02d}", party=(i % party_every == 0)) for i in range(n)]


def leave(m: Member, first: dt.date, last: dt.date, reason: str = "请假") -> Unavailability:
    return Unavailability.create(member=m, start_date=first, end_date=last, reason=reason)


def prefs(m: Member, **kw) -> DutyPreference:
    return DutyPreference.create(member=m, **kw)


def plain_problem(n_people: int, n_posts: int, shifts, days: int, party_posts=(), needed=1,
                  party_people=None, unavailable=None, pins=(), rest=8.0) -> RotaProblem:
    """A RotaProblem without the database (for property tests)."""
    shift_objs = [SimpleNamespace(id=i + 1, name=n, start_time=a, end_time=b, is_night=False)
                  for i, (n, a, b) in enumerate(shifts)]
    posts = [SimpleNamespace(id=j + 1, name=f"岗{j + 1}", people_needed=needed,
                             party_member_required=j in party_posts) for j in range(n_posts)]
    slots = [make_slot(D0 + dt.timedelta(days=d), p, s) for d in range(days) for p in posts for s in shift_objs]
    party_people = set(range(n_people)) if party_people is None else set(party_people)
    people = [Person(member_id=i + 1, name=f"人{i + 1}", full_party_member=i in party_people,
                     unavailable=list((unavailable or {}).get(i + 1, [])))
              for i in range(n_people)]
    return RotaProblem(slots=slots, people=people, pins=list(pins), min_rest_hours=rest)
