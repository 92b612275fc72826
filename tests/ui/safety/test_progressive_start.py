"""The progressive start (app.run): the window with a placeholder first, then on the event loop
the integrity check's answer, the restore offer, the database and the remembered page."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

import desktop.app as desktop_app
import desktop.safety.opening as opening
from desktop.models import close, db
from desktop.safety import integrity
from desktop.safety.connection import bind
from desktop.safety.lock import DatabaseLock, is_locked
from desktop.ui import main_window as mw
from desktop.ui.main_window import OPENING_TEXT, PAGE_KEYS, MainWindow
from desktop.ui.safety.single_instance import InstanceServer

from ...safety.helpers import ROOT, damage_pages, fingerprint, make_database, roster, run_app_once

Button = QMessageBox.StandardButton


def opened_file() -> str | None:
    """The file the models are bound to and connected to now (None when closed)."""
    return db.obj.database if db.obj is not None and not db.is_closed() else None


def app_window(path: Path) -> MainWindow | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, MainWindow) and w.db_path == path and not w.isHidden()), None)


@pytest.fixture
def start(qapp, qtbot, tmp_path, monkeypatch):
    """app.run(path) in this process: the test's QApplication, a settings file of its own,
    and the event loop, left once the database is open (or ended by a start that gave up)."""
    close()
    settings_file = tmp_path / "settings.ini"
    monkeypatch.setattr(desktop_app, "create_application", lambda: qapp)
    monkeypatch.setattr(mw, "QSettings", lambda: QSettings(str(settings_file), QSettings.Format.IniFormat))
    seen: dict[str, object] = {}
    real_exec = QApplication.exec

    def run(path: Path, first_page: str | None = None) -> int:
        if first_page:
            QSettings(str(settings_file), QSettings.Format.IniFormat).setValue("main_window/page", first_page)

        def exec_(*args) -> int:
            # The real loop (a failed start ends it with app.exit(1)), left once the file is open.
            window = app_window(path)
            seen["window"] = window
            done, hung = QTimer(), QTimer()
            done.timeout.connect(lambda: window.database_open and QApplication.exit(0))
            hung.timeout.connect(lambda: QApplication.exit(99))  # never hang the suite
            done.start(10)
            hung.start(30000)
            try:
                return real_exec()
            finally:
                done.stop()  # or they would end the event loops of the tests after this one
                hung.stop()

        monkeypatch.setattr(QApplication, "exec", exec_)
        try:
            return desktop_app.run(path)
        finally:
            window = seen.get("window")
            if window is not None:
                window.hide()  # not close(): closing remembers the window in the settings
                window.deleteLater()

    run.seen = seen
    return run


@pytest.fixture
def healthy(tmp_path):
    close()
    path = make_database(tmp_path / "data" / "branch-desk.sqlite3", extra=30)
    bind(path)
    names = roster()
    close()
    return path, names


def test_the_window_shows_the_placeholder_before_the_database_is_opened(start, healthy, monkeypatch):
    path, _ = healthy
    at_open = []
    real_open = desktop_app.open_database

    def spy(db_path):
        window = app_window(path)
        at_open.append((window.isVisible(), window.database_open, window.current_page() is window.placeholder,
                        window.placeholder.text(), window.windowTitle(), opened_file()))
        problem = real_open(db_path)
        at_open.append(opened_file())
        return problem

    monkeypatch.setattr(desktop_app, "open_database", spy)
    assert start(path) == 0
    assert at_open == [(True, False, True, OPENING_TEXT, "支部工作台", None), str(path)]


def test_the_file_is_opened_only_after_the_check_has_answered(start, healthy, monkeypatch):
    path, _ = healthy
    events = []
    real_check, real_connect = integrity._check, opening.bind

    def check(db_path, latest):
        result = real_check(db_path, latest)
        events.append(("checked", result.status))
        return result

    def connect_spy(db_path):
        events.append(("pending" if integrity.pending(db_path) else "connect", None))
        return real_connect(db_path)

    monkeypatch.setattr(integrity, "_answers", integrity._Answers())
    monkeypatch.setattr(integrity, "_check", check)
    monkeypatch.setattr(opening, "bind", connect_spy)
    assert start(path) == 0
    assert events == [("checked", integrity.OK), ("connect", None)]  # one check (reused), then the file


def test_the_remembered_page_is_built_after_the_database_is_open(start, healthy, monkeypatch):
    path, names = healthy
    at_open = []
    real_open = desktop_app.open_database

    def spy(db_path):
        window = app_window(path)
        at_open.append([key for key in PAGE_KEYS if window.built_page(key) is not None])
        return real_open(db_path)

    monkeypatch.setattr(desktop_app, "open_database", spy)
    assert start(path, first_page="roster") == 0
    window = start.seen["window"]
    assert at_open == [[]]  # nothing was built while the file was closed
    assert window.current_spec().key == "roster" and window.current_page() is window.built_page("roster")
    assert window.placeholder is None
    assert window.built_page("roster").model.rowCount() == len(names)
    assert window.windowTitle().startswith("支部工作台 — ")
    assert window.startup_backup is not None  # services started with the page


def test_a_page_chosen_while_the_file_opens_is_the_one_built(start, healthy, monkeypatch):
    path, _ = healthy
    real_open = desktop_app.open_database
    before = []

    def spy(db_path):
        window = app_window(path)
        window.show_page(PAGE_KEYS.index("meetings"))  # a click on the sidebar meanwhile
        before.append(window.built_page("meetings"))
        return real_open(db_path)

    monkeypatch.setattr(desktop_app, "open_database", spy)
    assert start(path, first_page="overview") == 0
    window = start.seen["window"]
    assert before == [None]
    assert window.current_spec().key == "meetings" and window.current_page() is window.built_page("meetings")
    assert window.built_page("overview") is None


def test_a_damaged_file_gets_the_restore_offer_and_stays_byte_identical(start, tmp_path, monkeypatch):
    """Quitting at the offer: the window was up, the file untouched, no -wal/-shm beside it."""
    close()
    path = make_database(tmp_path / "data" / "branch-desk.sqlite3", extra=100)
    damage_pages(path)
    before = fingerprint(path)
    files = sorted(p.name for p in path.parent.iterdir())
    offers = []

    def critical(parent, title, text, *args):
        offers.append((parent is not None and parent.isVisible(), title, text))
        return Button.Close

    monkeypatch.setattr(QMessageBox, "critical", critical)
    assert start(path) == 1
    assert offers and offers[0][:2] == (True, "无法打开数据库") and "数据库文件已损坏" in offers[0][2]
    assert fingerprint(path) == before
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")) == files
    assert not is_locked(path)
    assert opened_file() is None  # never connected


def test_a_second_launch_brings_the_first_forward_without_a_window_of_its_own(start, healthy, qtbot):
    path, _ = healthy
    first = QMainWindow()
    qtbot.addWidget(first)
    activations = []
    server = InstanceServer(path, first)
    server.activated.connect(lambda: activations.append(True))
    assert server.listen()
    before = fingerprint(path)
    try:
        with DatabaseLock(path):
            assert start(path) == 0
    finally:
        server.close()
    assert activations == [True]
    assert start.seen == {} and app_window(path) is None  # exec never ran: no second window
    assert fingerprint(path) == before


def test_a_real_start_prints_shown_then_ready(tmp_path):
    """python -m desktop under BRANCH_DESK_BENCH_SHOWN: both markers, in order, then exit 0."""
    close()
    path = make_database(tmp_path / "data" / "branch-desk.sqlite3", extra=20)
    result = run_app_once(tmp_path, path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == [desktop_app.SHOWN_MARKER, desktop_app.READY_MARKER]


def test_before_the_window_shows_no_database_module_is_loaded(tmp_path):
    """What the chrome needs, and nothing more: peewee, the models and pypinyin come later."""
    close()
    path = make_database(tmp_path / "data" / "branch-desk.sqlite3")
    probe = (
        "import sys, desktop.app as a\n"
        "def report(marker, app=None):\n"
        "    print(marker, sorted(m for m in ('peewee', 'desktop.models', 'pypinyin', 'openpyxl', "
        "'reportlab', 'desktop.safety.integrity') if m in sys.modules), flush=True)\n"
        "    if app is not None: app.quit()\n"
        "a._report = report\n"
        "from desktop.cli import main\n"
        "sys.exit(main(['--db', sys.argv[1]]))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRANCH_DESK_BENCH_SHOWN="1",
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-c", probe, str(path)], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    shown, ready = result.stdout.splitlines()[:2]
    assert shown == f"{desktop_app.SHOWN_MARKER} []"
    assert ready.startswith(desktop_app.READY_MARKER) and "'desktop.models'" in ready


def test_a_window_never_painted_still_opens_the_file(start, healthy, monkeypatch):
    """Started hidden or minimised, no paint arrives: the start goes on after a moment."""
    path, _ = healthy
    monkeypatch.setattr(desktop_app, "_FirstPaint", lambda widget, then: None)
    assert start(path) == 0
    assert start.seen["window"].database_open
