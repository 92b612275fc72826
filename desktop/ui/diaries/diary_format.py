"""How the diary page writes dates, shifts and highlighted snippets (pure text, no widgets)."""
from __future__ import annotations

import datetime as dt
import html

WEEKDAYS = "一二三四五六日"


def short_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def day_heading(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日 周{WEEKDAYS[day.weekday()]}"


def shift_line(assignment) -> str:
    """“关联当日值班：11月22日 夜班 东门卡口” for a DutyAssignment."""
    return f"关联当日值班：{short_day(assignment.date)} {assignment.shift.name} {assignment.post.name}"


def highlighted(text: str, spans, colour: str = "#C8102E") -> str:
    """*text* as HTML with each (start, end) span bold and red; everything else escaped."""
    parts, cursor = [], 0
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if start < cursor or start >= end:
            continue  # overlapping or empty spans: the first one wins
        parts.append(html.escape(text[cursor:start]))
        parts.append(f'<b style="color:{colour}">{html.escape(text[start:end])}</b>')
        cursor = end
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)
