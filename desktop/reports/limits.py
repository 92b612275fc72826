"""What a report may be asked for, and how long it may take.

`report duty --from 0001-01-01 --to 9999-12-31` grew to 8.9 GB: every report walks its
period day by day or week by week. A temporary branch lives for weeks or months, so a
period of a few years is already far more than any real report; beyond that, or outside
the years a branch can exist in, the request is a typing slip and is refused in plain
Chinese before anything is built (the command line, and the 报表 page's build alike).
"""
from __future__ import annotations

import datetime as dt

from ..errors import UserError

MAX_PERIOD_YEARS = 3
MAX_PERIOD_DAYS = 366 * MAX_PERIOD_YEARS
EARLIEST = dt.date(2000, 1, 1)   # no branch in this program's records can be older
LATEST_YEARS_AHEAD = 5           # rotas are planned ahead, but not by decades

BUILD_SECONDS = 300.0  # the largest real report takes seconds; five minutes means it is stuck


class PeriodError(UserError, ValueError):
    """The period cannot be a real report's; the message says why and what to do."""


def check_period(start: dt.date, end: dt.date, today: dt.date | None = None) -> None:
    """PeriodError unless start..end is a period a report can sensibly cover."""
    today = today or dt.date.today()
    latest = dt.date(today.year + LATEST_YEARS_AHEAD, 12, 31)
    if start > end:
        raise PeriodError("开始日期不能晚于结束日期")
    if start < EARLIEST or end > latest:
        raise PeriodError(
            f"时间范围 {start.isoformat()} 至 {end.isoformat()} 超出了合理的年份"
            f"（{EARLIEST.year} 年至 {latest.year} 年），可能是日期输错了。请检查开始和结束日期。")
    days = (end - start).days + 1
    if days > MAX_PERIOD_DAYS:
        raise PeriodError(
            f"时间范围 {start.isoformat()} 至 {end.isoformat()} 共 {days} 天，超过了 {MAX_PERIOD_YEARS} 年。"
            f"一份报表最多涵盖 {MAX_PERIOD_YEARS} 年，请缩小时间范围，或分几次生成。")


def time_limit_message(title: str, seconds: float) -> str:
    minutes = seconds / 60
    span = f"{minutes:.0f} 分钟" if minutes >= 1 else f"{seconds:.0f} 秒"
    return (f"生成“{title}”超过 {span}仍未完成，已停止。"
            "可能是报表字体文件有问题（可在“设置 → 报表字体”中恢复默认字体后再试），或时间范围太大。")
