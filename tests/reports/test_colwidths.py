"""Column widths from the content: dates and numbers never wrap, text columns take the rest (issue 12.11)."""
from __future__ import annotations

import pytest

from desktop.reports.colwidths import PAD_X, auto_widths, given_widths, is_atomic

# A font whose "1" is narrow, as in some offices' 仿宋: a sample "2026.11.30" is narrower
# than the date "2026.12.06" it was meant to stand for.
NARROW_ONE = {"1": 3.0}


def measure(text: str) -> float:
    return sum(10.0 if ord(c) > 0x2E80 else NARROW_ONE.get(c, 5.5) for c in text)


@pytest.mark.parametrize("text", ["2026.12.06", "12月6日", "2026年12月6日", "08:00-16:00", "100.0%", "138****7047", "6"])
def test_dates_and_numbers_are_atomic(text):
    assert is_atomic(text)


@pytest.mark.parametrize("text", ["联系物业搭设雨棚", "张建国", "", "北门 2号"])
def test_words_are_not(text):
    assert not is_atomic(text)


def test_a_sample_never_makes_a_date_column_narrower_than_its_dates():
    widths = given_widths((None, "2026.11.30"), 400, measure, [["联系物业搭设雨棚"], ["2026.12.06"]])
    assert widths[1] >= measure("2026.12.06") + 2 * PAD_X
    assert widths[0] == pytest.approx(400 - widths[1])  # the text column takes the rest


def test_a_text_column_is_never_squeezed_to_nothing():
    spec = (None,) + ("比较长的样例文字",) * 6
    widths = given_widths(spec, 500, measure, [["派出单位及职务"]] + [["词语"]] * 6)  # samples take 531
    assert widths[0] >= measure("四个汉字") + 2 * PAD_X


def test_auto_widths_keep_dates_whole_and_let_text_wrap():
    header = ("尚未完成事项", "责任人", "完成时限", "提出日期")
    rows = [["联系街道和物业在北门外搭设快递雨棚，并安排专人每天清点" * 2, "欧阳晓燕", "2026年1月16日", "12月24日"]]
    widths = auto_widths(header, rows, 300, measure, measure, 10.5)
    assert sum(widths) == pytest.approx(300)
    assert widths[2] >= measure("2026年1月16日") + 2 * PAD_X
    assert widths[3] >= measure("12月24日") + 2 * PAD_X
    assert widths[0] < measure(rows[0][0])  # the text column wraps
