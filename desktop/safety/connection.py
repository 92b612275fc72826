"""The only module that connects to SQLite (tests/test_one_door.py holds every other to that).

opening.open_database() is the door the app, the command line, the report child, the bench
and the tests come through; it binds the models' proxy here. The rest of this module is the
plumbing beside it that other safety code needs: a read-only look at a file (checks,
identities, backups to restore from), a plain connection to a file being written as a copy
(a backup, a restore), a second reader for a background backup, and an in-memory scratch
database. Keeping them all here keeps the rules (pragmas, read-only URIs) in one place,
and leaves one module to change when the hub opens PostgreSQL.

Nothing here imports peewee at load: the app's integrity check imports this module before
its window shows, and peewee costs milliseconds it has not got.
"""
from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import SqliteDatabase

log = logging.getLogger(__name__)


def readonly_uri(path: Path) -> str:
    """A file: URI that opens *path* without writing anything, not even beside it.

    With no write-ahead log present, immutable=1 keeps SQLite from creating -wal/-shm
    files next to a file it is only inspecting; with one, the log must be read too.
    as_uri() escapes '#', '?' and spaces that would cut a bare file: URI short."""
    path = Path(path).resolve()
    wal = path.with_name(path.name + "-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    return path.as_uri() + ("?mode=ro" if has_wal else "?mode=ro&immutable=1")


def read_file(path: Path) -> sqlite3.Connection:
    """A plain read-only connection to the SQLite file at *path* (sqlite3.Error if it cannot)."""
    return sqlite3.connect(readonly_uri(path), uri=True)


def write_file(path: Path) -> sqlite3.Connection:
    """A plain connection to *path*, a file being written as a copy (a backup or a restore
    target), never the database the app has open."""
    return sqlite3.connect(str(path))


def new_database(name: str, **options) -> SqliteDatabase:
    """peewee's SqliteDatabase, made here only (imported on first use, not at load)."""
    from peewee import SqliteDatabase

    return SqliteDatabase(name, **options)


def bind(path: Path | str) -> SqliteDatabase:
    """Bind the models' proxy to the SQLite file at *path* (created if missing) and connect.
    Only opening.open_database() calls this: it checks, locks and migrates around it."""
    from ..models.db import PRAGMAS, close, db

    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    close()
    database = new_database(str(path), pragmas=PRAGMAS)
    db.initialize(database)
    database.connect(reuse_if_open=True)
    log.debug("opened %s", path)
    return database


def _writable(path: Path) -> bool:
    """Writable by this account *and* meant to be: an administrator passes os.access on a
    444 file or a 555 folder, yet someone made them read-only on purpose."""
    try:
        return bool(path.stat().st_mode & 0o200) and os.access(path, os.W_OK)
    except OSError:
        return False


def bind_readonly(path: Path | str) -> SqliteDatabase:
    """Bind the proxy to *path* for reading only: nothing is created, migrated or chmod-ed.

    Where the file and its folder can be written, an ordinary connection set to query_only:
    SQLite then tidies its -wal/-shm away on close as usual. On a read-only file or medium,
    SQLite's read-only mode, and immutable when no write-ahead log is waiting (nobody can be
    writing there), so not even -shm is made beside it."""
    from ..models.db import READ_PRAGMAS, close, db

    path = Path(path).resolve()
    close()
    if _writable(path) and _writable(path.parent):
        database = new_database(str(path), pragmas=READ_PRAGMAS)
    else:
        wal = path.with_name(path.name + "-wal")
        pending = wal.exists() and wal.stat().st_size > 0
        uri = path.as_uri() + ("?mode=ro" if pending else "?mode=ro&immutable=1")
        database = new_database(uri, uri=True, pragmas=READ_PRAGMAS)
    db.initialize(database)
    database.connect(reuse_if_open=True)
    log.debug("opened %s read-only", path)
    return database


def second_reader(path: Path) -> SqliteDatabase:
    """A connection of its own to the open database, not bound to the models, that only
    reads: a background backup copies from it while the app goes on writing."""
    return new_database(str(path), pragmas={"query_only": 1, "busy_timeout": 5000})


def scratch() -> SqliteDatabase:
    """An unbound in-memory database, e.g. to build a reference schema in."""
    return new_database(":memory:")


def hub_database(location: str, sqlite_pragmas: dict | None = None, bind_to=None):
    """A hub's database (desktop/hub/store.open_hub): a PostgreSQL server for a
    ``postgresql://`` location (psycopg 3), else a SQLite file; not yet connected. With
    *bind_to* (the hub models' proxy) the models are bound to it here, as bind() does for
    the branch's models."""
    from peewee import Database, PostgresqlDatabase, SqliteDatabase

    database: Database
    if location.startswith(("postgresql://", "postgres://")):
        database = PostgresqlDatabase(location, prefer_psycopg3=True)
    else:
        database = SqliteDatabase(str(location), pragmas=sqlite_pragmas or {})
    if bind_to is not None:
        bind_to.initialize(database)
    return database
