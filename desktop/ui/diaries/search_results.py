"""The hits of one diary search, newest first, read a page at a time: the view asks for the
next page (canFetchMore/fetchMore) when it is scrolled to the end, so every hit can be
reached while the first page costs what it always did."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal

from ...diaries.search import author_ids, search_diaries, search_terms
from .diary_format import day_heading, highlighted
from .hit_delegate import HtmlRole

PAGE = 200
HitRole = Qt.ItemDataRole.UserRole + 11  # (member_id, date): what double-click opens


@dataclass(frozen=True)
class _Row:
    html: str
    tooltip: str
    target: tuple[int, object]
    key: tuple  # (date, id): the cursor for the page after this row


def _row(hit) -> _Row:
    entry = hit.entry
    # The author's name lit where a word matched it: that is why an entry without the word is a hit.
    head = f'<span style="color:#1F2329; font-weight:bold">{highlighted(hit.member_name, hit.name_spans)}</span>' \
           f'<span style="color:#6B7280">　{day_heading(entry.date)}</span>'
    return _Row(f"{head}<br>{highlighted(hit.snippet, hit.spans)}", f"{hit.member_name} {entry.date} {hit.snippet}",
                (entry.member_id, entry.date), hit.key)


class SearchResultsModel(QAbstractListModel):
    """SearchResultsModel(parent, page_size=PAGE). start(query, filters) shows the first page;
    clear() shows nothing.

    Signals: fetched() after each page read (also when it was empty).
    """

    fetched = Signal()

    def __init__(self, parent=None, page_size: int = PAGE):
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list[_Row] = []
        self._search: tuple[str, dict] | None = None
        self._authors: dict[str, list[int]] = {}
        self._more = False

    def start(self, query: str, filters: dict) -> None:
        """A new search: forget the pages read so far and read the first."""
        self.beginResetModel()
        self._rows, self._search, self._more = [], (query, dict(filters)), True
        # Which authors the words name, once per search: the next pages need not ask again.
        self._authors = author_ids(search_terms(query)) if search_terms(query) else {}
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._search, self._more = [], None, False
        self.endResetModel()

    def has_more(self) -> bool:
        """Whether hits older than the last row shown exist (known: each page reads one extra)."""
        return self._more

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == HtmlRole:
            return row.html
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == HitRole:
            return row.target
        return None

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:
        """The next page after the last row; one hit more than shown tells whether more remain."""
        if not self.canFetchMore(parent) or self._search is None:
            return
        query, filters = self._search
        after = self._rows[-1].key if self._rows else None
        hits = search_diaries(query, limit=self.page_size + 1, after=after, authors=self._authors, **filters)
        self._more = len(hits) > self.page_size
        rows = [_row(hit) for hit in hits[: self.page_size]]
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows += rows
            self.endInsertRows()
        self.fetched.emit()
