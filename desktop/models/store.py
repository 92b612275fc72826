"""Open a Branch Desk database file: connect, then migrate to the latest schema."""
from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from ..paths import backup_dir_for
from .db import connect
from .migrations import migrate


def open_store(path: Path | str) -> SqliteDatabase:
    database = connect(path)
    migrate(database, backup_dir_for(Path(path)))
    return database
