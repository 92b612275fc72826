"""设置 runs a fixed number of queries however many members (committee candidates) and
backups there are; the backups list reads files, never the database."""
from __future__ import annotations

import datetime as dt
import shutil

from desktop.paths import resolve_db_path
from desktop.roster import service
from desktop.safety.config import backup_folder
from desktop.ui.settings.settings_page import SettingsPage
from tests.ui.query_counting import built, queries, read_page
from tests.ui.scale_data import Branch

# branch profile, committee candidates, committee (twice: secretary and members), schema
# version, and (opening only) whose database it is for the backups list: nothing per member,
# nothing per backup
OPEN = SHOWN = 6


def add_backups(n: int) -> None:
    """n backups in the rotating folder, one a day, copied from one real backup."""
    folder = backup_folder(resolve_db_path())
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / "branch-desk-20250101-080000-manual.sqlite3"
    if not first.exists():
        from desktop.models import db
        from desktop.safety.backup import backup_to

        backup_to(db.obj, first)
    for day in range(len(list(folder.glob("branch-desk-*.sqlite3"))), n):
        taken = dt.datetime(2025, 1, 1, 8) + dt.timedelta(days=day)
        shutil.copy(first, folder / f"branch-desk-{taken:%Y%m%d-%H%M%S}-auto.sqlite3")


def test_settings_queries_do_not_grow_with_members_or_backups(qtbot):
    qtbot.addWidget(SettingsPage(resolve_db_path()))  # the first start writes the branch row
    counts = []
    for n in Branch().each_size("members"):
        add_backups(n)
        page, opened = built(qtbot, lambda: SettingsPage(resolve_db_path()))
        assert page.safety.table.rowCount() == n
        assert page.info.committee.secretary.count() > n // 2  # the candidates: every Party member here
        counts.append((opened, queries(page.on_shown), queries(lambda: read_page(page))))
    assert counts == [(OPEN, SHOWN, 0)] * 2


def test_backups_list_reads_only_the_open_databases_identity(qtbot):
    service.save_member({"name": "张三", "political_status": "中共党员"})
    add_backups(30)
    page, _ = built(qtbot, lambda: SettingsPage(resolve_db_path()))
    assert queries(page.safety.refresh) == 1  # whose database is open; the backups are read from files
    assert page.safety.table.rowCount() == 30
