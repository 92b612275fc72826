"""包保日记汇编: every diary of a period, member by member (pinyin order), day by day.

Each member gets a numbered heading with the unit; each day a 楷体 lead "4月3日" then
the text's paragraphs, a short line of tags and figures, and the photos one per line.
All rows are read in a handful of queries, however many entries there are.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

from ..diaries.photos import image_for_reading
from ..diaries.service import DiaryError, day_text, entries, figures_of, photos_of, tags_of
from ..models import Member
from .document import ReportDocument, ReportResult
from .fonts import FontSet
from .minutes import period_text
from .signin import branch_name

SECTION = "包保日记"
PHOTO_WIDTH_MM, PHOTO_HEIGHT_MM = 120, 80
WEEKDAYS = "一二三四五六日"


def _figure_text(figures) -> str:
    return "，".join(f"{f.label} {f.value}{(' ' + f.unit) if f.unit else ''}" for f in figures)


def summary_lines(rows, tags: dict, figures: dict) -> list[str]:
    """本期共有3名同志记录包保日记40篇。 + tag counts + summed figures (by label and unit)."""
    people = len({e.member_id for e in rows})
    lines = [f"本期共有{people}名同志记录{SECTION}{len(rows)}篇。"]
    counts = Counter(name for e in rows for name in tags.get(e.id, []))
    if counts:
        lines.append("按工作类别：" + "、".join(f"{name}{n}篇" for name, n in counts.most_common()) + "。")
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for e in rows:
        for fig in figures.get(e.id, []):
            totals[(fig.label, fig.unit)] += fig.value
    if totals:
        lines.append("数字合计：" + "，".join(f"{label} {value}{(' ' + unit) if unit else ''}"
                                         for (label, unit), value in totals.items()) + "。")
    return lines


def build_diary_report(path: Path | str | None, date_from: dt.date, date_to: dt.date,
                       member_id=None, fonts: FontSet | None = None) -> ReportResult:
    """Write the 包保日记汇编 of *date_from*..*date_to* (inclusive), of one member or all."""
    if date_from > date_to:
        raise DiaryError("开始日期不能晚于结束日期")
    member = None
    if member_id is not None:
        member = Member.get_or_none(Member.id == getattr(member_id, "id", member_id))
        if member is None:
            raise DiaryError("找不到该成员。")
    rows = entries(member.id if member else None, date_from, date_to, newest_first=False)
    ids = [e.id for e in rows]
    tags, figures, photos = tags_of(ids), figures_of(ids), photos_of(ids)

    title = f"{branch_name()}{SECTION}汇编"
    doc = ReportDocument(path, title=title, fonts=fonts, subject=f"{SECTION}汇编")
    doc.title(title)
    doc.subtitle(period_text(date_from, date_to) + (f"　{member.name}" if member else ""))
    if not rows:
        doc.note_empty(SECTION)
        return doc.build()
    for line in summary_lines(rows, tags, figures):
        doc.paragraph(line)

    by_member: dict[int, list] = defaultdict(list)
    for entry in rows:
        by_member[entry.member_id].append(entry)
    people = sorted(by_member.values(), key=lambda es: (es[0].member.name_pinyin, es[0].member_id))
    for written in people:
        person = written[0].member
        unit = f"（{person.unit}）" if person.unit else ""
        doc.heading(1, f"{person.name}{unit}")
        for entry in sorted(written, key=lambda e: e.date):
            where = f"{person.name} {day_text(entry.date)}"
            doc.heading(2, f"{day_text(entry.date)}（星期{WEEKDAYS[entry.date.weekday()]}）", numbered=False)
            for paragraph in entry.text.split("\n"):
                if paragraph.strip():
                    doc.paragraph(paragraph.strip(), where=where)
            notes = []
            if tags.get(entry.id):
                notes.append("工作类别：" + "、".join(tags[entry.id]))
            if figures.get(entry.id):
                notes.append(_figure_text(figures[entry.id]))
            if notes:
                doc.paragraph("〔" + "；".join(notes) + "〕", where=where)
            for photo in photos.get(entry.id, []):
                try:  # the display copy, never a huge original; a path outside photos/ is refused
                    doc.image(image_for_reading(photo), PHOTO_WIDTH_MM, PHOTO_HEIGHT_MM)
                except DiaryError as exc:
                    doc.problem(f"照片未放入报告：{exc}")
    return doc.build()
