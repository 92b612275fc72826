"""Short-word search takes shortcuts (newest entries first, the trigram index for 2-character
words): every path must return exactly what one plain LIKE statement returns (on the text,
or on the author's name: "张" finds every entry of 张明)."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from desktop.diaries import search as search_module
from desktop.diaries import service as S
from desktop.diaries.search import like_pattern, search_diaries, search_terms
from desktop.models import DiaryEntry, db

from .conftest import person

FIRST = dt.date(2022, 1, 1)
# Ideographs, a 4-byte one (U+2A6A5), digits, punctuation, ASCII and full-width letters.
ALPHABET = "张阿姨送药核酸采样居民老人楼" * 4 + "\U0002A6A5" + "0123" + "，。、" + "abAB" + "ＡＢａｂ" + " \n"
QUERIES = ("阿姨", "送药", "张", "楼楼", "\U0002A6A5张", "12", "，。", "ab", "AB", "a", "ＡＢ", "ａｂ",
           "阿姨 送药", "张 12", "居民", "%", "_a", "无此",
           "阿姨送", "张阿姨 药", "采样居 12", "楼阿姨送药",  # 3+ characters (caseless): the trigram index
           "志远", "晓燕 阿姨", "李晓燕", "王志远 阿姨送", "张明 12")  # authors' names, whole or part


def reference(query: str, limit: int, member_id=None, tag=None, date_from=None, date_to=None) -> list[int]:
    """The search as one LIKE statement, newest first (how it was before the shortcuts)."""
    where, params = [], []
    for term in search_terms(query):  # in the text, or in the author's name
        where.append("(text LIKE ? ESCAPE '\\' OR member_id IN (SELECT id FROM member WHERE name LIKE ? ESCAPE '\\'))")
        params += [like_pattern(term)] * 2
    if member_id is not None:
        where.append("member_id = ?")
        params.append(member_id)
    if tag is not None:
        where.append("id IN (SELECT entry_id FROM diary_entry_tag JOIN diary_tag ON diary_tag.id = tag_id "
                     "WHERE diary_tag.name = ?)")
        params.append(tag)
    if date_from is not None:
        where.append("date >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        where.append("date <= ?")
        params.append(date_to.isoformat())
    sql = (f"SELECT id FROM diary_entry WHERE {' AND '.join(where) or '1'} "
           f"ORDER BY date DESC, id DESC LIMIT {limit}")
    return [i for (i,) in db.execute_sql(sql, params)]


def ids(query: str, limit: int = 200, **filters) -> list[int]:
    return [hit.entry.id for hit in search_diaries(query, limit=limit, **filters)]


@pytest.fixture
def many():
    """~600 entries over a year by three people, texts of random characters; the probed
    newest part is made small so every path runs."""
    rng = random.Random(5)
    people = [person("王志远"), person("李晓燕"), person("张明")]
    rows, seen = [], set()
    while len(rows) < 600:
        who, day = rng.choice(people).id, FIRST + dt.timedelta(days=rng.randrange(365))
        if (who, day) in seen:
            continue
        seen.add((who, day))
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 40))).strip() or "空"
        rows.append((who, day, text))
    with db.atomic():
        DiaryEntry.insert_many(rows, fields=[DiaryEntry.member, DiaryEntry.date, DiaryEntry.text]).execute()
    # Entries that are just the word, and the word at the very end (no trigram starts with it).
    S.save_entry(people[0].id, dt.date(2023, 2, 1), "阿姨", tags=["送药"], today=dt.date(2023, 3, 1))
    S.save_entry(people[1].id, dt.date(2021, 6, 1), "今天去看了独居的阿姨", tags=["送药"], today=dt.date(2023, 3, 1))
    S.save_entry(people[2].id, dt.date(2021, 6, 2), "楼\n阿姨\n送药", tags=["送药"], today=dt.date(2023, 3, 1))
    S.save_entry(people[2].id, dt.date(2022, 12, 30), "张阿姨送药后去采样居民楼，12号楼阿姨送药。100%_a",
                 today=dt.date(2023, 3, 1))
    return people


# (first chunk, most entries walked through the index): straight to one pass; chunks only;
# chunks, then one pass; a table too small to walk.
PATHS = [(1, 0), (7, 100_000), (20, 150), (100_000, 0)]


@pytest.mark.parametrize(("probe_rows", "walk_rows"), PATHS)
@pytest.mark.parametrize("limit", [3, 30, 200])
def test_every_path_finds_what_like_finds(many, monkeypatch, probe_rows, walk_rows, limit):
    monkeypatch.setattr(search_module, "PROBE_ROWS", probe_rows)
    monkeypatch.setattr(search_module, "WALK_ROWS", walk_rows)
    for query in QUERIES:
        expected = reference(query, limit)
        assert ids(query, limit) == expected, query
    assert any(reference(q, 200) for q in QUERIES) and not reference("无此", 200)
    assert set(reference("张", ALL)) > {e.id for e in DiaryEntry.select().where(DiaryEntry.member == many[2].id)}


def filter_cases(wang) -> list[dict]:
    """Member, tag and date filters, alone and together."""
    return [dict(member_id=wang.id), dict(tag="送药"), dict(date_from=dt.date(2022, 3, 1)),
            dict(date_to=dt.date(2022, 9, 30)), dict(member_id=wang.id, date_from=dt.date(2022, 6, 1)),
            dict(date_from=dt.date(2022, 5, 1), date_to=dt.date(2022, 5, 31))]


@pytest.mark.parametrize(("probe_rows", "walk_rows"), PATHS)
def test_filters_with_every_path(many, monkeypatch, probe_rows, walk_rows):
    monkeypatch.setattr(search_module, "PROBE_ROWS", probe_rows)
    monkeypatch.setattr(search_module, "WALK_ROWS", walk_rows)
    for filters in filter_cases(many[0])[:5]:
        for query in ("阿姨", "张", "ab", "12", "阿姨 送药"):
            assert ids(query, 50, **filters) == reference(query, 50, **filters), (query, filters)


def test_the_word_as_the_whole_text_or_its_end_is_found(many, monkeypatch):
    monkeypatch.setattr(search_module, "PROBE_ROWS", 1)  # straight to the one pass (trigram index)
    monkeypatch.setattr(search_module, "WALK_ROWS", 0)
    texts = [hit.entry.text for hit in search_diaries("阿姨", date_to=dt.date(2023, 12, 31))]
    assert "阿姨" in texts and "今天去看了独居的阿姨" in texts and "楼\n阿姨\n送药" in texts


def test_without_the_vocabulary_table_the_text_is_read(many, monkeypatch):
    monkeypatch.setattr(search_module, "PROBE_ROWS", 1)
    monkeypatch.setattr(search_module, "WALK_ROWS", 0)
    monkeypatch.setattr(search_module, "VOCAB_SQL", "CREATE VIRTUAL TABLE temp.x USING no_such_module")
    for query in ("阿姨", "送药", "阿姨 12"):
        assert ids(query) == reference(query, 200), query


def test_letter_case_follows_like(many):
    """LIKE folds ASCII letters only: ab finds AB, ａｂ (full width) does not find ＡＢ."""
    assert set(ids("ab")) == set(ids("AB")) == set(ids("aB"))
    full = [hit.entry.text for hit in search_diaries("ａｂ")]
    assert full and all("ａｂ" in text for text in full)


# 3+ character words (through the FTS hits), several words, and no hit
FTS_QUERIES = ("阿姨送", "张阿姨 药", "采样居 12", "楼阿姨送药", "无此字样", "李晓燕", "王志远 阿姨送")


@pytest.mark.parametrize("fts_walk", [1, 1_000_000])  # walk the date index / sort the FTS hits
def test_both_ways_through_the_fts_hits(many, monkeypatch, fts_walk):
    monkeypatch.setattr(search_module, "FTS_WALK", fts_walk)
    for query in FTS_QUERIES:
        for limit in (1, 200):
            assert ids(query, limit) == reference(query, limit), query
    assert ids("阿姨送", member_id=many[2].id) == reference("阿姨送", 200, member_id=many[2].id)


def paged(query: str, size: int, **filters) -> list[int]:
    """Every hit, a page of *size* at a time, each page going on from the last hit of the one before."""
    found, after = [], None
    while True:
        hits = search_diaries(query, limit=size, after=after, **filters)
        found += [hit.entry.id for hit in hits]
        if len(hits) < size:
            return found
        assert len(found) <= DiaryEntry.select().count(), query  # the cursor must move on
        after = hits[-1].key


ALL = 10**9


@pytest.mark.parametrize(("probe_rows", "walk_rows"), PATHS)
@pytest.mark.parametrize("size", [7, 60])
def test_pages_join_into_the_unlimited_search(many, monkeypatch, probe_rows, walk_rows, size):
    monkeypatch.setattr(search_module, "PROBE_ROWS", probe_rows)
    monkeypatch.setattr(search_module, "WALK_ROWS", walk_rows)
    for query in ("",) + QUERIES:
        assert paged(query, size) == reference(query, ALL), query
    assert len(reference("", ALL)) > 10 * size and len(reference("张", ALL)) > 3 * size  # many pages


@pytest.mark.parametrize(("probe_rows", "walk_rows"), PATHS)
def test_pages_with_filters(many, monkeypatch, probe_rows, walk_rows):
    monkeypatch.setattr(search_module, "PROBE_ROWS", probe_rows)
    monkeypatch.setattr(search_module, "WALK_ROWS", walk_rows)
    for filters in filter_cases(many[0]):
        for query in ("", "阿姨", "张", "ab", "12", "阿姨 送药", "阿姨送", "张阿姨 药"):
            assert paged(query, 9, **filters) == reference(query, ALL, **filters), (query, filters)


@pytest.mark.parametrize("fts_walk", [1, 1_000_000])  # walk the date index / sort the FTS hits
def test_pages_both_ways_through_the_fts_hits(many, monkeypatch, fts_walk):
    monkeypatch.setattr(search_module, "FTS_WALK", fts_walk)
    for query in FTS_QUERIES:
        for size in (1, 5):
            assert paged(query, size) == reference(query, ALL), query


def test_pages_without_the_vocabulary_table(many, monkeypatch):
    monkeypatch.setattr(search_module, "PROBE_ROWS", 1)
    monkeypatch.setattr(search_module, "WALK_ROWS", 0)
    monkeypatch.setattr(search_module, "VOCAB_SQL", "CREATE VIRTUAL TABLE temp.x USING no_such_module")
    for query in ("阿姨", "送药", "阿姨 12"):
        assert paged(query, 11) == reference(query, ALL), query


@pytest.mark.parametrize(("probe_rows", "walk_rows"), PATHS)
@pytest.mark.parametrize("size", [1, 2, 3])
def test_pages_split_a_day_with_many_entries(monkeypatch, probe_rows, walk_rows, size):
    """Ties on the date are ordered by id: a page may end in the middle of a day."""
    monkeypatch.setattr(search_module, "PROBE_ROWS", probe_rows)
    monkeypatch.setattr(search_module, "WALK_ROWS", walk_rows)
    people = [person(f"成员{i}") for i in range(8)]
    for day in (dt.date(2022, 5, 2), dt.date(2022, 5, 1)):
        for who in people[::-1] if day.day == 1 else people:  # ids not in the members' order
            S.save_entry(who.id, day, f"{who.name}走访阿姨{day.day}号", today=dt.date(2022, 6, 1))
    for query in ("", "阿姨", "走访", "访阿姨", "阿姨 1号"):
        assert paged(query, size) == reference(query, ALL), query
    assert len(reference("阿姨", ALL)) == 16


def test_a_cursor_past_the_oldest_hit_gives_nothing(many):
    oldest = search_diaries("阿姨", limit=ALL)[-1]
    assert search_diaries("阿姨", after=oldest.key) == []
    assert search_diaries("", after=(dt.date(1999, 1, 1), 10**9)) == []
