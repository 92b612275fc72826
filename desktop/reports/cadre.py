"""下沉干部现实表现情况: the frontline record of each cadre, for the unit that sent them.

One cadre per page run (each starts a new page, pinyin order): a header form, the figures
of duty, meetings, diaries and action items, then the secretary's written assessment
(ReportNote 'cadre' / 评价) or, when none was written, ruled lines to write it by hand,
then the secretary's signature and the seal.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..diaries.service import DiaryError, entries
from ..duty.stats import duty_stats
from ..meetings import attendance_rates
from ..models import ActionItem, Meeting, Member
from ..roster.dates import format_partial
from .charts import ruled_lines
from .document import ReportDocument, ReportResult
from .fonts import BODY, FontSet
from .layout import LEADING, heading_number
from .members import chinese_date
from .minutes import period_text
from .notes import CADRE, report_text
from .signin import branch_name
from .summary import in_period, short_day

SECTION = "下沉干部现实表现情况"
EXCERPTS = 3        # latest diary entries quoted
EXCERPT_CHARS = 60  # enough to say what the day was about
HANDWRITING_LINES = 6
FORM_SIZE = 12.0    # 小四, as minutes.py's header block


def days_in_post(member: Member, date_from: dt.date, date_to: dt.date) -> int:
    """Days of the period between arrival and departure, both counted (they worked both days)."""
    start = max(member.arrived_on or date_from, date_from)
    end = min(member.departed_on or date_to, date_to)
    return max((end - start).days + 1, 0)


def on_site_text(member: Member) -> str:
    arrived = chinese_date(member.arrived_on) if member.arrived_on else "未登记"
    return f"{arrived}—{chinese_date(member.departed_on) if member.departed_on else '至今'}"


def excerpt(text: str) -> str:
    flat = "".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS] + "……"


def header_rows(member: Member, date_from: dt.date, date_to: dt.date) -> list:
    return [
        [("姓名", member.name), ("性别", member.gender)],
        [("出生年月", format_partial(member.birth_date)), ("政治面貌", member.political_status)],
        [("派出单位及职务", f"{member.unit}{member.unit_post}")],
        [("组织关系所在党组织", member.home_org)],
        # One full row: in a half-width cell the dates wrap.
        [("在岗时间", f"{on_site_text(member)}（本期在岗{days_in_post(member, date_from, date_to)}天）")],
    ]


class _CadrePage:
    """One cadre's pages; sections are numbered 一、二、… afresh for each cadre."""

    def __init__(self, doc: ReportDocument, member: Member, date_from: dt.date, date_to: dt.date):
        self.doc, self.member, self.date_from, self.date_to = doc, member, date_from, date_to
        self.number = 0
        self.where = member.name

    def section(self, name: str) -> None:
        self.number += 1
        self.doc.heading(1, heading_number(1, self.number) + name, numbered=False)

    def write(self) -> bool:
        """Write the pages; False when the assessment is still to be written."""
        doc, m = self.doc, self.member
        doc.title(SECTION)
        doc.subtitle(f"{period_text(self.date_from, self.date_to)}　{branch_name()}")
        if m.unit:
            doc.paragraph(f"{m.unit}：", indent_first_line=False, where=f"{self.where}·派出单位")
        doc.form(header_rows(m, self.date_from, self.date_to), label_sample="组织关系所在党组织",
                 font_size=FORM_SIZE, where=f"{self.where}·")
        self.duty()
        self.meetings()
        self.diaries()
        self.items()
        written = self.assessment()
        # Two lines: on one, the long label leaves the date's blank past the text block's edge.
        doc.signature_lines(["临时党支部书记（签字）"])
        doc.signature_lines(["日期"])
        doc.closing(["（盖章）"])
        return written

    def duty(self) -> None:
        self.section("值班值守")
        mine = next((p for p in duty_stats(self.date_from, self.date_to, include_idle=False)
                     if p.member.id == self.member.id), None)
        if mine is None:
            self.doc.note_empty("值班记录")
            return
        self.doc.paragraph(f"本期值班{mine.shifts}次，累计{mine.hours:g}小时，其中夜班{mine.night_shifts}次、"
                           f"周末班{mine.weekend_shifts}次。")

    def meetings(self) -> None:
        self.section("参加组织生活")
        rate = next((r for r in attendance_rates(self.date_from, self.date_to) if r.member.id == self.member.id),
                    None)
        if rate is None:
            self.doc.note_empty("参会记录")
            return
        self.doc.paragraph(f"本期应参加会议{rate.expected}次，实际参加{rate.present}次，"
                           f"出席率{rate.percent_text}。")

    def diaries(self) -> None:
        self.section("包保日记")
        rows = entries(self.member.id, self.date_from, self.date_to, newest_first=True)
        if not rows:
            self.doc.note_empty("包保日记")
            return
        self.doc.paragraph(f"本期记录包保日记{len(rows)}篇，摘录最近{min(len(rows), EXCERPTS)}篇如下：")
        for entry in rows[:EXCERPTS]:
            self.doc.paragraph(f"{short_day(entry.date)}：{excerpt(entry.text)}", where=f"{self.where}·包保日记")

    def items(self) -> None:
        self.section("承办事项")
        owned = list(ActionItem.select(ActionItem, Meeting).join(Meeting)
                     .where((ActionItem.owner == self.member.id) & (Meeting.date >= self.date_from)
                            & (Meeting.date <= self.date_to)))
        if not owned:
            self.doc.note_empty("承办的待办事项")
            return
        done = sum(1 for i in owned if i.status == ActionItem.DONE)
        still = sum(1 for i in owned if i.status == ActionItem.OPEN)
        self.doc.paragraph(f"本期承办支部会议布置的待办事项{len(owned)}项，已完成{done}项"
                           + (f"，尚未完成{still}项。" if still else "。"))

    def assessment(self) -> bool:
        self.section("支部评价意见")
        text = report_text(CADRE, self.date_from, self.date_to, "评价", member_id=self.member.id)
        if not text:
            # Room to write by hand: a printed 〔未填写〕 would not do on an official form.
            self.doc.drawing(ruled_lines(self.doc.width, HANDWRITING_LINES, LEADING,
                                          self.doc.fonts.font_name(BODY)))
            return False
        for line in text.split("\n"):
            if line.strip():
                self.doc.paragraph(line.strip(), where=f"{self.where}·评价")
        return True


def cadres(date_from: dt.date, date_to: dt.date, member_id=None) -> list[Member]:
    if member_id is None:
        return list(in_period(date_from, date_to))
    member = Member.get_or_none(Member.id == getattr(member_id, "id", member_id))
    if member is None:
        raise DiaryError("找不到该成员。")
    return [member]


def build_cadre_report(path: Path | str | None, date_from: dt.date, date_to: dt.date, member_id=None,
                       fonts: FontSet | None = None) -> ReportResult:
    """Write 下沉干部现实表现情况 of one cadre (*member_id*) or of all on site in the period.

    ReportResult.warnings names each cadre whose assessment is not yet written.
    """
    if date_from > date_to:
        raise ValueError("开始日期不能晚于结束日期")
    people = cadres(date_from, date_to, member_id)
    title = f"{people[0].name}{SECTION}" if member_id is not None else f"{branch_name()}{SECTION}"
    doc = ReportDocument(path, title=title, fonts=fonts, subject=SECTION)
    missing = []
    if not people:
        doc.title(SECTION)
        doc.subtitle(f"{period_text(date_from, date_to)}　{branch_name()}")
        doc.note_empty("下沉干部")
    for i, member in enumerate(people):
        if i:
            doc.page_break()
        if not _CadrePage(doc, member, date_from, date_to).write():
            missing.append(member.name)
    result = doc.build()
    result.warnings = [f"尚未填写：{name}的支部评价意见" for name in missing] + result.warnings
    return result
