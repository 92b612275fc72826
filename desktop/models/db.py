"""The database handle: one proxy, one base model, opened with WAL and foreign keys."""
from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from peewee import DatabaseProxy, Model, SqliteDatabase

log = logging.getLogger(__name__)

db = DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",  # safe with WAL: a power cut loses at most the last commit
    "busy_timeout": 5000,
    "cache_size": -16000,
}


def now_seconds() -> dt.datetime:
    """The current time to the second: what records store as created/updated."""
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


def connect(path: Path | str) -> SqliteDatabase:
    """Bind the proxy to the SQLite file at *path* (created if missing) and connect."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    close()
    database = SqliteDatabase(str(path), pragmas=PRAGMAS)
    db.initialize(database)
    database.connect(reuse_if_open=True)
    log.debug("opened %s", path)
    return database


READ_PRAGMAS = {"foreign_keys": 1, "busy_timeout": 5000, "cache_size": -16000, "query_only": 1}


def _writable(path: Path) -> bool:
    """Writable by this account *and* meant to be: an administrator passes os.access on a
    444 file or a 555 folder, yet someone made them read-only on purpose."""
    try:
        return bool(path.stat().st_mode & 0o200) and os.access(path, os.W_OK)
    except OSError:
        return False


def connect_readonly(path: Path | str) -> SqliteDatabase:
    """Bind the proxy to *path* for reading only: nothing is created, migrated or chmod-ed.

    Where the file and its folder can be written, an ordinary connection set to query_only:
    SQLite then tidies its -wal/-shm away on close as usual. On a read-only file or medium,
    SQLite's read-only mode, and immutable when no write-ahead log is waiting (nobody can be
    writing there), so not even -shm is made beside it."""
    path = Path(path).resolve()
    close()
    if _writable(path) and _writable(path.parent):
        database = SqliteDatabase(str(path), pragmas=READ_PRAGMAS)
    else:
        wal = path.with_name(path.name + "-wal")
        pending = wal.exists() and wal.stat().st_size > 0
        uri = path.as_uri() + ("?mode=ro" if pending else "?mode=ro&immutable=1")
        database = SqliteDatabase(uri, uri=True, pragmas=READ_PRAGMAS)
    db.initialize(database)
    database.connect(reuse_if_open=True)
    log.debug("opened %s read-only", path)
    return database


def close() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()
