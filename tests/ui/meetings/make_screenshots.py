"""Screenshots of the 会议记录 page for review: `python tests/ui/meetings/make_screenshots.py [OUT_DIR]`.

Builds the fictional demo branch (with its two weeks of meetings) in a temp file and grabs
the list, the statistics, the live entry view and the absence chooser at 1280×800.
Not a test (no test_ prefix): it writes PNGs for a person to look at.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.demo import create_demo_database
from desktop.meetings import service
from desktop.models import open_store


def enrich(today: dt.date) -> int:
    """The demo's meetings, plus a half-typed line in today's (restored into the entry)."""
    meeting = service.todays_meeting("每日例会", today)
    service.save_pending_line(meeting.id, "第三小分队今天下午负责 9 号楼到 12 号楼的")
    return meeting.id


def main(out: Path) -> None:
    from desktop.app import create_application
    from desktop.ui.main_window import PAGE_KEYS, MainWindow

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    db_path = work / "demo.sqlite3"
    today = dt.date.today()
    create_demo_database(db_path, today=today)
    app = create_application()
    open_store(db_path)
    enrich(today)
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db_path, settings)
    window.resize(1280, 800)
    window.show()
    window.show_page(PAGE_KEYS.index("meetings"))
    page = window.current_page()
    app.processEvents()
    page.select_meeting(page.visible_rows()[0].meeting_id)
    app.processEvents()
    window.grab().save(str(out / "meetings-list.png"))
    page.tabs.setCurrentIndex(1)
    app.processEvents()
    window.grab().save(str(out / "meetings-stats.png"))
    page.tabs.setCurrentIndex(0)
    live = page.start_meeting("每日例会")
    app.processEvents()
    window.grab().save(str(out / "live-entry.png"))
    live.attendance.toggle(live.attendance.list.item(3))
    app.processEvents()
    popup = live.attendance.popup()
    if popup is not None:
        shot = window.grab()
        popup_shot = popup.grab()
        from PySide6.QtGui import QPainter
        painter = QPainter(shot)
        painter.drawPixmap(window.mapFromGlobal(popup.pos()), popup_shot)
        painter.end()
        shot.save(str(out / "live-absence-popup.png"))
        popup.close()
    final = next(r for r in page.visible_rows() if r.is_final)
    page.open_meeting(final.meeting_id)
    app.processEvents()
    window.grab().save(str(out / "live-final.png"))
    print(f"saved to {out}")
    QApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots/meetings"))
