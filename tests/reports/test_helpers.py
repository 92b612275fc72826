"""Small pure helpers: column fitting, heading numbers, markup escaping, date text."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.reports.glyphs import GlyphResolver, escape, marker
from desktop.reports.layout import chinese_number, heading_number
from desktop.reports.members import chinese_date
from desktop.reports.tables import balanced, fit_widths


def test_narrow_columns_keep_their_width_and_wide_ones_share_the_rest():
    widths = fit_widths([20, 30, 300, 200], [10, 30, 20, 20], 300)
    assert sum(widths) == pytest.approx(300)
    assert widths[:2] == pytest.approx([20, 30])
    assert widths[2] == pytest.approx(widths[3])


def test_minimum_widths_are_respected():
    widths = fit_widths([100, 100, 100], [90, 10, 10], 150)
    assert widths[0] >= 90 - 1e-6 and sum(widths) == pytest.approx(150)


def test_spare_room_is_spread_in_proportion():
    assert fit_widths([10, 30], [5, 5], 80) == pytest.approx([20, 60])


def test_too_narrow_everything_scales_down():
    assert fit_widths([50, 50], [40, 60], 50) == pytest.approx([20, 30])


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九")])
def test_chinese_numbers(n, text):
    assert chinese_number(n) == text


def test_heading_number_styles():
    assert [heading_number(level, 2) for level in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]


def test_dates_use_arabic_numerals_without_leading_zeros():
    assert chinese_date(dt.date(2026, 1, 5)) == "2026年1月5日"


def test_markup_escaping_and_marker():
    assert escape("a<b>&c") == "a&lt;b&gt;&amp;c"
    assert marker("\U0002A6A5") == "〔U+2A6A5〕"


def test_balanced_header_halves(fonts):
    font = fonts.font_name("hei")
    assert balanced("出生年月", 30, font, 9) == "出生\n年月"
    assert balanced("出生年月", 100, font, 9) == "出生年月"


def test_invisible_characters_are_dropped_and_escaped(fonts):
    resolver = GlyphResolver(fonts)
    text = "王\u200b志\ufe0f远 <A&B>\n第二行"
    assert resolver.markup(text, "body") == "王志远 &lt;A&amp;B&gt;<br/>第二行"
    assert resolver.missing == []
