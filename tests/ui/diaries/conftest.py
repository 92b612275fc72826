"""A small fictional roster with work tags, dialogs that never block, and the diary page shown."""
from __future__ import annotations

import datetime as dt
import types

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog

from desktop.roster import service as roster
from desktop.ui.diaries.diaries_page import DiariesPage
from tests.ui.dialogs import patch_message_boxes

TODAY = dt.date(2022, 11, 23)  # fixed: the calendar and the “yesterday” marks must not drift
YESTERDAY = TODAY - dt.timedelta(days=1)


def add_member(name: str, **extra):
    return roster.save_member({"name": name, "political_status": "中共党员",
                               "arrived_on": TODAY - dt.timedelta(days=30), **extra})


@pytest.fixture
def people():
    """李建国, 王芳, 张伟 (pinyin order: 李, 王, 张); the schema brings the eight default tags."""
    return types.SimpleNamespace(li=add_member("李建国"), wang=add_member("王芳"), zhang=add_member("张伟"))


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """QMessageBox answers Yes (or the next of *answers*); QFileDialog returns *files*."""
    state = patch_message_boxes(monkeypatch, files=[], opened=[])
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (list(state.files), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (state.files[0] if state.files else "", ""))
    from PySide6.QtGui import QDesktopServices
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: state.opened.append(url.toLocalFile()) or True)
    return state


@pytest.fixture
def page(qtbot, people):
    page = DiariesPage(today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    return page


def make_png(path, colour: str = "#C8102E", size=(64, 48)):
    """A small real PNG, drawn with QImage."""
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")
    return path
