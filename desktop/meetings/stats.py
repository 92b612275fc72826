"""Figures over a period: each member's attendance rate, and how many meetings of each type."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import Case, fn

from ..models import Meeting, MeetingAttendance, MeetingType, Member
from .common import key


@dataclass(frozen=True)
class AttendanceRate:
    member: Member
    expected: int  # meetings where the member was 应到
    present: int
    rate: float  # present / expected, 0.0–1.0

    @property
    def percent_text(self) -> str:
        return f"{self.rate * 100:.1f}%"


def attendance_rates(date_from: dt.date, date_to: dt.date, type_id=None) -> list[AttendanceRate]:
    """Members expected at least once in the period (both ends included), pinyin order.

    One aggregate query; optionally only meetings of one type.
    """
    present = fn.SUM(Case(None, [(MeetingAttendance.present == True, 1)], 0))  # noqa: E712 (peewee expression)
    query = (
        Member.select(Member, fn.COUNT(MeetingAttendance.id).alias("n_expected"), present.alias("n_present"))
        .join(MeetingAttendance)
        .join(Meeting)
        .where((Meeting.date >= date_from) & (Meeting.date <= date_to))
        .group_by(Member.id)
        .order_by(Member.name_pinyin, Member.id)
    )
    if type_id is not None:
        query = query.where(Meeting.meeting_type == key(type_id))
    return [
        AttendanceRate(m, m.n_expected, int(m.n_present or 0), (m.n_present or 0) / m.n_expected)
        for m in query
    ]


def meetings_per_type(date_from: dt.date, date_to: dt.date) -> list[tuple[str, int]]:
    """(type name, number of meetings) in the type list's order; inactive types only when used."""
    counts = dict(
        Meeting.select(Meeting.meeting_type, fn.COUNT(Meeting.id))
        .where((Meeting.date >= date_from) & (Meeting.date <= date_to))
        .group_by(Meeting.meeting_type)
        .tuples()
    )
    kinds = MeetingType.select().order_by(MeetingType.sort_order, MeetingType.id)
    return [(k.name, counts.get(k.id, 0)) for k in kinds if k.active or counts.get(k.id)]
