"""Opening the database safely: lock first, check read-only, then connect and migrate.

The app and the writing CLI commands use open_for_writing(); read-only commands use
open_for_reading(), which works while the app is open but then never migrates.
"""
from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from ..models import connect
from ..models.migrations import LATEST, SchemaTooNew, migrate
from .config import backup_folder, default_backup_folder
from .integrity import TOO_NEW, UNREADABLE, CheckResult, check_database
from .lock import DatabaseBusy, hold
from .permissions import prepare_database_file, private_folder, secure_database_files


class DatabaseDamaged(Exception):
    """The file failed the integrity check; carries the CheckResult."""

    def __init__(self, result: CheckResult):
        super().__init__(result.message())
        self.result = result


class NeedsUpgrade(Exception):
    """A read-only command met a file that needs migrating while the app holds it."""


def _raise_for(result: CheckResult) -> None:
    if result.status == TOO_NEW:
        raise SchemaTooNew(result.message())
    if result.status == UNREADABLE or result.damaged:
        raise DatabaseDamaged(result)


def open_checked(db_path: Path) -> SqliteDatabase:
    """Check, then connect and migrate; the caller holds the lock."""
    db_path = Path(db_path)
    _raise_for(check_database(db_path))
    prepare_database_file(db_path)
    database = connect(db_path)
    secure_database_files(db_path)
    default = default_backup_folder(db_path)
    if default.exists():
        private_folder(default, always=True)  # ours, even if an old version made it 755
    folder = backup_folder(db_path)
    try:
        private_folder(folder)
    except OSError:  # the chosen USB stick is not plugged in: upgrade backups go beside the file
        folder = default
    migrate(database, folder)
    secure_database_files(db_path)
    return database


def open_for_writing(db_path: Path) -> SqliteDatabase:
    """Hold the lock for the rest of the process, then open; DatabaseBusy if taken."""
    hold(db_path)
    return open_checked(db_path)


def open_for_reading(db_path: Path) -> SqliteDatabase:
    """Open for a command that only reads. With the app running (lock taken) the file is
    read as it is: no migration, and the connection is set to query_only."""
    db_path = Path(db_path)
    try:
        hold(db_path)
    except DatabaseBusy:
        result = check_database(db_path)
        _raise_for(result)
        if result.version != LATEST:
            raise NeedsUpgrade(
                f"数据库需要升级到新的数据结构（{result.version} → {LATEST}），"
                "但支部工作台正在使用它。请先关闭支部工作台，再运行这个命令。"
            ) from None
        database = connect(db_path)
        database.execute_sql("PRAGMA query_only = 1")
        return database
    return open_checked(db_path)
