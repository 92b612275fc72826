"""Rota settings kept in the Setting table (so they travel with the records)."""
from __future__ import annotations

from ..models import Setting, db

MIN_REST_KEY = "duty.min_rest_hours"
DEFAULT_MIN_REST_HOURS = 8.0


def min_rest_hours() -> float:
    """The minimum rest between two shifts of one person; the default when unset or unreadable."""
    row = Setting.get_or_none(Setting.key == MIN_REST_KEY)
    if row is None:
        return DEFAULT_MIN_REST_HOURS
    try:
        value = float(row.value)
    except (TypeError, ValueError):
        return DEFAULT_MIN_REST_HOURS
    return value if value >= 0 else DEFAULT_MIN_REST_HOURS


def set_min_rest_hours(hours: float) -> None:
    hours = float(hours)
    if hours < 0 or hours > 48:
        raise ValueError("最少休息时间应在 0 到 48 小时之间")
    with db.atomic():
        Setting.insert(key=MIN_REST_KEY, value=f"{hours:g}").on_conflict(
            conflict_target=[Setting.key], preserve=[Setting.value]
        ).execute()
