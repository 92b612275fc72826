"""Where shifts sit in time: start/end datetimes (overnight aware), length, night, weekend.

Shifts are duck-typed: anything with ``start_time``/``end_time`` ('HH:MM') and an optional
``is_night`` flag works, so the solver and tests need no database rows.
"""
from __future__ import annotations

import datetime as dt

NIGHT_WINDOW = (0, 5 * 60)  # a shift touching 00:00–05:00 is a night shift


def minutes_of(text: str) -> int:
    """'HH:MM' as minutes after midnight; '24:00' is allowed as the end of the day."""
    hh, mm = str(text).strip().split(":")
    value = int(hh) * 60 + int(mm)
    if not 0 <= value <= 24 * 60 or int(mm) >= 60:
        raise ValueError(f"时间格式不正确：{text}")
    return value


def _bounds(shift) -> tuple[int, int]:
    """Start and end in minutes from the start day's midnight; end > start always."""
    start, end = minutes_of(shift.start_time), minutes_of(shift.end_time)
    if end <= start:  # an end at or before the start runs overnight
        end += 24 * 60
    return start, end


def shift_span(day: dt.date, shift) -> tuple[dt.datetime, dt.datetime]:
    """The shift's start and end on *day* (the day it starts)."""
    start, end = _bounds(shift)
    midnight = dt.datetime.combine(day, dt.time())
    return midnight + dt.timedelta(minutes=start), midnight + dt.timedelta(minutes=end)


def minutes(shift) -> int:
    start, end = _bounds(shift)
    return end - start


def hours(shift) -> float:
    return minutes(shift) / 60.0


def is_night(shift) -> bool:
    """The stored flag, or computed: the shift covers part of 00:00–05:00."""
    if getattr(shift, "is_night", False):
        return True
    start, end = _bounds(shift)
    lo, hi = NIGHT_WINDOW
    # check the window on the start day and on the next day (overnight shifts)
    return any(start < hi + shift_day and lo + shift_day < end for shift_day in (0, 24 * 60))


def is_weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


def overlaps(a: tuple[dt.datetime, dt.datetime], b: tuple[dt.datetime, dt.datetime]) -> bool:
    """Half-open spans: a shift ending at 16:00 does not overlap one starting at 16:00."""
    return a[0] < b[1] and b[0] < a[1]


def gap_hours(a: tuple[dt.datetime, dt.datetime], b: tuple[dt.datetime, dt.datetime]) -> float:
    """Hours between two spans (0 when they touch or overlap)."""
    first, second = sorted((a, b))
    return max(0.0, (second[0] - first[1]).total_seconds() / 3600.0)


def touches_days(span: tuple[dt.datetime, dt.datetime], first: dt.date, last: dt.date) -> bool:
    """Whether any part of the span falls on the days first..last (inclusive)."""
    day_start = dt.datetime.combine(first, dt.time())
    day_end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    return span[0] < day_end and day_start < span[1]


def week_start(day: dt.date) -> dt.date:
    """Monday of the ISO week of *day*."""
    return day - dt.timedelta(days=day.weekday())


def label(day: dt.date) -> str:
    """'4月5日' for messages."""
    return f"{day.month}月{day.day}日"
