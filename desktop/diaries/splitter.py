"""Split a pasted block of diaries ("4月3日：……\\n4月4日：……") into one entry per day.

A date counts only at the start of a line and followed by a separator (colon, comma,
space, 】 or the end of the line), so "送了4.3公斤" or "3号楼" inside a sentence never
starts an entry. A line without a date joins the paragraph before it. Every non-blank
line ends up in exactly one entry or is named in a problem (SplitResult.unplaced_lines).

A heading is *certain* when its year is written or a colon, 】 or the end of the line
follows it. Otherwise ("2.5 元一斤的白菜", "4月5日 下午送药") it must also be plausible:
within NEAR_DAYS of the heading before it or of the next certain one. A line that fails
is a continuation line, kept whole, and named in SplitResult.notes (the preview marks
it). A number followed by a unit ("4.5 元", "2.5 斤") is never a date. So the stored
text is the input, line by line, less exactly the heading tokens (SplitResult.heads).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# Full-width ASCII (digits, colon, slash ...) and the ideographic space, one character for one,
# so positions found in the translated line are positions in the original.
_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDE[0x3000] = 0x20
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9]{1,2}|[一二两三四五六七八九十〇零]{1,3}"
_LEAD = r"^\s*(?:[-*•·]\s*)?[\[【]?\s*"
_WEEKDAY = r"(?:\s*[(（]?\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[)）]?)?"
# The separator after the date; the text of the entry starts after it.
_END = r"(?P<sep>\s*[:：,，、;；.。\]】]+\s*|\s+|$)"
_CHINESE = re.compile(
    _LEAD + rf"(?:(?P<y>[0-9]{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?(?P<m>{_NUM})\s*月\s*"
    rf"(?P<d>{_NUM})\s*[日号]" + _WEEKDAY + _END)
# 2022-4-3, 2022.4.3, 2022/4/3, and without the year 4.3 or 4/3 (not 4-3: a list "1-2" is common).
_NUMERIC = re.compile(
    _LEAD + r"(?:(?P<y>[0-9]{4})(?P<s>[./-])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})"
    r"|(?P<m2>[0-9]{1,2})[./](?P<d2>[0-9]{1,2}))(?![0-9.])" + _WEEKDAY
    + r"(?P<sep>\s*[:：,，、;；\]】]+\s*|\s+|$)")

# After "4.5 " one of these makes it an amount, never a date.
_UNIT = re.compile(r"\s*(?:元|块|角|毛钱|斤|公斤|千克|克|吨|kg|KG|米|公里|升|度|℃|%|％|个|人|户|次|份|箱|袋|瓶|盒|"
                   r"辆|台|件|包|支|栋|小时|分钟|万|千|百|亿|倍|折)")
_CERTAIN_SEP = re.compile(r"[:：\]】]")
NEAR_DAYS = 31  # a heading without colon further than this from both neighbours is text

NO_DATE_MESSAGE = "没有找到日期。请在每段开头写明日期，如“4月3日：”，每天一段。"


@dataclass
class SplitEntry:
    day: dt.date
    text: str
    source_line: int                      # 1-based line of the (first) date
    lines: list[int] = field(default_factory=list)  # every input line in this entry


@dataclass
class SplitResult:
    entries: list[SplitEntry]
    problems: list[str]
    needs_year: bool
    unplaced_lines: list[int] = field(default_factory=list)  # non-blank lines in no entry
    year_used: int | None = None
    notes: list[str] = field(default_factory=list)  # doubtful lines kept as text (not blocking)
    heads: dict[int, str] = field(default_factory=dict)  # line -> the heading token cut from it
    doubtful_lines: list[int] = field(default_factory=list)


@dataclass
class _Head:
    line: int
    year: int | None
    month: int
    day: int
    numeric: bool       # 4.3 style: an out-of-range value means it was no date at all
    label: str          # the date as written, for messages
    rest: str
    certain: bool = True  # year written, or a colon / 】 / end of line after the date
    token: str = ""       # line[:end]: what is cut from the line (the rest is stored)


@dataclass
class _Block:
    head: _Head | None
    lines: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def chinese_number(text: str) -> int | None:
    """'12', '十二', '三十一', '二〇二二' -> int; None when it is not a number."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        digits = [_CN_DIGITS.get(ch) for ch in text]
        if None in digits or not digits:
            return None
        return int("".join(str(d) for d in digits))
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    high = _CN_DIGITS.get(tens) if tens else 1
    low = _CN_DIGITS.get(ones) if ones else 0
    if high is None or low is None:
        return None
    return high * 10 + low


def _head(number: int, line: str) -> _Head | None:
    probe = line.translate(_WIDE)
    for pattern, numeric in ((_CHINESE, False), (_NUMERIC, True)):
        match = pattern.match(probe)
        if not match:
            continue
        groups = match.groupdict()
        month = chinese_number(groups.get("m") or groups.get("m2") or "")
        day = chinese_number(groups.get("d") or groups.get("d2") or "")
        year = chinese_number(groups["y"]) if groups.get("y") else None
        if month is None or day is None:
            continue
        if numeric and not (1 <= month <= 12 and 1 <= day <= 31):
            continue  # "12.50 元" is an amount, not a date
        if numeric and year is None and _UNIT.match(probe, match.end("d2")):
            continue  # "4.5 元一斤": an amount however plausible the day
        label = line[:match.end()].strip().rstrip(":：,，、;；.。]】 \t").lstrip("-*•·[【 \t")
        rest = line[match.end():].strip()
        certain = year is not None or not rest or bool(_CERTAIN_SEP.search(match.group("sep")))
        return _Head(number, year, month, day, numeric, label, rest, certain, line[:match.end()])
    return None


def _day_of_year(head: _Head) -> int:
    try:
        return dt.date(2000, head.month, head.day).timetuple().tm_yday  # a leap year: 2月29日 fits
    except ValueError:
        return min(366, head.month * 31 + head.day - 31)


def _near(a: _Head | None, b: _Head | None) -> bool:
    if a is None or b is None:
        return False
    gap = abs(_day_of_year(a) - _day_of_year(b))
    return min(gap, 366 - gap) <= NEAR_DAYS  # 12月31日 and 1月1日 are neighbours


def _plausible(heads: list[_Head | None]) -> list[bool]:
    """Which heads stand: certain ones always; another one when it is near the head kept
    before it or the next certain one; at the start of a paste with no certain head after
    it, near the next head. A lone "9.5 号楼……" with no date around it is text."""
    next_certain: list[_Head | None] = [None] * len(heads)
    next_any: list[_Head | None] = [None] * len(heads)
    certain = anything = None
    for index in range(len(heads) - 1, -1, -1):  # one pass back: a long paste stays linear
        next_certain[index], next_any[index] = certain, anything
        if heads[index] is not None:
            anything = heads[index]
            certain = heads[index] if heads[index].certain else certain
    keep = [False] * len(heads)
    before: _Head | None = None
    for index, head in enumerate(heads):
        if head is None:
            continue
        if not head.certain:
            after = next_certain[index]
            if after is None and before is None:
                after = next_any[index]  # a paste of 4.3 / 4.4 / 4.5: the heads vouch for each other
            if not _near(head, before) and not _near(head, after):
                continue
        keep[index] = True
        before = head
    return keep


def _blocks(text: str, start_line: int = 1) -> tuple[list[_Block], int, list[_Head]]:
    """The blocks (the first one holds the lines before any date), the count of non-blank
    lines, and the doubtful heads kept as text."""
    lines = [(n, line) for n, line in enumerate((text or "").splitlines(), start=start_line) if line.strip()]
    heads = [_head(n, line) for n, line in lines]
    keep = _plausible(heads)
    blocks: list[_Block] = [_Block(None)]
    doubtful: list[_Head] = []
    for (number, line), head, kept in zip(lines, heads, keep):
        if head is not None and kept:
            blocks.append(_Block(head, [number], [head.rest] if head.rest else []))
            continue
        if head is not None:
            doubtful.append(head)
        blocks[-1].lines.append(number)
        blocks[-1].texts.append(line.strip())
    return blocks, len(lines), doubtful


def _doubt_note(head: _Head) -> str:
    return (f"第{head.line}行开头的“{head.label}”像日期（{head.month}月{head.day}日），但与前后的日期相差太远，"
            "已作为正文完整保留；如果它确实是日期，请在日期后加冒号“：”。")


def _span(lines: list[int]) -> str:
    return f"第{lines[0]}行" if len(lines) == 1 else f"第{lines[0]}–{lines[-1]}行"


def _years(heads: list[_Head], start: int, today: dt.date | None = None) -> list[int]:
    """The year of each head: written ones kept; the others follow from the one before,
    turning over at new year (12月 → 1月 goes forward, 1月 → 12月 in a newest-first paste back).
    A turn forward that would put a day after *today* is not taken: the paste is then
    newest first or out of order, and the written year stands (二〇二五年十月一日 then
    四月三日, read in January 2026, is 2025-04-03)."""
    years, year, month = [], start, None
    for head in heads:
        step = 0
        if head.year is not None:
            year = head.year
        elif month is not None and head.month - month <= -6:
            step = 1
        elif month is not None and head.month - month >= 7:  # exactly 6 on: read in order
            step = -1
        if step == 1 and today is not None and _after(year + 1, head, today):
            step = 0
        year += step
        years.append(year)
        month = head.month
    return years


def _after(year: int, head: _Head, today: dt.date) -> bool:
    try:
        return dt.date(year, head.month, head.day) > today
    except ValueError:
        return False


def split_diary_text(text: str, year: int | None = None, today: dt.date | None = None,
                     start_line: int = 1) -> SplitResult:
    """One entry per date found at the start of a line; see the module docstring.
    *start_line*: the number of the text's first line (a message inside a chat)."""
    today = today or dt.date.today()
    blocks, count, doubtful = _blocks(text, start_line)
    leading, dated = blocks[0], blocks[1:]
    problems: list[str] = []
    unplaced: list[int] = []
    if not dated:
        return SplitResult([], [NO_DATE_MESSAGE] if count else ["没有内容。"], year is None, list(leading.lines))
    if leading.lines:
        unplaced += leading.lines
        problems.append(f"{_span(leading.lines)}在第一个日期之前，不知道属于哪一天，未导入。")

    heads = [b.head for b in dated]
    written = next((h.year for h in heads if h.year is not None), None)
    needs_year = year is None and written is None
    # The first written year, carried back to the dates before it; else the user's or a guess.
    first_written = next((i for i, h in enumerate(heads) if h.year is not None), None)
    if year is not None or written is None:
        start = year if year is not None else today.year
    else:
        start = written
        before = heads[:first_written + 1]
        start = _years(list(reversed(before)), written, today)[-1] if first_written else written
    years = _years(heads, start, today)
    if needs_year and _latest(heads, years) > today:
        years = [y - 1 for y in years]  # a guessed year must not put the diaries in the future

    by_day: dict[dt.date, SplitEntry] = {}
    seen_lines: dict[dt.date, list[int]] = {}
    for block, block_year in zip(dated, years):
        head = block.head
        try:
            day = dt.date(block_year, head.month, head.day)
        except ValueError:
            unplaced += block.lines
            problems.append(f"第{head.line}行：“{head.label}”不是有效的日期，{_span(block.lines)}未导入。")
            continue
        if not block.texts:
            unplaced += block.lines
            problems.append(f"第{head.line}行：{day.month}月{day.day}日只有日期，没有内容，未导入。")
            continue
        body = "\n".join(block.texts)
        seen_lines.setdefault(day, []).append(head.line)
        if day in by_day:
            entry = by_day[day]
            entry.text += "\n" + body
            entry.lines += block.lines
        else:
            by_day[day] = SplitEntry(day, body, head.line, list(block.lines))
    for day, heads_at in seen_lines.items():
        if len(heads_at) > 1:
            where = "、".join(f"第{n}行" for n in heads_at)
            problems.append(f"{day.month}月{day.day}日出现了{len(heads_at)}次（{where}），已合并为一篇。")
    entries = sorted(by_day.values(), key=lambda e: (e.day, e.source_line))
    heads_cut = {b.head.line: b.head.token for b in dated}
    stored = {n for e in entries for n in e.lines}  # a doubtful line not imported is a problem already
    notes = [_doubt_note(h) for h in doubtful if h.line in stored]
    doubtful_lines = [h.line for h in doubtful if h.line in stored]
    return SplitResult(entries, problems, needs_year, sorted(unplaced), years[0] if years else year,
                       notes, heads_cut, doubtful_lines)


def _latest(heads: list[_Head], years: list[int]) -> dt.date:
    latest = dt.date.min
    for head, year in zip(heads, years):
        try:
            latest = max(latest, dt.date(year, head.month, head.day))
        except ValueError:
            pass
    return latest
