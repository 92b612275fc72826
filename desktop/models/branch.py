"""The branch profile: a single row describing the temporary Party branch."""
from __future__ import annotations

from peewee import AutoField, CharField, DateField, TextField

from .db import BaseModel


class Branch(BaseModel):
    """The secretary and committee are not stored here: they are the members whose
    branch_role says so, so the roster and the profile can never disagree."""

    id = AutoField()
    name = CharField(default="")
    kind = CharField(default="临时党支部")
    compound = CharField(default="")
    community = CharField(default="")
    subdistrict = CharField(default="")
    approving_org = CharField(default="")
    approval_doc_no = CharField(default="")
    approval_date = DateField(null=True)
    founded_on = DateField(null=True)
    dissolved_on = DateField(null=True)
    notes = TextField(default="")

    class Meta:
        table_name = "branch"

    @classmethod
    def current(cls) -> "Branch":
        """The profile row, created empty on first use (read-only readers get an unsaved one)."""
        row = cls.select().order_by(cls.id).first()
        if row is None:
            if cls._meta.database.execute_sql("PRAGMA query_only").fetchone()[0]:
                return cls()  # e.g. the report child process: the defaults, nothing written
            row = cls.create()
        return row
