"""Manual changes to the rota. Conflicts are not blocked here (see conflicts.py marks them);
only exact duplicates are refused. Every write runs in one transaction."""
from __future__ import annotations

import datetime as dt

from ..errors import UserError
from ..models import DutyAssignment, Member, Post, ShiftDefinition, db


class EditRefused(UserError, ValueError):
    """The edit would make the rota inconsistent (e.g. a person twice on one shift)."""


def _duplicate(day, post_id, shift_id, member_id, exclude: tuple = ()) -> bool:
    query = DutyAssignment.select().where(
        (DutyAssignment.date == day) & (DutyAssignment.post == post_id)
        & (DutyAssignment.shift == shift_id) & (DutyAssignment.member == member_id)
    )
    if exclude:
        query = query.where(DutyAssignment.id.not_in(list(exclude)))
    return query.exists()


def assign(day: dt.date, post_id: int, shift_id: int, member_id: int, pinned: bool = False) -> DutyAssignment:
    with db.atomic():
        if _duplicate(day, post_id, shift_id, member_id):
            raise EditRefused("该人员已排在这个班次")
        return DutyAssignment.create(date=day, post=post_id, shift=shift_id, member=member_id,
                                     pinned=pinned, source="manual")


def unassign(assignment_id: int) -> None:
    with db.atomic():
        DutyAssignment.delete().where(DutyAssignment.id == assignment_id).execute()


def move(assignment_id: int, member_id: int) -> DutyAssignment:
    """Give the shift to another person."""
    with db.atomic():
        row = DutyAssignment.get_by_id(assignment_id)
        if row.member_id == member_id:
            return row
        if _duplicate(row.date, row.post_id, row.shift_id, member_id, exclude=(row.id,)):
            raise EditRefused("该人员已排在这个班次")
        row.member = member_id
        row.source = "manual"
        row.save()
        return row


def swap(assignment_a_id: int, assignment_b_id: int) -> tuple[DutyAssignment, DutyAssignment]:
    """Exchange the people of two assignments (换班)."""
    with db.atomic():
        a = DutyAssignment.get_by_id(assignment_a_id)
        b = DutyAssignment.get_by_id(assignment_b_id)
        same_slot = (a.date, a.post_id, a.shift_id) == (b.date, b.post_id, b.shift_id)
        if a.member_id == b.member_id or same_slot:
            return a, b  # nothing would change
        pair = (a.id, b.id)
        if _duplicate(a.date, a.post_id, a.shift_id, b.member_id, pair) or _duplicate(
                b.date, b.post_id, b.shift_id, a.member_id, pair):
            raise EditRefused("换班后会有人在同一班次重复出现")
        # different slots: the unique (date, post, shift, member) index cannot collide midway
        a.member, b.member = b.member_id, a.member_id
        a.source = b.source = "manual"
        a.save()
        b.save()
        return a, b


def set_pinned(assignment_id: int, pinned: bool) -> None:
    with db.atomic():
        DutyAssignment.update(pinned=bool(pinned)).where(DutyAssignment.id == assignment_id).execute()


def rota(date_from: dt.date, date_to: dt.date) -> list[DutyAssignment]:
    """Assignments of the days, with post, shift and member joined (one query)."""
    return list(
        DutyAssignment.select(DutyAssignment, Post, ShiftDefinition, Member)
        .join(Post).switch(DutyAssignment).join(ShiftDefinition).switch(DutyAssignment).join(Member)
        .where(DutyAssignment.date.between(date_from, date_to))
        .order_by(DutyAssignment.date, Post.position, Post.id, ShiftDefinition.position,
                  ShiftDefinition.id, Member.name_pinyin, Member.id)
    )
