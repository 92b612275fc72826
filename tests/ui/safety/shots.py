"""Screenshots of the data-safety UI for review (not a test):

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.safety.shots [OUT_DIR]

Writes safety_tab.png, damaged_dialog.png and draft_offer.png to /tmp/shots/safety.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import create_application
from desktop.demo import create_demo_database
from desktop.models import close, db, open_store
from desktop.safety.backup import backup_into_dir, backup_name, branch_identity, list_backups
from desktop.safety.config import backup_folder
from desktop.safety.integrity import check_database
from desktop.ui.fonts import ensure_chinese_font

from ...safety.helpers import damage_pages

BACKUPS = [  # (when, reason): one secretary's day, plus older dailies and a monthly
    (dt.datetime(2026, 11, 22, 20, 30), "auto"), (dt.datetime(2026, 11, 22, 19, 58), "pre-import"),
    (dt.datetime(2026, 11, 22, 19, 20), "manual"), (dt.datetime(2026, 11, 22, 8, 2), "startup"),
    (dt.datetime(2026, 11, 21, 21, 10), "pre-restore"), (dt.datetime(2026, 11, 21, 8, 5), "pre-v4"),
    (dt.datetime(2026, 11, 20, 17, 45), "auto"), (dt.datetime(2026, 10, 31, 18, 0), "auto"),
]


def make_backups(folder: Path) -> None:
    for when, reason in BACKUPS:
        made = backup_into_dir(db.obj, folder, reason)
        uid, name = branch_identity(db.obj)
        made.rename(folder / backup_name(uid, name, reason, f"{when:%Y%m%d-%H%M%S}-000000"))


def other_branch_backup(work: Path, folder: Path) -> Path:
    """A second database beside the first, its backup in the same folder (issue 12.5)."""
    from desktop.models import Branch
    from desktop.roster.service import save_member
    from desktop.safety.connection import bind

    ours = Path(db.obj.database)
    close()
    open_store(work / "另一个支部.sqlite3")
    branch = Branch.current()
    branch.name = "朝阳里小区临时党支部"
    branch.save()
    for name in ("陈立", "邓华", "付强"):
        save_member({"name": name, "unit": "区教育局"})
    made = backup_into_dir(db.obj, folder, "manual")
    close()
    bind(ours)
    return made


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    ensure_chinese_font(app)
    work = Path(tempfile.mkdtemp(prefix="branch-desk-shots-"))
    db_path = work / "branch-desk.sqlite3"
    create_demo_database(db_path)
    open_store(db_path)
    make_backups(backup_folder(db_path))
    theirs = other_branch_backup(work, backup_folder(db_path))

    from desktop.ui.main_window import PAGE_KEYS, MainWindow

    window = MainWindow(db_path, QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    settings = window.page_by_key("settings")
    window.show_page(PAGE_KEYS.index("settings"))
    settings.setCurrentWidget(settings.safety)
    settings.safety.refresh()
    settings.safety.table.selectRow(1)
    app.processEvents()
    window.grab().save(str(out / "safety_tab.png"))

    from PySide6.QtGui import QPainter

    from desktop.safety.restore import OtherBranch, check_same_branch, verify_backup
    from desktop.ui.safety.safety_tab import other_branch_box

    try:
        check_same_branch(db.obj, verify_backup(theirs))
    except OtherBranch as exc:
        warning, _ = other_branch_box(window, str(exc))
    warning.show()
    app.processEvents()
    picture = window.grab()  # the window at 1280×800 with the warning over it, as she sees it
    painter = QPainter(picture)
    shown = warning.grab()
    painter.drawPixmap((picture.width() - shown.width()) // 2, (picture.height() - shown.height()) // 3, shown)
    painter.end()
    picture.save(str(out / "restore_other_branch.png"))
    warning.hide()

    from desktop.ui.safety.damaged_dialog import damaged_box

    good = list_backups(backup_folder(db_path))[0]
    close()
    damage_pages(db_path)
    box = damaged_box(check_database(db_path), good)
    box.show()
    app.processEvents()
    box.grab().save(str(out / "damaged_dialog.png"))
    box.hide()

    question = QMessageBox(QMessageBox.Icon.Question, "恢复草稿", "发现未保存的草稿（2026-11-22 20:31）：新成员“张建国”的信息。是否恢复？",
                           QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    question.show()
    app.processEvents()
    question.grab().save(str(out / "draft_offer.png"))
    print("\n".join(str(p) for p in sorted(out.glob("*.png"))))
    QApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots/safety"))
