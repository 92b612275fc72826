"""Hub window fixtures: a SQLite hub (built with the session's demo packages' key pair) and the
window on it, with its settings in a temporary file."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from tests.hub.conftest import demo_packages  # noqa: F401 - the session's three demo branches' packages
from tests.hub.helpers import make_hub


@pytest.fixture
def hub(demo_packages, tmp_path):  # noqa: F811 - the fixture imported above
    """An empty SQLite hub that can open the demo packages' sealed fields."""
    made = make_hub(str(tmp_path / "汇总台.sqlite3"), demo_packages, tmp_path)
    yield made
    made.close()


@pytest.fixture
def open_window(qtbot, tmp_path):
    """open_window(hub, **kwargs) -> a shown HubWindow, closed when the test ends."""
    from desktop.ui.hub.hub_window import HubWindow

    def make(hub, **kwargs):
        settings = QSettings(str(tmp_path / "hub-window.ini"), QSettings.Format.IniFormat)
        window = HubWindow(hub, settings=settings, **kwargs)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # the window's shortcuts (Ctrl+I …) work in the active window
        return window

    return make
