"""交接班记录: the handover record of every shift at every post.

handover_for() opens (or starts) the record of one slot, pre-filled with the people the
rota put there; previous_open_matters() gives the next shift what the last one left open;
signers()/set_signers() the 交班人 (on this shift) and 接班人 (on the next) who sign it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import prefetch

from ..models import DutyAssignment, Handover, HandoverPerson, Member, Post, ShiftDefinition, db
from ..models.db import now_seconds
from .problem import FULL_PARTY_STATUS
from .setup import DutySetupError, normalize_time
from .timeline import shift_span

COUNT_FIELDS = ("people_checked", "vehicles_checked", "fever_cases", "no_code_cases", "other_abnormal")
TEXT_FIELDS = ("events", "items_handed", "open_matters")
COUNT_LABELS = {"people_checked": "核验人数", "vehicles_checked": "核验车辆", "fever_cases": "发热人数",
                "no_code_cases": "无健康码人数", "other_abnormal": "其他异常"}


class HandoverError(DutySetupError):
    """A refused handover change; the message is for the user."""


def _slot(post_id: int, shift_id: int) -> tuple[Post, ShiftDefinition]:
    post = Post.get_by_id(post_id)
    shift = ShiftDefinition.get_by_id(shift_id)
    if shift.pattern_id != post.pattern_id:
        raise HandoverError(f"“{shift.name}”不是“{post.name}”的班次")
    return post, shift


def handover_for(day: dt.date, post_id: int, shift_id: int) -> Handover:
    """The slot's handover record; created on first open with the rota's people on it."""
    with db.atomic():
        existing = Handover.get_or_none((Handover.date == day) & (Handover.post == post_id)
                                        & (Handover.shift == shift_id))
        if existing:
            return existing
        _, shift = _slot(post_id, shift_id)
        handover = Handover.create(date=day, post=post_id, shift=shift_id)
        assigned = (DutyAssignment.select(DutyAssignment.member)
                    .where((DutyAssignment.date == day) & (DutyAssignment.post == post_id)
                           & (DutyAssignment.shift == shift_id)).tuples())
        rows = [dict(handover=handover.id, member=member_id, check_in=shift.start_time, check_out=shift.end_time)
                for (member_id,) in assigned]
        if rows:  # one statement however many served
            HandoverPerson.insert_many(rows).execute()
    return handover


def people(handover_id: int) -> list[HandoverPerson]:
    """Who served, with their member, in pinyin order (one query)."""
    return list(HandoverPerson.select(HandoverPerson, Member).join(Member)
                .where(HandoverPerson.handover == handover_id)
                .order_by(Member.name_pinyin, Member.id))


def save_handover(handover_id: int, **fields) -> Handover:
    """Set counts (non-negative whole numbers) and text fields (events, items_handed, open_matters)."""
    unknown = set(fields) - set(COUNT_FIELDS) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown handover fields: {sorted(unknown)}")
    for key in COUNT_FIELDS:
        if key in fields:
            value = fields[key]
            if isinstance(value, str) and value.strip().isdigit():
                value = int(value.strip())
            if value is None or value == "":
                value = 0
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise HandoverError(f"{COUNT_LABELS[key]}应为不小于 0 的整数")
            fields[key] = value
    for key in TEXT_FIELDS:
        if key in fields:
            fields[key] = (fields[key] or "").strip()
    with db.atomic():
        handover = Handover.get_by_id(handover_id)
        for key, value in fields.items():
            setattr(handover, key, value)
        handover.updated_at = now_seconds()
        handover.save()
    return handover


def _time_or_blank(text: str | None, what: str) -> str:
    if not (text or "").strip():
        return ""
    try:
        return normalize_time(text, what)
    except DutySetupError as exc:
        raise HandoverError(str(exc)) from None


def set_person_times(handover_id: int, member_id: int, check_in: str | None, check_out: str | None) -> HandoverPerson:
    """Record when the person arrived and left ('HH:MM'; blank: not recorded)."""
    check_in = _time_or_blank(check_in, "到岗时间")
    check_out = _time_or_blank(check_out, "离岗时间")
    with db.atomic():
        row = HandoverPerson.get_or_none((HandoverPerson.handover == handover_id)
                                         & (HandoverPerson.member == member_id))
        if row is None:
            raise HandoverError("此人不在本班的交接班记录中")
        row.check_in, row.check_out = check_in, check_out
        row.save()
        Handover.update(updated_at=now_seconds()).where(Handover.id == handover_id).execute()
    return row


def add_person(handover_id: int, member_id: int, check_in: str | None = None,
               check_out: str | None = None) -> HandoverPerson:
    """Someone who served without being on the rota (or instead of someone); times default to the shift's."""
    with db.atomic():
        handover = Handover.select(Handover, ShiftDefinition).join(ShiftDefinition).where(
            Handover.id == handover_id).get()
        member = Member.get_or_none(Member.id == member_id)
        if member is None:
            raise HandoverError("找不到该成员")
        if HandoverPerson.select().where((HandoverPerson.handover == handover_id)
                                         & (HandoverPerson.member == member_id)).exists():
            raise HandoverError(f"{member.name}已在本班的交接班记录中")
        start = handover.shift.start_time if check_in is None else _time_or_blank(check_in, "到岗时间")
        end = handover.shift.end_time if check_out is None else _time_or_blank(check_out, "离岗时间")
        row = HandoverPerson.create(handover=handover_id, member=member_id, check_in=start, check_out=end)
        Handover.update(updated_at=now_seconds()).where(Handover.id == handover_id).execute()
    return row


def remove_person(handover_id: int, member_id: int) -> None:
    with db.atomic():
        HandoverPerson.delete().where((HandoverPerson.handover == handover_id)
                                      & (HandoverPerson.member == member_id)).execute()
        Handover.update(updated_at=now_seconds()).where(Handover.id == handover_id).execute()


def previous_slot(day: dt.date, post_id: int, shift_id: int) -> tuple[dt.date, ShiftDefinition] | None:
    """The slot at the same post that starts last before this one (yesterday's when needed)."""
    post, shift = _slot(post_id, shift_id)
    start = shift_span(day, shift)[0]
    candidates = []
    for other in ShiftDefinition.select().where(ShiftDefinition.pattern == post.pattern_id):
        for other_day in (day - dt.timedelta(days=1), day):
            other_start = shift_span(other_day, other)[0]
            if start - dt.timedelta(days=1) <= other_start < start:
                candidates.append((other_start, other_day, other))
    if not candidates:
        return None
    _, prev_day, prev_shift = max(candidates, key=lambda c: c[0])
    return prev_day, prev_shift


def previous_handover(day: dt.date, post_id: int, shift_id: int) -> Handover | None:
    slot = previous_slot(day, post_id, shift_id)
    if slot is None:
        return None
    prev_day, prev_shift = slot
    return Handover.get_or_none((Handover.date == prev_day) & (Handover.post == post_id)
                                & (Handover.shift == prev_shift.id))


def previous_open_matters(day: dt.date, post_id: int, shift_id: int) -> str:
    """What the shift before at this post left for this one ('' when nothing or no record)."""
    previous = previous_handover(day, post_id, shift_id)
    return previous.open_matters if previous else ""


def handovers(date_from: dt.date, date_to: dt.date, post_id: int | None = None) -> list[Handover]:
    """Records in the period with post, shift and people (with members) loaded: three queries."""
    query = (Handover.select(Handover, Post, ShiftDefinition).join(Post).switch(Handover).join(ShiftDefinition)
             .where((Handover.date >= date_from) & (Handover.date <= date_to))
             .order_by(Handover.date, Post.position, Post.id, ShiftDefinition.position, ShiftDefinition.id))
    if post_id is not None:
        query = query.where(Handover.post == post_id)
    served = HandoverPerson.select(HandoverPerson, Member).join(Member).order_by(Member.name_pinyin)
    return list(prefetch(query, served))


# -- 交班人 / 接班人 ------------------------------------------------------------------------

def next_slot(day: dt.date, post_id: int, shift_id: int) -> tuple[dt.date, ShiftDefinition] | None:
    """The slot at the same post that starts first after this one (tomorrow's when needed)."""
    post, shift = _slot(post_id, shift_id)
    start = shift_span(day, shift)[0]
    candidates = []
    for other in ShiftDefinition.select().where(ShiftDefinition.pattern == post.pattern_id):
        for other_day in (day, day + dt.timedelta(days=1)):
            other_start = shift_span(other_day, other)[0]
            if start < other_start <= start + dt.timedelta(days=1):
                candidates.append((other_start, other_day, other))
    if not candidates:
        return None
    _, next_day, next_shift = min(candidates, key=lambda c: c[0])
    return next_day, next_shift


def _leader_first(members: list[Member]) -> list[Member]:
    """Full Party members first (the one who leads a 党员带班 shift signs), then pinyin order."""
    return sorted(members, key=lambda m: (m.political_status != FULL_PARTY_STATUS, m.name_pinyin, m.id))


def _slot_people(day: dt.date, post_id: int, shift_id: int) -> list[Member]:
    """Who is on a slot: its handover record's people when it has one (stand-ins included),
    else the rota's."""
    served = list(Member.select().join(HandoverPerson).join(Handover)
                  .where((Handover.date == day) & (Handover.post == post_id) & (Handover.shift == shift_id)))
    # both read always: the same number of queries whoever is on the shift
    rota = list(Member.select().join(DutyAssignment, on=(DutyAssignment.member == Member.id))
                .where((DutyAssignment.date == day) & (DutyAssignment.post == post_id)
                       & (DutyAssignment.shift == shift_id)).distinct())
    return served or rota


@dataclass
class Signers:
    """Who may sign a handover: those on the shift (交班人) and on the next one (接班人),
    leaders first; the stored choice of each (member id or None); the next slot if any."""
    outgoing: list
    incoming: list
    handed_over_by: int | None
    taken_over_by: int | None
    next_slot: tuple | None

    def default_outgoing(self) -> int | None:
        return self.handed_over_by or (self.outgoing[0].id if self.outgoing else None)

    def default_incoming(self) -> int | None:
        return self.taken_over_by or (self.incoming[0].id if self.incoming else None)


def signers(handover_id: int) -> Signers:
    record = Handover.get_by_id(handover_id)
    outgoing = _leader_first(_slot_people(record.date, record.post_id, record.shift_id))
    following = next_slot(record.date, record.post_id, record.shift_id)
    incoming = _leader_first(_slot_people(following[0], record.post_id, following[1].id)) if following else []
    # a stored signer no longer on the shift is still shown: the record must not change silently
    for chosen, group in ((record.handed_over_by_id, outgoing), (record.taken_over_by_id, incoming)):
        if chosen and all(m.id != chosen for m in group):
            group.append(Member.get_by_id(chosen))
    return Signers(outgoing, incoming, record.handed_over_by_id, record.taken_over_by_id, following)


def set_signers(handover_id: int, handed_over_by: int | None, taken_over_by: int | None) -> Handover:
    """Record 交班人 and 接班人 (None: not chosen). Each must be on the shift resp. the next one."""
    allowed = signers(handover_id)
    for chosen, group, what in ((handed_over_by, allowed.outgoing, "交班人应是本班的值班人员"),
                                (taken_over_by, allowed.incoming, "接班人应是下一班的值班人员")):
        if chosen is not None and all(m.id != chosen for m in group):
            raise HandoverError(what)
    with db.atomic():
        Handover.update(handed_over_by=handed_over_by, taken_over_by=taken_over_by,
                        updated_at=now_seconds()).where(Handover.id == handover_id).execute()
    return Handover.get_by_id(handover_id)
