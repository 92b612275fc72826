"""An exception nobody caught in the window: the dialog says what happened and where the log
is, the traceback is in the log, and the window goes on working."""
from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QVBoxLayout, QWidget

from desktop import logs
from desktop.errors import UserError
from desktop.ui.crash import CRASH_TITLE, CrashReporter
from tests.ui.dialogs import patch_message_boxes

pytestmark = pytest.mark.qt_no_exception_capture  # the reporter under test takes the hooks


@pytest.fixture
def boxes(monkeypatch):
    """Warnings land in boxes.told; critical boxes in boxes.critical as (title, text, GUI thread?)."""
    state = patch_message_boxes(monkeypatch, critical=[])

    def critical(parent, title, text, *args, **kwargs):
        on_gui_thread = QThread.currentThread() is QApplication.instance().thread()
        state.critical.append((title, text, on_gui_thread))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return state


@pytest.fixture
def reporter(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path / "日志"))
    hooks = (sys.excepthook, threading.excepthook)
    logs.configure()
    crashes = CrashReporter(qapp).install()
    yield crashes
    crashes.uninstall()
    logs.reset()
    assert (sys.excepthook, threading.excepthook) == hooks  # given back as they were


def log_text(tmp_path) -> str:
    return (tmp_path / "日志" / logs.LOG_FILENAME).read_text(encoding="utf-8")


class Page(QWidget):
    """A page with one buggy button and one that works."""

    def __init__(self, fault: BaseException):
        super().__init__()
        self.fault, self.counted = fault, 0
        self.broken = QPushButton("出错的按钮", self)
        self.working = QPushButton("正常的按钮", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.broken)
        layout.addWidget(self.working)
        self.broken.clicked.connect(self.fail)
        self.working.clicked.connect(self.count)

    def fail(self):
        raise self.fault

    def count(self):
        self.counted += 1


def test_a_bug_in_a_click_shows_the_dialog_writes_the_log_and_the_window_goes_on(qtbot, reporter, boxes, tmp_path):
    page = Page(ZeroDivisionError("division by zero"))
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.broken, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(boxes.critical))
    title, text, on_gui_thread = boxes.critical[0]
    path = tmp_path / "日志" / logs.LOG_FILENAME
    assert title == CRASH_TITLE and on_gui_thread
    assert "ZeroDivisionError: division by zero" in text and f"详情已记录在 {path}" in text
    kept = log_text(tmp_path)
    assert "unexpected exception" in kept and "Traceback (most recent call last)" in kept
    assert "in fail" in kept and "ZeroDivisionError: division by zero" in kept
    qtbot.mouseClick(page.working, Qt.MouseButton.LeftButton)  # the app keeps running
    assert page.counted == 1 and page.isVisible()


def test_the_same_bug_again_is_logged_but_not_shown_again(qtbot, reporter, boxes, tmp_path):
    page = Page(KeyError("team"))
    qtbot.addWidget(page)
    for _ in range(3):
        qtbot.mouseClick(page.broken, Qt.MouseButton.LeftButton)
        qtbot.wait(1)  # QTest clicks do not spin the loop: let the queued dialog through
    qtbot.waitUntil(lambda: bool(boxes.critical))
    qtbot.wait(10)
    assert len(boxes.critical) == 1
    assert log_text(tmp_path).count("KeyError: 'team'") == 3


def test_a_bug_in_a_thread_is_shown_from_the_window(qtbot, reporter, boxes, tmp_path):
    def work():
        raise LookupError("备份线程出错")

    worker = threading.Thread(target=work, name="备份")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(boxes.critical))
    title, text, on_gui_thread = boxes.critical[0]
    assert on_gui_thread and "LookupError: 备份线程出错" in text
    assert "unexpected exception in thread 备份" in log_text(tmp_path)


def test_a_refusal_that_escaped_its_page_is_shown_in_its_own_words(qtbot, reporter, boxes, tmp_path):
    page = Page(UserError("这一天的值班已经锁定，不能修改。"))
    qtbot.addWidget(page)
    qtbot.mouseClick(page.broken, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(boxes.told))
    assert boxes.told == ["这一天的值班已经锁定，不能修改。"] and boxes.critical == []
    assert not (tmp_path / "日志" / logs.LOG_FILENAME).exists()  # not a warning: nothing kept


def test_the_started_app_installs_the_reporter(qapp, monkeypatch, tmp_path):
    """app.run() hands unexpected exceptions to the reporter for as long as the window runs."""
    import desktop.app as desktop_app
    from desktop.ui import crash

    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path / "日志"))
    installed = []
    real = crash.install_crash_reporter

    def spy(app):
        reporter = real(app)
        installed.append(sys.excepthook == reporter.excepthook)
        return reporter

    monkeypatch.setattr(crash, "install_crash_reporter", spy)
    monkeypatch.setattr(desktop_app, "create_application", lambda: qapp)
    monkeypatch.setattr(desktop_app.QMessageBox, "critical", lambda *args: None)
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    before = sys.excepthook
    try:
        assert desktop_app.run(bad) == 1  # fails at opening: the window closes, run() returns
    finally:
        logs.reset()
    assert installed == [True] and sys.excepthook is before
