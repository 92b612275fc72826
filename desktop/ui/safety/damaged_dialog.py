"""At start-up, a damaged database: say so plainly and offer the newest good backup.

Nothing is written into the damaged file. Restoring writes the backup to a new file
and swaps it in; the damaged file stays beside it, renamed, for the record.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QSizePolicy, QSpacerItem, QWidget

from ...safety.backup import BackupInfo
from ...safety.config import backup_folder, backup_folders
from ...safety.integrity import CheckResult, describe_backup, newest_good_backup
from ...safety.restore import RestoreError, restore_to_path

TITLE = "无法打开数据库"
Button = QMessageBox.StandardButton


def problem_text(result: CheckResult) -> str:
    text = result.message()
    if result.detail:
        text += f"\n\n技术信息：{result.detail[:300]}"
    return text


def breakable(path: Path) -> str:
    """A long path that may wrap after each folder instead of running off the box."""
    return str(path).replace("/", "/\u200b").replace("\\", "\\\u200b")


def damaged_box(result: CheckResult, backup: BackupInfo, parent: QWidget | None = None) -> QMessageBox:
    """The question shown when a good backup exists (built separately for tests and screenshots)."""
    headline, _, explanation = result.message().partition("\n")
    explanation = explanation.replace(str(result.path), "").strip()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(TITLE)
    box.setText(headline.rstrip("：") + "。")
    box.setInformativeText(
        f"文件：{breakable(result.path)}\n\n{explanation}\n\n"
        f"找到最近一份完好的备份：{describe_backup(backup)}。"
        "恢复后，这份备份之后录入的内容需要重新录入。"
        "损坏的文件会改名保留（文件名中带 damaged），不会被删除。\n\n是否用这份备份恢复？"
    )
    box.setDetailedText(f"数据库文件：{result.path}\n备份文件：{backup.path}\n检查结果：{result.detail}")
    box.setStandardButtons(Button.Yes | Button.Open | Button.Close)
    box.button(Button.Yes).setText("恢复这份备份")
    box.button(Button.Open).setText("选择其他备份文件…")
    box.button(Button.Close).setText("退出")
    box.setDefaultButton(Button.Yes)
    box.setEscapeButton(Button.Close)
    layout = box.layout()  # QMessageBox sizes to its text; paths and Chinese need room
    layout.addItem(QSpacerItem(560, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding),
                   layout.rowCount(), 0, 1, layout.columnCount())
    return box


def _choose_file(db_path: Path, parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "选择备份文件", str(backup_folder(db_path)), "支部工作台数据库 (*.sqlite3 *.db);;所有文件 (*)",
    )
    return Path(name) if name else None


def offer_restore(db_path: Path, result: CheckResult, parent: QWidget | None = None) -> str | None:
    """Ask what to do about the damaged *db_path*. Returns a note for the status bar once a
    backup is in place, or None when the app should quit (the damaged file untouched)."""
    db_path = Path(db_path)
    backup = newest_good_backup(backup_folders(db_path))
    if backup is None:
        answer = QMessageBox.critical(
            parent, TITLE,
            problem_text(result) + "\n\n没有在备份文件夹中找到可用的备份。"
            "如果在 U 盘或其他位置存有备份，请点“打开”选择它来恢复；否则请联系技术人员，并保留这个文件。",
            Button.Open | Button.Close, Button.Close,
        )
        source = _choose_file(db_path, parent) if answer == Button.Open else None
    else:
        answer = damaged_box(result, backup, parent).exec()
        if answer == Button.Yes:
            source, label = backup.path, f"{describe_backup(backup)}的备份"
        else:
            source = _choose_file(db_path, parent) if answer == Button.Open else None
    if source is None:
        return None
    if source != getattr(backup, "path", None):
        label = f"备份文件“{source.name}”"
    try:
        restored = restore_to_path(source, db_path)
    except (RestoreError, OSError) as exc:
        QMessageBox.critical(parent, "恢复失败", f"{exc}\n\n损坏的文件没有被改动。")
        return None
    kept = f"\n损坏的原文件已改名保留：{restored.damaged_kept}" if restored.damaged_kept else ""
    QMessageBox.information(parent, "已恢复", f"已用{label}恢复数据库。{kept}")
    return f"已用{label}恢复数据库"
