"""Find meetings by any text on the record, in one query however many meetings there are.

LIKE (not FTS) because most Chinese names are two characters and trigram indexes need
three; SQLite's LIKE already ignores case for Latin letters. The wildcards % and _ and
the escape character itself are escaped so they match literally.
"""
from __future__ import annotations

import datetime as dt

from peewee import SQL

from ..models import Meeting, MeetingType
from .common import key

ESCAPE = "\\"

# Each part yields the ids of meetings where the pattern matches; {like} takes one parameter.
_PARTS = (
    # The header, its type, host and recorder.
    """SELECT m.id FROM meeting m
       JOIN meeting_type t ON t.id = m.meeting_type_id
       LEFT JOIN member h ON h.id = m.host_id
       LEFT JOIN member r ON r.id = m.recorder_id
       WHERE m.title {like} OR m.place {like}
          OR m.guests {like} OR m.study_content {like}
          OR m.problems {like} OR t.name {like}
          OR h.name {like} OR r.name {like}""",
    "SELECT meeting_id FROM meeting_topic WHERE text {like}",
    """SELECT n.meeting_id FROM meeting_note n LEFT JOIN member s ON s.id = n.speaker_id
       WHERE n.text {like} OR n.speaker_name {like}
          OR s.name {like}""",
    "SELECT meeting_id FROM meeting_decision WHERE text {like}",
    """SELECT a.meeting_id FROM action_item a LEFT JOIN member o ON o.id = a.owner_id
       WHERE a.text {like} OR o.name {like}""",
    # Attendance has a row per person per meeting (600,000 in a big year): names are matched
    # in the member table first, and only absences carry a reason or note (set_present()
    # clears both), so the rest of the table is never read.
    """SELECT meeting_id FROM meeting_attendance
       WHERE member_id IN (SELECT id FROM member WHERE name {like})""",
    """SELECT meeting_id FROM meeting_attendance
       WHERE NOT present AND (note {like} OR absence_reason {like})""",
)


def like_pattern(text: str) -> str:
    """'%text%' with %, _ and the escape character made literal."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{escaped}%"


_LIKE = "LIKE ? ESCAPE '\\'"
MATCHING_IDS_SQL = "(" + "\nUNION\n".join(part.format(like=_LIKE) for part in _PARTS) + ")"
_PARAMS = MATCHING_IDS_SQL.count("?")


# What a list of meetings shows: reading only these halves the time for 2,000 meetings.
BRIEF_FIELDS = (Meeting.id, Meeting.meeting_type, Meeting.title, Meeting.date, Meeting.start_time,
                Meeting.host, Meeting.status)


def search_meetings(
    text: str = "", type_id=None, date_from: dt.date | None = None,
    date_to: dt.date | None = None, limit: int | None = None, brief: bool = False,
) -> list[Meeting]:
    """Meetings whose record contains *text* anywhere, newest first, with their type loaded.

    One SQL statement: the text is matched by a UNION of per-table subqueries.
    brief: only BRIEF_FIELDS and the type's name are read, for showing a list (never save
    such a meeting; get_meeting() reads the whole record).
    """
    text = (text or "").strip()
    if brief:
        query = Meeting.select(*BRIEF_FIELDS, MeetingType.id, MeetingType.name).join(MeetingType)
    else:
        query = Meeting.select(Meeting, MeetingType).join(MeetingType)
    if text:
        ids = SQL(MATCHING_IDS_SQL, [like_pattern(text)] * _PARAMS)
        query = query.where(Meeting.id.in_(ids))
    if type_id is not None:
        query = query.where(Meeting.meeting_type == key(type_id))
    if date_from is not None:
        query = query.where(Meeting.date >= date_from)
    if date_to is not None:
        query = query.where(Meeting.date <= date_to)
    query = query.order_by(Meeting.date.desc(), Meeting.id.desc())
    if limit:
        query = query.limit(limit)
    return list(query)
