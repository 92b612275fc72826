"""Find meetings by any text on the record, in one query however many meetings there are,
newest first and a page at a time if wanted (a keyset: each page goes on from the last row).

LIKE (not FTS) because most Chinese names are two characters and trigram indexes need
three; SQLite's LIKE already ignores case for Latin letters. The wildcards % and _ and
the escape character itself are escaped so they match literally.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from peewee import JOIN, SQL, fn

from ..models import Meeting, MeetingType, Member
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


# (date, start time, id): the list's order, newest first. The start time orders a day's
# meetings as the list always showed them; the id (the order made) settles the rest.
MeetingKey = tuple[dt.date, str, int]


class MeetingBrief(NamedTuple):
    """What a list of meetings shows of one meeting, as plain values: read from a tuple per
    row, half the time of a Meeting and its MeetingType per row (8 against 17 ms for 2,000)."""

    id: int
    date: dt.date
    start_time: str
    title: str
    status: str
    type_name: str
    host_id: int | None
    host_name: str

    @property
    def key(self) -> MeetingKey:
        """Its place in the list: search_meetings(after=brief.key) goes on after it."""
        return self.date, self.start_time, self.id

    @property
    def is_final(self) -> bool:
        return self.status == Meeting.FINAL


_BRIEF_FIELDS = (Meeting.id, Meeting.date, Meeting.start_time, Meeting.title, Meeting.status,
                 MeetingType.name, Meeting.host, Member.name)


def _filtered(query, text: str, type_id, date_from: dt.date | None, date_to: dt.date | None):
    if text:
        ids = SQL(MATCHING_IDS_SQL, [like_pattern(text)] * _PARAMS)
        query = query.where(Meeting.id.in_(ids))
    if type_id is not None:
        query = query.where(Meeting.meeting_type == key(type_id))
    if date_from is not None:
        query = query.where(Meeting.date >= date_from)
    if date_to is not None:
        query = query.where(Meeting.date <= date_to)
    return query


def _before(place: MeetingKey):
    """Meetings strictly after *place* in the order (date, start time, id), all descending."""
    day, start, meeting_id = place
    return (Meeting.date < day) | ((Meeting.date == day) & (
        (Meeting.start_time < start) | ((Meeting.start_time == start) & (Meeting.id < meeting_id))))


def search_meetings(
    text: str = "", type_id=None, date_from: dt.date | None = None,
    date_to: dt.date | None = None, limit: int | None = None, brief: bool = False,
    after: MeetingKey | None = None, until: MeetingKey | None = None,
) -> list:
    """Meetings whose record contains *text* anywhere, newest first (date, start time, id
    descending), with their type loaded.

    One SQL statement: the text is matched by a UNION of per-table subqueries.
    Paging by keyset: *after* is the key of the last meeting shown, and the next call goes on
    from it, so pages read with the same filters join up to the unlimited result; *until* a
    key stops after that meeting (inclusive).
    brief: MeetingBrief tuples (what a list shows) instead of Meeting models.
    """
    text = (text or "").strip()
    if brief:
        query = (Meeting.select(*_BRIEF_FIELDS).join(MeetingType)
                 .switch(Meeting).join(Member, JOIN.LEFT_OUTER, on=(Meeting.host == Member.id)))
    else:
        query = Meeting.select(Meeting, MeetingType).join(MeetingType)
    query = _filtered(query, text, type_id, date_from, date_to)
    if after is not None:
        query = query.where(_before(after))
    if until is not None:
        query = query.where(~_before(until))
    query = query.order_by(Meeting.date.desc(), Meeting.start_time.desc(), Meeting.id.desc())
    if limit:
        query = query.limit(limit)
    if brief:
        return [MeetingBrief(*row[:7], row[7] or "") for row in query.tuples()]
    return list(query)


def count_meetings(text: str = "", type_id=None, date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> tuple[int, int]:
    """(meetings, of which still 进行中) that search_meetings finds with these filters: one query."""
    drafts = fn.SUM((Meeting.status != Meeting.FINAL).cast("INTEGER"))
    query = Meeting.select(fn.COUNT(Meeting.id), drafts)
    total, open_ = _filtered(query, (text or "").strip(), type_id, date_from, date_to).tuples()[0]
    return total, open_ or 0


def meeting_key(meeting_id: int) -> MeetingKey | None:
    """Where the meeting stands in the list's order (None if there is no such meeting)."""
    row = (Meeting.select(Meeting.date, Meeting.start_time, Meeting.id)
           .where(Meeting.id == meeting_id).tuples().first())
    return (row[0], row[1], row[2]) if row else None
