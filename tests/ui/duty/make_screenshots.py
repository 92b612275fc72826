"""Screenshots of the 值班排班 page for review: `python tests/ui/duty/make_screenshots.py [OUT_DIR]`.

Builds the fictional demo branch (two weeks of duty at three gates on 三班倒) in a temp file
and grabs the rota grid, the person view, statistics and the handover panel at 1280×800
inside the main window. Not a test (no test_ prefix): it writes PNGs for a person to look at.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.demo import create_demo_database
from desktop.models import Member, Post, open_store


def ensure_duty(today: dt.date) -> None:
    """The demo's duty, when this checkout's demo does not build it yet."""
    if Post.select().exists():
        return
    from desktop.demo.duty import build_duty

    print(build_duty(random.Random(2022), today, list(Member.select().order_by(Member.id))))


def mark_up(today: dt.date) -> None:
    """Edits a secretary makes by hand, so the shot shows a pin and a conflict mark."""
    from desktop.duty import edits

    rows = [a for a in edits.rota(today, today + dt.timedelta(days=1))]
    edits.set_pinned(rows[0].id, True)
    edits.set_pinned(rows[4].id, True)
    first, other = rows[0], next(a for a in rows if a.shift_id != rows[0].shift_id and a.date == today)
    edits.assign(other.date, other.post_id, other.shift_id, first.member_id)  # now on two shifts in a row


def slot_with_open_matters(today: dt.date) -> tuple:
    """Yesterday's (or earlier) shift whose predecessor left something open."""
    from desktop.duty import handover, setup

    for back in range(1, 7):
        day = today - dt.timedelta(days=back)
        for post in setup.posts():
            for shift in setup.shifts_of(post.pattern_id):
                if handover.previous_open_matters(day, post.id, shift.id):
                    return day, post.id, shift.id
    post = setup.posts()[0]
    return today, post.id, setup.shifts_of(post.pattern_id)[0].id


def main(out: Path) -> None:
    from desktop.ui.fonts import ensure_chinese_font
    from desktop.ui.main_window import PAGE_KEYS, MainWindow, stylesheet

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    db_path = work / "demo.sqlite3"
    today = dt.date.today()
    create_demo_database(db_path, today=today)
    app = QApplication.instance() or QApplication(sys.argv)
    ensure_chinese_font(app)
    app.setStyleSheet(stylesheet())
    open_store(db_path)
    ensure_duty(today)
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db_path, settings)
    window.resize(1280, 800)
    window.show()
    window.show_page(PAGE_KEYS.index("duty"))
    page = window.current_page()
    page.set_period(today - dt.timedelta(days=7), today + dt.timedelta(days=6))
    mark_up(today)
    page.reload()
    app.processEvents()
    conflicted = next((c for c in page.model.cells() if c.conflicts), None)
    if conflicted is not None:
        index = page.model.index_of(conflicted.day, conflicted.lane.post.id, conflicted.lane.shift.id)
        page.grid.setCurrentIndex(index)
    app.processEvents()
    window.grab().save(str(out / "rota-grid.png"))
    for tab, name in ((1, "rota-people"), (3, "rota-stats")):
        page.tabs.setCurrentIndex(tab)
        app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
    page.tabs.setCurrentIndex(0)
    day, post_id, shift_id = slot_with_open_matters(today)
    page.open_handover(day, post_id, shift_id)
    app.processEvents()
    window.grab().save(str(out / "handover.png"))
    print(f"saved to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots/duty"))
