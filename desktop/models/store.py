"""open_store(path): kept for the tests written before the one door (28 files import it).

It is safety.opening.open_database(path, Mode.WRITE, checked=False).database; new code
calls the door itself. The import is deferred because the models are the ground floor:
nothing in them imports safety/ at load (tests/test_import_cycles.py)."""
from __future__ import annotations

import os

from peewee import SqliteDatabase


def open_store(path: str | os.PathLike[str]) -> SqliteDatabase:
    from ..safety.opening import Mode, open_database

    return open_database(path, Mode.WRITE, checked=False).database
