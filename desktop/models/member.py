"""The roster: teams and members of the branch."""
from __future__ import annotations

from peewee import (
    AutoField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from .db import BaseModel, now_seconds


class Team(BaseModel):
    """A 小分队 / 班组 within the branch."""

    id = AutoField()
    name = CharField(unique=True)
    sort_order = IntegerField(default=0)

    class Meta:
        table_name = "team"


class Member(BaseModel):
    """One person on the roster. Partial dates (birth, joined the Party) are 'YYYY-MM' or 'YYYY-MM-DD'."""

    id = AutoField()
    name = CharField()
    name_pinyin = CharField(default="", index=True)  # schema v2: sort key in pinyin order
    gender = CharField(default="")
    birth_date = CharField(default="")
    ethnicity = CharField(default="")
    political_status = CharField(default="")
    party_joined = CharField(default="")
    unit = CharField(default="", index=True)
    unit_post = CharField(default="")
    home_org = CharField(default="")
    branch_role = CharField(default="")
    team = ForeignKeyField(Team, null=True, backref="members", on_delete="SET NULL")
    phone = CharField(default="")
    id_number = CharField(default="")
    arrived_on = DateField(null=True)
    departed_on = DateField(null=True)
    health_status = CharField(default="")
    notes = TextField(default="")
    created_at = DateTimeField(default=now_seconds)
    updated_at = DateTimeField(default=now_seconds)

    class Meta:
        table_name = "member"

    @property
    def departed(self) -> bool:
        return self.departed_on is not None

    def __str__(self) -> str:
        return self.name
