"""The automatic backup policy: at start, then every 30 minutes while something changed.

Changes are noticed through the connection's total_changes counter (rows written by
this connection; PRAGMA data_version would miss our own writes). The app is the only
writer (see lock.py), so this connection sees every change.

A large file takes a second or more to copy and verify, so the start-up backup can run in
a worker thread (start_in_background) from a read-only connection of its own: sqlite3
connections belong to the thread that made them, and in WAL mode the copy is a consistent
snapshot while the app goes on reading and writing.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from .backup import BackupError, backup_into_dir, clean_partial_backups, prune_backups
from .config import backup_folder, default_backup_folder
from .connection import second_reader

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
        self._worker: threading.Thread | None = None

    def changes(self) -> int:
        return self.database.connection().total_changes

    def changed(self) -> bool:
        return self.last_changes is None or self.changes() != self.last_changes

    @property
    def busy(self) -> bool:
        """A background backup is still copying."""
        return self._worker is not None and self._worker.is_alive()

    def due(self, now: dt.datetime | None = None) -> bool:
        if self.busy:
            return False
        if self.last_at is None:
            return True
        now = now or self.clock()
        return now - self.last_at >= self.interval and self.changed()

    def run(self, reason: str = "auto", now: dt.datetime | None = None) -> Path:
        """Back up now into the backup folder and prune; BackupError if no copy was made."""
        changes = self.changes()
        path, self.warning = self._copy(self.database, reason, now)
        self._done(path, changes, now)
        return path

    def start_in_background(
        self, reason: str = "startup", done: Callable[[Path | None, Exception | None], None] | None = None,
    ) -> None:
        """Back up in a worker thread from a connection of its own. *done(path, error)* is
        called from that thread when the copy is verified, or with the error when it failed."""
        if self.busy:
            raise RuntimeError("a background backup is already running")
        changes = self.changes()  # the copy holds at least these changes

        def work() -> None:
            path, error = None, None
            source = second_reader(self.db_path)
            try:
                path, self.warning = self._copy(source, reason, None)
                self._done(path, changes, None)
            except Exception as exc:
                log.warning("background backup failed", exc_info=True)
                error = exc
            finally:
                source.close()
            if done is not None:
                done(path, error)

        self.warning = ""
        self._worker = threading.Thread(target=work, name=f"backup-{reason}")
        self._worker.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a background backup; True when none is running any more."""
        if self._worker is not None:
            self._worker.join(timeout)
        return not self.busy

    def _copy(self, database: SqliteDatabase, reason: str, now: dt.datetime | None) -> tuple[Path, str]:
        """Back up *database* into the backup folder and prune: (path, warning)."""
        folder = backup_folder(self.db_path)
        warning = ""
        clean_partial_backups(folder)  # what a backup interrupted last time left behind
        try:
            path = backup_into_dir(database, folder, reason)
        except BackupError:
            fallback = default_backup_folder(self.db_path)
            if folder == fallback:
                raise
            # The chosen folder may be a USB stick that is not plugged in.
            log.warning("backup folder %s unusable, using %s", folder, fallback, exc_info=True)
            path = backup_into_dir(database, fallback, reason)
            folder = fallback
            warning = f"备份文件夹 {backup_folder(self.db_path)} 无法写入，本次备份已存到 {fallback}"
        try:
            prune_backups(folder, now=now)
        except OSError:  # pruning is housekeeping; the new copy is what matters
            log.warning("pruning %s failed", folder, exc_info=True)
        return path, warning

    def _done(self, path: Path, changes: int, now: dt.datetime | None) -> None:
        self.last_at = now or self.clock()
        self.last_changes = changes
        self.last_path = path

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
