"""Start the desktop app: Qt application, Chinese font, look, main window, then the database.

The start is progressive: before show() only the window's chrome (application, translation,
style, font, sidebar, a placeholder page) and the one-writer lock; once the window has been
painted, the integrity check (in a thread), the database and the remembered page
(OpenAfterShow). Nothing here imports peewee or the models at load.
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)

APP_NAME = "支部工作台"
ORGANIZATION = "BranchDesk"  # QSettings key: registry path on Windows, config dir elsewhere
WINDOWS_APP_ID = "BranchDesk.BranchDesk"
# bench/suite.py times start-up: with this set, print SHOWN_MARKER once the window has been
# painted, READY_MARKER once the first page has been painted with its data, then quit.
BENCH_SHOWN_ENV = "BRANCH_DESK_BENCH_SHOWN"
SHOWN_MARKER = "BRANCH_DESK_SHOWN"
READY_MARKER = "BRANCH_DESK_READY"
OPEN_ANYWAY_MS = 300  # open the database even if the window has not been painted by then
# Imported while the integrity check runs (with the first page's module): what opening needs.
PRELOAD = ("desktop.safety.opening", "desktop.safety.autobackup", "desktop.branch_profile")


def _windows_taskbar_identity() -> None:
    # Without this, Windows groups the window under python.exe and shows its icon.
    if sys.platform == "win32":
        try:
            import ctypes

            ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(WINDOWS_APP_ID)
        except (AttributeError, OSError):
            pass


def install_qt_translation(app: QApplication) -> QTranslator | None:
    """Qt's own strings (Yes/No/OK/Cancel, context menus) in Simplified Chinese."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    log.warning("Qt Chinese translation not found in %s", folder)
    return None


def create_application() -> QApplication:
    """The QApplication with name, font, icon and stylesheet; reuses an existing one."""
    from .ui.fonts import ensure_chinese_font
    from .ui.main_window import app_icon, stylesheet

    _windows_taskbar_identity()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setStyle("Fusion")  # the same look under the stylesheet on every platform
    install_qt_translation(app)
    ensure_chinese_font(app)
    app.setWindowIcon(app_icon())
    app.setStyleSheet(stylesheet())
    return app


def open_database(db_path: Path) -> str | None:
    """Check, open and migrate the file; a Chinese message on failure, None on success."""
    import sqlite3

    from peewee import PeeweeException

    from .models import SchemaTooNew
    from .safety import opening
    from .safety.opening import DatabaseDamaged

    try:  # the window claimed the one-writer lock already (ui/safety/single_instance)
        opening.open_database(db_path, opening.Mode.WRITE)  # read-only integrity check first: never write into a damaged file
    except SchemaTooNew as exc:
        return str(exc)
    except DatabaseDamaged as exc:
        return f"无法打开数据库文件。\n\n{exc}"
    except (sqlite3.Error, PeeweeException) as exc:
        log.debug("cannot open %s", db_path, exc_info=True)
        return f"无法打开数据库文件：\n{db_path}\n\n原因：{exc}\n\n文件可能已损坏，或不是支部工作台的数据库。"
    except OSError as exc:
        log.debug("cannot open %s", db_path, exc_info=True)
        return f"无法打开数据库文件：\n{db_path}\n\n原因：{exc.strerror or exc}"
    return None


class _FirstPaint(QObject):
    """Calls *then* on the event-loop turn after *widget* was first painted: the frame is done."""

    def __init__(self, widget: QWidget, then: Callable[[], None]):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.then)
        return False


def _report(marker: str, app: QApplication | None = None) -> None:
    print(marker, flush=True)
    if app is not None:
        app.quit()


def _warm_pinyin() -> None:
    from .roster.pinyin import warm_up

    warm_up()


def run(db_path: Path) -> int:
    """Show the main window on *db_path*; the process exit code."""
    db_path = Path(db_path)
    app = create_application()
    from .ui.safety.single_instance import lock_database

    lock = lock_database(db_path)  # a second launch brings the running window forward instead
    if isinstance(lock, int):
        return lock
    from .ui.crash import install_crash_reporter

    crashes = install_crash_reporter(app)  # an unexpected exception: a dialog and the log, not silence
    opener = None
    try:
        from .ui.main_window import MainWindow
        from .ui.safety.open_after_show import OpenAfterShow

        window = MainWindow(db_path, open_later=True)
        first = window.current_spec()
        opener = OpenAfterShow(window, lock, open_database, (*PRELOAD, first.module))
        exit_codes: list[int] = []

        def failed(code: int) -> None:  # the user quit at the restore offer, or the file cannot be opened
            exit_codes.append(code)
            window.hide()
            app.exit(code)

        opener.failed.connect(failed)
        if first.key != "roster":  # pinyin (roster's unit filter): after the page is up, not before
            opener.opened.connect(lambda page: _FirstPaint(page, _warm_pinyin))
        bench = bool(os.environ.get(BENCH_SHOWN_ENV))
        if bench:
            opener.opened.connect(lambda page: _FirstPaint(page, lambda: _report(READY_MARKER, app)))

        def begin() -> None:  # the chrome is on screen: now the check, then the database
            if not opener.started:
                opener.start()
                if first.key == "roster":  # the first page needs the dictionary: load it meanwhile
                    _warm_pinyin()

        def painted() -> None:
            if bench:
                _report(SHOWN_MARKER)
            begin()

        _FirstPaint(window, painted)
        window.show()
        QTimer.singleShot(OPEN_ANYWAY_MS, window, begin)  # a window started hidden is never painted
        code = app.exec()
        return exit_codes[0] if exit_codes else code
    finally:
        if opener is not None:
            opener.cancel()
            if opener.claim is not None:  # the file was (being) opened
                opener.claim.stop_services()  # the start-up backup completes before the file is closed
                from .models import close

                close()
        lock.release()
        crashes.uninstall()


def run_hub(location: str, key_path: str | None = None) -> int:
    """Show the hub (汇总台) window on *location* (a SQLite file or a postgresql:// URL)."""
    app = create_application()
    from .ui.crash import install_crash_reporter

    crashes = install_crash_reporter(app)
    hub = None
    try:
        from .hub.store import HubError, open_hub

        try:
            hub = open_hub(location, key_path=key_path)
        except HubError as exc:  # no console for a GUI start: the message is the only word the person gets
            QMessageBox.critical(None, "无法打开汇总台", str(exc))
            return 1
        from .ui.hub.hub_window import HubWindow

        window = HubWindow(hub)
        window.show()
        return app.exec()
    finally:
        if hub is not None:
            hub.close()
        crashes.uninstall()
