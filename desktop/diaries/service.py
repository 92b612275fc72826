"""Reading and writing diaries (包保日记). Every write runs in one transaction.

One entry per member per day. Tags are looked up by name; figures are (label, value, unit).
Deleting an entry removes its rows but never a photo file: a restored backup of the
database must still find its photos, and one file may serve several entries (dedupe).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import UserError
from ..models import (
    DiaryEntry,
    DiaryEntryTag,
    DiaryFigure,
    DiaryPhoto,
    DiaryTag,
    DutyAssignment,
    Member,
    ShiftDefinition,
    db,
)
from ..roster.dates import iso_date
from ..safety.drafts import SavedDraft, discard_draft, load_draft, save_draft
from ..vocabulary import VocabularyTable

DRAFT_KIND = "diary"
MAX_TEXT = 20000  # a diary is a paragraph or a few; this only stops a mis-paste of a whole book
MAX_TAG = 20
# C0/C1 control characters except tab and newline: they break the PDF and the search index.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class DiaryError(UserError):
    """A Chinese message for the user."""


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    unit: str = ""


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def _day(value) -> dt.date:
    try:
        return iso_date(value)
    except ValueError:
        raise DiaryError(f"“{value}”不是有效的日期。") from None


def _id(value) -> int:
    return getattr(value, "id", value)


def day_text(day: dt.date) -> str:
    """4月3日: how diaries name their days."""
    return f"{day.month}月{day.day}日"


def normalize_newlines(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def strip_controls(text: str) -> str:
    """Drop the control characters save_entry refuses (for pasted or imported text)."""
    return _CONTROL.sub("", normalize_newlines(text))


def clean_text(text: str) -> str:
    """Newlines normalized, trailing whitespace trimmed; control characters refused."""
    text = normalize_newlines(text).rstrip()
    bad = _CONTROL.search(text)
    if bad:
        raise DiaryError(f"日记中含有不可见的控制字符（U+{ord(bad.group()):04X}），请删除后再保存。")
    if len(text) > MAX_TEXT:
        raise DiaryError(f"日记太长（{len(text)} 字），一天的日记最多 {MAX_TEXT} 字。")
    return text


# -- tags --------------------------------------------------------------------------------------

def _tag_name(name) -> str:
    name = " ".join(str(name or "").split())
    if len(name) > MAX_TAG:
        raise DiaryError(f"工作类别名称最多 {MAX_TAG} 个字。")
    return name


TAGS = VocabularyTable(DiaryTag, "工作类别", DiaryError, _tag_name)


def tags(include_inactive: bool = False) -> list[DiaryTag]:
    return TAGS.items(include_inactive)


def add_tag(name: str) -> DiaryTag:
    return TAGS.add(name)


def rename_tag(tag_id, name: str) -> DiaryTag:
    """Entries already tagged show the new name too: the tag is one row."""
    return TAGS.rename(tag_id, name)


def set_tag_active(tag_id, active: bool) -> DiaryTag:
    """A tag in use is only ever deactivated: old entries keep it, new ones cannot pick it."""
    return TAGS.set_active(tag_id, active)


def tags_of(entry_ids: Iterable[int]) -> dict[int, list[str]]:
    """Tag names per entry id, in the tag list's order (one query)."""
    ids = list({_id(i) for i in entry_ids})
    found: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return found
    query = (DiaryEntryTag.select(DiaryEntryTag.entry, DiaryTag.name).join(DiaryTag)
             .where(DiaryEntryTag.entry.in_(ids)).order_by(DiaryTag.sort_order, DiaryTag.id).tuples())
    for entry_id, name in query:
        found[entry_id].append(name)
    return found


def figures_of(entry_ids: Iterable[int]) -> dict[int, list[Figure]]:
    ids = list({_id(i) for i in entry_ids})
    found: dict[int, list[Figure]] = defaultdict(list)
    if not ids:
        return found
    query = (DiaryFigure.select().where(DiaryFigure.entry.in_(ids))
             .order_by(DiaryFigure.position, DiaryFigure.id))
    for row in query:
        found[row.entry_id].append(Figure(row.label, row.value, row.unit))
    return found


def photos_of(entry_ids: Iterable[int]) -> dict[int, list[DiaryPhoto]]:
    ids = list({_id(i) for i in entry_ids})
    found: dict[int, list[DiaryPhoto]] = defaultdict(list)
    if not ids:
        return found
    for row in (DiaryPhoto.select().where(DiaryPhoto.entry.in_(ids))
                .order_by(DiaryPhoto.position, DiaryPhoto.id)):
        found[row.entry_id].append(row)
    return found


# -- entries -----------------------------------------------------------------------------------

def _member(member_id) -> Member:
    member = Member.get_or_none(Member.id == _id(member_id))
    if member is None:
        raise DiaryError("找不到该成员。")
    return member


def entry_for(member_id, day) -> DiaryEntry | None:
    return DiaryEntry.get_or_none((DiaryEntry.member == _id(member_id)) & (DiaryEntry.date == _day(day)))


def _check_day(day: dt.date, today: dt.date | None) -> None:
    if day > _today(today):
        raise DiaryError(f"{day_text(day)}还没有到，不能提前写日记。")


def _clean_figures(figures: Sequence) -> list[Figure]:
    cleaned = []
    for item in figures:
        label, value, unit = (tuple(item) + ("",))[:3] if not isinstance(item, Figure) else (
            item.label, item.value, item.unit)
        label, unit = " ".join(str(label or "").split()), str(unit or "").strip()
        if not label:
            raise DiaryError("数字项的名称不能为空（如“走访户数”）。")
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise DiaryError(f"“{label}”的数值“{value}”不是整数。") from None
        if number < 0:
            raise DiaryError(f"“{label}”的数值不能是负数。")
        cleaned.append(Figure(label, number, unit))
    return cleaned


def _tag_rows(names: Sequence[str]) -> list[DiaryTag]:
    wanted = list(dict.fromkeys(" ".join(str(n).split()) for n in names if str(n).strip()))
    found = {t.name: t for t in DiaryTag.select().where(DiaryTag.name.in_(wanted))} if wanted else {}
    unknown = [n for n in wanted if n not in found]
    if unknown:
        raise DiaryError(f"没有名为“{'、'.join(unknown)}”的工作类别，请先在工作类别列表中添加。")
    return [found[n] for n in wanted]


def _check_shift(duty_assignment_id, member_id: int, day: dt.date) -> int | None:
    if duty_assignment_id is None:
        return None
    shift = DutyAssignment.get_or_none(DutyAssignment.id == _id(duty_assignment_id))
    if shift is None or shift.member_id != member_id or shift.date != day:
        raise DiaryError("所选班次不是该成员当天的班次。")
    return shift.id


def save_entry(member_id, day, text: str, tags: list[str] | None = None,
               figures: list[tuple] | None = None, duty_assignment_id=None,
               today: dt.date | None = None) -> DiaryEntry:
    """Create or replace the member's entry of *day*.

    tags / figures: None keeps what the entry has (nothing for a new one); a list replaces it.
    Empty text is allowed only when the entry already has photos.
    """
    day = _day(day)
    _check_day(day, today)
    text = clean_text(text)
    with db.atomic():
        member = _member(member_id)
        tag_rows = _tag_rows(tags) if tags is not None else None
        figure_rows = _clean_figures(figures) if figures is not None else None
        shift_id = _check_shift(duty_assignment_id, member.id, day)
        entry = entry_for(member.id, day)
        has_photos = entry is not None and DiaryPhoto.select().where(DiaryPhoto.entry == entry.id).exists()
        if not text.strip() and not has_photos:
            raise DiaryError("日记内容不能为空。")
        now = dt.datetime.now().replace(microsecond=0)
        if entry is None:
            entry = DiaryEntry.create(member=member.id, date=day, text=text, duty_assignment=shift_id,
                                      created_at=now, updated_at=now)
        else:
            entry.text, entry.duty_assignment, entry.updated_at = text, shift_id, now
            entry.save()
        if tag_rows is not None:
            DiaryEntryTag.delete().where(DiaryEntryTag.entry == entry.id).execute()
            for tag in tag_rows:
                DiaryEntryTag.create(entry=entry.id, tag=tag.id)
        if figure_rows is not None:
            DiaryFigure.delete().where(DiaryFigure.entry == entry.id).execute()
            for position, fig in enumerate(figure_rows, start=1):
                DiaryFigure.create(entry=entry.id, label=fig.label, value=fig.value, unit=fig.unit,
                                   position=position)
        return entry


def append_to_entry(member_id, day, text: str, today: dt.date | None = None) -> DiaryEntry:
    """Add *text* as a new paragraph to the day's entry (creates the entry if there is none)."""
    day = _day(day)
    addition = clean_text(text).strip("\n")
    if not addition.strip():
        raise DiaryError("要追加的内容为空。")
    with db.atomic():
        entry = entry_for(member_id, day)
        if entry is None:
            return save_entry(member_id, day, addition, today=today)
        _check_day(day, today)
        combined = clean_text(entry.text.rstrip() + "\n" + addition if entry.text.strip() else addition)
        entry.text, entry.updated_at = combined, dt.datetime.now().replace(microsecond=0)
        entry.save()
        return entry


def delete_entry(entry_id) -> None:
    """Remove the entry with its tags, figures and photo rows; photo files stay (see module doc)."""
    with db.atomic():
        entry = DiaryEntry.get_or_none(DiaryEntry.id == _id(entry_id))
        if entry is None:
            raise DiaryError("找不到这篇日记，可能已被删除。")
        entry.delete_instance()  # tags, figures, photos cascade; the FTS trigger updates the index


def entry_days(member_id, year: int, month: int) -> set[dt.date]:
    """Days of *month* on which the member wrote a diary (the calendar's marks), one query."""
    first = dt.date(year, month, 1)
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    query = (DiaryEntry.select(DiaryEntry.date)
             .where((DiaryEntry.member == _id(member_id)) & (DiaryEntry.date >= first)
                    & (DiaryEntry.date < after)).tuples())
    return {_day(d) for (d,) in query}


def tag_filter(tag):
    """A condition on DiaryEntry.id for a tag given as name, id or row."""
    rows = DiaryEntryTag.select(DiaryEntryTag.entry).join(DiaryTag)
    if isinstance(tag, str):
        return DiaryEntry.id.in_(rows.where(DiaryTag.name == tag.strip()))
    return DiaryEntry.id.in_(rows.where(DiaryTag.id == _id(tag)))


def entries(member_id=None, date_from=None, date_to=None, tag=None,
            newest_first: bool = True, limit: int | None = None) -> list[DiaryEntry]:
    """Entries with their member loaded, newest day first (then pinyin order), one query."""
    query = DiaryEntry.select(DiaryEntry, Member).join(Member)
    if member_id is not None:
        query = query.where(DiaryEntry.member == _id(member_id))
    if date_from is not None:
        query = query.where(DiaryEntry.date >= _day(date_from))
    if date_to is not None:
        query = query.where(DiaryEntry.date <= _day(date_to))
    if tag is not None:
        query = query.where(tag_filter(tag))
    order = DiaryEntry.date.desc() if newest_first else DiaryEntry.date
    query = query.order_by(order, Member.name_pinyin, Member.id)
    if limit:
        query = query.limit(limit)
    return list(query)


def shift_that_day(member_id, day) -> DutyAssignment | None:
    """The member's first shift starting on *day* (by start time), for the optional link."""
    return (DutyAssignment.select(DutyAssignment, ShiftDefinition).join(ShiftDefinition)
            .where((DutyAssignment.member == _id(member_id)) & (DutyAssignment.date == _day(day)))
            .order_by(ShiftDefinition.start_time, DutyAssignment.id).first())


def active_members(day) -> list[Member]:
    """Members in the branch on *day* (arrived by then, not yet departed), pinyin order."""
    day = _day(day)
    return list(Member.select().where(
        (Member.arrived_on.is_null() | (Member.arrived_on <= day))
        & (Member.departed_on.is_null() | (Member.departed_on > day))
    ).order_by(Member.name_pinyin, Member.id))


def missing_diaries(day) -> list[Member]:
    """Members in the branch on *day* who wrote no diary that day, pinyin order (one query)."""
    day = _day(day)
    wrote = DiaryEntry.select(DiaryEntry.member).where(DiaryEntry.date == day)
    return [m for m in Member.select().where(
        (Member.arrived_on.is_null() | (Member.arrived_on <= day))
        & (Member.departed_on.is_null() | (Member.departed_on > day))
        & Member.id.not_in(wrote)
    ).order_by(Member.name_pinyin, Member.id)]


def member_by_name(name: str) -> Member:
    """The one member called *name*; '王磊（市统计局）' picks by unit when two share a name."""
    text = (name or "").strip()
    unit = ""
    match = re.fullmatch(r"(.+?)\s*[（(](.+)[)）]", text)
    if match:
        text, unit = match.group(1).strip(), match.group(2).strip()
    if not text:
        raise DiaryError("请写明成员姓名。")
    found = list(Member.select().where(Member.name == text).order_by(Member.name_pinyin, Member.id))
    if unit:
        found = [m for m in found if m.unit == unit]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        names = "、".join(f"{m.name}（{m.unit or '未填单位'}）" for m in found)
        raise DiaryError(f"有 {len(found)} 位成员叫“{text}”：{names}。请写成“姓名（单位）”加以区分。")
    similar = list(Member.select().where(Member.name.contains(text[:1]) | Member.name.contains(text[-1:]))
                   .order_by(Member.name_pinyin).limit(10))
    hint = f"相近的成员：{'、'.join(m.name for m in similar)}。" if similar else ""
    raise DiaryError(f"花名册中没有“{name.strip()}”。{hint}")


# -- drafts (crash-safe typing in the editor) ---------------------------------------------------

def _draft_key(member_id, day) -> str:
    return f"{_id(member_id)}:{_day(day).isoformat()}"


def save_editor_draft(member_id, day, text: str, **extra) -> None:
    """Keep unsaved typing; *extra* (tags, figures ...) must be JSON-able."""
    save_draft(DRAFT_KIND, _draft_key(member_id, day), {"text": text, **extra})


def load_editor_draft(member_id, day) -> SavedDraft | None:
    """The saved draft (payload['text'], updated_at), or None."""
    return load_draft(DRAFT_KIND, _draft_key(member_id, day))


def discard_editor_draft(member_id, day) -> None:
    discard_draft(DRAFT_KIND, _draft_key(member_id, day))
