"""How fast the 值班排班 and 包保日记 pages open and scroll on a large database.

Usage: .venv/bin/python bench/pages_duty_diaries.py [DB] [--runs N] [--profile duty|diaries] [--no-scroll]
DB defaults to bench/bigdb.py's cached file. The file is copied to a temp dir first (the app
writes: lock, backups, handover records). Prints medians of N fresh windows, in ms, with the
process's CPU ms beside them (other work on the machine inflates the wall figures).

A first open includes importing the page's modules: where PYTHONDONTWRITEBYTECODE is set
they are compiled from source every run, which users never pay. Run as
    env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=/tmp/pyc .venv/bin/python bench/pages_duty_diaries.py
to measure with cached bytecode, as an installed app runs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication  # noqa: E402

DUTY, DIARIES = 3, 4


def shield_none() -> None:
    """PySide6 6.12.0 on CPython < 3.12 drops one reference to None on every call of a void
    method, so a long session dies with 'deallocating None'. 3.12+ makes None immortal; do
    the same (desktop/ui/none_guard.py does it for the app; repeated here so the bench also
    runs against trees without it, e.g. an older commit for a before/after figure)."""
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


_CPU: dict[float, float] = {}


def now() -> float:
    """A wall-clock start mark; the process CPU time at that mark is kept beside it."""
    start = time.perf_counter()
    _CPU[start] = time.process_time()
    return start


def ms(start: float) -> float:
    """Wall ms since *start*; the CPU ms go to LAST_CPU (other helpers share the cores)."""
    global LAST_CPU
    LAST_CPU = (time.process_time() - _CPU.pop(start, time.process_time())) * 1000
    return (time.perf_counter() - start) * 1000


LAST_CPU = 0.0
CPU: dict[str, list[float]] = {}


def record(figures: dict, name: str, value: float) -> None:
    figures.setdefault(name, []).append(value)
    CPU.setdefault(name, []).append(LAST_CPU)


def settle(app) -> None:
    app.processEvents()
    app.processEvents()


SCROLL = True


def scroll_to_end(app, view: QAbstractItemView) -> float:
    """Page down (then right) to the end as a person dragging the scroll bar would, each step
    painted; the slowest step in ms (a step over ~16 ms is a dropped frame)."""
    global LAST_CPU
    LAST_CPU = float("nan")  # no CPU figure for a scroll
    slowest = 0.0
    if not SCROLL:
        return slowest
    for bar in (view.verticalScrollBar(), view.horizontalScrollBar()):
        step = max(1, bar.pageStep())
        value = bar.minimum()
        while value < bar.maximum():
            start = time.perf_counter()
            value = min(bar.maximum(), value + step)
            bar.setValue(value)
            view.viewport().repaint()
            app.processEvents()
            slowest = max(slowest, (time.perf_counter() - start) * 1000)
    return slowest


def one_run(app, path: Path, figures: dict, profile: str | None) -> None:
    from desktop.models import close, open_store
    from desktop.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        open_store(path)
        window = MainWindow(path, QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1366, 768)
        window.show()
        settle(app)
        for key, index in (("duty", DUTY), ("diaries", DIARIES)):
            if profile == key:
                import cProfile
                import pstats
                prof = cProfile.Profile()
                prof.enable()
            start = now()
            window.show_page(index)
            settle(app)
            record(figures, f"{key}: first open", ms(start))
            if profile == key:
                prof.disable()
                pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
            page = window.page(index)
            if key == "duty":
                record(figures, "duty: scroll grid (worst step)", scroll_to_end(app, page.grid))
                for tab, name in ((1, "people tab"), (3, "stats tab"), (2, "handover tab"), (0, "grid tab")):
                    start = now()
                    page.tabs.setCurrentIndex(tab)
                    settle(app)
                    record(figures, f"duty: {name}", ms(start))
                    if tab == 1:
                        record(figures, "duty: scroll people (worst step)", scroll_to_end(app, page.person_view.table))
                start = now()
                page.period_bar.step(1)
                settle(app)
                record(figures, "duty: next week", ms(start))
                first, _ = page.period()
                start = now()
                page.set_period(first, first + dt.timedelta(days=30))
                settle(app)
                record(figures, "duty: 31 days", ms(start))
                record(figures, "duty: scroll 31 days (worst step)", scroll_to_end(app, page.grid))
                page.period_bar.combo.setCurrentIndex(0)
                settle(app)
            else:
                record(figures, "diaries: scroll members (worst step)", scroll_to_end(app, page.members.list))
                start = now()
                page.members.list.setCurrentRow(page.members.list.count() // 2)
                settle(app)
                record(figures, "diaries: pick member", ms(start))
                start = now()
                page.calendar.showNextMonth()
                page.calendar.showPreviousMonth()
                settle(app)
                record(figures, "diaries: month x2", ms(start))
                start = now()
                page.tabs.setCurrentIndex(1)
                page.search.query.setText("走访")
                page.search.search_now()
                settle(app)
                record(figures, "diaries: search tab + 2 chars", ms(start))
                record(figures, "diaries: scroll hits (worst step)", scroll_to_end(app, page.search.results))
                page.tabs.setCurrentIndex(0)
            start = now()
            window.show_page(1)
            settle(app)
            window.show_page(index)
            settle(app)
            record(figures, f"{key}: reopen", ms(start))
        window.close()
        window.deleteLater()
        settle(app)
        close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", nargs="?")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", choices=("duty", "diaries"))
    parser.add_argument("--no-scroll", action="store_true")
    args = parser.parse_args()
    global SCROLL
    SCROLL = not args.no_scroll
    if args.db:
        source = Path(args.db)
    else:
        import bigdb
        source = Path(bigdb.ensure())
    shield_none()
    app = QApplication.instance() or QApplication([])
    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = copy_db(source, Path(tmp))
        os.environ["BRANCH_DESK_DB"] = str(path)
        for run in range(args.runs):
            one_run(app, path, figures, args.profile if run == 0 else None)
    print(f"{'what':36} {'median ms':>10} {'min':>8} {'max':>8} {'CPU ms':>8}   ({args.runs} runs)")
    for name, values in figures.items():
        print(f"{name:36} {statistics.median(values):10.1f} {min(values):8.1f} {max(values):8.1f}"
              f" {statistics.median(CPU[name]):8.1f}")


if __name__ == "__main__":
    main()
