import datetime as dt

import pytest

from desktop.roster.dates import (
    DateParseError,
    format_partial,
    parse_full_date,
    parse_partial_date,
    partial_to_date,
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1968.05", "1968-05"),
        ("1968.5", "1968-05"),
        ("1968年5月", "1968-05"),
        ("1968年05月", "1968-05"),
        ("1968/05", "1968-05"),
        ("1968-05", "1968-05"),
        ("196805", "1968-05"),
        ("1968-05-12", "1968-05-12"),
        ("1968年5月12日", "1968-05-12"),
        ("1968.5.12", "1968-05-12"),
        ("19680512", "1968-05-12"),
        ("１９６８．０５", "1968-05"),
        ("2022/4/3 0:00:00", "2022-04-03"),
        (" 1968.05 ", "1968-05"),
        (dt.date(1970, 1, 2), "1970-01-02"),
        (dt.datetime(1970, 1, 2, 8, 30), "1970-01-02"),
        (25000, "1968-06-11"),  # an Excel serial day number
        (1968.05, "1968-05"),
        (1968.1, "1968-10"),  # a numeric cell that lost the trailing zero of 1968.10
        (1968.12, "1968-12"),
        (1968.2, "1968-02"),
        ("", ""),
        (None, ""),
    ],
)
def test_office_date_forms(raw, expected):
    assert parse_partial_date(raw) == expected


@pytest.mark.parametrize(
    "raw, fragment",
    [("1968", "只有年份"), ("1968.13", "月份 13"), ("1968-02-30", "不存在"), ("明年", "无法识别"),
     (1968.0, "只有年份"), ("1850.01", "年份")],
)
def test_bad_dates_say_why(raw, fragment):
    with pytest.raises(DateParseError, match=fragment):
        parse_partial_date(raw)


def test_full_date_needs_a_day():
    assert parse_full_date("2022.4.13") == dt.date(2022, 4, 13)
    assert parse_full_date("") is None
    with pytest.raises(DateParseError, match="缺少日"):
        parse_full_date("2022.04")


def test_partial_helpers():
    assert partial_to_date("1968-05") == dt.date(1968, 5, 1)
    assert partial_to_date("") is None
    assert format_partial("1968-05") == "1968.05"
