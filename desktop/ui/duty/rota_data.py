"""What the rota grid shows for a period, read through duty.period_rota in a fixed number
of queries; the person view and the statistics reuse the same snapshot."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...duty import setup
from ...roster import service as roster
from .duty_format import days_between
from .rota_grid_model import Lane


@dataclass
class RotaSnapshot:
    days: list[dt.date]
    lanes: list[Lane]
    assignments: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    rota: object = None  # the duty.period_rota.PeriodRota it was made from


def active_members(on: dt.date | None = None) -> list:
    """Members still on site (on *on*, when given), in pinyin order."""
    return [m for m in roster.list_members() if m.departed_on is None or (on and m.departed_on >= on)]


def lanes_for(first: dt.date, last: dt.date, rota=None) -> list[Lane]:
    """Post × shift rows for the posts active at some point of the period, in display order."""
    if rota is None:
        shifts = {p.id: list(p.shifts) for p in setup.patterns()}
        posts = setup.posts()
    else:
        shifts, posts = rota.shifts, rota.posts
    lanes = []
    for post in posts:
        if (post.active_from and post.active_from > last) or (post.active_to and post.active_to < first):
            continue
        lanes += [Lane(post, shift) for shift in shifts.get(post.pattern_id, [])]
    return lanes


def load(first: dt.date, last: dt.date) -> RotaSnapshot:
    from ...duty import period_rota

    rota = period_rota.load(first, last)
    return RotaSnapshot(days_between(first, last), lanes_for(first, last, rota), rota.entries, rota.conflicts, rota)
