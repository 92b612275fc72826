"""How days, shifts and periods read on the duty page (no Qt)."""
from __future__ import annotations

import datetime as dt

from ...duty.setup import time_range

WEEKDAYS = "一二三四五六日"


def weekday(day: dt.date) -> str:
    return "周" + WEEKDAYS[day.weekday()]


def day_header(day: dt.date) -> str:
    """'4/13 周三'."""
    return f"{day.month}/{day.day} {weekday(day)}"


def day_header_short(day: dt.date) -> str:
    """'4/13\n周三': two lines, so fourteen day columns fit a laptop screen."""
    return f"{day.month}/{day.day}\n{weekday(day)}"


def day_long(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日 {weekday(day)}"


def shift_label(shift) -> str:
    """'早班 08:00–16:00'."""
    return f"{shift.name} {time_range(shift)}"


def days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def period_text(first: dt.date, last: dt.date) -> str:
    return f"{first.month}月{first.day}日—{last.month}月{last.day}日（{(last - first).days + 1}天）"
