"""Where backups go: the folder beside the database, or one the secretary chose.

The choice lives in a small JSON file next to the database, not in the database:
the folder must still be known when the database is damaged (to find its backups),
and restoring an old backup must not quietly switch the folder back.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from ..paths import backup_dir_for

log = logging.getLogger(__name__)


def config_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".safety.json")


def _read(db_path: Path) -> dict:
    try:
        data = json.loads(config_path(db_path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("ignoring unreadable %s", config_path(db_path), exc_info=True)
        return {}
    return data if isinstance(data, dict) else {}


def _write(db_path: Path, data: dict) -> None:
    target = config_path(db_path)
    partial = target.with_name(target.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(target)  # never a half-written settings file


def default_backup_folder(db_path: Path) -> Path:
    return backup_dir_for(Path(db_path))


def chosen_backup_folder(db_path: Path) -> Path | None:
    value = _read(db_path).get("backup_dir")
    return Path(value) if isinstance(value, str) and value else None


def backup_folder(db_path: Path) -> Path:
    """The folder backups are written to."""
    return chosen_backup_folder(db_path) or default_backup_folder(db_path)


def set_backup_folder(db_path: Path, folder: Path | None) -> None:
    """Remember *folder* for this database; None goes back to the default beside it."""
    data = _read(db_path)
    if folder is None or Path(folder).resolve() == default_backup_folder(db_path).resolve():
        data.pop("backup_dir", None)
    else:
        data["backup_dir"] = str(Path(folder).resolve())
    _write(db_path, data)


def backup_folders(db_path: Path) -> list[Path]:
    """Every folder that may hold this database's backups, chosen one first."""
    folders = [backup_folder(db_path), default_backup_folder(db_path)]
    return list(dict.fromkeys(folders))
