"""Diary search: 1-, 2- and 3+-character Chinese queries, FTS syntax taken literally, filters."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.diaries import service as S
from desktop.diaries.search import fts_phrase, like_pattern, search_diaries, snippet_of

from .conftest import TODAY, person

TEXTS = {
    (0, 3): "上午在东门卡口值守，张阿姨来问核酸采样时间，已耐心解释。",
    (0, 5): "给3号楼独居老人送降压药，顺路帮张阿姨取了快递。",
    (1, 4): "组织核酸采样，维持一米线秩序，共采样312人。",
    (1, 6): '居民问"封控"何时解除 - 按街道口径答复 (暂无时间) AND 继续做好解释 * 100%完成 a_b c:d ^e NEAR 安抚 OR 劝导 NOT 放弃。',
    (2, 7): "物资配送：蔬菜包40件，送到8号楼和9号楼。",
}


@pytest.fixture
def diaries():
    people = [person("王志远"), person("李晓燕", unit="区教育局"), person("张明")]
    made = {}
    for (who, day), text in TEXTS.items():
        tag = ["核酸检测"] if "核酸" in text else ["物资配送"] if "配送" in text else ["其他"]
        made[(who, day)] = S.save_entry(people[who].id, dt.date(2022, 4, day), text, tags=tag, today=TODAY)
    return people, made


def found(query, **filters):
    return [(h.member_name, h.entry.date.day) for h in search_diaries(query, **filters)]


def test_two_character_name_and_word(diaries):
    assert found("阿姨") == [("王志远", 5), ("王志远", 3)]  # newest first
    assert found("张明") == [("张明", 7)]  # the author's name matches too
    assert found("采样") == [("李晓燕", 4), ("王志远", 3)]


def test_one_character(diaries):
    assert found("药") == [("王志远", 5)]
    assert found("件") == [("张明", 7)]


def test_three_or_more_characters_use_the_index(diaries):
    assert found("核酸采样") == [("李晓燕", 4), ("王志远", 3)]
    assert found("独居老人送降压药") == [("王志远", 5)]
    assert found("东门卡口值守") == [("王志远", 3)]
    assert found("西门卡口") == []


def test_several_words_must_all_match(diaries):
    assert found("张阿姨 核酸") == [("王志远", 3)]
    assert found("阿姨  快递") == [("王志远", 5)]
    assert found("核酸采样 一米线") == [("李晓燕", 4)]
    assert found("阿姨 一米线") == []


@pytest.mark.parametrize("query", ['"封控"', '"', "-", "*", "(暂无时间)", "AND", "OR", "NEAR", "^e", "c:d",
                                   "100%", "a_b", "%", "_", '"封控" - 按街道', "(", ")", "NOT", "AND 继续"])
def test_fts_syntax_is_literal(diaries, query):
    assert found(query) == [("李晓燕", 6)]


def test_wildcards_do_not_match_everything(diaries):
    S.save_entry(diaries[0][0].id, dt.date(2022, 4, 8), "ab", today=TODAY)
    assert found("a_b") == [("李晓燕", 6)]  # _ is not "any character"
    assert found("%完") == [("李晓燕", 6)]
    assert found("\\") == []


def test_filters_combine_with_text(diaries):
    wang, li, _ = diaries[0]
    assert found("阿姨", member_id=li.id) == []
    assert found("采样", member_id=wang.id) == [("王志远", 3)]
    assert found("采样", tag="核酸检测") == [("李晓燕", 4), ("王志远", 3)]
    assert found("核酸采样", date_from=dt.date(2022, 4, 4)) == [("李晓燕", 4)]
    assert found("阿姨", date_to=dt.date(2022, 4, 4)) == [("王志远", 3)]
    assert found("", member_id=li.id) == [("李晓燕", 6), ("李晓燕", 4)]
    assert len(search_diaries("", limit=2)) == 2


def test_index_follows_edits(diaries):
    wang = diaries[0][0]
    S.save_entry(wang.id, dt.date(2022, 4, 3), "改成了巡查地下车库", today=TODAY)
    assert found("东门卡口值守") == [] and found("地下车库") == [("王志远", 3)]


def test_snippet_and_spans_highlight_every_hit(diaries):
    hit = search_diaries("张阿姨 快递")[0]
    for start, end in hit.spans:
        assert hit.snippet[start:end] in ("张阿姨", "快递")
    assert len(hit.spans) == 2
    long = "前" * 100 + "张阿姨" + "后" * 100
    snippet, spans = snippet_of(long, ["张阿姨"])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[a:b] for a, b in spans] == ["张阿姨"]
    assert snippet_of("Covid 与 COVID", ["covid"])[1] == [(0, 5), (8, 13)]


def test_quoting_helpers():
    assert fts_phrase('a"b') == '"a""b"'
    assert like_pattern("5%_\\") == "%5\\%\\_\\\\%"


def test_the_authors_name_whole_or_part_finds_his_entries():
    liu = person("刘海波")
    zhou = person("周敏")
    S.save_entry(liu.id, dt.date(2022, 4, 9), "夜班巡查，一切正常。", today=TODAY)
    S.save_entry(liu.id, dt.date(2022, 4, 10), "东门卡口值守。", today=TODAY)
    S.save_entry(zhou.id, dt.date(2022, 4, 11), "和刘海波一起给3号楼送药。", today=TODAY)  # named in the text
    S.save_entry(zhou.id, dt.date(2022, 4, 12), "核酸采样。", today=TODAY)
    assert found("海波") == [("周敏", 11), ("刘海波", 10), ("刘海波", 9)]
    assert found("刘海波") == [("周敏", 11), ("刘海波", 10), ("刘海波", 9)]
    assert found("海波 卡口") == [("刘海波", 10)]  # every word: one in the name, one in the text
    assert found("刘海波 送药") == [("周敏", 11)]
    assert found("海波", member_id=liu.id) == [("刘海波", 10), ("刘海波", 9)]
    hit = search_diaries("海波")[1]
    assert hit.member_name == "刘海波" and hit.name_spans == [(1, 3)] and hit.spans == []
    page = search_diaries("海波", limit=1, after=search_diaries("海波", limit=2)[-1].key)
    assert [(h.member_name, h.entry.date.day) for h in page] == [("刘海波", 9)]
