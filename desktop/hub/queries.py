"""What the hub's pages and reports show, read in one consistent view (Qt-free).

    with_hub = open_hub(location)
    rows = branches_overview(hub, date_from, date_to)        # 支部一览: one row per branch
    people = cadres(hub, date_from, date_to, search="", unit=None)  # 干部: one row per person
    sent = submissions(hub, date_from, date_to)             # 支部报送情况: packages and who is late

Each function reads through Hub.reading() (PostgreSQL REPEATABLE READ, SQLite a WAL
snapshot), so an import running beside it is seen whole or not at all. Each runs a fixed
number of queries whatever the number of branches or cadres (aggregates grouped by branch or
by branch and member, joined in Python), so a page of 100 branches costs what a page of 3 does.

A person who served in two branches is one cadre: their roster rows are joined when they share
an ID number, or a name and a phone (both only where the package was sealed to this hub).
Rows without either stay one per branch: a name alone is not proof of one person.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import Case, fn

from .hub_models import HubAttendance, HubBranch, HubDiary, HubDuty, HubHandover, HubMeeting, HubMember, HubPackage, \
    HubReportNote
from .store import Hub

# A branch whose newest package was made more than this many days ago is flagged 逾期未报.
STALE_DAYS = 7
ASSESSMENT_KIND, ASSESSMENT_SECTION = "cadre", "评价"  # as desktop/reports/notes.py writes them


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
    """Every branch, by name: its newest package and the figures of *date_from*..*date_to*."""
    today = today or dt.date.today()
    with hub.reading():
        branches = list(HubBranch.select().order_by(HubBranch.name, HubBranch.uid))
        figures = _branch_figures(date_from, date_to)
        on_site = _per_branch(HubMember.select(HubMember.branch_uid, fn.COUNT(HubMember.id))
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


def _per_branch(query) -> dict[str, tuple | int]:
    """branch_uid -> the remaining column(s) of a query grouped by branch."""
    found = {}
    for row in query.tuples():
        found[row[0]] = row[1] if len(row) == 2 else row[1:]
    return found


def _branch_figures(date_from: dt.date, date_to: dt.date) -> dict[str, PeriodFigures]:
    """Five grouped queries, one per kind of record, for all branches at once."""
    meetings = _per_branch(
        HubMeeting.select(HubMeeting.branch_uid, fn.COUNT(HubMeeting.id), fn.SUM(HubMeeting.expected),
                          fn.SUM(HubMeeting.present))
        .where(HubMeeting.date.between(date_from, date_to)).group_by(HubMeeting.branch_uid))
    counts = {model: _per_branch(model.select(model.branch_uid, fn.COUNT(model.id))
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


# -- 干部 -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stint:
    """One roster row of a cadre: their time in one branch."""

    branch_uid: str
    branch_name: str
    member_id: int  # the branch's own member id
    arrived_on: dt.date | None
    departed_on: dt.date | None
    team: str
    branch_role: str


@dataclass(frozen=True)
class CadreRow:
    key: str  # stable within one reading: the first stint's "branch_uid:member_id"
    name: str
    gender: str
    birth_date: str
    political_status: str
    unit: str  # 派出单位 (from the latest stint)
    unit_post: str
    home_org: str
    phone: str | None  # in full: mask it (roster/privacy.py) wherever it is shown
    id_number: str | None
    stints: tuple[Stint, ...]  # arrival order
    days_in_post: int  # days of the period on site in any branch (overlaps counted once)
    shifts: int
    night_shifts: int
    meetings_expected: int
    meetings_attended: int
    diaries: int
    assessments: tuple[tuple[str, str], ...]  # (branch name, text) of 支部评价意见 overlapping the period

    @property
    def branches(self) -> tuple[str, ...]:
        names: list[str] = []
        for stint in self.stints:
            if stint.branch_name not in names:
                names.append(stint.branch_name)
        return tuple(names)

    @property
    def branches_text(self) -> str:
        return "、".join(self.branches)

    @property
    def attendance_text(self) -> str:
        if not self.meetings_expected:
            return "—"
        return f"{self.meetings_attended / self.meetings_expected * 100:.1f}%"


def cadres(hub: Hub, date_from: dt.date, date_to: dt.date, search: str = "", unit: str | None = None,
           on_site_only: bool = True) -> list[CadreRow]:
    """Every cadre across branches (on site in the period unless *on_site_only* is False),
    one row per person, ordered by unit then name (pinyin).

    search: text found in the name, unit, post, branch name, team or role (case-insensitive).
    unit: only cadres of this 派出单位 (exactly as typed in the roster)."""
    with hub.reading():
        names = dict(HubBranch.select(HubBranch.uid, HubBranch.name).tuples())
        members = list(HubMember.select().order_by(HubMember.branch_uid, HubMember.source_id))
        per_member = _member_figures(date_from, date_to)
        notes = _assessments(date_from, date_to)
    people = _group_people(members)
    rows = []
    for group in people:
        row = _cadre_row(group, names, per_member, notes, date_from, date_to)
        if on_site_only and not row.days_in_post:
            continue
        if unit is not None and row.unit != unit:
            continue
        if search and not _matches(row, search):
            continue
        rows.append(row)
    from ..roster.pinyin import pinyin_key

    rows.sort(key=lambda r: (r.unit == "", pinyin_key(r.unit), pinyin_key(r.name), r.key))
    return rows


def units(hub: Hub) -> list[str]:
    """Every 派出单位 on any branch's roster, in pinyin order (for a filter's choices)."""
    from ..roster.pinyin import pinyin_key

    with hub.reading():
        found = [u for (u,) in HubMember.select(HubMember.unit).distinct().tuples() if u]
    return sorted(found, key=pinyin_key)


def _member_figures(date_from: dt.date, date_to: dt.date) -> dict[tuple[str, int], list[int]]:
    """(branch_uid, member_id) -> [shifts, nights, expected, attended, diaries], four queries."""
    found: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    duty = (HubDuty.select(HubDuty.branch_uid, HubDuty.member_id, fn.COUNT(HubDuty.id),
                           fn.SUM(Case(None, [(HubDuty.is_night, 1)], 0)))
            .where(HubDuty.date.between(date_from, date_to)).group_by(HubDuty.branch_uid, HubDuty.member_id))
    for uid, member, shifts, nights in duty.tuples():
        found[(uid, member)][0:2] = [int(shifts), int(nights or 0)]
    attended = (HubAttendance
                .select(HubAttendance.branch_uid, HubAttendance.member_id, fn.COUNT(HubAttendance.id),
                        fn.SUM(Case(None, [(HubAttendance.present, 1)], 0)))
                .join(HubMeeting, on=((HubMeeting.branch_uid == HubAttendance.branch_uid)
                                      & (HubMeeting.source_id == HubAttendance.meeting_id)))
                .where(HubMeeting.date.between(date_from, date_to))
                .group_by(HubAttendance.branch_uid, HubAttendance.member_id))
    for uid, member, expected, present in attended.tuples():
        found[(uid, member)][2:4] = [int(expected), int(present or 0)]
    diaries = (HubDiary.select(HubDiary.branch_uid, HubDiary.member_id, fn.COUNT(HubDiary.id))
               .where(HubDiary.date.between(date_from, date_to)).group_by(HubDiary.branch_uid, HubDiary.member_id))
    for uid, member, count in diaries.tuples():
        found[(uid, member)][4] = int(count)
    return found


def _assessments(date_from: dt.date, date_to: dt.date) -> dict[tuple[str, int], str]:
    """(branch_uid, member_id) -> the latest written 评价 whose period overlaps this one."""
    notes = (HubReportNote.select()
             .where((HubReportNote.kind == ASSESSMENT_KIND) & (HubReportNote.section == ASSESSMENT_SECTION)
                    & HubReportNote.member_id.is_null(False) & (HubReportNote.text != "")
                    & (HubReportNote.period_from.is_null() | (HubReportNote.period_from <= date_to))
                    & (HubReportNote.period_to.is_null() | (HubReportNote.period_to >= date_from)))
             .order_by(HubReportNote.period_to.asc(), HubReportNote.id.asc()))
    return {(note.branch_uid, note.member_id): note.text.strip() for note in notes}  # the latest wins


def _group_people(members: list[HubMember]) -> list[list[HubMember]]:
    """Roster rows of one person together: same ID number, or same name and phone (union-find)."""
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[tuple, int] = {}
    for i, m in enumerate(members):
        keys = []
        if (m.id_number or "").strip():
            keys.append(("id", m.id_number.strip().upper()))
        if (m.phone or "").strip() and m.name.strip():
            keys.append(("name+phone", "".join(m.name.split()), m.phone.strip()))
        for key in keys:
            if key in first_of:
                parent[root(i)] = root(first_of[key])
            else:
                first_of[key] = i
    groups: dict[int, list[HubMember]] = defaultdict(list)
    for i, m in enumerate(members):
        groups[root(i)].append(m)
    return list(groups.values())


def _days_on_site(stints: Iterable[Stint], date_from: dt.date, date_to: dt.date) -> int:
    spans = sorted((max(s.arrived_on or date_from, date_from), min(s.departed_on or date_to, date_to))
                   for s in stints)
    days, reached = 0, date_from - dt.timedelta(days=1)
    for start, end in spans:
        start = max(start, reached + dt.timedelta(days=1))
        if end >= start:
            days += (end - start).days + 1
            reached = end
    return days


def _cadre_row(group: list[HubMember], names: dict[str, str], per_member, notes, date_from: dt.date,
               date_to: dt.date) -> CadreRow:
    group = sorted(group, key=lambda m: (m.arrived_on or dt.date.min, m.branch_uid, m.source_id))
    latest = group[-1]
    stints = tuple(Stint(m.branch_uid, names.get(m.branch_uid, ""), m.source_id, m.arrived_on, m.departed_on,
                         m.team, m.branch_role) for m in group)
    sums = [0, 0, 0, 0, 0]
    said = []
    for m in group:
        for i, value in enumerate(per_member.get((m.branch_uid, m.source_id), (0, 0, 0, 0, 0))):
            sums[i] += value
        text = notes.get((m.branch_uid, m.source_id))
        if text:
            said.append((names.get(m.branch_uid, ""), text))

    def known(field: str) -> str:
        """The latest stint's value, else an earlier one's (a later roster may leave it blank)."""
        return next((getattr(m, field) for m in reversed(group) if getattr(m, field)), "")

    return CadreRow(
        key=f"{group[0].branch_uid}:{group[0].source_id}", name=latest.name, gender=known("gender"),
        birth_date=known("birth_date"), political_status=known("political_status"), unit=known("unit"),
        unit_post=known("unit_post"), home_org=known("home_org"), phone=known("phone") or None,
        id_number=known("id_number") or None, stints=stints,
        days_in_post=_days_on_site(stints, date_from, date_to), shifts=sums[0], night_shifts=sums[1],
        meetings_expected=sums[2], meetings_attended=sums[3], diaries=sums[4], assessments=tuple(said))


def _matches(row: CadreRow, search: str) -> bool:
    needle = search.strip().lower()
    if not needle:
        return True
    haystack = [row.name, row.unit, row.unit_post, row.political_status, *row.branches,
                *(s.team for s in row.stints), *(s.branch_role for s in row.stints)]
    return any(needle in (text or "").lower() for text in haystack)


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
        branches = list(HubBranch.select().order_by(HubBranch.name, HubBranch.uid))
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
    rows.sort(key=lambda r: (not r.late, r.name, r.uid))
    return rows


__all__ = [
    "STALE_DAYS", "PeriodFigures", "BranchOverview", "branches_overview", "total_figures", "Stint", "CadreRow",
    "cadres", "units", "Sent", "BranchSubmissions", "submissions",
]
