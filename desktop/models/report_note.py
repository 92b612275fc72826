"""Text the secretary writes for a report: 成效 / 问题 / 下一步 of a work report, or the
written assessment of one cadre (下沉干部现实表现)."""
from __future__ import annotations

from peewee import AutoField, CharField, DateField, DateTimeField, ForeignKeyField, TextField

from .db import BaseModel, now_seconds
from .member import Member


class ReportNote(BaseModel):
    id = AutoField()
    kind = CharField()  # 'summary' | 'cadre'
    member = ForeignKeyField(Member, null=True, backref="report_notes", on_delete="RESTRICT")
    period_from = DateField()
    period_to = DateField()
    section = CharField()  # 成效 / 问题 / 下一步 / 评价
    text = TextField(default="")
    updated_at = DateTimeField(default=now_seconds)

    class Meta:
        table_name = "report_note"
        indexes = ((("kind", "member", "period_from", "period_to", "section"), False),)
