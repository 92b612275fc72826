"""The automatic backup policy: at start, then every 30 minutes while something changed.

Changes are noticed through the connection's total_changes counter (rows written by
this connection; PRAGMA data_version would miss our own writes). The app is the only
writer (see lock.py), so this connection sees every change.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from ..backup import BackupError, backup_into_dir, prune_backups
from .config import backup_folder, default_backup_folder

log = logging.getLogger(__name__)

INTERVAL = dt.timedelta(minutes=30)


class AutoBackup:
    """AutoBackup(database, db_path). run('startup') once, then tick() every minute or so."""

    def __init__(
        self, database: SqliteDatabase, db_path: Path, interval: dt.timedelta = INTERVAL,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
    ):
        self.database = database
        self.db_path = Path(db_path)
        self.interval = interval
        self.clock = clock
        self.last_at: dt.datetime | None = None
        self.last_changes: int | None = None
        self.last_path: Path | None = None
        self.warning = ""  # set when the chosen folder failed and the default was used

    def changes(self) -> int:
        return self.database.connection().total_changes

    def changed(self) -> bool:
        return self.last_changes is None or self.changes() != self.last_changes

    def due(self, now: dt.datetime | None = None) -> bool:
        if self.last_at is None:
            return True
        now = now or self.clock()
        return now - self.last_at >= self.interval and self.changed()

    def run(self, reason: str = "auto", now: dt.datetime | None = None) -> Path:
        """Back up now into the backup folder and prune; BackupError if no copy was made."""
        folder = backup_folder(self.db_path)
        self.warning = ""
        try:
            path = backup_into_dir(self.database, folder, reason)
        except BackupError:
            fallback = default_backup_folder(self.db_path)
            if folder == fallback:
                raise
            # The chosen folder may be a USB stick that is not plugged in.
            log.warning("backup folder %s unusable, using %s", folder, fallback, exc_info=True)
            path = backup_into_dir(self.database, fallback, reason)
            folder = fallback
            self.warning = f"备份文件夹 {backup_folder(self.db_path)} 无法写入，本次备份已存到 {fallback}"
        try:
            prune_backups(folder, now=now)
        except OSError:  # pruning is housekeeping; the new copy is what matters
            log.warning("pruning %s failed", folder, exc_info=True)
        self.last_at = now or self.clock()
        self.last_changes = self.changes()
        self.last_path = path
        return path

    def tick(self, now: dt.datetime | None = None) -> Path | None:
        """Back up if due; the new backup's path, or None."""
        now = now or self.clock()
        if not self.due(now):
            return None
        return self.run("auto", now)

    def mark_current(self) -> None:
        """The database now equals a backup (e.g. just restored): nothing new to save."""
        self.last_at = self.clock()
        self.last_changes = self.changes()
