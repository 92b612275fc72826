"""What the hub's reports share: the sub-district's name, dates as printed, short branch names."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from ...reports.minutes import period_text  # noqa: F401 - re-exported for the hub's reports
from ...reports.roster import chinese_date  # noqa: F401
from ..hub_models import HubBranch

BRANCH_SUFFIX = "临时党支部"


def subdistrict_name(hub) -> str:
    """The sub-district most branches name in their profile ('' when none does)."""
    with hub.reading():
        names = [row[0] for row in HubBranch.select(HubBranch.subdistrict).tuples() if row[0]]
    return Counter(names).most_common(1)[0][0] if names else ""


def short_branch(name: str) -> str:
    """东湖园小区临时党支部 -> 东湖园小区: what fits under a chart's bar."""
    short = name[:-len(BRANCH_SUFFIX)] if name.endswith(BRANCH_SUFFIX) and len(name) > len(BRANCH_SUFFIX) else name
    return short or "（未命名）"


def as_of_day(date_to: dt.date, today: dt.date | None) -> dt.date:
    """The day lateness is counted to: today, or the period's end when that is earlier."""
    return min(today or dt.date.today(), date_to)


def moment_text(moment: dt.datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else "—"


def names_list(names: Iterable[str], most: int = 10) -> str:
    """'A、B、C' ; beyond *most* names, '…等N个'."""
    names = list(names)
    if len(names) <= most:
        return "、".join(names)
    return "、".join(names[:most]) + f"等{len(names)}个"
