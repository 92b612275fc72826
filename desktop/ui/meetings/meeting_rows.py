"""The rows of the meetings list, read through the meetings service a page at a time.

Kept apart from the table model so the model never touches the database: the model asks
MeetingPages for finished MeetingRows and data() only reads them.
"""
from __future__ import annotations

import datetime as dt

from ...meetings.figures import meeting_figures
from ...meetings.search import (
    MeetingBrief,
    MeetingKey,
    count_meetings,
    meeting_key,
    search_meetings,
)
from .meeting_table_model import MeetingRow

PAGE = 200  # rows a page: a few screens, read in ~10 ms on a big year


def build_rows(meetings: list[MeetingBrief]) -> list[MeetingRow]:
    """One MeetingRow per meeting (search_meetings(brief=True)): three queries for the
    figures of these meetings, however long the list."""
    figures = meeting_figures(m.id for m in meetings)
    rows = []
    for meeting in meetings:
        counts = figures[meeting.id]
        rows.append(MeetingRow(
            meeting=meeting,
            type_name=meeting.type_name,
            host_name=meeting.host_name,
            expected=counts.expected,
            present=counts.present,
            decisions=counts.decisions,
            actions=counts.actions,
            open_actions=counts.open_actions,
        ))
    return rows


class MeetingPages:
    """The meetings some filters match, newest first, read on from the last row handed out.

    Each read is one search query and three for the figures, however far down the list
    (through(): one more to find the meeting and one for the page after it).
    """

    def __init__(self, text: str = "", type_id=None, date_from: dt.date | None = None,
                 date_to: dt.date | None = None, page_size: int = PAGE):
        self._filters = {"text": text, "type_id": type_id, "date_from": date_from, "date_to": date_to}
        self.page_size = max(1, page_size)
        self._last: MeetingKey | None = None
        self._more = True

    def count(self) -> tuple[int, int]:
        """(meetings, of which 进行中) in the whole list: one query."""
        return count_meetings(**self._filters)

    def has_more(self) -> bool:
        """Whether rows may remain after those handed out (known after a page: it reads one extra)."""
        return self._more

    def next_page(self) -> list[MeetingRow]:
        found = self._read(limit=self.page_size + 1)
        self._more = len(found) > self.page_size
        return self._handed_out(found[: self.page_size])

    def rest(self) -> list[MeetingRow]:
        """Every row not handed out yet."""
        found = self._read()
        self._more = False
        return self._handed_out(found)

    def through(self, meeting_id: int) -> list[MeetingRow]:
        """The rows down to that meeting, it included, and a page after it (so it is not the
        last row, and whether more remain is known); none if it is read already or gone."""
        place = meeting_key(meeting_id) if self._more else None
        if place is None or (self._last is not None and self._last <= place):  # keys descend
            return []
        down_to = self._read(until=place)
        after = search_meetings(**self._filters, brief=True, limit=self.page_size + 1,
                                after=down_to[-1].key if down_to else self._last)
        self._more = len(after) > self.page_size
        return self._handed_out(down_to + after[: self.page_size])

    def _read(self, **bounds) -> list[MeetingBrief]:
        if not self._more:
            return []
        return search_meetings(**self._filters, brief=True, after=self._last, **bounds)

    def _handed_out(self, meetings: list[MeetingBrief]) -> list[MeetingRow]:
        if meetings:
            self._last = meetings[-1].key
        return build_rows(meetings)
