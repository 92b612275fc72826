"""A small fictional roster, dialogs that never block, and the meetings page shown and active."""
from __future__ import annotations

import datetime as dt
import types

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.roster import service as roster
from desktop.ui.meetings.meetings_page import MeetingsPage
from tests.ui.dialogs import patch_message_boxes

TODAY = dt.date.today()
ARRIVED = TODAY - dt.timedelta(days=30)


def add_member(name: str, status: str = "中共党员", **extra):
    values = {"name": name, "political_status": status, "arrived_on": ARRIVED, **extra}
    return roster.save_member(values)


@pytest.fixture
def people():
    """张三 书记, 王五 组织委员, 李四 / 赵六 / 刘备 党员, 钱七 预备党员, 孙八 群众."""
    p = types.SimpleNamespace(
        zhang=add_member("张三"), li=add_member("李四"), wang=add_member("王五"),
        zhao=add_member("赵六"), liu=add_member("刘备"), qian=add_member("钱七", "中共预备党员"),
        sun=add_member("孙八", "群众"),
    )
    roster.set_committee({p.zhang.id: "书记", p.wang.id: "组织委员"})
    for name in vars(p):
        setattr(p, name, type(getattr(p, name)).get_by_id(getattr(p, name).id))
    return p


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """QMessageBox answers Yes (or from *answers*); QInputDialog.getText from *texts*."""
    return patch_message_boxes(monkeypatch)


def shown_page(qtbot) -> MeetingsPage:
    """The meetings page shown and active, the list focused, as the secretary finds it."""
    page = MeetingsPage()
    qtbot.addWidget(page)
    page.resize(1280, 760)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    page.table.setFocus()
    return page


@pytest.fixture
def page(qtbot, people):
    return shown_page(qtbot)


def click_name(qtbot, panel, name: str) -> None:
    """Click a person in the roll-call grid, as the secretary would."""
    item = panel.item_for(name)
    assert item is not None, name
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def center(widget) -> QPoint:
    return widget.rect().center()
