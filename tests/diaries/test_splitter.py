"""The paste splitter: many ways of writing a date, and nothing lost or invented."""
from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.diaries.splitter import NO_DATE_MESSAGE, chinese_number, split_diary_text

TODAY = dt.date(2022, 5, 1)


def days(result):
    return [e.day for e in result.entries]


def test_the_brief_example_and_common_separators():
    text = ("4月3日：今天，是受单位指派，到丰泽园小区开展下沉包保工作的第一天。\n"
            "4月4日:上午核酸采样。\n"
            "4月5日 下午送药。\n"
            "4月6日，夜班巡查。\n"
            "4月7号：物资配送。")
    result = split_diary_text(text, today=TODAY)
    assert days(result) == [dt.date(2022, 4, d) for d in range(3, 8)]
    assert result.entries[0].text == "今天，是受单位指派，到丰泽园小区开展下沉包保工作的第一天。"
    assert [e.text for e in result.entries[1:]] == ["上午核酸采样。", "下午送药。", "夜班巡查。", "物资配送。"]
    assert result.needs_year and result.problems == []


def test_full_width_digits_colons_and_spaces():
    result = split_diary_text("４月３日：值守。\n４．４：巡查。\n　４月５日　送菜。", today=TODAY)
    assert days(result) == [dt.date(2022, 4, 3), dt.date(2022, 4, 4), dt.date(2022, 4, 5)]
    assert [e.text for e in result.entries] == ["值守。", "巡查。", "送菜。"]


def test_dotted_and_slashed_dates():
    result = split_diary_text("4.3 值守\n4.4：采样\n4/5，送药\n2022-04-06 巡查\n2022/4/7：宣传", today=TODAY)
    assert days(result) == [dt.date(2022, 4, d) for d in range(3, 8)]
    assert not result.needs_year  # one written year is enough for all


def test_chinese_numerals_and_weekdays():
    result = split_diary_text("四月三日：值守\n二〇二二年四月十二日（星期二）：采样\n4月13日 周三 送药", today=TODAY)
    assert days(result) == [dt.date(2022, 4, 3), dt.date(2022, 4, 12), dt.date(2022, 4, 13)]
    assert result.entries[-1].text == "送药"
    assert chinese_number("三十一") == 31 and chinese_number("十") == 10 and chinese_number("二〇二二") == 2022
    assert chinese_number("十十") is None


def test_blank_lines_ignored_and_undated_paragraphs_join_the_day_before():
    text = "\n\n4月3日：上午值守。\n\n下午送药。\n   \n晚上写日记。\n4月4日：采样。\n\n"
    result = split_diary_text(text, today=TODAY)
    assert [e.text for e in result.entries] == ["上午值守。\n下午送药。\n晚上写日记。", "采样。"]
    assert result.entries[0].lines == [3, 5, 7] and result.entries[0].source_line == 3


def test_numbers_inside_sentences_are_not_dates():
    text = ("4月3日：送了4.3公斤大米到3号楼。\n"
            "3号楼的张阿姨要降压药。\n"
            "4.3公斤是两袋。\n"
            "12.50 元的菜钱已结清。\n"
            "4月3日至4月5日封控。\n"
            "3号，5号楼已走访。")
    result = split_diary_text(text, today=TODAY)
    assert days(result) == [dt.date(2022, 4, 3)]
    assert result.entries[0].text.count("\n") == 5 and result.problems == []


def test_year_from_the_user_or_the_text():
    assert days(split_diary_text("4月3日：值守", year=2021, today=TODAY)) == [dt.date(2021, 4, 3)]
    result = split_diary_text("4月2日：值守\n2021年4月3日：采样", today=TODAY)
    assert days(result) == [dt.date(2021, 4, 2), dt.date(2021, 4, 3)] and not result.needs_year


def test_guessed_year_never_puts_diaries_in_the_future():
    result = split_diary_text("12月30日：值守", today=dt.date(2023, 1, 5))
    assert days(result) == [dt.date(2022, 12, 30)] and result.needs_year


def test_year_turns_over_at_new_year():
    text = "12月30日：值守\n12月31日：跨年夜班\n1月1日：元旦\n1月2日：采样"
    result = split_diary_text(text, year=2022, today=dt.date(2023, 3, 1))
    assert days(result) == [dt.date(2022, 12, 30), dt.date(2022, 12, 31), dt.date(2023, 1, 1), dt.date(2023, 1, 2)]
    newest_first = split_diary_text("1月2日：采样\n12月31日：夜班", year=2023, today=dt.date(2023, 3, 1))
    assert days(newest_first) == [dt.date(2022, 12, 31), dt.date(2023, 1, 2)]
    written = split_diary_text("12月31日：夜班\n2023年1月1日：元旦", today=dt.date(2023, 3, 1))
    assert days(written) == [dt.date(2022, 12, 31), dt.date(2023, 1, 1)]


def test_no_date_at_all_gives_the_clear_message():
    result = split_diary_text("今天在东门值守。\n晚上送药。", today=TODAY)
    assert result.entries == [] and result.problems == [NO_DATE_MESSAGE]
    assert "4月3日：" in NO_DATE_MESSAGE and result.unplaced_lines == [1, 2]


def test_duplicated_dates_are_merged_with_a_note():
    result = split_diary_text("4月3日：上午值守\n4月4日：采样\n4月3日：补记：晚上送药", today=TODAY)
    assert days(result) == [dt.date(2022, 4, 3), dt.date(2022, 4, 4)]
    assert result.entries[0].text == "上午值守\n补记：晚上送药"
    assert result.problems == ["4月3日出现了2次（第1行、第3行），已合并为一篇。"]


def test_impossible_dates_name_the_line():
    result = split_diary_text("4月3日：值守\n2月30日：这一天不存在\n还有一行\n13月1日：也不存在", today=TODAY)
    assert days(result) == [dt.date(2022, 4, 3)]
    assert result.problems == ["第2行：“2月30日”不是有效的日期，第2–3行未导入。",
                               "第4行：“13月1日”不是有效的日期，第4行未导入。"]
    assert result.unplaced_lines == [2, 3, 4]


def test_text_before_the_first_date_and_date_only_lines():
    result = split_diary_text("王志远的日记\n4月3日\n值守一天\n4月4日：", today=TODAY)
    assert [(e.day.day, e.text) for e in result.entries] == [(3, "值守一天")]
    assert result.problems == ["第1行在第一个日期之前，不知道属于哪一天，未导入。",
                               "第4行：4月4日只有日期，没有内容，未导入。"]


_PIECES = st.sampled_from(["4月3日：", "4.3 ", "２月３０日：", "12月31日 ", "1月1日，", "送了4.3公斤", "3号楼",
                           "\n", "\n\n", "　", "：", "二〇二二年", "（星期日）", "值守", "【4月5日】", "\r\n"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=30).map("".join)),
       st.one_of(st.none(), st.integers(1, 9999)))
def test_never_raises_and_every_line_lands_in_one_entry_or_a_problem(text, year):
    result = split_diary_text(text, year=year, today=TODAY)
    non_blank = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    placed = [n for e in result.entries for n in e.lines]
    assert sorted(placed + result.unplaced_lines) == non_blank  # each exactly once
    cited = {int(n) for p in result.problems for n in re.findall(r"第(\d+)", p)}
    for line in result.unplaced_lines:  # named by a problem (as a line, or inside a range)
        assert (line in cited or any(int(a) <= line <= int(b) for p in result.problems
                                     for a, b in re.findall(r"第(\d+)–(\d+)行", p))
                or result.problems[0] in (NO_DATE_MESSAGE, "没有内容。"))
    for entry in result.entries:
        assert entry.text.strip()
