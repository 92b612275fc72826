"""A small fictional roster for the meeting tests, dated around 2022-11-22."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from desktop.roster import service as roster

DAY = dt.date(2022, 11, 22)
START = dt.date(2022, 11, 1)


def add_member(name, status="中共党员", arrived=START, departed=None, **extra):
    values = {"name": name, "political_status": status, "arrived_on": arrived,
              "departed_on": departed, **extra}
    return roster.save_member(values, today=dt.date(2022, 12, 31))


@pytest.fixture
def people():
    """周明 书记, 安然 组织委员, 白云 宣传委员; 陈晨 党员, 丁宁 预备党员, 方圆 群众;
    郭峰 arrives 11-20, 何静 departs 11-21."""
    p = SimpleNamespace(
        zhou=add_member("周明"),
        an=add_member("安然"),
        bai=add_member("白云"),
        chen=add_member("陈晨"),
        ding=add_member("丁宁", "中共预备党员"),
        fang=add_member("方圆", "群众"),
        guo=add_member("郭峰", arrived=dt.date(2022, 11, 20)),
        he=add_member("何静", departed=dt.date(2022, 11, 21)),
    )
    roster.set_committee({p.zhou.id: "书记", p.an.id: "组织委员", p.bai.id: "宣传委员"})
    for name in vars(p):
        setattr(p, name, type(getattr(p, name)).get_by_id(getattr(p, name).id))
    return p


def at(day: dt.date, hhmm: str) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute))
