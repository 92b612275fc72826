"""工作情况报告: what the branch did in a period, as the 组织部 asks for it.

Five numbered parts read from the records (basic facts, 组织生活, 值班值守, 包保成效,
problems and their follow-up), the secretary's own words (成效 / 问题 / 下一步, from
ReportNote) where written, two bar charts, and the 落款. A part with no records says so;
free text not yet written is left out (never 〔未填写〕 on paper) and named in warnings.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

from peewee import Case, fn

from ..diaries.service import entries, figures_of, tags_of
from ..duty.setup import active_on, posts
from ..duty.stats import assignments, duty_stats, totals, unfilled_shifts
from ..duty.timeline import hours
from ..meetings import list_meetings, meetings_per_type
from ..models import (
    ActionItem,
    Branch,
    DutyAssignment,
    Meeting,
    MeetingAttendance,
    MeetingDecision,
    Member,
)
from ..models.choices import POLITICAL_STATUSES
from ..roster.service import committee
from .charts import bar_chart
from .diaries import summary_lines as diary_lines
from .document import ReportDocument, ReportResult
from .duty import _shifts_by_pattern
from .fonts import BODY, FontSet
from .members import chinese_date
from .minutes import period_text
from .notes import SUMMARY, report_text
from .signin import branch_name

SECTION = "工作情况报告"
# The secretary's texts: (ReportNote section, what the warning calls it).
FREE_TEXT = {"成效": "主要工作成效", "问题": "存在的问题", "下一步": "下一步工作打算"}
MAX_LISTED = 5  # decisions / problems quoted one by one; the rest are counted
TABLE_SIZE = 10.5


def in_period(date_from: dt.date, date_to: dt.date):
    """Members on site at some time in the period (arrived by its end, not gone before it)."""
    return Member.select().where(
        (Member.arrived_on.is_null() | (Member.arrived_on <= date_to))
        & (Member.departed_on.is_null() | (Member.departed_on >= date_from))
    ).order_by(Member.name_pinyin, Member.id)


def short_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def _percent(present: int, expected: int) -> str:
    return f"{present / expected * 100:.1f}%" if expected else "—"


class _WorkReport:
    def __init__(self, doc: ReportDocument, date_from: dt.date, date_to: dt.date):
        self.doc, self.date_from, self.date_to = doc, date_from, date_to
        self.missing: list[str] = []

    def day(self, day: dt.date) -> str:
        """11月24日 as in the text; the year only when it is not the period's (2027年1月5日)."""
        return short_day(day) if day.year == self.date_to.year else f"{day.year}年{short_day(day)}"

    def free_text(self, section: str) -> bool:
        """The secretary's paragraphs for *section*; False (and a warning) when none."""
        text = report_text(SUMMARY, self.date_from, self.date_to, section)
        if not text:
            self.missing.append(FREE_TEXT[section])
            return False
        for line in text.split("\n"):
            if line.strip():
                self.doc.paragraph(line.strip(), where=FREE_TEXT[section])
        return True

    # -- 一、支部基本情况 ----------------------------------------------------------------------

    def basics(self) -> None:
        doc = self.doc
        doc.heading(1, "支部基本情况")
        branch = Branch.select().order_by(Branch.id).first()
        facts = []
        if branch and branch.founded_on:
            facts.append(f"本支部于{chinese_date(branch.founded_on)}成立")
        if branch and branch.approving_org:
            approval = f"经{branch.approving_org}批准"
            if branch.approval_doc_no:
                approval += f"（{branch.approval_doc_no}）"
            facts.append(approval)
        where = "、".join(p for p in (branch.subdistrict, branch.community, branch.compound) if p) if branch else ""
        if where:
            facts.append(f"负责{where}的疫情防控工作")
        if facts:
            doc.paragraph("，".join(facts) + "。", where="支部概况")
        team = committee()
        if team:
            lead = next((m for m in team if m.branch_role == "书记"), None)
            others = [f"{m.branch_role}{m.name}" for m in team if m is not lead]
            line = (f"支部书记{lead.name}" if lead else "支部书记暂缺") + (
                "，支部委员会成员：" + "、".join(others) if others else "")
            doc.paragraph(line + "。", where="支部委员会")
        elif not facts:
            doc.note_empty("支部概况")
        people = list(in_period(self.date_from, self.date_to))
        if not people:
            doc.note_empty("支部成员")
            return
        counts = Counter(m.political_status or "未填写" for m in people)
        order = [*POLITICAL_STATUSES, *sorted(set(counts) - set(POLITICAL_STATUSES))]
        departed = sum(1 for m in people if m.departed_on and m.departed_on <= self.date_to)
        doc.paragraph(f"本期在岗下沉干部共{len(people)}人"
                      + (f"（其中期间内撤离{departed}人）" if departed else "")
                      + "，其中" + "、".join(f"{s}{counts[s]}人" for s in order if counts[s]) + "。")
        by_unit: dict[str, list[Member]] = defaultdict(list)
        for m in people:
            by_unit[m.unit or "未填写单位"].append(m)
        rows = [[unit, len(ms), sum(1 for m in ms if m.political_status in ("中共党员", "中共预备党员")),
                 "、".join(m.name for m in ms)]
                for unit, ms in sorted(by_unit.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
        doc.table(("派出单位", "人数", "党员", "人员"), rows, col_widths=(None, "人数", "党员", None),
                  font_size=TABLE_SIZE, align=["left", "center", "center", "left"], where="成员构成")

    # -- 二、组织生活开展情况 -------------------------------------------------------------------

    def meetings(self) -> None:
        doc = self.doc
        doc.heading(1, "组织生活开展情况")
        found = list_meetings(self.date_from, self.date_to)
        if not found:
            doc.note_empty("组织生活")
            return
        per_type = [(name, n) for name, n in meetings_per_type(self.date_from, self.date_to) if n]
        doc.paragraph(f"本期共召开会议{len(found)}次，其中" + "、".join(f"{k}{n}次" for k, n in per_type) + "。")
        ids = [m.id for m in found]
        present = fn.SUM(Case(None, [(MeetingAttendance.present == True, 1)], 0))  # noqa: E712 (peewee expression)
        rows = (MeetingAttendance.select(MeetingAttendance.meeting, fn.COUNT(MeetingAttendance.id), present)
                .where(MeetingAttendance.meeting.in_(ids)).group_by(MeetingAttendance.meeting).tuples())
        rates = {meeting: (int(p or 0), n) for meeting, n, p in rows if n}
        if rates:
            by_id = {m.id: m for m in found}
            expected = sum(n for _, n in rates.values())
            came = sum(p for p, _ in rates.values())
            low = min(rates, key=lambda k: (rates[k][0] / rates[k][1], by_id[k].date))
            high = max(rates, key=lambda k: (rates[k][0] / rates[k][1], by_id[k].date))
            doc.paragraph(f"各次会议应到{expected}人次，实到{came}人次，总体出席率{_percent(came, expected)}；"
                          f"出席率最低的是{self._meeting_name(by_id[low])}（{_percent(*rates[low])}），"
                          f"最高的是{self._meeting_name(by_id[high])}（{_percent(*rates[high])}）。")
        else:
            doc.note_empty("会议出席情况")
        chart = bar_chart("图1　各类会议召开次数", [k for k, _ in per_type], [n for _, n in per_type],
                          doc.fonts.font_name(BODY), doc.width * 0.85)
        doc.drawing(chart)
        decisions = list(MeetingDecision.select(MeetingDecision, Meeting).join(Meeting)
                         .where(MeetingDecision.meeting.in_(ids))
                         .order_by(Meeting.date, MeetingDecision.position, MeetingDecision.id))
        if not decisions:
            doc.note_empty("会议决议")
            return
        doc.paragraph(f"本期会议共形成决议{len(decisions)}项：")
        for i, d in enumerate(decisions[:MAX_LISTED], start=1):
            doc.paragraph(f"{i}. {short_day(d.meeting.date)}，{d.text.strip()}", where="会议决议")
        if len(decisions) > MAX_LISTED:
            doc.paragraph(f"另有{len(decisions) - MAX_LISTED}项决议，详见会议记录汇编。")

    @staticmethod
    def _meeting_name(meeting: Meeting) -> str:
        return meeting.title.strip() or f"{short_day(meeting.date)}{meeting.meeting_type.name}"

    # -- 三、值班值守情况 ---------------------------------------------------------------------

    def duty(self) -> None:
        doc = self.doc
        doc.heading(1, "值班值守情况")
        rows = assignments(self.date_from, self.date_to)
        unfilled = unfilled_shifts(self.date_from, self.date_to)
        if not rows and not unfilled:
            doc.note_empty("值班值守")
            return
        sums = totals(duty_stats(self.date_from, self.date_to, include_idle=False))
        nights = sum(1 for a in rows if a.shift.is_night)
        line = (f"本期共安排值班{len(rows)}人次，累计{sums['hours']:g}小时，其中夜班{nights}人次；"
                f"参加值班{sums['people']}人，人均{sums['hours'] / sums['people'] if sums['people'] else 0:.1f}小时，"
                f"个人最少{sums['min_hours']:g}小时、最多{sums['max_hours']:g}小时。")
        short = sum(u.needed - u.filled for u in unfilled)
        line += f"尚有{len(unfilled)}个班次缺员，共缺{short}人次。" if unfilled else "各值守点班次均已排满。"
        doc.paragraph(line)
        self._coverage(rows, unfilled)
        daily: dict[dt.date, float] = defaultdict(float)
        for a in rows:
            daily[a.date] += hours(a.shift)
        days = [self.date_from + dt.timedelta(days=i) for i in range((self.date_to - self.date_from).days + 1)]
        if rows and len(days) <= 62:  # a bar a day stays legible up to two months
            doc.drawing(bar_chart("图2　每日值班时长（小时）", [f"{d.month}.{d.day}" for d in days],
                                  [daily[d] for d in days], doc.fonts.font_name(BODY), doc.width))

    def _coverage(self, rows: list[DutyAssignment], unfilled) -> None:
        """Per post: slots needed, people assigned, short (a table of the posts in use)."""
        shifts = _shifts_by_pattern()
        days = [self.date_from + dt.timedelta(days=i) for i in range((self.date_to - self.date_from).days + 1)]
        assigned = Counter(a.post_id for a in rows)
        missing: Counter = Counter()
        for u in unfilled:
            missing[u.post_name] += u.needed - u.filled
        table = []
        for post in posts():
            needed = sum(post.people_needed * len(shifts.get(post.pattern_id, []))
                         for day in days if active_on(post, day))
            if not needed and not assigned[post.id]:
                continue
            table.append([post.name + ("（党员带班）" if post.party_member_required else ""), needed,
                          assigned[post.id], missing[post.name],
                          _percent(needed - missing[post.name], needed)])
        if table:
            doc = self.doc
            doc.table(("值守点", "应排人次", "已排人次", "缺员人次", "到岗率"), table,
                      col_widths=(None, "应排人次", "已排人次", "缺员人次", "100.0%"),
                      font_size=TABLE_SIZE, align=["left", "center", "center", "center", "center"],
                      where="值守点")

    # -- 四、包保工作成效 ---------------------------------------------------------------------

    def diaries(self) -> None:
        doc = self.doc
        doc.heading(1, "包保工作成效")
        rows = entries(None, self.date_from, self.date_to, newest_first=False)
        if rows:
            ids = [e.id for e in rows]
            for line in diary_lines(rows, tags_of(ids), figures_of(ids)):
                doc.paragraph(line.replace("数字合计：", "工作量合计："))
        else:
            doc.note_empty("包保日记")
        self.free_text("成效")

    # -- 五、发现的问题和整改情况 -----------------------------------------------------------------

    def problems(self) -> None:
        doc = self.doc
        doc.heading(1, "发现的问题和整改情况")
        found = list_meetings(self.date_from, self.date_to)
        raised = [(m, line.strip()) for m in sorted(found, key=lambda m: (m.date, m.id))
                  for line in m.problems.splitlines() if line.strip()]
        if raised:
            doc.paragraph(f"本期会议查摆问题与短板{len(raised)}条：")
            for i, (m, text) in enumerate(raised[:MAX_LISTED], start=1):
                doc.paragraph(f"{i}. {text}（{short_day(m.date)}）", where="问题与短板")
            if len(raised) > MAX_LISTED:
                doc.paragraph(f"另有{len(raised) - MAX_LISTED}条，详见会议记录汇编。")
        else:
            doc.note_empty("会议查摆的问题")
        items = list(ActionItem.select(ActionItem, Meeting).join(Meeting)
                     .where((Meeting.date >= self.date_from) & (Meeting.date <= self.date_to))
                     .order_by(Meeting.date, ActionItem.position, ActionItem.id))
        if items:
            status = Counter(i.status for i in items)
            still = [i for i in items if i.status == ActionItem.OPEN]
            doc.paragraph(f"本期会议共布置待办事项{len(items)}项，已完成{status[ActionItem.DONE]}项，"
                          f"已取消{status[ActionItem.CANCELLED]}项，尚未完成{len(still)}项"
                          + ("，列表如下：" if still else "，均已办结。"))
            if still:
                # Dates as everywhere in the report (11月24日); widths from the content, so
                # neither a date nor a name is ever cut across two lines.
                table = [[i.text, i.owner.name if i.owner_id else "",
                          self.day(i.due_date) if i.due_date else "", self.day(i.meeting.date)]
                         for i in still]
                doc.table(("尚未完成事项", "责任人", "完成时限", "提出日期"), table, font_size=TABLE_SIZE,
                          align=["left", "center", "center", "center"], where="待办事项")
        else:
            doc.note_empty("待办事项")
        self.free_text("问题")

    def next_steps(self) -> None:
        if report_text(SUMMARY, self.date_from, self.date_to, "下一步"):
            self.doc.heading(1, "下一步工作打算")
            self.free_text("下一步")
        else:
            self.missing.append(FREE_TEXT["下一步"])


def report_title() -> str:
    """The period is the subtitle: in the title too, the first page would print it twice."""
    return f"{branch_name()}关于下沉防控工作情况的报告"


def build_summary_report(path: Path | str | None, date_from: dt.date, date_to: dt.date,
                      fonts: FontSet | None = None, today: dt.date | None = None) -> ReportResult:
    """Write the 工作情况报告 of *date_from*..*date_to* (inclusive) to *path* (None: in memory).

    ReportResult.warnings names the secretary's texts not yet written ("尚未填写：…").
    """
    if date_from > date_to:
        raise ValueError("开始日期不能晚于结束日期")
    title = report_title()
    doc = ReportDocument(path, title=title, fonts=fonts, subject=SECTION)
    doc.title(title)
    doc.subtitle(f"（{period_text(date_from, date_to)}）")
    branch = Branch.select().order_by(Branch.id).first()
    if branch and branch.approving_org:
        doc.paragraph(f"{branch.approving_org}：", indent_first_line=False, where="主送机关")
    report = _WorkReport(doc, date_from, date_to)
    report.basics()
    report.meetings()
    report.duty()
    report.diaries()
    report.problems()
    report.next_steps()
    doc.closing([branch_name(), chinese_date(today or dt.date.today())])
    result = doc.build()
    result.warnings = [f"尚未填写：{name}" for name in report.missing] + result.warnings
    return result
