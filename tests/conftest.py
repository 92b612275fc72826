"""Shared fixtures: offscreen Qt, and a fresh database for every test."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.ui.none_guard import keep_none_alive  # noqa: E402

keep_none_alive()  # PySide6 6.12 on Python 3.11 drops references to None/True/False

import pytest  # noqa: E402

from desktop.models import close  # noqa: E402
from desktop.safety.opening import Mode, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    """Every test gets its own empty database file at the latest schema."""
    path = tmp_path / "branch-desk.sqlite3"
    monkeypatch.setenv("BRANCH_DESK_DB", str(path))
    monkeypatch.setenv("BRANCH_DESK_CONFIG_DIR", str(tmp_path / "config"))  # e.g. report font choices
    database = open_database(path, Mode.WRITE, checked=False).database  # the one door, as the bench uses it
    yield database
    close()
