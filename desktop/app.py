"""Start the desktop app: Qt application, Chinese font, look, database, main window."""
from __future__ import annotations

import logging
import os
import sqlite3
import sys
from pathlib import Path

from peewee import PeeweeException
from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from .models import SchemaTooNew, close
from .safety.integrity import prefetch
from .safety.opening import DatabaseDamaged, open_checked

log = logging.getLogger(__name__)

APP_NAME = "支部工作台"
ORGANIZATION = "BranchDesk"  # QSettings key: registry path on Windows, config dir elsewhere
WINDOWS_APP_ID = "BranchDesk.BranchDesk"
# bench/suite.py times start-up: with this set, print SHOWN_MARKER and quit once the window is up.
BENCH_SHOWN_ENV = "BRANCH_DESK_BENCH_SHOWN"
SHOWN_MARKER = "BRANCH_DESK_SHOWN"


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
    try:
        open_checked(db_path)  # read-only integrity check first: never write into a damaged file
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


def _report_shown(app: QApplication) -> None:
    """The start-up benchmark's end point: the first event-loop turn after show()."""
    print(SHOWN_MARKER, flush=True)
    app.quit()


def run(db_path: Path) -> int:
    """Show the main window on *db_path*; the process exit code."""
    db_path = Path(db_path)
    prefetch(db_path)  # the read-only integrity check runs while Qt and the fonts load
    app = create_application()
    from .ui.safety.startup import claim_database, start_services

    # The lock, then the check (its answer from above unless the file changed meanwhile)
    # and the restore offer, before anything opens the file.
    claim = claim_database(db_path)
    if isinstance(claim, int):
        return claim
    try:
        problem = open_database(db_path)
        if problem:
            QMessageBox.critical(None, "无法打开数据库", problem)
            return 1

        from .ui.main_window import MainWindow

        window = MainWindow(db_path)
        start_services(window, claim)
        window.show()
        if os.environ.get(BENCH_SHOWN_ENV):
            QTimer.singleShot(0, app, lambda: _report_shown(app))
        return app.exec()
    finally:
        claim.stop_services()  # the start-up backup completes before the file is closed
        close()
        claim.release()
