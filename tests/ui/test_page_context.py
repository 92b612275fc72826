"""The window hands the open database's path to its pages; none reads it back from the
models' global proxy (the report child opens exactly the file the window shows)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.models import close, db
from desktop.safety.opening import Mode, open_database
from desktop.ui.main_window import PAGE_KEYS, MainWindow


def test_the_reports_page_builds_from_the_windows_database(qtbot, tmp_path):
    opened = tmp_path / "另一个支部.sqlite3"  # not the one BRANCH_DESK_DB names
    context = open_database(opened, Mode.WRITE, checked=False)
    try:
        window = MainWindow(context.path, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        page = window.page(PAGE_KEYS.index("reports"))
        assert page.db_path == opened and Path(db.obj.database) == opened
    finally:
        close()


def test_no_page_reads_the_path_back_from_the_proxy():
    ui = Path(__file__).resolve().parents[2] / "desktop" / "ui"
    readers = [str(p.relative_to(ui)) for p in ui.rglob("*.py") if "db.obj.database" in p.read_text(encoding="utf-8")]
    assert readers == []
