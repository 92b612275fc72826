"""Shared fixtures: offscreen Qt, and a fresh database for every test."""
from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The kept log (desktop/logs.py) of every in-process and child command: never the user's real log.
os.environ["BRANCH_DESK_LOG_DIR"] = tempfile.mkdtemp(prefix="branch-desk-test-log-")

from desktop.ui.none_guard import keep_none_alive

keep_none_alive()  # PySide6 6.12 on Python 3.11 drops references to None/True/False

import pytest

from desktop.models import close
from desktop.safety.opening import Mode, open_database


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    """Every test gets its own empty database file at the latest schema."""
    path = tmp_path / "branch-desk.sqlite3"
    monkeypatch.setenv("BRANCH_DESK_DB", str(path))
    monkeypatch.setenv("BRANCH_DESK_CONFIG_DIR", str(tmp_path / "config"))  # e.g. report font choices
    database = open_database(path, Mode.WRITE, checked=False).database  # the one door, as the bench uses it
    yield database
    close()
