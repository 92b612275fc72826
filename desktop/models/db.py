"""The database handle: one proxy, one base model, opened with WAL and foreign keys."""
from __future__ import annotations

import datetime as dt
import logging
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


def close() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()
