"""The branch profile: a single row describing the temporary Party branch."""
from __future__ import annotations

import uuid

from peewee import AutoField, CharField, DateField, TextField

from .db import BaseModel


def new_uid() -> str:
    return uuid.uuid4().hex


class Branch(BaseModel):
    """The secretary and committee are not stored here: they are the members whose
    branch_role says so, so the roster and the profile can never disagree.

    ``uid`` is the stable identity of this database and its branch (a UUID made when the
    file is created, added to older files by migration v10): backups name it, restore
    compares it, data packages carry it as the branch id."""

    id = AutoField()
    uid = CharField(default=new_uid)
    name = CharField(default="")
    kind = CharField(default="临时党支部")
    compound = CharField(default="")
    community = CharField(default="")
    subdistrict = CharField(default="")
    approving_org = CharField(default="")  # 上级党组织 (the organisation that approved the branch)
    org_code = CharField(default="")  # optional organisation code of the branch
    approval_doc_no = CharField(default="")
    approval_date = DateField(null=True)
    founded_on = DateField(null=True)
    dissolved_on = DateField(null=True)
    notes = TextField(default="")

    class Meta:
        table_name = "branch"

    @classmethod
    def current(cls) -> Branch:
        """The profile row, created empty on first use (read-only readers get an unsaved one)."""
        row = cls.select().order_by(cls.id).first()
        if row is None:
            if cls._meta.database.execute_sql("PRAGMA query_only").fetchone()[0]:
                return cls()  # e.g. the report child process: the defaults, nothing written
            row = cls.create()
        return row
