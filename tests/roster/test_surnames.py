"""Surnames are read as surnames in the pinyin keys: 曾 zeng, 单 shan, 尉迟 yuchi."""
from __future__ import annotations

import pytest

from desktop.roster.pinyin import name_key, pinyin_key
from desktop.roster.service import list_members, save_member


@pytest.mark.parametrize("name, key", [
    ("曾建国", "zeng1 jian4 guo2"), ("单雄", "shan4 xiong2"), ("解放", "xie4 fang4"),
    ("尉迟恭", "yu4 chi2 gong1"), ("仇小梅", "qiu2 xiao3 mei2"), ("曾", "zeng1"),
    ("张三", "zhang1 san1"), ("欧阳小雨", "ou1 yang2 xiao3 yu3"), ("Li雷", "li lei2"), ("", ""),
])
def test_name_key_reads_the_surname_as_a_surname(name, key):
    assert name_key(name) == key


def test_words_other_than_names_keep_their_everyday_reading():
    assert pinyin_key("单元") == "dan1 yuan2"  # a unit called 单元… is not the surname 单


def test_the_roster_orders_and_stores_surnames_by_their_reading():
    for name in ("张伟", "曾建国", "陈红", "白雪"):
        save_member({"name": name})
    assert [m.name for m in list_members()] == ["白雪", "陈红", "曾建国", "张伟"]
    assert {m.name: m.name_pinyin for m in list_members()}["曾建国"] == "zeng1 jian4 guo2"
