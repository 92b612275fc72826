"""How fast 概览, 花名册, 会议记录, 报表 and 设置 open, reopen and scroll on the large database.

Usage: .venv/bin/python bench/pages_overview_roster_meetings.py [DB] [--runs N] [--profile STEP]
DB defaults to bench/bigdb.py's cached file, copied to a temp dir first (the app writes: lock,
backups, drafts). Prints one line a step (open, show again, scroll, sort, filter, search, the
statistics tab, a meeting opened and closed): the median wall ms of N fresh windows (min–max)
and the median CPU ms; on a shared machine the CPU figure is the steadier one. STEP (e.g.
"roster: open", "meetings: open newest") prints a cProfile of that step in the first run.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt
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

OVERVIEW, ROSTER, MEETINGS, DIARY, REPORTS, SETTINGS = 0, 1, 2, 4, 5, 6


def search(meetings, text: str) -> None:
    """Type into the meetings search and let its pause run out at once."""
    meetings.filters.search.setText(text)
    meetings.filters.timer.stop()
    meetings.filters.changed.emit()


def one_run(app: QApplication, source: Path, timer: Timer) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = copy_db(source, Path(tmp))
        os.environ["BRANCH_DESK_DB"] = str(path)
        window = open_window(app, path, Path(tmp), start_page="diaries")  # a page that is not measured
        for what in ("open", "show again"):
            for key, index in (("overview", OVERVIEW), ("roster", ROSTER), ("meetings", MEETINGS),
                               ("reports", REPORTS), ("settings", SETTINGS)):
                timer(f"{key}: {what}", lambda: window.show_page(index))

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

        close_window(app, window)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile")
    args = parser.parse_args()
    source = default_db(args.db)
    shield_none()
    from desktop.app import create_application

    app = create_application()
    timer = Timer(app, args.profile)
    for _ in range(args.runs):
        one_run(app, source, timer)
    timer.report(args.runs, source)


if __name__ == "__main__":
    main()
