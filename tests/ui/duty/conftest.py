"""A small branch on duty: nine people, three posts on 三班倒, dialogs that never block."""
from __future__ import annotations

import datetime as dt
import types

import pytest

from desktop.duty import setup
from desktop.models import DutyAssignment
from desktop.roster import service as roster
from tests.ui.dialogs import patch_message_boxes

MONDAY = dt.date(2022, 4, 11)
ARRIVED = MONDAY - dt.timedelta(days=30)
NAMES = (("张三", "中共党员"), ("李四", "中共党员"), ("王五", "中共党员"), ("赵六", "中共党员"),
         ("钱七", "中共预备党员"), ("孙八", "群众"), ("周九", "群众"), ("吴十", "共青团员"),
         ("郑一", "中共党员"), ("冯二", "群众"), ("陈晨", "中共党员"), ("褚明", "群众"))


@pytest.fixture
def people():
    members = {name: roster.save_member({"name": name, "political_status": status, "arrived_on": ARRIVED})
               for name, status in NAMES}
    return types.SimpleNamespace(by_name=members, **{m.name: m for m in members.values()})


@pytest.fixture
def posts(people):
    """东门卡口 (2 per shift, 党员带班), 西门卡口 (1), 核酸采样点 (1) on 三班倒."""
    pattern = setup.ensure_default_pattern()
    east = setup.create_post("东门卡口", pattern.id, people_needed=2, party_member_required=True)
    west = setup.create_post("西门卡口", pattern.id, people_needed=1)
    test = setup.create_post("核酸采样点", pattern.id, people_needed=1)
    shifts = setup.shifts_of(pattern.id)
    return types.SimpleNamespace(east=east, west=west, test=test, shifts=shifts,
                                 early=shifts[0], middle=shifts[1], night=shifts[2])


def put(day, post, shift, member, pinned=False):
    """Fixture data straight into the table (the page itself only goes through the services)."""
    return DutyAssignment.create(date=day, post=post, shift=shift, member=member, pinned=pinned, source="manual")


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """QMessageBox answers Yes (or from *answers*); QInputDialog.getItem from *items*."""
    return patch_message_boxes(monkeypatch)


def shown(qtbot, widget, width=1280, height=760):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget
