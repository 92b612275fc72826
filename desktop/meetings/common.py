"""Shared pieces of the meeting services: errors, the lock, text and time checks."""
from __future__ import annotations

import datetime as dt
import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from peewee import fn

from ..errors import UserError
from ..models import Meeting, Member
from ..roster.dates import iso_date

ABSENCE_REASONS = ("值班", "请假", "病假", "公差", "其他")

MAX_TEXT = 50_000  # one note or decision; far above any real speech, keeps PDFs sane
MAX_LINE = 200  # titles, places, names


class MeetingLocked(UserError):
    """The meeting is finalized; changes go through correct() with a reason."""

    def __init__(self, message: str = "会议记录已定稿，修改须填写更正原因"):
        super().__init__(message)


class MeetingError(UserError):
    """A value the secretary typed cannot be saved; the message says why, in Chinese."""


# Meeting ids whose lock correct() has lifted, per thread (the UI thread writes).
_lifted = threading.local()


def _lifted_ids() -> set[int]:
    if not hasattr(_lifted, "ids"):
        _lifted.ids = set()
    return _lifted.ids


@contextmanager
def unlocked(meeting_id: int) -> Iterator[None]:
    """Let the mutators change a finalized meeting; only correct() should use this."""
    ids = _lifted_ids()
    added = meeting_id not in ids
    ids.add(meeting_id)
    try:
        yield
    finally:
        if added:
            ids.discard(meeting_id)


def key(value) -> int | None:
    """An id from an id or a model instance."""
    if value is None or value == "":
        return None
    if hasattr(value, "id"):
        return value.id
    return int(value)


def get_meeting(meeting) -> Meeting:
    meeting_id = key(meeting)
    found = Meeting.get_or_none(Meeting.id == meeting_id)
    if found is None:
        raise MeetingError("找不到该会议记录，可能已被删除。")
    return found


def writable(meeting) -> Meeting:
    """The meeting, fresh from the database, or MeetingLocked when it is final."""
    found = get_meeting(meeting)
    if found.is_final and found.id not in _lifted_ids():
        raise MeetingLocked()
    return found


def touch(meeting_id: int) -> None:
    Meeting.update(updated_at=dt.datetime.now().replace(microsecond=0)).where(
        Meeting.id == meeting_id
    ).execute()


def get_member(member) -> Member | None:
    member_id = key(member)
    if member_id is None:
        return None
    found = Member.get_or_none(Member.id == member_id)
    if found is None:
        raise MeetingError("花名册中找不到该人员。")
    return found


def today() -> dt.date:
    return dt.date.today()


def clean_text(value, label: str = "内容", limit: int = MAX_TEXT) -> str:
    """Normalise line ends and trim ASCII whitespace at the ends; refuse what cannot be a record.

    Full-width spaces are kept: Chinese paragraphs are indented with them.
    """
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip(" \t\n")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise MeetingError(f"{label}含有无法保存的字符，请删除后重试。") from None
    for char in text:
        if char not in "\n\t" and unicodedata.category(char) == "Cc":
            raise MeetingError(f"{label}含有不可见的控制字符（U+{ord(char):04X}），请删除后重试。")
    if len(text) > limit:
        raise MeetingError(f"{label}过长（{len(text)} 字），不能超过 {limit} 字。")
    return text


def clean_line(value, label: str, limit: int = MAX_LINE) -> str:
    text = clean_text(value, label, limit)
    if "\n" in text or "\t" in text:
        raise MeetingError(f"{label}不能包含换行。")
    return text


_HHMM = re.compile(r"^(\d{1,2})[:：](\d{2})$")


def clean_hhmm(value, label: str) -> str:
    """'HH:MM' or ''; accepts 9:05 and a full-width colon typed with a Chinese IME."""
    if value is None:
        return ""
    if isinstance(value, (dt.time, dt.datetime)):
        return f"{value:%H:%M}"
    text = str(value).strip()
    if not text:
        return ""
    match = _HHMM.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise MeetingError(f"{label}“{text}”不是有效的时间，请按 时:分 填写，如 07:30。")
    return f"{int(match[1]):02d}:{match[2]}"


def clean_hhmmss(value) -> str:
    """The time a note was said: 'HH:MM:SS'."""
    if value is None:
        return f"{dt.datetime.now():%H:%M:%S}"
    if isinstance(value, (dt.time, dt.datetime)):
        return f"{value:%H:%M:%S}"
    text = str(value).strip().replace("：", ":")
    parts = text.split(":")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 2:
            numbers.append(0)
        hour, minute, second = numbers
        dt.time(hour, minute, second)
    except ValueError:
        raise MeetingError(f"发言时间“{text}”不是有效的时间。") from None
    return f"{hour:02d}:{minute:02d}:{second:02d}"


def clean_date(value, label: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return iso_date(value)
    except ValueError:
        raise MeetingError(f"{label}“{value}”不是有效的日期。") from None


def active_on(member: Member, day: dt.date) -> bool:
    """In the branch that day: arrived by then and not yet departed."""
    return (member.arrived_on is None or member.arrived_on <= day) and (
        member.departed_on is None or member.departed_on > day
    )


def next_position(model, meeting_id: int) -> int:
    top = model.select(fn.MAX(model.position)).where(model.meeting == meeting_id).scalar()
    return (top or 0) + 1


def ensure_held(meeting: Meeting, on: dt.date | None = None) -> None:
    """A meeting dated after today has not been held yet: it is only a plan."""
    if meeting.date > (on or today()):
        raise MeetingError(
            f"会议日期为{meeting.date:%Y年%m月%d日}，晚于今天，会议尚未召开。请先把日期改为实际召开的日期。"
        )
