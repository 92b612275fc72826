"""A pasted (or saved) WeChat group chat: header lines name the sender and the time, the
lines under a header are that person's message.

Header forms, as WeChat copies and exports them (full-width digits and colons allowed):
    张建国 2026/12/3 22:05        name, date, time (also 2026-12-03, 2026年12月3日, 12月3日)
    2026-12-03 22:05:11 张建国    date, time, name (exports; seconds optional)
    张建国 22:05 / 张建国 昨天 22:05   name and time only: the day of the header before,
                                   else today (WeChat writes only the time for today)
A header with a date is always one. A name-and-time line counts only when the name is a
member or the paste is already known to be a chat (a header with a date, or a member's
name-and-time line): "巡查到 22:05" in a plain diary stays text.

A message's day is its header's; a diary date heading inside it ("12月2日：……", posted the
next morning) wins for the lines under it (the splitter reads the body). Messages of one
person on one day become one entry. Messages of people who are not members are not
imported: they are returned so they can be listed. No Qt, no database: *is_member* says
who is on the roster.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .splitter import _WIDE, split_diary_text

_TIME = r"(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})(?::[0-9]{2})?"
_DATE = (r"(?:(?P<y>[0-9]{4})[/.-](?P<m>[0-9]{1,2})[/.-](?P<d>[0-9]{1,2})"
         r"|(?:(?P<y2>[0-9]{4})\s*年\s*)?(?P<m2>[0-9]{1,2})\s*月\s*(?P<d2>[0-9]{1,2})\s*日)")
_NAME = r"(?P<name>[^\s0-9:：,，。;；!！?？、()（）【】\[\]][^\t:：,，。;；!！?？、]{0,19}?)"
_NAME_DATE_TIME = re.compile(rf"^{_NAME}\s+{_DATE}\s+{_TIME}$")
_DATE_TIME_NAME = re.compile(rf"^{_DATE}\s+{_TIME}\s+{_NAME}$")
_NAME_TIME = re.compile(rf"^{_NAME}\s+(?:(?P<rel>昨天|前天)\s*)?{_TIME}$")
_RELATIVE = {"昨天": 1, "前天": 2}


@dataclass
class ChatHeader:
    line: int
    name: str
    day: dt.date | None      # None: a name-and-time line (the day comes from context)
    days_ago: int | None     # 昨天 / 前天 on a name-and-time line
    time: str
    year_written: bool = True  # False: "12月3日 22:05", *day* in the leap year 2000 until settled


@dataclass
class ChatEntry:
    name: str
    day: dt.date
    text: str
    source_line: int                                  # the (first) header
    lines: list[int] = field(default_factory=list)    # every input line in it, headers included


@dataclass
class ChatSplit:
    entries: list[ChatEntry]
    strangers: list[tuple[str, list[int]]]            # (name, lines) of non-members' messages
    problems: list[str]
    notes: list[str]
    heads: dict[int, str] = field(default_factory=dict)  # line -> heading token cut from it
    doubtful_lines: list[int] = field(default_factory=list)
    unplaced_lines: list[int] = field(default_factory=list)  # non-blank lines in no entry (named in problems/notes)


def chat_header(number: int, line: str) -> ChatHeader | None:
    """The header on *line*, or None. Dates and times that cannot be are no header."""
    probe = line.translate(_WIDE).strip()
    for pattern in (_NAME_DATE_TIME, _DATE_TIME_NAME, _NAME_TIME):
        match = pattern.match(probe)
        if not match:
            continue
        groups = match.groupdict()
        if not (int(groups["h"]) < 24 and int(groups["mi"]) < 60):
            return None
        day = None
        if pattern is not _NAME_TIME:
            year = groups.get("y") or groups.get("y2")
            month, mday = groups.get("m") or groups.get("m2"), groups.get("d") or groups.get("d2")
            try:
                day = dt.date(int(year) if year else 2000, int(month), int(mday))
            except ValueError:
                return None
        time = f"{int(groups['h']):02d}:{groups['mi']}"
        return ChatHeader(number, groups["name"].strip(), day, _RELATIVE.get(groups.get("rel") or ""), time,
                          year_written=day is None or bool(groups.get("y") or groups.get("y2")))
    return None


def _settle_day(header: ChatHeader, previous: dt.date | None, today: dt.date) -> dt.date:
    if header.day is not None and header.year_written:
        return header.day
    if header.day is not None:  # month and day only: the latest such day up to today
        for year in range(today.year, today.year - 8, -1):
            try:
                guess = header.day.replace(year=year)
            except ValueError:  # 2月29日 outside a leap year
                continue
            if guess <= today:
                return guess
    if header.days_ago is not None:
        return today - dt.timedelta(days=header.days_ago)
    return previous or today


def split_chat(text: str, is_member: Callable[[str], bool], today: dt.date | None = None) -> ChatSplit | None:
    """The chat's entries by (member, day); None when *text* has no chat header at all."""
    today = today or dt.date.today()
    lines = (text or "").splitlines()
    found = [chat_header(n, line) for n, line in enumerate(lines, start=1)]
    dated = any(h is not None and h.day is not None for h in found)
    is_chat = dated or any(h is not None and is_member(h.name) for h in found)
    if not is_chat:
        return None
    headers = [h for h in found if h is not None]
    problems: list[str] = []
    notes: list[str] = []
    leading = [n for n, line in enumerate(lines[:headers[0].line - 1], start=1) if line.strip()]
    if leading:
        span = f"第{leading[0]}行" if len(leading) == 1 else f"第{leading[0]}–{leading[-1]}行"
        problems.append(f"{span}在第一条聊天记录之前，不知道是谁写的，未导入。")
    by_key: dict[tuple[str, dt.date], ChatEntry] = {}
    strangers: dict[str, list[int]] = {}
    heads: dict[int, str] = {}
    doubtful: list[int] = []
    unplaced: list[int] = list(leading)
    previous: dt.date | None = None
    for index, header in enumerate(headers):
        day = _settle_day(header, previous, today)
        if header.day is None and header.days_ago is None and previous is None:
            notes.append(f"第{header.line}行“{lines[header.line - 1].strip()}”只有时间，按今天"
                         f"（{day.year}年{day.month}月{day.day}日）处理。")
        previous = day
        end = headers[index + 1].line - 1 if index + 1 < len(headers) else len(lines)
        body_numbers = [n for n in range(header.line + 1, end + 1) if lines[n - 1].strip()]
        if not is_member(header.name):
            strangers.setdefault(header.name, []).extend([header.line] + body_numbers)
            continue
        heads[header.line] = lines[header.line - 1]
        if not body_numbers:
            unplaced.append(header.line)
            notes.append(f"第{header.line}行：{header.name}的这条消息没有文字（可能是图片或表情），未导入。")
            continue
        body = "\n".join(lines[header.line:end])
        pieces, left_out = _message_pieces(body, header.line + 1, body_numbers, day, problems, notes, heads,
                                           doubtful)
        unplaced += left_out
        for number, (piece_day, piece_text, piece_lines) in enumerate(pieces):
            if number == 0:
                piece_lines = [header.line] + piece_lines  # the header goes with the message's first part
            key = (header.name, piece_day)
            if key in by_key:
                by_key[key].text += "\n" + piece_text
                by_key[key].lines += piece_lines
            else:
                by_key[key] = ChatEntry(header.name, piece_day, piece_text, header.line, piece_lines)
        if not pieces:
            unplaced.append(header.line)
    entries = sorted(by_key.values(), key=lambda e: (e.day, e.source_line))
    return ChatSplit(entries, list(strangers.items()), problems, notes, heads, doubtful, sorted(unplaced))


def _message_pieces(body: str, first_line: int, numbers: list[int], day: dt.date, problems: list[str],
                    notes: list[str], heads: dict[int, str], doubtful: list[int]):
    """([(day, text, lines)], lines left out) of one message: diary headings inside it win,
    the lines before the first of them (or all) go to the header's day."""
    split = split_diary_text(body, today=day, start_line=first_line)  # a guessed year never after the post
    notes += split.notes
    doubtful += split.doubtful_lines
    texts = body.splitlines()
    first_head = min(split.heads, default=None)
    leading = [n for n in numbers if first_head is None or n < first_head]
    pieces = []
    if leading:
        pieces.append((day, "\n".join(texts[n - first_line].strip() for n in leading), leading))
    if first_head is None:
        return pieces, []
    problems += [p for p in split.problems if "在第一个日期之前" not in p]
    heads.update(split.heads)
    pieces += [(e.day, e.text, list(e.lines)) for e in split.entries]
    return pieces, [n for n in split.unplaced_lines if n not in leading]
