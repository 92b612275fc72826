"""MemberTableModel and MemberFilterProxy: what each cell shows, how rows sort and filter."""
from __future__ import annotations

import datetime as dt

import pytest
from playhouse.test_utils import assert_query_count
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from desktop.roster import service
from desktop.ui.roster.filter_proxy import NO_TEAM, MemberFilterProxy, StatusFilter
from desktop.ui.roster.table_model import (
    COL_ARRIVED,
    COL_BIRTH,
    COL_COMPLETE,
    COL_ID_NUMBER,
    COL_NAME,
    COL_PHONE,
    COL_POLITICAL,
    COL_STATUS,
    COL_TEAM,
    COL_UNIT,
    DEPARTED_COLOR,
    HEADERS,
    WARNING_COLOR,
    MemberTableModel,
    RecordRole,
    SortRole,
)

ID_ZHANG = "220802196805120013"


def complete(name: str, **extra) -> dict:
    values = {
        "name": name, "gender": "男", "birth_date": "1968-05", "political_status": "群众",
        "unit": "市市场监督管理局", "phone": "13912345678", "team": "第一小分队",
        "arrived_on": dt.date(2022, 4, 13),
    }
    values.update(extra)
    return values


@pytest.fixture
def roster():
    """Four members: complete, incomplete, departed, a Party member without 入党时间."""
    service.save_member(complete("张三", id_number=ID_ZHANG))
    service.save_member({"name": "李四", "team": "第二小分队", "unit": "市自然资源和规划局"})
    wang = service.save_member(complete("王五", birth_date="1975-08", gender="女", unit="市教育局",
                                        team="第二小分队", arrived_on=dt.date(2022, 4, 2)))
    service.mark_departed(wang.id, dt.date(2022, 5, 1))
    service.save_member(complete("赵六", political_status="中共党员", arrived_on=None, phone=""))
    return service.list_members()


@pytest.fixture
def model(roster):
    model = MemberTableModel()
    model.set_members(roster)
    return model


def cell(model, name: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    row = next(r for r in range(model.rowCount()) if model.member_at(r).name == name)
    return model.index(row, column).data(role)


def test_passes_qt_model_checks(qtmodeltester, model):
    qtmodeltester.check(model)


def test_empty_model_passes_qt_model_checks(qtmodeltester):
    qtmodeltester.check(MemberTableModel())


def test_headers_are_the_roster_columns(model):
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == list(HEADERS)
    assert titles[0] == "姓名" and titles[-1] == "完整性"


def test_shows_member_values_in_roster_form(model):
    assert cell(model, "张三", COL_BIRTH) == "1968.05"
    assert cell(model, "张三", COL_TEAM) == "第一小分队"
    assert cell(model, "张三", COL_ARRIVED) == "2022.04.13"
    assert cell(model, "张三", COL_STATUS) == "在岗"
    assert cell(model, "王五", COL_STATUS) == "已撤离 2022.05.01"


def test_phone_and_id_are_masked_until_revealed(qtbot, model):
    assert cell(model, "张三", COL_PHONE) == "139****5678"
    assert cell(model, "张三", COL_ID_NUMBER) == "220802********0013"
    with qtbot.waitSignal(model.dataChanged):
        model.set_reveal(True)
    assert cell(model, "张三", COL_PHONE) == "13912345678"
    assert cell(model, "张三", COL_ID_NUMBER) == ID_ZHANG


def test_incomplete_flag_with_tooltip_listing_what_is_missing(model):
    assert cell(model, "张三", COL_COMPLETE) == "完整"
    assert cell(model, "李四", COL_COMPLETE) == "待完善"
    tooltip = cell(model, "李四", COL_COMPLETE, Qt.ItemDataRole.ToolTipRole)
    for label in ("性别", "出生年月", "政治面貌", "联系电话", "到岗日期"):
        assert label in tooltip
    assert "派出单位" not in tooltip
    party = cell(model, "赵六", COL_COMPLETE, Qt.ItemDataRole.ToolTipRole)
    assert "入党时间" in party and "组织关系所在党组织" in party


def test_incomplete_cell_in_warning_colour_departed_rows_grey(model):
    warning = cell(model, "李四", COL_COMPLETE, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(warning, QBrush) and warning.color() == WARNING_COLOR
    grey = cell(model, "王五", COL_NAME, Qt.ItemDataRole.ForegroundRole)
    assert grey.color() == DEPARTED_COLOR
    assert cell(model, "张三", COL_NAME, Qt.ItemDataRole.ForegroundRole) is None


def test_record_role_returns_the_member(model, roster):
    zhang = next(m for m in roster if m.name == "张三")
    assert cell(model, "张三", COL_UNIT, RecordRole) is zhang


def test_sort_role_gives_raw_comparable_values(model):
    assert cell(model, "张三", COL_NAME, SortRole).startswith("zhang1 san1")
    assert cell(model, "张三", COL_ARRIVED, SortRole) == "2022-04-13"
    assert cell(model, "张三", COL_BIRTH, SortRole) == "1968-05"
    assert cell(model, "赵六", COL_ARRIVED, SortRole) is None
    assert cell(model, "李四", COL_BIRTH, SortRole) is None


def test_reading_every_cell_issues_no_query(model, database):
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
             Qt.ItemDataRole.BackgroundRole, SortRole, RecordRole]
    with assert_query_count(0):
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                for role in roles:
                    model.index(row, column).data(role)


def test_set_members_builds_rows_in_one_pass_over_joined_members(roster, database):
    model = MemberTableModel()
    with assert_query_count(0):
        model.set_members(roster)
    assert model.rowCount() == 4


# -- the filter proxy --------------------------------------------------------------


@pytest.fixture
def proxy(model):
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    return proxy


def names(proxy) -> list[str]:
    return [m.name for m in proxy.members()]


def test_default_shows_active_members_only(proxy):
    assert proxy.status() is StatusFilter.ACTIVE
    assert "王五" not in names(proxy)
    proxy.set_status(StatusFilter.DEPARTED)
    assert names(proxy) == ["王五"]
    proxy.set_status(StatusFilter.ALL)
    assert len(names(proxy)) == 4


def test_filters_combine(proxy):
    proxy.set_status(StatusFilter.ALL)
    proxy.set_team("第二小分队")
    assert sorted(names(proxy)) == sorted(["李四", "王五"])
    proxy.set_unit("市教育局")
    assert names(proxy) == ["王五"]
    proxy.set_team(None)
    proxy.set_unit(None)
    proxy.set_political_status("中共党员")
    assert names(proxy) == ["赵六"]
    proxy.set_political_status(None)
    proxy.set_incomplete_only(True)
    assert sorted(names(proxy)) == sorted(["李四", "赵六"])


def test_team_filter_for_members_without_team(proxy, model):
    service.save_member({"name": "孙七"})
    model.set_members(service.list_members())
    proxy.set_team(NO_TEAM)
    assert names(proxy) == ["孙七"]


@pytest.mark.parametrize("text", ["张", "zhang", "zs", "ZS", "zhangsan", "监督", "1391234", "zhang 市场"])
def test_search_by_name_pinyin_initials_unit_phone(proxy, text):
    proxy.set_search_text(text)
    assert "张三" in names(proxy)
    assert "李四" not in names(proxy)


def test_search_matches_notes_and_finds_nothing_for_nonsense(proxy, model):
    service.save_member({"name": "孙七", "notes": "负责核酸采样点"})
    model.set_members(service.list_members())
    proxy.set_search_text("核酸")
    assert names(proxy) == ["孙七"]
    proxy.set_search_text("qqqq")
    assert names(proxy) == []


def test_sorts_names_in_pinyin_order(proxy):
    assert names(proxy) == ["李四", "张三", "赵六"]  # li < zhang < zhao
    proxy.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert names(proxy) == ["赵六", "张三", "李四"]


def test_empty_values_sort_last_in_both_directions(proxy):
    proxy.sort(COL_ARRIVED, Qt.SortOrder.AscendingOrder)
    assert names(proxy)[-2:] in (["李四", "赵六"], ["赵六", "李四"])
    assert names(proxy)[0] == "张三"
    proxy.sort(COL_ARRIVED, Qt.SortOrder.DescendingOrder)
    assert names(proxy)[0] == "张三"
    assert set(names(proxy)[-2:]) == {"李四", "赵六"}


def test_sorts_arrival_dates_chronologically(proxy):
    proxy.set_status(StatusFilter.ALL)
    proxy.sort(COL_ARRIVED, Qt.SortOrder.AscendingOrder)
    assert names(proxy)[:2] == ["王五", "张三"]  # 4月2日 before 4月13日, though "13" < "2" as text


def test_political_status_sorts_in_vocabulary_order(proxy):
    proxy.sort(COL_POLITICAL, Qt.SortOrder.AscendingOrder)
    assert names(proxy) == ["赵六", "张三", "李四"]  # 中共党员, 群众, then empty
