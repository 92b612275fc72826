"""Unsaved typing kept in the Draft table, so a crash or power cut costs nothing typed.

*kind* names the form ('member', later 'meeting', 'diary'); *key* the record id or 'new'.
The payload is any JSON-able dict the form can put back.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..models import Draft, db


@dataclass(frozen=True)
class SavedDraft:
    kind: str
    key: str
    payload: dict
    updated_at: dt.datetime


def save_draft(kind: str, key: str, payload: dict, now: dt.datetime | None = None) -> None:
    """Insert or replace the draft for (kind, key) in one transaction."""
    text = json.dumps(payload, ensure_ascii=False)
    when = (now or dt.datetime.now()).replace(microsecond=0)
    with db.atomic():
        (Draft.insert(kind=kind, key=str(key), payload=text, updated_at=when)
         .on_conflict(conflict_target=[Draft.kind, Draft.key],
                      update={Draft.payload: text, Draft.updated_at: when})
         .execute())


def _saved(row: Draft) -> SavedDraft | None:
    try:
        payload = json.loads(row.payload)
    except ValueError:
        return None
    if not isinstance(payload, dict):
        return None
    return SavedDraft(row.kind, row.key, payload, row.updated_at)


def load_draft(kind: str, key: str) -> SavedDraft | None:
    row = Draft.get_or_none((Draft.kind == kind) & (Draft.key == str(key)))
    return _saved(row) if row is not None else None


def discard_draft(kind: str, key: str) -> None:
    with db.atomic():
        Draft.delete().where((Draft.kind == kind) & (Draft.key == str(key))).execute()


def list_drafts(kind: str | None = None) -> list[SavedDraft]:
    """Drafts newest first (unreadable ones are skipped, not raised)."""
    query = Draft.select().order_by(Draft.updated_at.desc(), Draft.id.desc())
    if kind is not None:
        query = query.where(Draft.kind == kind)
    return [draft for draft in map(_saved, query) if draft is not None]


def describe_time(when: dt.datetime) -> str:
    return f"{when:%Y-%m-%d %H:%M}"
