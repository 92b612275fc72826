"""An exception nobody caught, in the window or in a thread: logged, shown, survived.

Without this, PySide6 prints the traceback to a console the secretary does not have and the
click simply does nothing. CrashReporter takes over sys.excepthook and threading.excepthook:
the traceback goes to the kept log (desktop/logs.py), and a dialog says what happened and
where the log is; the event loop runs on. A UserError that escaped its page is a refusal,
not a bug: its own sentence is shown, as the page should have done.
"""
from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import logs
from ..errors import UserError

log = logging.getLogger(__name__)

TITLE = "支部工作台"
CRASH_TITLE = "支部工作台：意外错误"


def crash_text(exc: BaseException) -> str:
    """What the dialog says about an unexpected exception (after it was logged)."""
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return (
        "程序遇到了一个意外错误，刚才的操作可能没有完成，请核对一下结果。\n\n"
        f"错误：{what}\n\n"
        f"{logs.where_logged()}。\n"
        "程序会继续运行。同样的错误再次发生时只记入日志，不再提示；"
        "如果问题反复出现，请把这个日志文件交给技术支持人员。"
    )


class CrashReporter(QObject):
    """CrashReporter(app): install() takes over the exception hooks, uninstall() gives them back.

    Signals:
        arrived(object): an exception to show; always queued to the GUI thread, so a dialog
            never opens inside a paint event or in a worker thread.
    """

    arrived = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.arrived.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous: tuple | None = None
        self._showing = False
        self._shown: set[tuple[type, str]] = set()

    def install(self) -> CrashReporter:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook, threading.excepthook = self.excepthook, self.thread_excepthook
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def excepthook(self, exc_type, exc, tb) -> None:  # the sys.excepthook signature
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report(exc, tb)

    def thread_excepthook(self, args) -> None:  # the threading.excepthook signature
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.report(args.exc_value, args.exc_traceback, f" in thread {name}")

    def report(self, exc: BaseException, tb=None, where: str = "") -> None:
        """Log *exc* (its traceback for a bug) and show it from the GUI thread's event loop."""
        exc_info = (type(exc), exc, tb if tb is not None else exc.__traceback__)
        if isinstance(exc, UserError):
            log.info("refusal not caught by its page%s: %s", where, exc, exc_info=exc_info)
        else:
            log.error("unexpected exception%s", where, exc_info=exc_info)
        try:
            self.arrived.emit(exc)
        except RuntimeError:  # the application is already gone (shutting down): the log has it
            pass

    def _show(self, exc: BaseException) -> None:
        key = (type(exc), str(exc))
        if self._showing or (key in self._shown and not isinstance(exc, UserError)):
            return  # one dialog at a time, and a repeating bug (a paint) must not bury the window
        self._showing = True
        try:
            parent = QApplication.activeWindow()
            if isinstance(exc, UserError):
                QMessageBox.warning(parent, TITLE, str(exc))
            else:
                self._shown.add(key)
                QMessageBox.critical(parent, CRASH_TITLE, crash_text(exc))
        finally:
            self._showing = False


def install_crash_reporter(app: QApplication) -> CrashReporter:
    """The reporter for *app*, installed; the kept log is configured first if nobody did."""
    if logs.kept_log() is None:
        logs.configure()
    return CrashReporter(app).install()
