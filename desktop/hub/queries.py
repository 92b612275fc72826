"""What the hub's pages and reports show, read in one consistent view (Qt-free).

    hub = open_hub(location)
    rows = branches_overview(hub, date_from, date_to)        # 支部一览: one row per branch
    people = cadres(hub, date_from, date_to, search="", unit=None)  # 干部: one row per person
    sent = submissions(hub, date_from, date_to)             # 支部报送情况: packages and who is late

Each function reads through Hub.reading() (PostgreSQL REPEATABLE READ, SQLite a WAL
snapshot), so an import running beside it is seen whole or not at all. Each runs a fixed
number of queries whatever the number of branches or cadres (aggregates grouped by branch or
by branch and member, joined in Python), so a page of 100 branches costs what a page of 3 does.

A person who served in two branches is one cadre: their roster rows are joined when they share
an ID number, or a name and a phone (cadre_rows.py, re-exported here: cadres, units, CadreRow).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import fn

from .cadre_rows import CadreRow, Stint, cadres, units
from .hub_models import (
    HubBranch,
    HubDiary,
    HubDuty,
    HubHandover,
    HubMeeting,
    HubMember,
    HubPackage,
)
from .reading_order import name_order
from .store import Hub

# A branch whose newest package was made more than this many days ago is flagged 逾期未报.
STALE_DAYS = 7


# -- 支部一览 ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class PeriodFigures:
    """Key figures of a period: meetings and attendance (应到/实到), shifts, handovers, diaries."""

    meetings: int = 0
    expected: int = 0
    present: int = 0
    shifts: int = 0  # person-shifts (duty assignments)
    handovers: int = 0
    diaries: int = 0

    @property
    def attendance_rate(self) -> float | None:
        """present / expected, None when no attendance was expected."""
        return self.present / self.expected if self.expected else None

    @property
    def attendance_text(self) -> str:
        rate = self.attendance_rate
        return "—" if rate is None else f"{rate * 100:.1f}%"

    def __add__(self, other: PeriodFigures) -> PeriodFigures:
        return PeriodFigures(*(a + b for a, b in zip(self._values(), other._values())))

    def _values(self) -> tuple[int, ...]:
        return (self.meetings, self.expected, self.present, self.shifts, self.handovers, self.diaries)


@dataclass(frozen=True)
class BranchOverview:
    uid: str
    name: str
    community: str
    compound: str
    subdistrict: str
    approving_org: str
    members: int  # on the roster of the newest package, departed included
    on_site: int  # on site at some time in the period
    sequence: int  # the newest package's number
    last_created_at: dt.datetime | None  # when the branch made its newest package
    last_imported_at: dt.datetime
    period_from: dt.date | None  # the period the newest package covers (None: all records)
    period_to: dt.date | None
    personal: str  # "sealed" | "omitted"
    days_since: int | None  # days from the newest package to *today*
    stale: bool  # no package for more than STALE_DAYS days
    figures: PeriodFigures

    @property
    def where(self) -> str:
        return self.community or self.compound

    @property
    def period_text(self) -> str:
        if not (self.period_from or self.period_to):
            return "全部记录"
        return f"{self.period_from or '…'} 至 {self.period_to or '…'}"


def _last_sent(branch) -> dt.datetime:
    return branch.last_created_at or branch.last_imported_at


def _days_since(moment: dt.datetime | None, today: dt.date) -> int | None:
    return None if moment is None else (today - moment.date()).days


def branches_overview(hub: Hub, date_from: dt.date, date_to: dt.date, today: dt.date | None = None,
                      stale_days: int = STALE_DAYS) -> list[BranchOverview]:
    """Every branch (name_order): its newest package and the figures of *date_from*..*date_to*."""
    today = today or dt.date.today()
    with hub.reading():
        branches = sorted(HubBranch.select(), key=lambda b: (name_order(b.name), b.uid))
        figures = _branch_figures(date_from, date_to)
        on_site = _count_per_branch(HubMember.select(HubMember.branch_uid, fn.COUNT(HubMember.id))
                              .where(_on_site(date_from, date_to)).group_by(HubMember.branch_uid))
    rows = []
    for b in branches:
        days = _days_since(_last_sent(b), today)
        rows.append(BranchOverview(
            uid=b.uid, name=b.name, community=b.community, compound=b.compound, subdistrict=b.subdistrict,
            approving_org=b.approving_org, members=b.member_count, on_site=on_site.get(b.uid, 0),
            sequence=b.last_sequence, last_created_at=b.last_created_at, last_imported_at=b.last_imported_at,
            period_from=b.period_from, period_to=b.period_to, personal=b.personal, days_since=days,
            stale=days is not None and days > stale_days, figures=figures.get(b.uid, PeriodFigures())))
    return rows


def total_figures(rows: Iterable[BranchOverview]) -> PeriodFigures:
    total = PeriodFigures()
    for row in rows:
        total = total + row.figures
    return total


def _on_site(date_from: dt.date, date_to: dt.date):
    return ((HubMember.arrived_on.is_null() | (HubMember.arrived_on <= date_to))
            & (HubMember.departed_on.is_null() | (HubMember.departed_on >= date_from)))


def _per_branch(query) -> dict[str, tuple]:
    """branch_uid -> the remaining columns of a query grouped by branch."""
    return {row[0]: tuple(row[1:]) for row in query.tuples()}


def _count_per_branch(query) -> dict[str, int]:
    """branch_uid -> the count of a query grouped by branch."""
    return {row[0]: int(row[1] or 0) for row in query.tuples()}


def _branch_figures(date_from: dt.date, date_to: dt.date) -> dict[str, PeriodFigures]:
    """Five grouped queries, one per kind of record, for all branches at once."""
    meetings = _per_branch(
        HubMeeting.select(HubMeeting.branch_uid, fn.COUNT(HubMeeting.id), fn.SUM(HubMeeting.expected),
                          fn.SUM(HubMeeting.present))
        .where(HubMeeting.date.between(date_from, date_to)).group_by(HubMeeting.branch_uid))
    counts = {model: _count_per_branch(model.select(model.branch_uid, fn.COUNT(model.id))
                                 .where(model.date.between(date_from, date_to)).group_by(model.branch_uid))
              for model in (HubDuty, HubHandover, HubDiary)}
    uids = set(meetings).union(*counts.values())
    result = {}
    for uid in uids:
        held, expected, present = meetings.get(uid, (0, 0, 0))
        result[uid] = PeriodFigures(int(held or 0), int(expected or 0), int(present or 0),
                                    int(counts[HubDuty].get(uid, 0)), int(counts[HubHandover].get(uid, 0)),
                                    int(counts[HubDiary].get(uid, 0)))
    return result


# -- 支部报送情况 --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sent:
    """One imported package."""

    sequence: int
    file_name: str
    created_at: dt.datetime | None
    imported_at: dt.datetime
    period_from: dt.date | None
    period_to: dt.date | None


@dataclass(frozen=True)
class BranchSubmissions:
    uid: str
    name: str
    community: str
    sent: tuple[Sent, ...]  # the packages made in the asked period, oldest first
    last_created_at: dt.datetime | None  # the newest package ever imported
    last_sequence: int
    days_since: int | None
    late: bool  # no package for more than the allowed days, counted to *as_of*
    covers_to: dt.date | None  # the newest package's records reach this day (None: all records)


def submissions(hub: Hub, date_from: dt.date, date_to: dt.date, as_of: dt.date | None = None,
                late_days: int = STALE_DAYS) -> list[BranchSubmissions]:
    """Who sent what in *date_from*..*date_to* (by when the branch made the package), and who is
    late: a branch whose newest package is more than *late_days* old on *as_of* (default: today,
    or the period's end when that is earlier). Late branches first, then by name."""
    as_of = as_of or min(dt.date.today(), date_to)
    start = dt.datetime.combine(date_from, dt.time.min)
    end = dt.datetime.combine(date_to, dt.time.max)
    with hub.reading():
        branches = sorted(HubBranch.select(), key=lambda b: (name_order(b.name), b.uid))
        made = fn.COALESCE(HubPackage.created_at, HubPackage.imported_at)
        packages = list(HubPackage.select().where(made.between(start, end))
                        .order_by(HubPackage.branch_uid, HubPackage.sequence))
    by_branch: dict[str, list[Sent]] = defaultdict(list)
    for p in packages:
        by_branch[p.branch_uid].append(Sent(p.sequence, p.file_name, p.created_at, p.imported_at,
                                            p.period_from, p.period_to))
    rows = []
    for b in branches:
        days = _days_since(_last_sent(b), as_of)
        rows.append(BranchSubmissions(
            uid=b.uid, name=b.name, community=b.community or b.compound, sent=tuple(by_branch.get(b.uid, ())),
            last_created_at=b.last_created_at, last_sequence=b.last_sequence, days_since=days,
            late=days is not None and days > late_days, covers_to=b.period_to))
    rows.sort(key=lambda r: not r.late)  # stable: by name within the late and the others
    return rows


__all__ = [
    "STALE_DAYS",
    "BranchOverview",
    "BranchSubmissions",
    "CadreRow",
    "PeriodFigures",
    "Sent",
    "Stint",
    "branches_overview",
    "cadres",
    "name_order",
    "submissions",
    "total_figures",
    "units",
]
