"""Setting up duty: shift patterns, posts, who is unavailable when, and duty preferences.

The API the 值班 pages call; every write runs in one transaction and every refusal is a
DutySetupError with a Chinese sentence for the user.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..errors import UserError
from ..models import (
    DutyAssignment,
    DutyPreference,
    Handover,
    Member,
    Post,
    ShiftDefinition,
    ShiftPattern,
    Unavailability,
    db,
)
from ..models.snapshot import RecordSnapshot, RestoreConflict, capture_row, delete_with_snapshot
from .timeline import hours

UNAVAILABILITY_REASONS = ("请假", "返回原单位", "隔离", "病假", "其他")
DEFAULT_PATTERN = "三班倒"
EVENING_PATTERN = "两班（晚间）"
# (name, start, end, is_night); '00:00' as an end means midnight of the next day.
PRESETS: dict[str, list[tuple[str, str, str, bool]]] = {
    DEFAULT_PATTERN: [("早班", "08:00", "16:00", False), ("中班", "16:00", "00:00", False),
                      ("夜班", "00:00", "08:00", True)],
    EVENING_PATTERN: [("晚班", "17:30", "22:30", False), ("夜班", "22:30", "08:30", True)],
}
NIGHT_HOURS = (0, 5 * 60)  # a shift covering any minute of 00:00–05:00 counts as a night shift
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
ShiftSpec = tuple  # (name, start, end) or (name, start, end, is_night or None)


class DutySetupError(UserError):
    """A refused change; the message is for the user."""


# -- times -----------------------------------------------------------------------------------

def normalize_time(text: str, what: str = "时间") -> str:
    """'8:00' -> '08:00'; '24:00' -> '00:00' (midnight ending a shift). DutySetupError otherwise."""
    match = _TIME.match((text or "").strip())
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour == 24 and minute == 0:
            return "00:00"
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise DutySetupError(f"{what}“{text}”格式不对，应为 时:分，例如 08:00")


def minutes(text: str) -> int:
    hour, minute = text.split(":")
    return int(hour) * 60 + int(minute)


def span_minutes(start: str, end: str) -> tuple[int, int]:
    """(start, end) in minutes from the start day's midnight; an end at or before the start is next day."""
    s, e = minutes(start), minutes(end)
    return s, e + 1440 if e <= s else e


def shift_hours(shift: ShiftDefinition) -> float:
    return hours(shift)


def looks_like_night(start: str, end: str) -> bool:
    s, e = span_minutes(start, end)
    return any(s < day + NIGHT_HOURS[1] and e > day + NIGHT_HOURS[0] for day in (0, 1440))


def time_range(shift: ShiftDefinition) -> str:
    """'22:30–08:30'; midnight as an end prints 24:00, as the posted rota says."""
    end = "24:00" if shift.end_time == "00:00" else shift.end_time
    return f"{shift.start_time}–{end}"


def _clean_shift(spec: Sequence) -> tuple[str, str, str, bool]:
    if len(spec) not in (3, 4):
        raise DutySetupError("每个班次需要名称、开始时间和结束时间")
    name = (spec[0] or "").strip()
    if not name:
        raise DutySetupError("班次名称不能为空")
    start = normalize_time(spec[1], f"“{name}”的开始时间")
    end = normalize_time(spec[2], f"“{name}”的结束时间")
    night = spec[3] if len(spec) == 4 and spec[3] is not None else looks_like_night(start, end)
    return name, start, end, bool(night)


# -- patterns --------------------------------------------------------------------------------

def patterns() -> list[ShiftPattern]:
    """Every pattern with its shifts prefetched (two queries), by name."""
    from peewee import prefetch

    query = ShiftPattern.select().order_by(ShiftPattern.name)
    shifts = ShiftDefinition.select().order_by(ShiftDefinition.position, ShiftDefinition.id)
    return list(prefetch(query, shifts))


def shifts_of(pattern_id: int) -> list[ShiftDefinition]:
    return list(ShiftDefinition.select().where(ShiftDefinition.pattern == pattern_id)
                .order_by(ShiftDefinition.position, ShiftDefinition.id))


def create_pattern(name: str, shifts: Sequence[ShiftSpec], notes: str = "") -> ShiftPattern:
    name = (name or "").strip()
    if not name:
        raise DutySetupError("班次模式名称不能为空")
    cleaned = [_clean_shift(spec) for spec in shifts]
    if not cleaned:
        raise DutySetupError("班次模式至少要有一个班次")
    names = [c[0] for c in cleaned]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise DutySetupError(f"班次名称“{duplicate}”重复")
    with db.atomic():
        if ShiftPattern.get_or_none(ShiftPattern.name == name):
            raise DutySetupError(f"已有名为“{name}”的班次模式")
        pattern = ShiftPattern.create(name=name, notes=notes)
        for position, (shift_name, start, end, night) in enumerate(cleaned):
            ShiftDefinition.create(pattern=pattern, name=shift_name, start_time=start, end_time=end,
                                   is_night=night, position=position)
    return pattern


def ensure_preset(name: str) -> ShiftPattern:
    """The preset pattern *name* (see PRESETS), created on first use."""
    existing = ShiftPattern.get_or_none(ShiftPattern.name == name)
    return existing or create_pattern(name, PRESETS[name])


def ensure_default_pattern() -> ShiftPattern:
    """三班倒: 早班 08:00–16:00, 中班 16:00–24:00, 夜班 00:00–08:00."""
    return ensure_preset(DEFAULT_PATTERN)


def rename_pattern(pattern_id: int, name: str, notes: str | None = None) -> ShiftPattern:
    name = (name or "").strip()
    if not name:
        raise DutySetupError("班次模式名称不能为空")
    with db.atomic():
        pattern = ShiftPattern.get_by_id(pattern_id)
        other = ShiftPattern.get_or_none((ShiftPattern.name == name) & (ShiftPattern.id != pattern_id))
        if other:
            raise DutySetupError(f"已有名为“{name}”的班次模式")
        pattern.name = name
        if notes is not None:
            pattern.notes = notes
        pattern.save()
    return pattern


def _check_shift_name(pattern_id: int, name: str, keep_id: int | None = None) -> None:
    query = ShiftDefinition.select().where((ShiftDefinition.pattern == pattern_id) & (ShiftDefinition.name == name))
    if keep_id is not None:
        query = query.where(ShiftDefinition.id != keep_id)
    if query.exists():
        raise DutySetupError(f"班次名称“{name}”重复")


def add_shift(pattern_id: int, name: str, start: str, end: str, is_night: bool | None = None) -> ShiftDefinition:
    name, start, end, night = _clean_shift((name, start, end, is_night))
    with db.atomic():
        _check_shift_name(pattern_id, name)
        position = len(shifts_of(pattern_id))
        return ShiftDefinition.create(pattern=pattern_id, name=name, start_time=start, end_time=end,
                                      is_night=night, position=position)


def update_shift(shift_id: int, name: str | None = None, start: str | None = None, end: str | None = None,
                 is_night: bool | None = None, position: int | None = None) -> ShiftDefinition:
    """Change a shift; is_night None re-derives it from the times only when they change."""
    with db.atomic():
        shift = ShiftDefinition.get_by_id(shift_id)
        new_name, new_start, new_end, derived = _clean_shift(
            (shift.name if name is None else name, start or shift.start_time, end or shift.end_time))
        _check_shift_name(shift.pattern_id, new_name, keep_id=shift.id)
        times_changed = (new_start, new_end) != (shift.start_time, shift.end_time)
        shift.name, shift.start_time, shift.end_time = new_name, new_start, new_end
        if is_night is not None:
            shift.is_night = bool(is_night)
        elif times_changed:
            shift.is_night = derived
        if position is not None:
            shift.position = position
        shift.save()
    return shift


def delete_shift(shift_id: int) -> None:
    with db.atomic():
        shift = ShiftDefinition.get_by_id(shift_id)
        used = (DutyAssignment.select().where(DutyAssignment.shift == shift_id).exists()
                or Handover.select().where(Handover.shift == shift_id).exists())
        if used:
            raise DutySetupError(f"“{shift.name}”已有排班或交接班记录，不能删除")
        if len(shifts_of(shift.pattern_id)) <= 1:
            raise DutySetupError("班次模式至少要保留一个班次")
        shift.delete_instance()


def delete_pattern(pattern_id: int) -> None:
    with db.atomic():
        pattern = ShiftPattern.get_by_id(pattern_id)
        users = [p.name for p in Post.select(Post.name).where(Post.pattern == pattern_id)]
        if users:
            raise DutySetupError(f"“{pattern.name}”正被值守点使用（{'、'.join(users)}），不能删除")
        pattern.delete_instance(recursive=False)


# -- posts -----------------------------------------------------------------------------------

def active_on(post: Post, day: dt.date) -> bool:
    return (post.active_from is None or post.active_from <= day) and (post.active_to is None or post.active_to >= day)


def posts(on: dt.date | None = None) -> list[Post]:
    """Posts with their pattern, in display order; *on*: only those active that day."""
    query = (Post.select(Post, ShiftPattern).join(ShiftPattern)
             .order_by(Post.position, Post.id))
    if on is not None:
        query = query.where((Post.active_from.is_null() | (Post.active_from <= on))
                            & (Post.active_to.is_null() | (Post.active_to >= on)))
    return list(query)


_POST_FIELDS = ("name", "location", "pattern_id", "people_needed", "party_member_required",
                "active_from", "active_to", "position", "notes")


def _validate_post(values: dict, post_id: int | None) -> dict:
    values = dict(values)
    name = (values.get("name") or "").strip()
    if not name:
        raise DutySetupError("值守点名称不能为空")
    values["name"] = name
    other = Post.select().where(Post.name == name)
    if post_id is not None:
        other = other.where(Post.id != post_id)
    if other.exists():
        raise DutySetupError(f"已有名为“{name}”的值守点")
    if ShiftPattern.get_or_none(ShiftPattern.id == values.get("pattern_id")) is None:
        raise DutySetupError("请选择班次模式")
    needed = values.get("people_needed")
    if isinstance(needed, bool) or not isinstance(needed, int) or not 1 <= needed <= 20:
        raise DutySetupError("每班人数应为 1 到 20 之间的整数")
    start, end = values.get("active_from"), values.get("active_to")
    if start and end and end < start:
        raise DutySetupError("停用日期不能早于启用日期")
    values["location"] = (values.get("location") or "").strip()
    values["party_member_required"] = bool(values.get("party_member_required"))
    return values


def create_post(name: str, pattern_id: int, people_needed: int = 1, party_member_required: bool = False,
                location: str = "", active_from: dt.date | None = None, active_to: dt.date | None = None,
                notes: str = "") -> Post:
    values = _validate_post(dict(name=name, pattern_id=pattern_id, people_needed=people_needed,
                                 party_member_required=party_member_required, location=location,
                                 active_from=active_from, active_to=active_to, notes=notes), None)
    with db.atomic():
        last = Post.select(Post.position).order_by(Post.position.desc()).first()
        values["position"] = (last.position + 1) if last else 0
        values["pattern"] = values.pop("pattern_id")
        return Post.create(**values)


def update_post(post_id: int, **fields) -> Post:
    unknown = set(fields) - set(_POST_FIELDS)
    if unknown:
        raise TypeError(f"unknown post fields: {sorted(unknown)}")
    with db.atomic():
        post = Post.get_by_id(post_id)
        current = {key: getattr(post, key) for key in _POST_FIELDS}
        values = _validate_post({**current, **fields}, post_id)
        if values["pattern_id"] != post.pattern_id:
            # Old assignments point at the old pattern's shifts: the rota would lose them.
            if DutyAssignment.select().where(DutyAssignment.post == post_id).exists():
                raise DutySetupError(f"“{post.name}”已有排班，不能更换班次模式；可停用后新建值守点")
        for key, value in values.items():
            setattr(post, key, value)
        post.save()
    return post


def deactivate_post(post_id: int, last_day: dt.date | None = None) -> Post:
    """Stop staffing a post after *last_day* (default today); its records stay."""
    last_day = last_day or dt.date.today()
    with db.atomic():
        post = Post.get_by_id(post_id)
        if post.active_from and last_day < post.active_from:
            raise DutySetupError("停用日期不能早于启用日期")
        post.active_to = last_day
        post.save()
    return post


def post_in_use(post_id: int) -> bool:
    """Whether the post has rota or handover records (then it can only be 停用)."""
    return (DutyAssignment.select().where(DutyAssignment.post == post_id).exists()
            or Handover.select().where(Handover.post == post_id).exists())


def delete_post(post_id: int) -> RecordSnapshot:
    """Delete a post made by mistake; what was deleted (for snapshot.restore, i.e. 撤销)."""
    with db.atomic():
        post = Post.get_by_id(post_id)
        if post_in_use(post_id):
            raise DutySetupError(f"“{post.name}”已有排班或交接班记录，不能删除，只能停用")
        return delete_with_snapshot(post)  # preferences naming it are relinked on restore


# -- availability ----------------------------------------------------------------------------

def add_unavailability(member_id: int, start: dt.date, end: dt.date, reason: str, note: str = "") -> Unavailability:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise DutySetupError("请填写开始和结束日期")
    if end < start:
        raise DutySetupError("结束日期不能早于开始日期")
    if reason not in UNAVAILABILITY_REASONS:
        raise DutySetupError(f"原因应为{'、'.join(UNAVAILABILITY_REASONS)}之一")
    with db.atomic():
        if Member.get_or_none(Member.id == member_id) is None:
            raise DutySetupError("找不到该成员")
        return Unavailability.create(member=member_id, start_date=start, end_date=end, reason=reason,
                                     note=(note or "").strip())


def remove_unavailability(unavailability_id: int) -> RecordSnapshot | None:
    """Delete the period; what was deleted (for snapshot.restore), None if it was gone."""
    with db.atomic():
        row = Unavailability.get_or_none(Unavailability.id == unavailability_id)
        return delete_with_snapshot(row) if row is not None else None


def unavailability(member_id: int | None = None, date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> list[Unavailability]:
    """Periods (with their member) overlapping the given dates, by start date then name."""
    query = Unavailability.select(Unavailability, Member).join(Member)
    if member_id is not None:
        query = query.where(Unavailability.member == member_id)
    if date_from is not None:
        query = query.where(Unavailability.end_date >= date_from)
    if date_to is not None:
        query = query.where(Unavailability.start_date <= date_to)
    return list(query.order_by(Unavailability.start_date, Member.name_pinyin, Unavailability.id))


# -- preferences -----------------------------------------------------------------------------

def get_preferences(member_id: int) -> DutyPreference:
    """The member's preferences; an unsaved default row when none were set."""
    found = DutyPreference.get_or_none(DutyPreference.member == member_id)
    return found or DutyPreference(member=member_id)


def preferences_of(member_ids) -> dict[int, DutyPreference]:
    """get_preferences() of many members in one query: {member id: preferences}."""
    ids = list(member_ids)
    found = {p.member_id: p for p in DutyPreference.select().where(DutyPreference.member.in_(ids))} if ids else {}
    return {m: found.get(m) or DutyPreference(member=m) for m in ids}


def set_preferences(member_id: int, max_hours_per_week: int | None = None, no_nights: bool = False,
                    avoid_nights: bool = False, preferred_post_id: int | None = None) -> DutyPreference:
    if max_hours_per_week is not None and (isinstance(max_hours_per_week, bool) or not isinstance(
            max_hours_per_week, int) or not 1 <= max_hours_per_week <= 168):
        raise DutySetupError("每周最多值班时长应为 1 到 168 之间的整数（小时）")
    with db.atomic():
        if Member.get_or_none(Member.id == member_id) is None:
            raise DutySetupError("找不到该成员")
        if preferred_post_id is not None and Post.get_or_none(Post.id == preferred_post_id) is None:
            raise DutySetupError("找不到所选的值守点")
        pref = DutyPreference.get_or_none(DutyPreference.member == member_id) or DutyPreference(member=member_id)
        pref.max_hours_per_week = max_hours_per_week
        pref.no_nights = bool(no_nights)
        pref.avoid_nights = bool(avoid_nights) and not no_nights  # 不排夜班 already covers it
        pref.preferred_post = preferred_post_id
        pref.save()
    return pref


def take_back_unavailability(added: RecordSnapshot) -> None:
    """Undo of add_unavailability: the period goes again, if it is still as it was added."""
    with db.atomic():
        row = Unavailability.get_or_none(Unavailability.id == added.row_id)
        if row is None or capture_row(row).rows[0].values != added.rows[0].values:
            raise RestoreConflict("无法撤销：这条登记已被删除或改动。")
        row.delete_instance()
