"""Chinese full-text search over every diary, names included.

Words separated by spaces must all match. A word of 3+ characters goes to the trigram
FTS5 index as one quoted phrase (quotes doubled), so nothing the user types is ever
read as FTS syntax (AND, NEAR, *, ^, -, :, parentheses are just characters). Trigrams
cannot find 1-2 characters -- most Chinese names are two -- so short words use LIKE
with % _ and \\ escaped. Everything is one SQL statement with a LIMIT.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from peewee import SQL, NodeList

from ..models import DiaryEntry, Member
from .service import _day, _id, tag_filter

TRIGRAM = 3
SNIPPET_BEFORE = 20
SNIPPET_LENGTH = 80
ESCAPE = "\\"


@dataclass
class DiaryHit:
    entry: DiaryEntry
    member_name: str
    snippet: str
    spans: list[tuple[int, int]]  # (start, end) of every match within snippet, for highlighting


def search_terms(query: str) -> list[str]:
    """The words of *query* (split on any whitespace, duplicates dropped, order kept)."""
    return list(dict.fromkeys((query or "").split()))


def fts_phrase(term: str) -> str:
    """A term as one FTS5 string: double quotes doubled, so it is never parsed as syntax."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    escaped = term.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{escaped}%"


def _text_condition(terms: list[str]):
    """One condition on DiaryEntry: the FTS phrases ANDed in one MATCH, the rest by LIKE."""
    conditions = []
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    if long_terms:
        match = " ".join(fts_phrase(t) for t in long_terms)  # juxtaposed phrases: implicit AND
        conditions.append(DiaryEntry.id.in_(
            SQL("(SELECT rowid FROM diary_fts WHERE diary_fts MATCH ?)", [match])))
    for term in terms:
        if len(term) < TRIGRAM:
            like = SQL("LIKE ? ESCAPE '\\'", [like_pattern(term)])
            conditions.append(NodeList((DiaryEntry.text, like)))
    return conditions


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


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def search_diaries(query: str, member_id=None, tag=None, date_from: dt.date | None = None,
                   date_to: dt.date | None = None, limit: int = 200) -> list[DiaryHit]:
    """Entries containing every word of *query*, newest first, at most *limit*.

    An empty query lists the newest entries that pass the filters (no snippet spans).
    """
    terms = search_terms(query)
    select = DiaryEntry.select(DiaryEntry, Member).join(Member)
    for condition in _text_condition(terms):
        select = select.where(condition)
    if member_id is not None:
        select = select.where(DiaryEntry.member == _id(member_id))
    if tag is not None:
        select = select.where(tag_filter(tag))
    if date_from is not None:
        select = select.where(DiaryEntry.date >= _day(date_from))
    if date_to is not None:
        select = select.where(DiaryEntry.date <= _day(date_to))
    # With a LIKE word, "+date" keeps SQLite off the date index: walking it in order and reading
    # each row's text is random I/O, ~3x slower than one sequential scan plus a top-N sort when
    # the word is rare (the worst case, e.g. a name). Member and date filters keep their index.
    # FTS-only queries walk the index happily: they test rowids, never read the text.
    scanning = any(len(t) < TRIGRAM for t in terms)
    day = NodeList((SQL("+"), DiaryEntry.date), glue="") if scanning else DiaryEntry.date
    select = select.order_by(day.desc(), DiaryEntry.id.desc()).limit(max(1, int(limit)))
    hits = []
    for entry in select:
        snippet, spans = snippet_of(entry.text, terms)
        hits.append(DiaryHit(entry, entry.member.name, snippet, spans))
    return hits
