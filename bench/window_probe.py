"""Child process of bench/suite.py: open the app's window on a database and time its pages.

    .venv/bin/python bench/window_probe.py --db COPY --start settings --pages overview,roster,...

Starts the way desktop/app.py run() does (create_application, claim_database, open_database,
MainWindow, start_services, show), on a fresh QSettings (XDG_CONFIG_HOME must point at an
empty folder) that opens on the --start page. Waits for the start-up services to settle, then
for each --pages page times its first (cold) open: show_page() until the window has painted;
then for every item view on the page, scrolling to the end (fetchMore while canFetchMore,
scrollToBottom, paint). Then reads the peak resident memory, and last times the reference:
a bare QTableView over a QStandardItemModel of the same rows and columns as the page's
largest view. Prints one JSON line. The database file is written to (lock, backups): pass a copy.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QHeaderView,
    QTableView,
)

from page_timing import shield_none

SETTLE_SECONDS = 60  # at most this long for start-up work (the backup) to finish before timing


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process. Linux: VmHWM, because ru_maxrss carries over
    from the parent across fork+exec (a suite that has grown would inflate its children)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024  # macOS reports bytes


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def paint(app: QApplication, widget) -> None:
    """Run posted work, then paint *widget* synchronously, then let queued follow-ups run."""
    app.processEvents()
    widget.repaint()
    app.processEvents()


def _views(page) -> list[QAbstractItemView]:
    found = []
    for view in page.findChildren(QAbstractItemView):
        parent, inside_calendar = view.parentWidget(), False
        while parent is not None and parent is not page:
            inside_calendar = inside_calendar or isinstance(parent, QCalendarWidget)
            parent = parent.parentWidget()
        headers = isinstance(view, QHeaderView)  # scrolled with their table
        if view.isVisible() and view.model() is not None and not inside_calendar and not headers:
            found.append(view)
    return found


def _columns(model) -> int:
    try:
        return model.columnCount()
    except TypeError:  # a list model (QListWidget's): one column, and Qt keeps the call private
        return 1


def scroll_to_end(app: QApplication, view: QAbstractItemView) -> float:
    start = time.perf_counter()
    model = view.model()
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    view.scrollToBottom()
    paint(app, view.viewport())
    return _ms(start)


def bare_table(app: QApplication, rows: int, cols: int, size) -> tuple[float, float]:
    """(open ms, scroll ms) of a plain QTableView over a QStandardItemModel of rows x cols."""
    start = time.perf_counter()
    model = QStandardItemModel(rows, cols)
    for r in range(rows):
        for c in range(cols):
            model.setItem(r, c, QStandardItem(f"第{r}行{c}列"))
    view = QTableView()
    view.setModel(model)
    view.resize(size)
    view.show()
    paint(app, view)
    opened = _ms(start)
    scrolled = scroll_to_end(app, view)
    view.close()
    view.deleteLater()
    app.processEvents()
    return opened, scrolled


def wait_for_startup(app: QApplication, window) -> None:
    """Let the start-up backup (run after show) finish, so it does not share the clock."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline:
        app.processEvents()
        backup = getattr(window, "startup_backup", None)
        if backup is None or not backup.pending():
            break
        time.sleep(0.01)
    for _ in range(3):
        app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--start", default="settings")
    parser.add_argument("--pages", default="")
    parser.add_argument("--no-reference", action="store_true")
    args = parser.parse_args()
    shield_none()

    from PySide6.QtCore import QSettings

    from desktop.app import create_application, open_database
    from desktop.models import close
    from desktop.ui.main_window import PAGE_KEYS, MainWindow
    from desktop.ui.safety.startup import claim_database, start_services

    app = create_application()
    QSettings().setValue("main_window/page", args.start)
    claim = claim_database(args.db)
    if isinstance(claim, int):
        sys.exit(f"cannot claim {args.db}")
    result: dict = {"pages": {}}
    try:
        problem = open_database(args.db)
        if problem:
            sys.exit(problem)
        window = MainWindow(args.db)
        start_services(window, claim)
        window.show()
        paint(app, window)
        wait_for_startup(app, window)
        from desktop.roster.pinyin import warm_up

        warming = warm_up()  # what the app starts once its first page is painted
        if warming is not None:
            warming.join()
        for key in [k for k in args.pages.split(",") if k]:
            index = PAGE_KEYS.index(key)
            start = time.perf_counter()
            window.show_page(index)
            paint(app, window)
            opened = _ms(start)
            page = window.page(index)
            views = []
            for view in _views(page):
                scrolled = scroll_to_end(app, view)  # first: rows are counted after fetching all
                views.append({"name": f"{type(view).__name__} {view.objectName()}".strip(),
                              "rows": view.model().rowCount(), "cols": _columns(view.model()),
                              "scroll_ms": scrolled})
            result["pages"][key] = {"open_ms": opened, "views": views,
                                    "size": [page.width(), page.height()]}
        result["peak_rss_mb"] = peak_rss_mb()
        if not args.no_reference:
            for key, figures in result["pages"].items():
                if figures["views"]:
                    biggest = max(figures["views"], key=lambda v: v["rows"] * max(1, v["cols"]))
                    page = window.page(PAGE_KEYS.index(key))
                    figures["bare_open_ms"], figures["bare_scroll_ms"] = bare_table(
                        app, biggest["rows"], max(1, biggest["cols"]), page.size())
        window.close()
    finally:
        close()
        claim.release()
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
