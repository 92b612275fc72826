"""下沉干部现实表现情况 by 派出单位: what a home unit's Party committee receives.

One document per home unit holds all its cadres across the sub-district's branches: addressed
to the unit's Party organisation, a table of everyone (phones masked, ID numbers never printed),
then each cadre's record — where and when they served, duty, meetings, diaries, and the
assessment (支部评价意见) each branch wrote. A person who served in two branches is one cadre.

Without a unit: one file with a part per unit, each part starting on a new page under its
own title (so it can be printed and sent on alone), or one file per unit into a folder.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

from ...errors import UserError
from ...reports.document import DOCX, PDF, ReportDocument, ReportResult
from ...reports.fonts import FontSet
from ...reports.layout import heading_number
from ...roster.privacy import mask_phone
from .. import queries
from ..store import Hub
from .common import (
    BRANCH_SUFFIX,
    chinese_date,
    period_text,
    short_branch,
    subdistrict_name,
)

SECTION = "下沉干部现实表现情况"
NO_UNIT = "未填写派出单位"
TABLE_SIZE = 10.5
HEADER = ("序号", "姓名", "所在临时党支部", "在岗（天）", "值班（次）", "参会（次）", "日记（篇）", "联系电话")
# Samples the columns must hold on one line; the branch names share the rest of the width.
COLUMN_SAMPLES = ("序号", "欧阳晓明", None, "在岗（天）", "值班（次）", "参会（次）", "日记（篇）", "000****0000")


class UnitNotFound(UserError):
    """--unit names a unit no cadre of the period has; the message lists the ones there are."""


def by_unit(people: list[queries.CadreRow]) -> dict[str, list[queries.CadreRow]]:
    """Unit -> its cadres, in the order queries.cadres gives (units in pinyin order)."""
    groups: dict[str, list[queries.CadreRow]] = defaultdict(list)
    for person in people:
        groups[person.unit or NO_UNIT].append(person)
    return dict(groups)


def unit_title(unit: str) -> str:
    return f"{unit}{SECTION}"


def build_hub_cadre_report(hub: Hub, path: Path | str | None, date_from: dt.date, date_to: dt.date,
                           unit: str | None = None, fonts: FontSet | None = None,
                           today: dt.date | None = None) -> ReportResult:
    """*unit*'s document, or (unit None) one file with a part per unit.

    ReportResult.warnings names each cadre no branch has written an assessment for."""
    if date_from > date_to:
        raise ValueError("开始日期不能晚于结束日期")
    with hub.reading():  # one view: an import running beside the report is in all of it or none
        groups = _groups(hub, date_from, date_to, unit)
        place = subdistrict_name(hub)
    title = unit_title(unit or NO_UNIT) if unit is not None else f"{place or '街道'}{SECTION}（按派出单位）"
    doc = ReportDocument(path, title=title, fonts=fonts, subject=SECTION)
    missing: list[str] = []
    if not groups:
        doc.title(SECTION)
        doc.subtitle(f"（{period_text(date_from, date_to)}）")
        doc.note_empty("本期在岗的下沉干部")
    for i, (name, people) in enumerate(groups.items()):
        if i:
            doc.page_break()
        missing += _UnitPart(doc, name, people, date_from, date_to, place).write(today)
    result = doc.build()
    result.warnings = [f"尚无支部评价意见：{who}" for who in missing] + result.warnings
    return result


def build_cadre_reports_per_unit(hub: Hub, folder: Path | str, date_from: dt.date, date_to: dt.date,
                                 fmt: str = PDF, fonts: FontSet | None = None,
                                 today: dt.date | None = None) -> list[ReportResult]:
    """One file per home unit into *folder* (made if missing), named after the unit."""
    if fmt not in (PDF, DOCX):
        raise ValueError(f"fmt must be {PDF!r} or {DOCX!r}")
    folder = Path(folder)
    results = []
    taken: set[str] = set()
    with hub.reading():  # every unit's file from the same view of the hub
        for name in _groups(hub, date_from, date_to, None):
            stem = file_stem(name)
            while stem in taken:  # two units that differ only in characters a file name cannot hold
                stem += "_"
            taken.add(stem)
            target = folder / f"{stem}{SECTION}.{fmt}"
            results.append(build_hub_cadre_report(hub, target, date_from, date_to,
                                                  unit=name if name != NO_UNIT else "", fonts=fonts, today=today))
    return results


def file_stem(unit: str) -> str:
    """A unit's name as a file name on Windows too (no \\ / : * ? " < > |)."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", unit).strip(" .") or "未命名单位"


def _groups(hub: Hub, date_from: dt.date, date_to: dt.date, unit: str | None) -> dict:
    people = queries.cadres(hub, date_from, date_to)
    groups = by_unit(people)
    if unit is None:
        return groups
    key = unit or NO_UNIT
    if key not in groups:
        known = "、".join(groups) or "（本期没有在岗的下沉干部）"
        raise UnitNotFound(f"汇总台中没有派出单位“{unit}”在{period_text(date_from, date_to)}在岗的下沉干部。"
                           f"本期的派出单位有：{known}")
    return {key: groups[key]}


class _UnitPart:
    """One unit's pages: title, addressee, the table, each cadre, the date."""

    def __init__(self, doc: ReportDocument, unit: str, people: list[queries.CadreRow], date_from: dt.date,
                 date_to: dt.date, place: str):
        self.doc, self.unit, self.people = doc, unit, people
        self.date_from, self.date_to, self.place = date_from, date_to, place

    def write(self, today: dt.date | None) -> list[str]:
        doc = self.doc
        doc.title(unit_title(self.unit))
        doc.subtitle(f"（{period_text(self.date_from, self.date_to)}）")
        addressee = Counter(p.home_org for p in self.people if p.home_org).most_common(1)
        if addressee:
            doc.paragraph(f"{addressee[0][0]}：", indent_first_line=False, where=f"{self.unit}·主送")
        branches = {b for p in self.people for b in p.branches}
        where = f"{self.place}" if self.place else ""
        doc.paragraph(f"{self.unit}共有{len(self.people)}名干部于本期下沉到{where}{len(branches)}个临时党支部"
                      "参加疫情防控工作。现将其在一线的现实表现情况报告如下。", where=self.unit)
        doc.heading(1, heading_number(1, 1) + "总体情况", numbered=False)
        rows = [[i, p.name, "、".join(short_branch(b) for b in p.branches), p.days_in_post, p.shifts,
                 f"{p.meetings_attended}/{p.meetings_expected}", p.diaries, mask_phone(p.phone or "")]
                for i, p in enumerate(self.people, start=1)]
        align = ["center", "center", "left", *["center"] * 5]
        doc.table(HEADER, rows, col_widths=COLUMN_SAMPLES, font_size=TABLE_SIZE, align=align,
                  where=f"{self.unit}·名单")
        doc.paragraph(f"注：支部名称略去“{BRANCH_SUFFIX}”；参会为实到次数/应到次数；联系电话中间四位隐去。",
                      indent_first_line=False)
        doc.heading(1, heading_number(1, 2) + "个人现实表现", numbered=False)
        missing = []
        for n, person in enumerate(self.people, start=1):
            if not self._person(n, person):
                missing.append(f"{person.name}（{self.unit}）")
        doc.closing([chinese_date(today or dt.date.today())])
        return missing

    def _person(self, n: int, p: queries.CadreRow) -> bool:
        doc = self.doc
        doc.heading(2, heading_number(2, n) + p.name, numbered=False)
        who = f"{p.name}·"
        facts = [x for x in (p.gender, p.political_status, f"{p.unit}{p.unit_post}" if p.unit_post else "") if x]
        if facts:
            doc.paragraph("，".join(facts) + "。", where=who + "基本情况")
        doc.paragraph("；".join(_stint_text(s) for s in p.stints) + "。", where=who + "在岗情况")
        nights = f"（其中夜班{p.night_shifts}次）" if p.night_shifts else ""
        meetings = (f"应参加支部会议{p.meetings_expected}次，实际参加{p.meetings_attended}次，出席率{p.attendance_text}"
                    if p.meetings_expected else "本期没有其应参加的支部会议记录")
        doc.paragraph(f"本期在岗{p.days_in_post}天，值班{p.shifts}次{nights}；{meetings}；记录包保日记{p.diaries}篇。")
        if not p.assessments:
            doc.paragraph("支部评价意见：所在临时党支部尚未报送评价意见。", where=who + "评价")
            return False
        several = len(p.assessments) > 1
        for branch, text in p.assessments:
            label = f"{branch}评价意见" if several else "支部评价意见"
            doc.paragraph(f"{label}：{' '.join(text.split())}", where=who + "评价")
        return True


def _stint_text(s: queries.Stint) -> str:
    start = chinese_date(s.arrived_on) if s.arrived_on else "（到岗日期未登记）"
    end = chinese_date(s.departed_on) if s.departed_on else "今"
    role = "，".join(x for x in (s.team, s.branch_role) if x)
    return f"{start}至{end}在{s.branch_name}" + (f"（{role}）" if role else "")
