"""Where the database lives: --db, then BRANCH_DESK_DB, then the user's data directory."""
from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "BranchDesk"
ENV_DB = "BRANCH_DESK_DB"
ENV_CONFIG = "BRANCH_DESK_CONFIG_DIR"
DB_FILENAME = "branch-desk.sqlite3"


def data_dir() -> Path:
    import platformdirs  # here: ~10 ms the app's start does not need with --db or BRANCH_DESK_DB

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Per-machine choices that are not records (e.g. report font files): BRANCH_DESK_CONFIG_DIR
    or the user's config directory. Shared by the app and the command line."""
    from_env = os.environ.get(ENV_CONFIG)
    if from_env:
        return Path(from_env)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file chosen by the command line, the environment or the default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(ENV_DB)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return data_dir() / DB_FILENAME


def backup_dir_for(db_path: Path) -> Path:
    """Backups sit beside the database, so a database on a USB stick keeps its own."""
    return db_path.parent / "backups"
