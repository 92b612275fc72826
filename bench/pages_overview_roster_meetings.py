"""How fast 概览, 花名册, 会议记录, 报表 and 设置 open, reopen and scroll on the large database.

Usage: .venv/bin/python bench/pages_overview_roster_meetings.py [DB] [--runs N] [--profile STEP]
DB defaults to bench/bigdb.py's cached file, copied to a temp dir first (the app writes: lock,
backups, drafts). Prints the median of N fresh windows per step, in ms. STEP (e.g. "roster: open",
meetings: open newest) prints a cProfile of that step in the first run. Wall and CPU ms are
both printed: on a shared machine the CPU figure is the steadier one.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication  # noqa: E402

OVERVIEW, ROSTER, MEETINGS, DIARY, REPORTS, SETTINGS = 0, 1, 2, 4, 5, 6


def shield_none() -> None:
    """PySide6 6.12.0 on CPython < 3.12 drops a reference to None whenever Qt hands an empty
    QVariant back to Python; make None immortal as 3.12 does, so a long bench cannot abort."""
    import shiboken6

    if sys.version_info < (3, 12) and shiboken6.__version__ == "6.12.0":
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def copy_db(source: Path, into: Path) -> Path:
    target = into / "bench.sqlite3"
    for suffix in ("", "-wal"):
        if Path(str(source) + suffix).exists():
            shutil.copy(str(source) + suffix, str(target) + suffix)
    return target


def settle(app: QApplication) -> None:
    app.processEvents()
    app.processEvents()


class Timer:
    def __init__(self, app: QApplication, profile: str | None):
        self.app, self.profile, self.figures, self.cpu = app, profile, {}, {}

    def __call__(self, key: str, step: Callable[[], object]) -> object:
        profiler = cProfile.Profile() if key == self.profile else None
        if profiler:
            profiler.enable()
        start, cpu = time.perf_counter(), time.process_time()
        result = step()
        settle(self.app)
        elapsed = (time.perf_counter() - start) * 1000
        self.cpu.setdefault(key, []).append((time.process_time() - cpu) * 1000)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
            self.profile = None
        self.figures.setdefault(key, []).append(elapsed)
        return result


def scroll_to_end(app: QApplication, view: QAbstractItemView) -> None:
    """Page down to the end and then right, repainting each page as a dragged bar would."""
    for bar in (view.verticalScrollBar(), view.horizontalScrollBar()):
        value = bar.minimum()
        while value < bar.maximum():
            value = min(bar.maximum(), value + max(1, bar.pageStep()))
            bar.setValue(value)
            view.viewport().repaint()
            app.processEvents()


def search(meetings, text: str) -> None:
    """Type into the meetings search and let its pause run out at once."""
    meetings.filters.search.setText(text)
    meetings.filters.timer.stop()
    meetings.filters.changed.emit()


def one_run(app: QApplication, source: Path, timer: Timer) -> None:
    from desktop.models import close, open_store
    from desktop.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        path = copy_db(source, Path(tmp))
        os.environ["BRANCH_DESK_DB"] = str(path)
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("main_window/page", "diary")  # start on a page that is not measured
        open_store(path)
        window = MainWindow(path, settings)
        window.resize(1366, 768)
        window.show()
        settle(app)
        for key, index in (("overview", OVERVIEW), ("roster", ROSTER), ("meetings", MEETINGS),
                           ("reports", REPORTS), ("settings", SETTINGS)):
            timer(f"{key}: open", lambda: window.show_page(index))
        for key, index in (("overview", OVERVIEW), ("roster", ROSTER), ("meetings", MEETINGS),
                           ("reports", REPORTS), ("settings", SETTINGS)):
            timer(f"{key}: show again", lambda: window.show_page(index))

        window.show_page(OVERVIEW)
        overview = window.page(OVERVIEW)
        timer("overview: scroll duty", lambda: scroll_to_end(app, overview.duty_table))
        timer("overview: scroll 待办", lambda: scroll_to_end(app, overview.items_table))

        window.show_page(ROSTER)
        roster = window.page(ROSTER)
        timer("roster: scroll", lambda: scroll_to_end(app, roster.table))
        timer("roster: sort by unit", lambda: roster.table.sortByColumn(4, Qt.SortOrder.AscendingOrder))
        timer("roster: all members", lambda: roster.filters.status_combo.setCurrentIndex(2))
        timer("roster: search 'zh'", lambda: roster.filters.search.setText("zh"))
        roster.filters.search.setText("")
        timer("roster: reload", roster.reload)

        window.show_page(MEETINGS)
        meetings = window.page(MEETINGS)
        timer("meetings: scroll", lambda: scroll_to_end(app, meetings.table))
        timer("meetings: sort by host", lambda: meetings.table.sortByColumn(3, Qt.SortOrder.AscendingOrder))
        # The search runs after a pause in typing; the pause itself is not timed.
        timer("meetings: search '卡口'", lambda: search(meetings, "卡口"))
        timer("meetings: clear search", lambda: search(meetings, ""))
        timer("meetings: stats tab", lambda: meetings.tabs.setCurrentIndex(1))
        meetings.tabs.setCurrentIndex(0)
        newest = meetings.model.rows()[0].meeting_id
        timer("meetings: open newest", lambda: meetings.open_meeting(newest))
        timer("meetings: back to list", meetings.close_live)

        window.close()
        window.deleteLater()
        settle(app)
        close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile")
    args = parser.parse_args()
    if args.db is None:
        import bigdb

        args.db = bigdb.ensure()
    shield_none()
    from desktop.app import create_application

    app = create_application()
    timer = Timer(app, args.profile)
    for _ in range(args.runs):
        one_run(app, args.db, timer)
    width = max(len(k) for k in timer.figures)
    # CPU time is the steadier figure while other work shares the two cores.
    print(f"{'step':<{width}}  wall ms (median, min–max)   CPU ms   (runs: {args.runs}, {args.db.name})")
    for key, values in timer.figures.items():
        print(f"{key:<{width}}  {statistics.median(values):7.1f} ({min(values):6.1f}–{max(values):6.1f})"
              f"   {statistics.median(timer.cpu[key]):7.1f}")


if __name__ == "__main__":
    main()
