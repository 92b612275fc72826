"""Unsaved typing, kept so a crash or power cut never costs what was typed."""
from __future__ import annotations

import datetime as dt

from peewee import AutoField, CharField, DateTimeField, TextField

from .db import BaseModel


class Draft(BaseModel):
    """One form's unsaved state: *kind* names the form, *key* the record (or 'new')."""

    id = AutoField()
    kind = CharField()
    key = CharField()
    payload = TextField()  # JSON
    updated_at = DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "draft"
        indexes = ((("kind", "key"), True),)
