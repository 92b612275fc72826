"""Cadres' diaries (包保日记): one entry per member per day, with tags, figures and photos."""
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
from .duty import DutyAssignment
from .member import Member


class DiaryTag(BaseModel):
    """The editable list of work kinds (值守, 核酸检测, 物资配送 ...)."""

    id = AutoField()
    name = CharField(unique=True)
    sort_order = IntegerField(default=0)
    active = BooleanField(default=True)

    class Meta:
        table_name = "diary_tag"


class DiaryEntry(BaseModel):
    """A member's diary for one day; text is searched through the diary_fts table."""

    id = AutoField()
    member = ForeignKeyField(Member, backref="diary_entries", on_delete="RESTRICT")
    date = DateField(index=True)
    text = TextField(default="")
    duty_assignment = ForeignKeyField(
        DutyAssignment, null=True, backref="diary_entries", on_delete="SET NULL"
    )
    created_at = DateTimeField(default=now_seconds)
    updated_at = DateTimeField(default=now_seconds)

    class Meta:
        table_name = "diary_entry"
        indexes = ((("member", "date"), True),)


class DiaryEntryTag(BaseModel):
    id = AutoField()
    entry = ForeignKeyField(DiaryEntry, backref="entry_tags", on_delete="CASCADE")
    tag = ForeignKeyField(DiaryTag, backref="entry_tags", on_delete="RESTRICT")

    class Meta:
        table_name = "diary_entry_tag"
        indexes = ((("entry", "tag"), True),)


class DiaryFigure(BaseModel):
    """A number worth summing in reports: 走访户数 12, 配送物资 30 件 ..."""

    id = AutoField()
    entry = ForeignKeyField(DiaryEntry, backref="figures", on_delete="CASCADE")
    label = CharField()
    value = IntegerField(default=0)
    unit = CharField(default="")
    position = IntegerField(default=0)

    class Meta:
        table_name = "diary_figure"


class DiaryPhoto(BaseModel):
    """A photo copied into the data folder; stored_name is relative to the photos folder."""

    id = AutoField()
    entry = ForeignKeyField(DiaryEntry, backref="photos", on_delete="CASCADE")
    stored_name = CharField()
    original_name = CharField(default="")
    sha256 = CharField(index=True)
    width = IntegerField(default=0)
    height = IntegerField(default=0)
    position = IntegerField(default=0)
    added_at = DateTimeField(default=now_seconds)

    class Meta:
        table_name = "diary_photo"


DIARY_MODELS = [DiaryTag, DiaryEntry, DiaryEntryTag, DiaryFigure, DiaryPhoto]

# Full-text search: an external-content FTS5 table over diary_entry.text with the trigram
# tokenizer (Chinese has no spaces; trigram needs 3+ characters, shorter queries use LIKE).
DIARY_FTS_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS diary_fts USING fts5("
    "text, content='diary_entry', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS diary_entry_ai AFTER INSERT ON diary_entry BEGIN "
    "INSERT INTO diary_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS diary_entry_ad AFTER DELETE ON diary_entry BEGIN "
    "INSERT INTO diary_fts(diary_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS diary_entry_au AFTER UPDATE OF text ON diary_entry BEGIN "
    "INSERT INTO diary_fts(diary_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO diary_fts(rowid, text) VALUES (new.id, new.text); END",
)
