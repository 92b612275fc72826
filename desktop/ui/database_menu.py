"""文件 → 新建数据库… / 打开数据库… / 最近打开: another database file, opened safely.

Switching files inside the running app would have to hand over the one-writer lock, stop the
start-up backup and autosave services and rebuild every page: instead the app starts again
on the chosen file, through the same opening path as any start (integrity check, lock,
migration backup), and this window closes the usual way (unsaved settings are asked about).
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

RECENT_KEY = "main_window/recent_databases"
RECENT_MAX = 6
FILE_FILTER = "支部工作台数据库 (*.sqlite3 *.db);;所有文件 (*)"


def recent_databases(settings: QSettings) -> list[Path]:
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        value = [value]
    return [Path(p) for p in (value or []) if p]


def remember_database(settings: QSettings, path: Path) -> None:
    """Put *path* first in the recent list (kept at RECENT_MAX)."""
    paths = [str(path)] + [str(p) for p in recent_databases(settings) if p != path]
    settings.setValue(RECENT_KEY, paths[:RECENT_MAX])


def start_command(db_path: Path) -> tuple[str, list[str]]:
    """The program and arguments that start the app on *db_path* (installed or frozen)."""
    if getattr(sys, "frozen", False):  # a packaged app: the executable is the app itself
        return sys.executable, ["--db", str(db_path)]
    return sys.executable, ["-m", "desktop", "--db", str(db_path)]


class DatabaseMenu:
    """Fills *menu* (the 文件 menu) of *window*; window.db_path is the open file."""

    def __init__(self, window: QMainWindow, menu: QMenu, settings: QSettings):
        self.window = window
        self.settings = settings
        self.new_action = QAction("新建数据库(&N)…", window)
        self.new_action.setToolTip("为另一个支部新建一个空数据库文件，并在新窗口中打开")
        self.new_action.triggered.connect(self.new_database)
        self.open_action = QAction("打开数据库(&O)…", window)
        self.open_action.triggered.connect(self.open_database)
        self.recent_menu = QMenu("最近打开(&R)", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addAction(self.new_action)
        menu.addAction(self.open_action)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        remember_database(settings, Path(window.db_path))
        self.started: list[tuple[str, list[str]]] = []  # what was launched (tests read it)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = Path(self.window.db_path)
        others = [p for p in recent_databases(self.settings) if p != current]
        if not others:
            self.recent_menu.addAction("（没有其他最近打开的数据库）").setEnabled(False)
        for path in others:
            action = self.recent_menu.addAction(f"{path.name}　—　{path.parent}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.switch_to(p))

    def new_database(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "新建数据库", str(Path(self.window.db_path).parent / "新支部.sqlite3"), FILE_FILTER)
        if not path:
            return False
        target = Path(path)
        if target.suffix == "":
            target = target.with_suffix(".sqlite3")
        if target.exists():
            # Never write over a file: it may be another branch's records.
            QMessageBox.warning(self.window, "新建数据库",
                                f"文件已存在：\n{target}\n\n为免覆盖已有记录，请换一个文件名；"
                                "要打开这个文件，请用“打开数据库…”。")
            return False
        return self.switch_to(target)

    def open_database(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "打开数据库", str(Path(self.window.db_path).parent), FILE_FILTER)
        return bool(path) and self.switch_to(Path(path))

    def switch_to(self, path: Path) -> bool:
        """Start the app on *path* and close this window. False when nothing changed."""
        path = path.expanduser().resolve()
        if path == Path(self.window.db_path).resolve():
            QMessageBox.information(self.window, "打开数据库", "这个数据库已经打开。")
            return False
        if not path.exists() and not path.parent.is_dir():
            QMessageBox.warning(self.window, "打开数据库", f"找不到文件夹：\n{path.parent}")
            return False
        if not self.window.close():  # the user kept the window (e.g. unsaved settings)
            return False
        remember_database(self.settings, path)
        self.settings.sync()
        program, arguments = start_command(path)
        self.started.append((program, arguments))
        result = QProcess.startDetached(program, arguments)
        if not (result[0] if isinstance(result, tuple) else result):
            QMessageBox.warning(None, "打开数据库", f"无法启动支部工作台打开：\n{path}")
            return False
        return True
