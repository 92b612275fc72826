"""值班表: the rota as a landscape table to post at the gate, and each person's own shifts.

One table per calendar week (the whole period when it is 7 days or fewer): a row per
post and shift, a column per day, the names in the cells. Party members are marked ★
(亮身份; a 党员带班 post needs one on every shift), explained in a legend under the table.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from ..duty.setup import active_on, posts, time_range
from ..duty.timeline import hours
from ..models import Branch, DutyAssignment, Member, Post, ShiftDefinition
from ..models.choices import PARTY_STATUSES
from .document import ReportDocument, ReportResult
from .fonts import FontSet
from .layout import LANDSCAPE, PORTRAIT
from .members import DEFAULT_BRANCH_NAME, chinese_date

SECTION = "值班表"
PEOPLE_SECTION = "个人值班安排"
WEEKDAYS = "一二三四五六日"
PARTY_MARK = "★"
# One line under the table, so a week's table and legend fit one sheet.
LEGEND = f"注：{PARTY_MARK}为党员；日期以上岗时间为准；“待定”为尚缺人员，“—”为当日未启用。"
FONT_SIZE = 10.5
# What the two label columns must hold on one line; the day columns share the rest.
LABEL_WIDTHS = ("（党员带班）", "早班 00:00–次日00:00")
PEOPLE_HEADER = ("姓名", "日期", "值守点", "班次", "时间")
SUMMARY_HEADER = ("姓名", "班数", "时长", "值班安排")
SUMMARY_WIDTHS = ("★欧阳晓燕", "班数", "000小时", None)


def day_label(day: dt.date) -> str:
    """'11月16日\\n周一': the date over the weekday in a day column's header."""
    return f"{day.month}月{day.day}日\n周{WEEKDAYS[day.weekday()]}"


def period_text(date_from: dt.date, date_to: dt.date) -> str:
    if date_from == date_to:
        return chinese_date(date_from)
    end = f"{date_to.month}月{date_to.day}日" if date_to.year == date_from.year else chinese_date(date_to)
    return f"{chinese_date(date_from)}至{end}"


def weeks(date_from: dt.date, date_to: dt.date) -> list[list[dt.date]]:
    """The period's days in blocks of 7 from its first day (calendar weeks when it starts on a
    Monday); cutting at Mondays instead would print a one-day table for a period from a Sunday."""
    days = [date_from + dt.timedelta(days=i) for i in range((date_to - date_from).days + 1)]
    return [days[i:i + 7] for i in range(0, len(days), 7)]


def _is_party(member: Member) -> bool:
    return member.political_status in PARTY_STATUSES


def _marked(member: Member) -> str:
    return (PARTY_MARK if _is_party(member) else "") + member.name


def _load(date_from: dt.date, date_to: dt.date, member_id: int | None = None) -> list[DutyAssignment]:
    """The period's assignments with post, shift and member, in rota order (one query)."""
    query = (DutyAssignment.select(DutyAssignment, Post, ShiftDefinition, Member)
             .join(Post).switch(DutyAssignment).join(ShiftDefinition).switch(DutyAssignment).join(Member)
             .where((DutyAssignment.date >= date_from) & (DutyAssignment.date <= date_to))
             .order_by(DutyAssignment.date, Post.position, Post.id, ShiftDefinition.position,
                       ShiftDefinition.id, Member.name_pinyin, Member.id))
    if member_id is not None:
        query = query.where(DutyAssignment.member == member_id)
    return list(query)


def _shifts_by_pattern() -> dict[int, list[ShiftDefinition]]:
    found: dict[int, list[ShiftDefinition]] = defaultdict(list)
    for shift in ShiftDefinition.select().order_by(ShiftDefinition.position, ShiftDefinition.id):
        found[shift.pattern_id].append(shift)
    return found


def _post_label(post: Post) -> str:
    lines = [post.name]
    if post.party_member_required:
        lines.append("（党员带班）")
    return "\n".join(lines)


def shift_label(shift: ShiftDefinition) -> str:
    """'夜班 22:30–次日08:30': an overnight end says so, so the day column is never misread."""
    end = shift.end_time
    if end <= shift.start_time and end != "00:00":
        return f"{shift.name} {shift.start_time}–次日{end}"
    return f"{shift.name} {time_range(shift)}"


def week_rows(days: list[dt.date], all_posts: list[Post], shifts: dict[int, list[ShiftDefinition]],
              cells: dict[tuple, list[Member]]) -> list[list[str]]:
    """Rows of one week's table: post, shift with times, then the names of each day."""
    rows = []
    for post in all_posts:
        if not any(active_on(post, day) for day in days):
            continue
        for index, shift in enumerate(shifts.get(post.pattern_id, [])):
            row = [_post_label(post) if index == 0 else "", shift_label(shift)]
            for day in days:
                people = cells.get((day, post.id, shift.id), [])
                if not active_on(post, day) and not people:
                    row.append("—")
                    continue
                names = [_marked(m) for m in people]
                names += ["待定"] if len(people) < post.people_needed else []
                row.append("\n".join(names))
            rows.append(row)
    return rows


def _branch_name() -> str:
    return Branch.current().name.strip() or DEFAULT_BRANCH_NAME


def _by_person(assignments: list[DutyAssignment]) -> list[list[DutyAssignment]]:
    """Each person's shifts in date and time order; people in pinyin order."""
    by_member: dict[int, list[DutyAssignment]] = defaultdict(list)
    for a in assignments:
        by_member[a.member_id].append(a)
    groups = sorted(by_member.values(), key=lambda i: (i[0].member.name_pinyin, i[0].member_id))
    for items in groups:
        items.sort(key=lambda a: (a.date, a.shift.start_time, a.post.position))
    return groups


def _people_rows(assignments: list[DutyAssignment]) -> list[list[str]]:
    """One row per shift: the handout of build_person_schedule."""
    return [[_marked(a.member), f"{a.date.month}月{a.date.day}日 周{WEEKDAYS[a.date.weekday()]}",
             a.post.name, a.shift.name, shift_label(a.shift).split(" ", 1)[1]]
            for items in _by_person(assignments) for a in items]


def _summary_rows(assignments: list[DutyAssignment]) -> list[list[str]]:
    """One row per person: the compact section under the posted rota."""
    rows = []
    for items in _by_person(assignments):
        plan = "；".join(f"{a.date.month}月{a.date.day}日{a.shift.name}（{a.post.name}）" for a in items)
        rows.append([_marked(items[0].member), str(len(items)), f"{sum(hours(a.shift) for a in items):g}小时", plan])
    return rows


def _people_section(doc: ReportDocument, assignments: list[DutyAssignment], summary: bool) -> None:
    if summary:
        doc.heading(1, PEOPLE_SECTION, numbered=False)
        rows = _summary_rows(assignments)
        header, widths, align = SUMMARY_HEADER, SUMMARY_WIDTHS, ["center", "center", "center", "left"]
    else:
        rows = _people_rows(assignments)
        header, widths, align = PEOPLE_HEADER, None, ["center"] * len(PEOPLE_HEADER)
    if not rows:
        doc.note_empty(PEOPLE_SECTION)
        return
    doc.table(header, rows, col_widths=widths, font_size=FONT_SIZE, align=align)


def build_duty_report(path: Path | str | None, date_from: dt.date, date_to: dt.date,
                      fonts: FontSet | None = None, include_people: bool = True) -> ReportResult:
    """Write the 值班表 PDF of the period (None: in memory), with each person's shifts after it."""
    if date_from > date_to:
        raise ValueError("date_from after date_to")
    title = f"{_branch_name()}{SECTION}"
    doc = ReportDocument(path, title=title, orientation=LANDSCAPE, fonts=fonts, subject=SECTION)
    assignments = _load(date_from, date_to)
    all_posts = posts()
    shifts = _shifts_by_pattern()
    cells: dict[tuple, list[Member]] = defaultdict(list)
    for a in assignments:
        cells[(a.date, a.post_id, a.shift_id)].append(a.member)

    tables = 0
    for days in weeks(date_from, date_to):  # one sheet per week, each with its own title to post
        rows = week_rows(days, all_posts, shifts, cells)
        if not rows:
            continue
        if tables:
            doc.page_break()
        doc.title(title)
        doc.subtitle(period_text(days[0], days[-1]))
        doc.table(["值守点", "班次", *[day_label(d) for d in days]], rows,
                  col_widths=[*LABEL_WIDTHS, *[None] * len(days)], font_size=FONT_SIZE,
                  align=["center"] * (len(days) + 2))
        doc.paragraph(LEGEND, indent_first_line=False)
        tables += 1
    if not tables:
        doc.title(title)
        doc.subtitle(period_text(date_from, date_to))
        doc.note_empty(SECTION)
    if include_people and assignments:
        doc.page_break()
        _people_section(doc, assignments, summary=True)
    return doc.build()


def build_person_schedule(path: Path | str | None, date_from: dt.date, date_to: dt.date,
                          member_id: int | None = None, fonts: FontSet | None = None) -> ReportResult:
    """个人值班安排: everyone's (or one member's) shifts in date order, portrait, to hand out."""
    member = Member.get_by_id(member_id) if member_id is not None else None
    title = f"{member.name}值班安排" if member else f"{_branch_name()}{PEOPLE_SECTION}"
    doc = ReportDocument(path, title=title, orientation=PORTRAIT, fonts=fonts, subject=PEOPLE_SECTION)
    doc.title(title)
    doc.subtitle(period_text(date_from, date_to))
    _people_section(doc, _load(date_from, date_to, member_id), summary=False)
    return doc.build()
