"""How fast the 值班排班 and 包保日记 pages open and scroll on a large database.

Usage: .venv/bin/python bench/pages_duty_diaries.py [DB] [--runs N] [--profile duty|diaries] [--no-scroll]
DB defaults to bench/bigdb.py's cached file. The file is copied to a temp dir first (the app
writes: lock, backups, handover records). Prints one line a step (first open, each tab, next
week, 31 days, pick member, month x2, search, reopen; the scroll rows are the slowest step
of paging to the end): median wall ms of N fresh windows (min–max) and median CPU ms (other
work on the machine inflates the wall figures). --profile prints a cProfile of that page's
first open in the first run.

A first open includes importing the page's modules: where PYTHONDONTWRITEBYTECODE is set
they are compiled from source every run, which users never pay. Run as
    env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=/tmp/pyc .venv/bin/python bench/pages_duty_diaries.py
to measure with cached bytecode, as an installed app runs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from page_timing import (
    Timer,
    close_window,
    copy_db,
    default_db,
    open_window,
    scroll_to_end,
    shield_none,
)

DUTY, DIARIES = 3, 4


def one_run(app, path: Path, timer: Timer, scroll: bool) -> None:
    def scrolled(key: str, view) -> None:
        if scroll:
            timer.record(key, scroll_to_end(app, view))

    with tempfile.TemporaryDirectory() as tmp:
        window = open_window(app, path, Path(tmp))
        for key, index in (("duty", DUTY), ("diaries", DIARIES)):
            timer(f"{key}: first open", lambda: window.show_page(index))
            page = window.page(index)
            if key == "duty":
                scrolled("duty: scroll grid (worst step)", page.grid)
                for tab, name in ((1, "people tab"), (3, "stats tab"), (2, "handover tab"), (0, "grid tab")):
                    timer(f"duty: {name}", lambda: page.tabs.setCurrentIndex(tab))
                    if tab == 1:
                        scrolled("duty: scroll people (worst step)", page.person_view.table)
                timer("duty: next week", lambda: page.period_bar.step(1))
                first, _ = page.period()
                timer("duty: 31 days", lambda: page.set_period(first, first + dt.timedelta(days=30)))
                scrolled("duty: scroll 31 days (worst step)", page.grid)
                page.period_bar.combo.setCurrentIndex(0)
            else:
                scrolled("diaries: scroll members (worst step)", page.members.list)
                timer("diaries: pick member",
                      lambda: page.members.list.setCurrentRow(page.members.list.count() // 2))
                timer("diaries: month x2", lambda: (page.calendar.showNextMonth(), page.calendar.showPreviousMonth()))

                def search() -> None:
                    page.tabs.setCurrentIndex(1)
                    page.search.query.setText("走访")
                    page.search.search_now()

                timer("diaries: search tab + 2 chars", search)
                scrolled("diaries: scroll hits (worst step)", page.search.results)
                page.tabs.setCurrentIndex(0)
            timer(f"{key}: reopen", lambda: (window.show_page(1), app.processEvents(), app.processEvents(),
                                             window.show_page(index)))
        close_window(app, window)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", choices=("duty", "diaries"))
    parser.add_argument("--no-scroll", action="store_true")
    args = parser.parse_args()
    source = default_db(args.db)
    shield_none()
    app = QApplication.instance() or QApplication([])
    timer = Timer(app, f"{args.profile}: first open" if args.profile else None)
    with tempfile.TemporaryDirectory() as tmp:
        path = copy_db(source, Path(tmp))
        os.environ["BRANCH_DESK_DB"] = str(path)
        for _ in range(args.runs):
            one_run(app, path, timer, scroll=not args.no_scroll)
    timer.report(args.runs, source)


if __name__ == "__main__":
    main()
