"""Members to write diaries for (the database itself is fresh per test: tests/conftest.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.models import Member
from desktop.roster.pinyin import pinyin_key
from tests.reports.conftest import font_cache, fonts  # noqa: F401 - the report fixtures, shared

TODAY = dt.date(2022, 4, 20)


def person(name: str, unit: str = "市统计局", arrived: dt.date = dt.date(2022, 4, 1),
           departed: dt.date | None = None) -> Member:
    return Member.create(name=name, name_pinyin=pinyin_key(name), unit=unit, political_status="中共党员",
                         arrived_on=arrived, departed_on=departed)


@pytest.fixture
def wang() -> Member:
    return person("王志远")


@pytest.fixture
def li() -> Member:
    return person("李晓燕", unit="区教育局")
