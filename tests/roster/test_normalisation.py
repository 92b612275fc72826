"""One spelling per person: full-width ID numbers (14.10) and the middle dot of names (14.5)."""
import datetime as dt

import pytest

from desktop.roster.names import MIDDLE_DOT, loose_name, normalize_name_dots
from desktop.roster.validation import (
    id_number_problem,
    normalize_id_number,
    normalize_phone,
    validate_member,
)

from .test_validation import with_check

TODAY = dt.date(2022, 4, 20)
FULL = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def _x_number() -> str:
    return next(n for n in (with_check(f"11010519780315{i:03d}") for i in range(1000)) if n.endswith("X"))


@pytest.mark.parametrize("spell", [
    lambda n: n.translate(FULL),                      # all full-width, Ｘ
    lambda n: n[:-1].translate(FULL) + "x",            # full-width digits, small x
    lambda n: " ".join([n[:6], n[6:14], n[14:]]),      # spaced in groups
    lambda n: "\u3000" + n[:-1] + "ｘ\u00a0",          # ideographic space, full-width small x
])
def test_full_width_id_numbers_are_read_as_meant(spell):
    number = _x_number()
    typed = spell(number)
    assert normalize_id_number(typed) == number
    assert id_number_problem(normalize_id_number(typed), TODAY) is None
    problems = validate_member({"name": "张三", "id_number": normalize_id_number(typed), "birth_date": "1978-03"}, TODAY)
    assert problems == []  # neither 校验位不正确 nor a bogus 出生年月 mismatch


def test_full_width_phone_with_dashes():
    assert normalize_phone("１３９－１２３４－５６７８") == "13912345678"
    assert normalize_phone("（０４３６）１２３４５６７") == "0436-1234567"


@pytest.mark.parametrize("dot", ["·", "•", "・", "‧", "･", "∙", "⋅", "●", "ㆍ", "·"])
def test_every_middle_dot_becomes_one(dot):
    assert normalize_name_dots(f"阿依古丽 {dot} 买买提") == f"阿依古丽{MIDDLE_DOT}买买提"


def test_full_stop_counts_only_between_chinese_characters():
    assert normalize_name_dots("阿依古丽.买买提") == "阿依古丽·买买提"
    assert normalize_name_dots("阿依古丽。买买提") == "阿依古丽·买买提"
    assert normalize_name_dots("J. Smith") == "J. Smith"
    assert loose_name("阿依古丽 · 买买提") == loose_name("阿依古丽买买提") == "阿依古丽买买提"
