"""Duty at the compound's gates and checkpoints: posts, shift patterns, availability,
the rota (assignments) and the handover record of every shift."""
from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from .db import BaseModel, now_seconds
from .member import Member


class ShiftPattern(BaseModel):
    """A named set of shifts, e.g. 三班倒 (08:00–16:00, 16:00–24:00, 00:00–08:00)."""

    id = AutoField()
    name = CharField(unique=True)
    notes = TextField(default="")

    class Meta:
        table_name = "shift_pattern"


class ShiftDefinition(BaseModel):
    """One shift of a pattern. Times 'HH:MM'; an end at or before the start runs overnight."""

    id = AutoField()
    pattern = ForeignKeyField(ShiftPattern, backref="shifts", on_delete="CASCADE")
    name = CharField()  # 早班 / 中班 / 夜班 ...
    start_time = CharField()
    end_time = CharField()
    is_night = BooleanField(default=False)
    position = IntegerField(default=0)

    class Meta:
        table_name = "shift_definition"


class Post(BaseModel):
    """A gate or checkpoint (卡口 / 值守点) staffed on every shift of its pattern."""

    id = AutoField()
    name = CharField(unique=True)
    location = CharField(default="")
    pattern = ForeignKeyField(ShiftPattern, backref="posts", on_delete="RESTRICT")
    people_needed = IntegerField(default=1)
    party_member_required = BooleanField(default=False)  # 党员带班
    active_from = DateField(null=True)
    active_to = DateField(null=True)
    position = IntegerField(default=0)
    notes = TextField(default="")

    class Meta:
        table_name = "post"


class Unavailability(BaseModel):
    """Days a member cannot serve (inclusive range)."""

    id = AutoField()
    member = ForeignKeyField(Member, backref="unavailability", on_delete="CASCADE")
    start_date = DateField()
    end_date = DateField()
    reason = CharField(default="请假")  # 请假 / 返回原单位 / 隔离 / 病假 / 其他
    note = CharField(default="")

    class Meta:
        table_name = "unavailability"


class DutyPreference(BaseModel):
    """Optional limits and wishes of one member for the automatic rota."""

    id = AutoField()
    member = ForeignKeyField(Member, backref="duty_preferences", unique=True, on_delete="CASCADE")
    max_hours_per_week = IntegerField(null=True)
    no_nights = BooleanField(default=False)  # hard: never a night shift
    avoid_nights = BooleanField(default=False)  # soft
    preferred_post = ForeignKeyField(Post, null=True, backref="preferred_by", on_delete="SET NULL")

    class Meta:
        table_name = "duty_preference"


class DutyAssignment(BaseModel):
    """One person on one shift of one post on one day (the day the shift starts)."""

    id = AutoField()
    date = DateField(index=True)
    post = ForeignKeyField(Post, backref="assignments", on_delete="CASCADE")
    shift = ForeignKeyField(ShiftDefinition, backref="assignments", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="duty_assignments", on_delete="RESTRICT")
    pinned = BooleanField(default=False)
    source = CharField(default="auto")  # auto / manual
    created_at = DateTimeField(default=now_seconds)

    class Meta:
        table_name = "duty_assignment"
        indexes = ((("date", "post", "shift", "member"), True),)


class Handover(BaseModel):
    """交接班记录 of one shift at one post on one day."""

    id = AutoField()
    date = DateField(index=True)
    post = ForeignKeyField(Post, backref="handovers", on_delete="CASCADE")
    shift = ForeignKeyField(ShiftDefinition, backref="handovers", on_delete="CASCADE")
    people_checked = IntegerField(default=0)
    vehicles_checked = IntegerField(default=0)
    fever_cases = IntegerField(default=0)
    no_code_cases = IntegerField(default=0)  # 无健康码 / 行程码异常
    other_abnormal = IntegerField(default=0)
    events = TextField(default="")  # notable events
    items_handed = TextField(default="")  # 登记册、测温枪 ...
    open_matters = TextField(default="")  # for the next shift
    # 交班人 (someone on this shift) and 接班人 (someone on the next): they sign the printed record.
    handed_over_by = ForeignKeyField(Member, null=True, backref="handovers_given", on_delete="RESTRICT")
    taken_over_by = ForeignKeyField(Member, null=True, backref="handovers_taken", on_delete="RESTRICT")
    created_at = DateTimeField(default=now_seconds)
    updated_at = DateTimeField(default=now_seconds)

    class Meta:
        table_name = "handover"
        indexes = ((("date", "post", "shift"), True),)


class HandoverPerson(BaseModel):
    """Who actually served on the shift, with check-in and check-out times ('HH:MM')."""

    id = AutoField()
    handover = ForeignKeyField(Handover, backref="people", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="handovers_served", on_delete="RESTRICT")
    check_in = CharField(default="")
    check_out = CharField(default="")

    class Meta:
        table_name = "handover_person"
        indexes = ((("handover", "member"), True),)


class Setting(BaseModel):
    """Small named settings kept with the records (e.g. the minimum rest between shifts)."""

    id = AutoField()
    key = CharField(unique=True)
    value = TextField(default="")

    class Meta:
        table_name = "setting"


DUTY_MODELS = [
    ShiftPattern, ShiftDefinition, Post, Unavailability, DutyPreference, DutyAssignment,
    Handover, HandoverPerson, Setting,
]
