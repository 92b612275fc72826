"""Chinese full-text search over every diary, names included.

Words separated by spaces must all match, each in the text or in the author's name
("海波" finds 刘海波's entries; a member named in the text is found as text). The
authors a word names are looked up first (the roster is small); a word naming nobody
takes exactly the paths below, one that names someone adds "or member in (...)". A word of 3+ characters goes to the trigram
FTS5 index as one quoted phrase (quotes doubled), so nothing the user types is ever
read as FTS syntax (AND, NEAR, *, ^, -, :, parentheses are just characters). Trigrams
cannot match 1-2 characters -- most Chinese names are two -- so short words are found by
reading the text: instr() when the word has no ASCII letter (LIKE folds the case of ASCII
letters only, so both find the same rows; instr is faster), else LIKE with % _ and \\
escaped. The ids of the hits come first (newest first, with a LIMIT), then their rows.

With a 3+ character word that has many FTS hits, the date index is walked newest first,
testing each rowid against them, until the limit is reached.

Short words only: the newest PROBE_ROWS entries are read first, through the date index,
which finds a common word's newest 200 hits at once; then more, as long as the hits so
far promise the limit within WALK_ROWS entries. Otherwise (a rare word, a name) the older
entries are searched in one sequential pass; there a 2-character word without letter case
is looked up in the trigram index instead of read: an entry holds it iff it has a trigram
starting with it, or its text ends with it.

Paging is by keyset: *after* is the (date, id) of the last hit shown, and the next call
starts its walk there -- the newest-first chunks begin at the cursor, not at the newest
entry -- so page 10 costs about what page 1 does and the pages concatenated are one
unlimited search.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from peewee import SQL, DatabaseError, NodeList, fn

from ..models import DiaryEntry, Member, db
from .service import _day, _id, tag_filter

TRIGRAM = 3
PROBE_ROWS = 1000  # newest entries searched first, through the date index
WALK_ROWS = 8000  # at most this many newest entries through the index, the rest in one pass
FTS_WALK = 1000  # FTS hits from which the date index is walked rather than the hits sorted
# Every trigram instance of diary_fts (term, doc, col, offset); per connection, not in the file.
VOCAB_SQL = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.diary_vocab USING fts5vocab(main, diary_fts, instance)"
LAST_CHAR = "\U0010ffff"  # sorts after every character: term + LAST_CHAR bounds a prefix
SNIPPET_BEFORE = 20
SNIPPET_LENGTH = 80
ESCAPE = "\\"


@dataclass
class DiaryHit:
    entry: DiaryEntry
    member_name: str
    snippet: str
    spans: list[tuple[int, int]]  # (start, end) of every match within snippet, for highlighting
    name_spans: list[tuple[int, int]] = field(default_factory=list)  # the words within member_name

    @property
    def key(self) -> tuple[dt.date, int]:
        """Its place in the order: search_diaries(..., after=last_hit.key) goes on from it."""
        return self.entry.date, self.entry.id


def search_terms(query: str) -> list[str]:
    """The words of *query* (split on any whitespace, duplicates dropped, order kept)."""
    return list(dict.fromkeys((query or "").split()))


def fts_phrase(term: str) -> str:
    """A term as one FTS5 string: double quotes doubled, so it is never parsed as syntax."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    escaped = term.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{escaped}%"


def _short_condition(term: str):
    if any(c.isascii() and c.isalpha() for c in term):
        return NodeList((DiaryEntry.text, SQL("LIKE ? ESCAPE '\\'", [like_pattern(term)])))
    return fn.instr(DiaryEntry.text, term) > 0


def _pair_condition(term: str):
    """A 2-character word through the trigram index (see the module docstring).

    Exact only for words without letter case: the index folds case, instr does not."""
    in_index = DiaryEntry.id.in_(SQL("(SELECT doc FROM temp.diary_vocab WHERE term >= ? AND term < ?)",
                                     [term, term + LAST_CHAR]))
    # The text's last bytes: UTF-8 never matches in the middle of a character.
    ends_with = fn.substr(DiaryEntry.text.cast("BLOB"), -len(term.encode())) == SQL("CAST(? AS BLOB)", [term])
    return in_index | ends_with


def _indexable_pair(term: str) -> bool:
    return len(term) == 2 and all(c.lower() == c == c.upper() for c in term)


def _vocabulary_ready() -> bool:
    try:
        db.execute_sql(VOCAB_SQL)
    except DatabaseError:  # no fts5vocab in this SQLite: read the text instead
        return False
    return True


def _fts_condition(match: str):
    """id among the FTS hits. Many hits: +id, so they are tested while the date index is
    walked newest first (no table row read but the hits') -- 3x faster than looking each
    up and sorting them all, which stays the way for a few (no walk over the whole index)."""
    rows = SQL("(SELECT rowid FROM diary_fts WHERE diary_fts MATCH ?)", [match])
    counted = db.execute_sql("SELECT count(*) FROM (SELECT 1 FROM diary_fts WHERE diary_fts MATCH ? LIMIT ?)",
                             (match, FTS_WALK)).fetchone()[0]
    return (_unindexed(DiaryEntry.id) if counted >= FTS_WALK else DiaryEntry.id).in_(rows)


def _fold(text: str) -> str:
    """ASCII letters lower-cased, nothing else: how LIKE compares (full-width letters keep their case)."""
    return "".join(c.lower() if c.isascii() else c for c in text)


def author_ids(terms: list[str]) -> dict[str, list[int]]:
    """For each word, the members whose name contains it (one query over the roster)."""
    names = list(Member.select(Member.id, Member.name).tuples())
    return {t: [i for i, name in names if _fold(t) in _fold(name or "")] for t in terms}


def _or_author(condition, term: str, authors: dict[str, list[int]] | None):
    ids = (authors or {}).get(term)
    return (condition | DiaryEntry.member.in_(ids)) if ids else condition


def _text_condition(terms: list[str], authors: dict[str, list[int]] | None = None):
    """Conditions on DiaryEntry: the FTS phrases ANDed in one MATCH, the short words read;
    a word that is part of an author's name also matches that author's entries."""
    conditions = []
    named = {t for t in terms if (authors or {}).get(t)}
    long_terms = [t for t in terms if len(t) >= TRIGRAM and t not in named]
    if long_terms:
        match = " ".join(fts_phrase(t) for t in long_terms)  # juxtaposed phrases: implicit AND
        conditions.append(_fts_condition(match))
    conditions += [_or_author(_fts_condition(fts_phrase(t)), t, authors)
                   for t in terms if len(t) >= TRIGRAM and t in named]
    conditions += [_or_author(_short_condition(t), t, authors) for t in terms if len(t) < TRIGRAM]
    return conditions


def _unindexed(field):
    """+field: the same value, but SQLite will not walk an index on it."""
    return NodeList((SQL("+"), field), glue="")


def _after(after: tuple[dt.date, int]):
    """Entries strictly after the cursor in the order (date desc, id desc). date <= day
    first: SQLite walks the date index (or the member's) from the cursor's day."""
    day, entry_id = _day(after[0]), int(after[1])
    return (DiaryEntry.date <= day) & ((DiaryEntry.date < day) | (DiaryEntry.id < entry_id))


def _newest_ids(conditions, limit: int, walk_date_index: bool = True) -> list[int]:
    day = DiaryEntry.date if walk_date_index else _unindexed(DiaryEntry.date)
    query = DiaryEntry.select(DiaryEntry.id)
    for condition in conditions:
        query = query.where(condition)
    return [i for (i,) in query.order_by(day.desc(), DiaryEntry.id.desc()).limit(limit).tuples()]


def _day_of_nth_newest(conditions, n: int) -> dt.date | None:
    """The day of the n-th newest entry passing *conditions* (None if there are fewer):
    read from the date index alone."""
    query = DiaryEntry.select(DiaryEntry.date)
    for condition in conditions:
        query = query.where(condition)
    return query.order_by(DiaryEntry.date.desc(), DiaryEntry.id.desc()).offset(n - 1).limit(1).scalar()


def _scanned_ids(filters: list, terms: list[str], limit: int, after=None,
                 authors: dict[str, list[int]] | None = None) -> list[int]:
    """Newest hits of short words: the newest entries (after the cursor) through the date
    index, a chunk at a time, while the hits found so far promise the limit within
    WALK_ROWS entries; whatever is older then in one sequential pass."""
    text = _text_condition(terms, authors)
    found: list[int] = []
    older_than = None  # every entry of this day or later has been searched
    start = [_after(after)] if after is not None else []
    walked, chunk = 0, PROBE_ROWS
    while True:
        # A day older than the cursor's implies the cursor's condition.
        rest = filters + ([DiaryEntry.date < older_than] if older_than else start)
        bound = _day_of_nth_newest(rest, chunk)
        if bound is None:
            break  # what is left is small: one pass
        # Every entry of day *bound* or later comes before every older one: a prefix of the order.
        found += _newest_ids(rest + [DiaryEntry.date >= bound] + text, limit - len(found))
        if len(found) >= limit:
            return found
        older_than = bound
        walked += chunk
        still = (limit - len(found)) * walked / max(len(found), 0.1)  # entries needed at this rate
        if walked + still > WALK_ROWS:
            break
        chunk = int(still * 1.25) + 1
    if older_than is None and start:
        # Fewer than a chunk of entries lie past the cursor: read them through an index, not
        # the whole table (nor the trigram vocabulary).
        return _newest_ids(filters + start + text, limit)
    if any(_indexable_pair(t) for t in terms) and _vocabulary_ready():
        text = [_or_author(_pair_condition(t) if _indexable_pair(t) else _short_condition(t), t, authors)
                for t in terms]
    # One sequential pass plus a top-N sort: walking the date index over many entries reads
    # them in random order, ~3x slower (a member filter keeps its index). +date: no index.
    rest = filters + ([_unindexed(DiaryEntry.date) < older_than] if older_than else [])
    return found + _newest_ids(rest + text, limit - len(found), walk_date_index=False)


def snippet_of(text: str, terms: list[str], before: int = SNIPPET_BEFORE,
               length: int = SNIPPET_LENGTH) -> tuple[str, list[tuple[int, int]]]:
    """A window of *text* around the first hit (newlines as spaces) and the hits' spans in it."""
    flat = text.replace("\n", " ")
    patterns = [re.compile(re.escape(t), re.IGNORECASE) for t in terms]
    first = min((m.start() for p in patterns if (m := p.search(flat))), default=0)
    start = max(0, first - before)
    end = min(len(flat), start + length)
    if end - start < length:
        start = max(0, end - length)
    window = flat[start:end]
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        spans += [(m.start(), m.end()) for m in pattern.finditer(window)]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix)
    return prefix + window + suffix, _merge([(a + shift, b + shift) for a, b in spans])


def name_spans(name: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the words occur in an author's name (ASCII letters caseless, as the search)."""
    folded = _fold(name)
    spans = []
    for term in terms:
        start = folded.find(_fold(term))
        while term and start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(_fold(term), start + 1)
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def search_diaries(query: str, member_id=None, tag=None, date_from: dt.date | None = None,
                   date_to: dt.date | None = None, limit: int = 200,
                   after: tuple[dt.date, int] | None = None,
                   authors: dict[str, list[int]] | None = None) -> list[DiaryHit]:
    """Entries containing every word of *query* (in the text or the author's name), newest
    first (date, then id, descending), at most *limit*; with *after* = (date, id) of the
    last hit shown, the next ones after it. *authors*: author_ids() of the words when the
    caller has them already (the next page of one search), saving that query.

    An empty query lists the newest entries that pass the filters (no snippet spans).
    """
    terms = search_terms(query)
    limit = max(1, int(limit))
    filters = []
    if member_id is not None:
        filters.append(DiaryEntry.member == _id(member_id))
    if tag is not None:
        filters.append(tag_filter(tag))
    if date_from is not None:
        filters.append(DiaryEntry.date >= _day(date_from))
    if date_to is not None:
        filters.append(DiaryEntry.date <= _day(date_to))
    if authors is None or set(authors) != set(terms):
        authors = author_ids(terms) if terms else {}
    if terms and all(len(t) < TRIGRAM for t in terms):
        ids = _scanned_ids(filters, terms, limit, after, authors)
    else:
        start = [_after(after)] if after is not None else []
        ids = _newest_ids(filters + start + _text_condition(terms, authors), limit)
    rows = {e.id: e for e in DiaryEntry.select(DiaryEntry, Member).join(Member).where(DiaryEntry.id.in_(ids))}
    hits = []
    for entry in (rows[i] for i in ids):
        snippet, spans = snippet_of(entry.text, terms)
        name = entry.member.name
        hits.append(DiaryHit(entry, name, snippet, spans, name_spans(name, terms)))
    return hits

