"""Screenshots of 概览 and 报表 for review: `python tests/ui/overview/make_screenshots.py [OUT_DIR]`.

Builds the fictional demo branch in a temp file and grabs both pages at 1280×800 inside
the main window (the reports page with a 党员花名册 preview). Not a test: it writes PNGs.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.models import open_store


def main(out: Path, kind: str = "members") -> None:
    from desktop.ui.fonts import ensure_chinese_font
    from desktop.ui.main_window import PAGE_KEYS, MainWindow, stylesheet

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    db_path = work / "demo.sqlite3"
    from desktop.demo import create_demo_database
    from desktop.duty import generate

    # The demo plans its rota inside one transaction, and the pre-rota safety backup then
    # waits on that transaction for ever (seen 2025-11: `desktop demo` hangs); a fresh demo
    # file needs no safety copy.
    generate.safety_backup = lambda *args, **kwargs: None
    create_demo_database(db_path, today=dt.date.today())
    app = QApplication.instance() or QApplication(sys.argv)
    ensure_chinese_font(app)
    app.setStyleSheet(stylesheet())
    open_store(db_path)
    window = MainWindow(db_path, QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    window.show_page(PAGE_KEYS.index("overview"))
    app.processEvents()
    window.grab().save(str(out / "overview.png"))

    window.show_page(PAGE_KEYS.index("reports"))
    page = window.current_page()
    page.choose(kind)
    page.build_preview()
    while page.building():
        app.processEvents()
    deadline = time.monotonic() + 2  # QPdfView renders pages on its own threads
    while time.monotonic() < deadline:
        app.processEvents()
    window.grab().save(str(out / f"reports-{kind}.png"))
    print(f"saved to {out}")
    window.close()
    window.deleteLater()  # tear Qt down before Python's final garbage collection
    app.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots/overview"),
         sys.argv[2] if len(sys.argv) > 2 else "members")
