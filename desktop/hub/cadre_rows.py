"""干部 across branches: one row per person, however many branches they served in (Qt-free).

A person's roster rows are joined when they share an ID number, or a name and a phone (both
only where the package was sealed to this hub); rows without either stay one per branch, since
a name alone is not proof of one person. Figures are summed over the person's branches, days in
post counted once where stints overlap. Four grouped queries whatever the number of cadres.
desktop/hub/queries.py re-exports this module's API for the pages and reports.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import Case, fn

from .hub_models import (
    HubAttendance,
    HubBranch,
    HubDiary,
    HubDuty,
    HubMeeting,
    HubMember,
    HubReportNote,
)
from .reading_order import name_order
from .store import Hub

ASSESSMENT_KIND, ASSESSMENT_SECTION = "cadre", "评价"  # as desktop/reports/notes.py writes them

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
        names: dict[str, str] = {row[0]: row[1] for row in HubBranch.select(HubBranch.uid, HubBranch.name).tuples()}
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
    rows.sort(key=lambda r: (r.unit == "", name_order(r.unit), name_order(r.name), r.key))
    return rows


def units(hub: Hub) -> list[str]:
    """Every 派出单位 on any branch's roster, in pinyin order (for a filter's choices)."""
    with hub.reading():
        found = [row[0] for row in HubMember.select(HubMember.unit).distinct().tuples() if row[0]]
    return sorted(found, key=name_order)


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
    return {(note.branch_uid, int(note.member_id)): note.text.strip() for note in notes}  # the latest wins


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
        keys: list[tuple[str, ...]] = []
        id_number, phone = (m.id_number or "").strip(), (m.phone or "").strip()
        if id_number:
            keys.append(("id", id_number.upper()))
        if phone and m.name.strip():
            keys.append(("name+phone", "".join(m.name.split()), phone))
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
