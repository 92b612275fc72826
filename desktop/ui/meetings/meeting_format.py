"""How meeting values read on screen: dates with the weekday, short times, due dates typed loosely."""
from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = "一二三四五六日"


def format_day(day: dt.date | None) -> str:
    """'2022.04.13 周三'."""
    if day is None:
        return ""
    return f"{day:%Y.%m.%d} 周{WEEKDAYS[day.weekday()]}"


def short_date(day: dt.date | None) -> str:
    """'4月13日' for due dates: the year is always this one."""
    return f"{day.month}月{day.day}日" if day else ""


def short_time(said_at: str) -> str:
    """'20:31:05' -> '20:31' (notes show minutes; the seconds stay in the record)."""
    return (said_at or "")[:5]


_TIME = re.compile(r"^\s*(\d{1,2})\s*[:：.．点时]?\s*(\d{2})?\s*分?\s*$")


def parse_time(text: str) -> str | None:
    """'2030', '20:30', '20.30', '20点30', '8' -> 'HH:MM'; '' -> ''; None when unreadable."""
    text = (text or "").strip()
    if not text:
        return ""
    if re.fullmatch(r"\d{3,4}", text):
        text = text[:-2] + ":" + text[-2:]
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


_RELATIVE_DAYS = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2}


def parse_due(text: str, today: dt.date) -> dt.date | None:
    """Due dates as said in a meeting: '明天', '周五', '4.20', '4月20日', '2022-04-20'.

    '' -> None. Raises ValueError when the text cannot be read.
    """
    text = (text or "").strip()
    if not text:
        return None
    if text in _RELATIVE_DAYS:
        return today + dt.timedelta(days=_RELATIVE_DAYS[text])
    week = re.fullmatch(r"(?:周|星期|礼拜)([一二三四五六日天])", text)
    if week:
        target = "一二三四五六日".index(week.group(1).replace("天", "日"))
        return today + dt.timedelta(days=(target - today.weekday()) % 7 or 7)
    parts = [int(p) for p in re.findall(r"\d+", text)]
    try:
        if len(parts) == 3:
            return dt.date(parts[0], parts[1], parts[2])
        if len(parts) == 2:
            day = dt.date(today.year, parts[0], parts[1])
            # A date already past this year is next year's (a due date is ahead).
            return day if day >= today - dt.timedelta(days=31) else day.replace(year=today.year + 1)
    except ValueError as exc:
        raise ValueError(f"没有这一天：{text}") from exc
    raise ValueError(f"看不懂的日期：{text}（可写 明天、周五、4.20）")


def split_guests(text: str) -> str:
    """列席 typed on one line ('街道王主任、社区李书记') -> one per line, as stored."""
    parts = re.split(r"[、,，;；\n]+", text or "")
    return "\n".join(p.strip() for p in parts if p.strip())


def join_guests(stored: str) -> str:
    return "、".join(line.strip() for line in (stored or "").splitlines() if line.strip())
