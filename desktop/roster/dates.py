"""Dates as offices write them: 1968.05, 1968年5月, 1968/05, 1968-05-12, Excel dates.

Partial dates (birth month, date joined the Party) are kept as 'YYYY-MM' or
'YYYY-MM-DD' strings, which sort correctly as text.
"""
from __future__ import annotations

import datetime as dt
import re

from ..errors import UserError

_EXCEL_EPOCH = dt.date(1899, 12, 30)

_SEP = r"\s*(?:[.\-/。．、]|年|月)\s*"
_FULL = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})\s*日?$")
_MONTH = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})\s*月?$")
_COMPACT_FULL = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_COMPACT_MONTH = re.compile(r"^(\d{4})(\d{2})$")
_TRAILING_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


class DateParseError(UserError, ValueError):
    """The text is not a date in any form we know."""


def _normalize(text: str) -> str:
    # Full-width digits and punctuation typed with a Chinese IME.
    table = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")
    return text.translate(table).strip().replace("月份", "月")


def _check(year: int, month: int, day: int | None) -> None:
    if not 1900 <= year <= 2100:
        raise DateParseError(f"年份 {year} 不合理")
    if not 1 <= month <= 12:
        raise DateParseError(f"月份 {month} 不存在")
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError as exc:
            raise DateParseError(f"{year}年{month}月{day}日 不存在") from exc


def parse_partial_date(value: object) -> str:
    """Return 'YYYY-MM' or 'YYYY-MM-DD'; '' for an empty value; raise DateParseError otherwise."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_number(value)
    text = _normalize(str(value))
    if not text:
        return ""
    text = _TRAILING_TIME.sub("", text)
    for pattern, has_day in ((_FULL, True), (_COMPACT_FULL, True), (_MONTH, False), (_COMPACT_MONTH, False)):
        match = pattern.match(text)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            day = int(match.group(3)) if has_day else None
            _check(year, month, day)
            return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    if re.fullmatch(r"\d{4}", text):
        raise DateParseError(f"“{text}”只有年份，缺少月份")
    if re.fullmatch(r"\d+(\.0+)?", text) and 20000 <= float(text) <= 80000:
        return _from_number(float(text))
    raise DateParseError(f"无法识别的日期“{text}”")


def _from_number(value: float) -> str:
    """Excel serial day number, or a year-month typed as a number (1968.05)."""
    if 20000 <= value <= 80000:
        return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    if 1900 <= value < 2101:
        # A numeric cell drops trailing zeros: 1968.1 was typed 1968.10 (October),
        # 1968.2 can only be February.
        year = int(value)
        hundredths = round((value - year) * 100)
        if hundredths == 0:
            raise DateParseError(f"“{value:g}”只有年份，缺少月份")
        month = hundredths if hundredths <= 12 else hundredths // 10 if hundredths % 10 == 0 else 0
        _check(year, month, None)
        return f"{year:04d}-{month:02d}"
    raise DateParseError(f"无法识别的日期“{value}”")


def iso_date(value: object) -> dt.date:
    """A date, datetime or 'YYYY-MM-DD' as a date; ValueError for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def parse_full_date(value: object) -> dt.date | None:
    """A complete calendar date (arrival, departure); None for empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    partial = parse_partial_date(value)
    if len(partial) != 10:
        raise DateParseError(f"“{value}”缺少日，请写成完整日期，如 2022-04-13")
    return dt.date.fromisoformat(partial)


def partial_to_date(partial: str) -> dt.date | None:
    """The first possible day of a partial date, for comparisons."""
    if not partial:
        return None
    if len(partial) == 7:
        return dt.date.fromisoformat(partial + "-01")
    return dt.date.fromisoformat(partial)


def format_partial(partial: str) -> str:
    """'1968-05' -> '1968.05', the form rosters print."""
    return partial.replace("-", ".") if partial else ""
