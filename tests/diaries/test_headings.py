"""The date-heading rule (issue 14, points 1 and 4): a heading must look like one and be
plausible among its neighbours; an amount, a time or a phone number is never cut."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.diaries.splitter import split_diary_text

TODAY = dt.date(2026, 12, 5)


def stored_pieces(text: str, result) -> dict[int, str]:
    """Each placed line's share of the stored text: the line less its heading token."""
    lines = text.splitlines()
    pieces = {}
    for entry in result.entries:
        for number in entry.lines:
            line = lines[number - 1]
            token = result.heads.get(number, "")
            assert line.startswith(token)  # a token is always a prefix, cut exactly
            pieces[number] = line[len(token):].strip()
    return pieces


def test_an_amount_line_is_not_a_date_and_keeps_its_number():
    text = "4月3日：上午买菜。\n2.5 元一斤的白菜，买了20斤。\n12.8 斤猪肉\n4月4日：值守。"
    result = split_diary_text(text, today=TODAY)
    assert [(e.day, e.text) for e in result.entries] == [
        (dt.date(2026, 4, 3), "上午买菜。\n2.5 元一斤的白菜，买了20斤。\n12.8 斤猪肉"),
        (dt.date(2026, 4, 4), "值守。")]
    assert result.problems == [] and result.heads == {1: "4月3日：", 4: "4月4日："}


def test_a_far_date_without_colon_is_kept_as_text_and_marked():
    text = "4月3日：值守。\n9.5 号楼的王大爷要降压药。\n10月1日 国庆前要备好物资。\n4月4日：采样。"
    result = split_diary_text(text, today=TODAY)
    assert [e.day for e in result.entries] == [dt.date(2026, 4, 3), dt.date(2026, 4, 4)]
    assert result.entries[0].text == "值守。\n9.5 号楼的王大爷要降压药。\n10月1日 国庆前要备好物资。"
    assert result.doubtful_lines == [2, 3] and result.problems == []
    assert result.notes == [
        "第2行开头的“9.5”像日期（9月5日），但与前后的日期相差太远，已作为正文完整保留；如果它确实是日期，请在日期后加冒号“：”。",
        "第3行开头的“10月1日”像日期（10月1日），但与前后的日期相差太远，已作为正文完整保留；如果它确实是日期，请在日期后加冒号“：”。"]
    # With the colon the writer says it is a date, and it is one.
    sure = split_diary_text("4月3日：值守。\n10月1日：国庆值守。", today=TODAY)
    assert [e.day for e in sure.entries] == [dt.date(2026, 4, 3), dt.date(2026, 10, 1)] and sure.notes == []


def test_near_dates_with_a_space_are_headings_and_a_lone_one_is_not():
    result = split_diary_text("4.3 值守\n4.4 采样\n4.5 送药", today=TODAY)
    assert [e.text for e in result.entries] == ["值守", "采样", "送药"]
    lone = split_diary_text("9.5 号楼的王大爷要降压药。", today=TODAY)
    assert lone.entries == [] and lone.heads == {} and lone.unplaced_lines == [1]


def test_chinese_numerals_with_a_written_year_set_the_year_of_later_headings():
    text = "二〇二五年十月一日：国庆值守。\n十月二日：采样。\n四月三日：送药。"
    result = split_diary_text(text, today=TODAY)
    assert [e.day for e in result.entries] == [dt.date(2025, 10, 1), dt.date(2025, 10, 2), dt.date(2026, 4, 3)]
    assert not result.needs_year
    # Read before 2026-04-03, April cannot be next year: the written year stands.
    early = split_diary_text(text, today=dt.date(2026, 1, 10))
    assert [e.day for e in early.entries] == [dt.date(2025, 4, 3), dt.date(2025, 10, 1), dt.date(2025, 10, 2)]
    # The year the user picked never overrides the one written in the text.
    assert split_diary_text(text, year=2022, today=TODAY).entries[0].day == dt.date(2025, 10, 1)


# -- the property: random paragraphs never lose a character ---------------------------------

_TEXT = st.sampled_from(["上午值守", "走访独居老人，", "送药到3号楼。", "核酸采样维持秩序", "晚上巡查：正常", "王大爷"])
_DIGIT = st.integers(0, 99).map(str)


def _line(kind: str, month: int, day: int, words: str, extra: str) -> str:
    return {
        "head": f"{month}月{day}日：{words}",
        "dot_head": f"{month}.{day}：{words}",
        "amount": f"{month}.{day} {extra}{words}",
        "far": f"{(month + 5) % 12 + 1}.{day} {words}",  # 3-6 months away from the headings
        "time": f"{month}:{day:02d} {words}",
        "phone": f"138 {month:02d}{day:02d} 5678 {words}",
        "phone_dots": f"{month}.{day}.5678 {words}",
        "text": words,
        "blank": "",
    }[kind]


_LINES = st.lists(st.tuples(
    st.sampled_from(["head", "dot_head", "amount", "far", "time", "phone", "phone_dots", "text", "text", "blank"]),
    st.integers(1, 4), st.integers(1, 28), _TEXT, st.sampled_from(["元一斤的白菜", "斤", "公斤", "户", "%"])),
    min_size=1, max_size=25)


@settings(max_examples=400, deadline=None)
@given(_LINES, st.sampled_from(["\n", "\r\n"]))
def test_random_paragraphs_never_lose_a_character(specs, newline):
    kinds = [kind for kind, *_ in specs]
    text = newline.join(_line(*spec) for spec in specs)
    result = split_diary_text(text, today=TODAY)
    lines = text.splitlines()
    pieces = stored_pieces(text, result)
    # Every non-blank line is stored (less its heading token) or named as not imported.
    assert sorted(list(pieces) + result.unplaced_lines) == [n for n, line in enumerate(lines, 1) if line.strip()]
    for entry in result.entries:
        assert entry.text == "\n".join(p for n in entry.lines if (p := pieces[n]))
    # The concatenation of tokens and stored text is the input, character for character.
    for number in pieces:
        assert "".join(lines[number - 1].split()) == "".join((result.heads.get(number, "") + pieces[number]).split())
    # Only a heading line ever loses a token; amounts, times, phones never do, nor does a
    # far date beside real headings (with none, "7.3 值守 / 7.5 采样" is a paste of dates).
    context = {"head", "dot_head"} & set(kinds)
    for number, kind in enumerate(kinds, start=1):
        if kind in ("amount", "time", "phone", "phone_dots", "text") or (kind == "far" and context):
            assert number not in result.heads, (kind, lines[number - 1])
        if kind in ("head", "dot_head"):
            assert number in result.heads or number in result.unplaced_lines
    for number in result.doubtful_lines:
        assert kinds[number - 1] == "far" and pieces[number] == lines[number - 1].strip()
