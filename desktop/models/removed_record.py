"""What was removed on purpose, kept after the row itself is gone.

A finalized meeting is an official record: removing it needs a reason, and the removal
leaves this trace (the reason and a full snapshot), since its own revisions go with it.
"""
from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, TextField

from .db import BaseModel, now_seconds


class RemovedRecord(BaseModel):
    id = AutoField()
    kind = CharField(index=True)  # 'meeting', ...
    label = CharField(default="")  # what a person recognises: "2026-12-05 每日例会"
    reason = TextField(default="")
    snapshot = TextField(default="")  # JSON of the record as it was when removed
    removed_at = DateTimeField(default=now_seconds)

    class Meta:
        table_name = "removed_record"
