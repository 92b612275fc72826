"""发言记录: time-stamped lines typed live, and the half-typed line kept against a crash."""
from __future__ import annotations

import datetime as dt
import json

from peewee import JOIN

from ..models import Draft, MeetingNote, Member, db
from .common import (
    MeetingError,
    clean_hhmmss,
    clean_line,
    clean_text,
    ensure_held,
    get_member,
    key,
    next_position,
    touch,
    writable,
)

PENDING_KIND = "meeting-line"
_NOTE_FIELDS = {"text", "speaker_id", "speaker", "speaker_name", "said_at", "at"}


def get_note(note_id) -> MeetingNote:
    found = MeetingNote.get_or_none(MeetingNote.id == key(note_id))
    if found is None:
        raise MeetingError("找不到该条发言记录，可能已被删除。")
    return found


def notes(meeting) -> list[MeetingNote]:
    """The meeting's lines in order, speakers joined in the same query."""
    return list(
        MeetingNote.select(MeetingNote, Member)
        .join(Member, JOIN.LEFT_OUTER)
        .where(MeetingNote.meeting == key(meeting))
        .order_by(MeetingNote.position, MeetingNote.id)
    )


def speaker_label(note: MeetingNote) -> str:
    """Who said it: the roster name, else the typed name of a guest, else ''."""
    return note.speaker.name if note.speaker_id else note.speaker_name


def _speaker(speaker_id, speaker_name) -> tuple[Member | None, str]:
    member = get_member(speaker_id)
    # A roster speaker wins; a typed name is only for guests not on the roster.
    name = "" if member else clean_line(speaker_name, "发言人")
    return member, name


def add_note(meeting_id, text: str, speaker_id=None, speaker_name: str = "", at=None) -> MeetingNote:
    """Append a line; said_at defaults to now. Refused for a meeting dated after today."""
    text = clean_text(text, "发言内容")
    if not text:
        raise MeetingError("发言内容不能为空。")
    with db.atomic():
        meeting = writable(meeting_id)
        ensure_held(meeting)
        speaker, name = _speaker(speaker_id, speaker_name)
        note = MeetingNote.create(
            meeting=meeting, position=next_position(MeetingNote, meeting.id),
            said_at=clean_hhmmss(at), speaker=speaker, speaker_name=name, text=text,
        )
        touch(meeting.id)
        return note


def update_note(note_id, **fields) -> MeetingNote:
    """Change text, speaker (speaker_id / speaker_name) or said_at of one line."""
    unknown = set(fields) - _NOTE_FIELDS
    if unknown:
        raise TypeError(f"update_note: unknown fields {sorted(unknown)}")
    with db.atomic():
        note = get_note(note_id)
        writable(note.meeting_id)
        if "text" in fields:
            text = clean_text(fields["text"], "发言内容")
            if not text:
                raise MeetingError("发言内容不能为空，如要删除请使用“删除”。")
            note.text = text
        if {"speaker_id", "speaker", "speaker_name"} & set(fields):
            member_id = fields.get("speaker_id", fields.get("speaker", note.speaker_id))
            if "speaker_name" in fields and "speaker_id" not in fields and "speaker" not in fields:
                member_id = None  # typing a guest's name replaces the roster speaker
            note.speaker, note.speaker_name = _speaker(member_id, fields.get("speaker_name", ""))
        if "said_at" in fields or "at" in fields:
            note.said_at = clean_hhmmss(fields.get("said_at", fields.get("at")))
        note.save()
        touch(note.meeting_id)
        return note


def delete_note(note_id) -> None:
    """Decisions and action items made from the line stay: they are records of their own."""
    with db.atomic():
        note = get_note(note_id)
        writable(note.meeting_id)
        note.delete_instance()
        touch(note.meeting_id)


def move_note(note_id, offset: int) -> None:
    """Move a line up (-1) or down (+1); positions are renumbered 1..n."""
    with db.atomic():
        note = get_note(note_id)
        writable(note.meeting_id)
        lines = notes(note.meeting_id)
        index = next(i for i, n in enumerate(lines) if n.id == note.id)
        target = max(0, min(len(lines) - 1, index + offset))
        lines.insert(target, lines.pop(index))
        for position, line in enumerate(lines, start=1):
            if line.position != position:
                MeetingNote.update(position=position).where(MeetingNote.id == line.id).execute()
        touch(note.meeting_id)


# The line being typed is saved every couple of seconds by the UI, so a crash or power
# cut loses at most that much. It lives in the Draft table, one row per meeting.

def save_pending_line(meeting_id, text: str) -> None:
    """Keep the half-typed line; an empty one clears it. Raw text, not validated: it is not a record yet."""
    if not (text or "").strip():
        clear_pending_line(meeting_id)
        return
    payload = json.dumps({"text": text})  # ASCII escapes: even a lone surrogate survives
    with db.atomic():
        Draft.insert(
            kind=PENDING_KIND, key=str(key(meeting_id)), payload=payload, updated_at=dt.datetime.now()
        ).on_conflict(
            conflict_target=[Draft.kind, Draft.key],
            update={Draft.payload: payload, Draft.updated_at: dt.datetime.now()},
        ).execute()


def load_pending_line(meeting_id) -> str:
    row = Draft.get_or_none((Draft.kind == PENDING_KIND) & (Draft.key == str(key(meeting_id))))
    if row is None:
        return ""
    try:
        return str(json.loads(row.payload).get("text", ""))
    except (ValueError, AttributeError):
        return ""  # a damaged draft is not worth a crash; the record itself is safe


def clear_pending_line(meeting_id) -> None:
    with db.atomic():
        Draft.delete().where(
            (Draft.kind == PENDING_KIND) & (Draft.key == str(key(meeting_id)))
        ).execute()
