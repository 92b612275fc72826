"""A second launch on the same database brings the first window forward and writes nothing."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop.models import close
from desktop.safety.lock import DatabaseLock
from desktop.ui.safety.single_instance import (
    InstanceServer,
    activate_running,
    bring_to_front,
    server_name,
)
from desktop.ui.safety.startup import claim_database

from ...safety.helpers import ROOT, fingerprint, make_database


@pytest.fixture
def db_path(tmp_path) -> Path:
    close()
    return make_database(tmp_path / "branch-desk.sqlite3")


@pytest.fixture
def first_instance(qtbot, db_path):
    """This process plays the running app: lock held, window up, listening."""
    lock = DatabaseLock(db_path).acquire()
    window = QMainWindow()
    window.setWindowTitle("支部工作台")
    qtbot.addWidget(window)
    window.show()
    server = InstanceServer(db_path, window)
    activations: list[bool] = []
    server.activated.connect(lambda: activations.append(True))
    server.activated.connect(lambda: bring_to_front(window))
    assert server.listen()
    yield window, activations
    server.close()
    lock.release()


def test_names_are_stable_per_file(tmp_path):
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert server_name(a) == server_name(tmp_path / "." / "a.sqlite3")
    assert server_name(a) != server_name(b)
    assert len(server_name(a)) < 40


def test_activation_over_the_local_socket_in_process(qtbot, db_path, first_instance):
    window, activations = first_instance
    window.showMinimized()
    results = [activate_running(db_path)]  # its local event loop lets our server answer
    assert results == [True] and activations == [True]
    assert window.isVisible() and not window.windowState() & Qt.WindowState.WindowMinimized


def test_nothing_listening_means_no_activation(qapp, db_path):
    assert activate_running(db_path, timeout_ms=300) is False


def test_a_second_app_process_activates_the_first_and_exits_0(qtbot, db_path, first_instance):
    _, activations = first_instance
    before = fingerprint(db_path)
    second = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", str(db_path)], cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=30000)  # our event loop answers it
    out, err = second.communicate()
    assert second.returncode == 0, err.decode("utf-8", "replace")
    assert activations == [True]
    assert fingerprint(db_path) == before
    assert b"Traceback" not in err


def test_locked_without_a_window_explains_and_writes_nothing(qapp, db_path, monkeypatch):
    """E.g. a command-line import holds the lock: there is no window to bring forward."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: shown.append((title, text)))
    before = fingerprint(db_path)
    with DatabaseLock(db_path):
        assert claim_database(db_path) == 1
    assert shown[0][0] == "支部工作台已在运行" and "同一时间只能有一个程序修改它" in shown[0][1]
    assert fingerprint(db_path) == before
