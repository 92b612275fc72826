"""Where the database lives: --db, then BRANCH_DESK_DB, then the user's data directory; a
location is a file path (or sqlite:/// URL) for now, a server URL is refused in Chinese."""
from __future__ import annotations

import os
import re
from pathlib import Path

from .safety.errors import UnsupportedLocation

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


MEMORY = ":memory:"
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]+)://(?P<rest>.*)$")  # 'C:\' is a drive, not a scheme


def parse_location(location: str | os.PathLike[str]) -> Path | None:
    """The SQLite file a location names, None for an in-memory database; UnsupportedLocation
    for anything else. 'sqlite:///C:/x.sqlite3' and plain paths are files."""
    text = os.fspath(location)
    if text == MEMORY:
        return None
    match = _URL.match(text)
    if match is None:
        return Path(text)
    scheme = match["scheme"].lower()
    if scheme == "sqlite":
        rest = match["rest"]
        if rest in ("", "/", "/" + MEMORY):
            return None
        return Path(rest[1:] if rest.startswith("/") else rest)
    if scheme in ("postgresql", "postgres"):
        raise UnsupportedLocation(
            f"暂不支持打开服务器上的数据库（{scheme}://……）。\n本版本只能打开本机的 SQLite 数据库文件（.sqlite3）。")
    raise UnsupportedLocation(
        f"无法识别的数据库位置：{text}\n请指定一个 SQLite 数据库文件（.sqlite3）的路径。")


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file chosen by the command line, the environment or the default;
    UnsupportedLocation (in Chinese) when it is a server URL."""
    chosen = explicit or os.environ.get(ENV_DB)
    if not chosen:
        return data_dir() / DB_FILENAME
    parsed = parse_location(chosen)
    return (parsed if parsed is not None else Path(chosen)).expanduser().resolve()


def backup_dir_for(db_path: Path) -> Path:
    """Backups sit beside the database, so a database on a USB stick keeps its own."""
    return db_path.parent / "backups"
