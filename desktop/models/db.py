"""The database handle: one proxy, one base model, and the pragmas it is opened with.

Opening is safety.opening.open_database()'s job (the one door); this module only says how."""
from __future__ import annotations

import datetime as dt

from peewee import DatabaseProxy, Model

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


READ_PRAGMAS = {"foreign_keys": 1, "busy_timeout": 5000, "cache_size": -16000, "query_only": 1}


def close() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()
