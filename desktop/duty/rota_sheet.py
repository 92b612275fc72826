"""The rota of a period laid out as the printed 值班表: days × posts × shifts.

    rota_sheet(date_from, date_to) -> RotaSheet

One structure for the spreadsheet's first sheet (export.py) and the picture sent to the
branch's chat group (exporters/rota_picture.py): a row per post and shift, a cell per day
with the names (Party members marked ★, as on the printed 值班表), what is still missing,
and whether the post works that day at all. Reads in four queries; no Qt, no reportlab.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..models import Branch, DutyAssignment, Member, ShiftDefinition
from ..models.choices import PARTY_STATUSES
from .setup import active_on, posts, time_range

WEEKDAYS = "一二三四五六日"
PARTY_MARK = "★"
DEFAULT_BRANCH_NAME = "临时党支部"
LEGEND = f"{PARTY_MARK}为党员；“待定”为尚缺人员；“—”为当日未启用。"


def day_title(day: dt.date) -> str:
    """'12月7日 周一'."""
    return f"{day.month}月{day.day}日 周{WEEKDAYS[day.weekday()]}"


def period_title(date_from: dt.date, date_to: dt.date) -> str:
    """'2026年12月7日—12月13日' (the year again only when it changes)."""
    start = f"{date_from.year}年{date_from.month}月{date_from.day}日"
    if date_from == date_to:
        return start
    end = (f"{date_to.month}月{date_to.day}日" if date_to.year == date_from.year
           else f"{date_to.year}年{date_to.month}月{date_to.day}日")
    return f"{start}—{end}"


@dataclass
class SheetCell:
    names: list[str] = field(default_factory=list)  # '★张三' for a Party member
    missing: int = 0     # people still needed ("待定")
    active: bool = True  # the post works this day

    def lines(self) -> list[str]:
        if not self.active and not self.names:
            return ["—"]
        return self.names + ["待定"] * self.missing


@dataclass
class SheetRow:
    post: str
    party_lead: bool  # 党员带班
    shift: str        # '早班'
    times: str        # '08:00–16:00'
    cells: list[SheetCell]
    first_of_post: bool


@dataclass
class RotaSheet:
    branch: str
    date_from: dt.date
    date_to: dt.date
    days: list[dt.date]
    rows: list[SheetRow]

    @property
    def title(self) -> str:
        return f"{self.branch}值班表"

    @property
    def period(self) -> str:
        return period_title(self.date_from, self.date_to)

    def weeks(self) -> list[RotaSheet]:
        """The sheet cut in blocks of 7 days from its first day (as the printed 值班表)."""
        out = []
        for start in range(0, len(self.days), 7):
            days = self.days[start:start + 7]
            rows = [SheetRow(r.post, r.party_lead, r.shift, r.times, r.cells[start:start + 7], r.first_of_post)
                    for r in self.rows]
            out.append(RotaSheet(self.branch, days[0], days[-1], days, rows))
        return out


def branch_name() -> str:
    return (Branch.current().name or "").strip() or DEFAULT_BRANCH_NAME


def rota_sheet(date_from: dt.date, date_to: dt.date) -> RotaSheet:
    if date_from > date_to:
        raise ValueError("date_from after date_to")
    days = [date_from + dt.timedelta(days=i) for i in range((date_to - date_from).days + 1)]
    shifts: dict[int, list[ShiftDefinition]] = defaultdict(list)
    for shift in ShiftDefinition.select().order_by(ShiftDefinition.position, ShiftDefinition.id):
        shifts[shift.pattern_id].append(shift)
    held: dict[tuple, list[str]] = defaultdict(list)
    query = (DutyAssignment.select(DutyAssignment.date, DutyAssignment.post, DutyAssignment.shift,
                                   Member.name, Member.political_status)
             .join(Member)
             .where(DutyAssignment.date.between(date_from, date_to))
             .order_by(DutyAssignment.date, Member.name_pinyin, Member.id).tuples())
    for day, post_id, shift_id, name, status in query:
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
        held[(day, post_id, shift_id)].append((PARTY_MARK if status in PARTY_STATUSES else "") + name)
    rows = []
    for post in posts():
        if not any(active_on(post, day) for day in days):
            continue
        for index, shift in enumerate(shifts.get(post.pattern_id, [])):
            cells = []
            for day in days:
                names = held.get((day, post.id, shift.id), [])
                active = active_on(post, day)
                missing = max(0, post.people_needed - len(names)) if active else 0
                cells.append(SheetCell(names, missing, active))
            rows.append(SheetRow(post.name, bool(post.party_member_required), shift.name,
                                 time_range(shift), cells, index == 0))
    return RotaSheet(branch_name(), date_from, date_to, days, rows)
