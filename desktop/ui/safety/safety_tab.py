"""设置 → 数据安全: the backups, restoring one, backing up to a USB stick, the backup folder."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import PeeweeException
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...models import db
from ...models.migrations import SchemaTooNew
from ...safety.backup import (
    BackupError,
    BackupInfo,
    backup_into_dir,
    backup_to,
    backups_of,
    branch_identity,
    clean_partial_backups,
    prune_backups,
    reason_label,
)
from ...safety.config import backup_folder, backup_folders, set_backup_folder
from ...safety.errors import fault_message
from ...safety.identity import Identity
from ...safety.integrity import describe_backup
from ...safety.permissions import private_folder
from ...safety.restore import (
    OtherBranch,
    RestoreError,
    check_same_branch,
    restore_into,
    verify_backup,
)

POLICY = (
    "每次启动时、有修改时每 30 分钟，以及导入、恢复和升级之前，程序都会自动备份。"
    "保留最近 10 份、最近 14 天每天 1 份、一年内每月 1 份，更早的自动清理。"
)
Button = QMessageBox.StandardButton


def failure_text(exc: BaseException) -> str:
    """The shared Chinese sentence for a full disk, a locked or read-only file; else the error's own."""
    return fault_message(exc) or str(exc)


OTHER_BRANCH_TITLE = "这是另一个支部的备份"
OTHER_BRANCH_RESTORE = "仍然恢复为另一个支部的数据"


def other_branch_box(parent: QWidget | None, text: str) -> tuple[QMessageBox, QPushButton]:
    """The warning before another database's backup replaces this one's records: Cancel is the
    default, and going ahead is a button that says exactly what it does."""
    box = QMessageBox(QMessageBox.Icon.Warning, OTHER_BRANCH_TITLE, text, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText("通常应当选择“取消”，再从列表中选择本支部的备份。")
    go = box.addButton(OTHER_BRANCH_RESTORE, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, go


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(size / 1024, 1):.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class SafetyTab(QWidget):
    """SafetyTab(db_path). Emits restored after the live database was replaced by a backup."""

    restored = Signal()
    folder_changed = Signal()

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.backups: list[BackupInfo] = []
        self.identity = ("", "")  # read by refresh()

        policy = QLabel(POLICY, self)
        policy.setWordWrap(True)
        policy.setProperty("role", "hint")
        self.identity_label = QLabel(self)
        self.identity_label.setWordWrap(True)
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_folder_button = QPushButton("更改备份文件夹…", self)
        self.change_folder_button.clicked.connect(self.change_folder)
        self.open_folder_button = QPushButton("打开备份文件夹", self)
        self.open_folder_button.clicked.connect(self.open_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("备份文件夹：", self))
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.change_folder_button)
        folder_row.addWidget(self.open_folder_button)

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["备份时间", "原因", "大小", "文件名"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(90)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda *_: self.restore_selected())

        self.backup_now_button = QPushButton("立即备份", self)
        self.backup_now_button.setToolTip("在备份文件夹中立即保存一份备份")
        self.backup_now_button.clicked.connect(self.backup_now)
        self.backup_to_button = QPushButton("立即备份到…", self)
        self.backup_to_button.setToolTip("把当前数据备份到指定的文件，例如 U 盘上")
        self.backup_to_button.clicked.connect(self.backup_to_file)
        self.restore_file_button = QPushButton("从文件恢复…", self)
        self.restore_file_button.setToolTip("用 U 盘等其他位置上的备份文件恢复")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.restore_button = QPushButton("恢复所选备份…", self)
        self.restore_button.setObjectName("primaryButton")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QHBoxLayout()
        for button in (self.backup_now_button, self.backup_to_button, self.restore_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setProperty("role", "hint")

        box = QGroupBox("备份", self)
        inner = QVBoxLayout(box)
        inner.addWidget(policy)
        inner.addWidget(self.identity_label)
        inner.addLayout(folder_row)
        inner.addWidget(self.table, 1)
        inner.addLayout(buttons)
        inner.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(box, 1)
        self.refresh()

    # -- listing -----------------------------------------------------------------

    def refresh(self) -> None:
        folder = backup_folder(self.db_path)
        self.folder_label.setText(str(folder))
        self.folder_label.setToolTip(str(folder))
        self.read_identity()  # one query: the name may have been edited in 支部信息 meanwhile
        uid, name = self.identity
        label = Identity(self.db_path, 0, uid, name, 0).label
        self.identity_label.setText(f"当前数据库属于“{label}”。下面只列出这个数据库的备份"
                                    "（按备份文件中记录的支部识别，同一文件夹中其他数据库的备份不会列出）。")
        for each in backup_folders(self.db_path):
            clean_partial_backups(each)  # an interrupted backup's leftovers are no backups
        self.backups = backups_of(backup_folders(self.db_path), uid, name)
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            cells = (f"{backup.taken_at:%Y-%m-%d %H:%M}", reason_label(backup.reason),
                     size_text(backup.size), backup.path.name)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path))
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 3:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)
        if self.backups and not self.table.selectedItems():
            self.table.selectRow(0)
        self._update_buttons()

    def read_identity(self) -> None:
        """Whose database is open (one query, whatever the number of backups)."""
        self.identity = branch_identity(db.obj) if db.obj is not None else ("", "")

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    # -- backing up --------------------------------------------------------------

    def backup_now(self) -> Path | None:
        folder = backup_folder(self.db_path)
        try:
            path = backup_into_dir(db.obj, folder, "manual")
            prune_backups(folder)
        except (BackupError, OSError) as exc:
            QMessageBox.warning(self, "备份失败", failure_text(exc))
            return None
        self.refresh()
        self.status.setText(f"已备份：{path.name}")
        return path

    def backup_to_file(self) -> Path | None:
        suggested = Path.home() / f"支部工作台备份-{_today()}.sqlite3"
        name, _ = QFileDialog.getSaveFileName(
            self, "备份到文件", str(suggested), "支部工作台数据库 (*.sqlite3)",
        )
        if not name:
            return None
        target = Path(name)
        if not target.suffix:
            target = target.with_suffix(".sqlite3")
        try:
            path = backup_to(db.obj, target)
        except (BackupError, OSError) as exc:
            QMessageBox.warning(self, "备份失败", failure_text(exc))
            return None
        self.status.setText(f"已备份到：{path}")
        return path

    def change_folder(self) -> Path | None:
        current = backup_folder(self.db_path)
        name = QFileDialog.getExistingDirectory(self, "选择备份文件夹", str(current))
        if not name:
            return None
        folder = Path(name)
        try:
            private_folder(folder)
            probe = folder / ".branch-desk-write-test"
            probe.write_bytes(b"")
            probe.unlink()
            set_backup_folder(self.db_path, folder)
        except OSError as exc:
            QMessageBox.warning(self, "无法使用这个文件夹", f"{folder}\n\n{exc.strerror or exc}")
            return None
        self.refresh()
        self.status.setText("备份文件夹已更改；以后的备份都保存在这里。")
        self.folder_changed.emit()
        return folder

    def open_folder(self) -> None:
        folder = private_folder(backup_folder(self.db_path))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- restoring ---------------------------------------------------------------

    def restore_selected(self) -> bool:
        backup = self.selected_backup()
        if backup is None:
            return False
        return self.restore_from(backup.path, f"{describe_backup(backup)}的备份")

    def restore_from_file(self) -> bool:
        name, _ = QFileDialog.getOpenFileName(
            self, "选择备份文件", str(backup_folder(self.db_path)),
            "支部工作台数据库 (*.sqlite3 *.db);;所有文件 (*)",
        )
        return bool(name) and self.restore_from(Path(name), f"备份文件“{Path(name).name}”")

    def restore_from(self, source: Path, label: str) -> bool:
        """Check the file, confirm (naming both branches when it is another database's), back
        up the current state, replace the live database, tell the window."""
        try:
            backup = verify_backup(source)
        except (RestoreError, OSError, sqlite3.Error) as exc:
            QMessageBox.warning(self, "不能用这个文件恢复", failure_text(exc))
            return False
        other = False
        try:
            check_same_branch(db.obj, backup)
        except OtherBranch as exc:
            if not self.ask_other_branch(str(exc)):
                return False
            other = True
        if not other:
            answer = QMessageBox.question(
                self, "恢复数据",
                f"确定要把“{backup.label}”的全部数据恢复为{label}吗？\n\n"
                "恢复前，程序会先把当前数据备份一份（原因为“恢复前”），需要时可以再恢复回来。",
                Button.Yes | Button.No, Button.No,
            )
            if answer != Button.Yes:
                return False
        try:
            result = restore_into(db.obj, source, backup_folder(self.db_path), allow_other_branch=other)
        except (RestoreError, BackupError, SchemaTooNew, sqlite3.Error, OSError) as exc:
            QMessageBox.warning(self, "恢复失败", failure_text(exc))
            return False
        except PeeweeException as exc:  # peewee's OperationalError is no sqlite3.Error; a bug is not caught
            message = fault_message(exc)
            if message is None:
                raise
            QMessageBox.warning(self, "恢复失败", message)
            return False
        self.refresh()  # reads the identity again: another branch's backup brings that branch's
        self.status.setText(f"已恢复为{label}。恢复前的数据已备份为 {result.safety_copy.name}。")
        self.restored.emit()
        return True

    def ask_other_branch(self, text: str) -> bool:
        box, go = other_branch_box(self, text)
        box.exec()
        return box.clickedButton() is go


def _today() -> str:
    import datetime as dt

    return dt.date.today().strftime("%Y%m%d")
