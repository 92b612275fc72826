"""Opening a hub (汇总台): a SQLite file (one operator, the default) or a PostgreSQL server
(several staff at once), chosen by ``--hub`` or the environment variable BRANCH_DESK_HUB.

    open_hub("汇总台.sqlite3")                       # a file beside the operator
    open_hub("postgresql://user:pw@host:5432/hub")  # a server (psycopg 3)

The hub's schema carries its own version (hub_setting.schema_version); a hub made by a newer
program is refused rather than written to. The hub's private receiving key lives outside the
database: beside a SQLite hub as ``<file>.hub-key``; for a PostgreSQL hub in a file named by
``--key`` or BRANCH_DESK_HUB_KEY (a server is shared; its key file is the operator's to keep).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from peewee import Database, DatabaseError, InterfaceError, OperationalError, PostgresqlDatabase

from ..errors import UserError as _UserFacing
from ..safety.connection import hub_database
from .hub_models import HUB_MODELS, HUB_SCHEMA_VERSION, HubSetting, hub_db

log = logging.getLogger(__name__)

ENV_HUB = "BRANCH_DESK_HUB"
ENV_HUB_KEY = "BRANCH_DESK_HUB_KEY"
HUB_KEY_SUFFIX = ".hub-key"
RECEIVING_KEY_SUFFIX = ".接收密钥.json"

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 60000,  # another import holds the write lock: wait for it, a package takes seconds
}


class HubError(_UserFacing):
    """A hub that cannot be opened or used; the message is Chinese and safe to show."""


def is_postgresql(location: str) -> bool:
    return str(location).startswith(("postgresql://", "postgres://"))


def resolve_hub_location(explicit: str | None) -> str:
    """--hub, else BRANCH_DESK_HUB; a file path is made absolute, a URL is kept as given."""
    location = explicit or os.environ.get(ENV_HUB, "")
    if not location:
        raise HubError("请用 --hub 指定汇总台：一个 SQLite 文件路径，或 postgresql://用户@主机:端口/数据库 "
                       "（也可设置环境变量 BRANCH_DESK_HUB）。")
    if is_postgresql(location):
        return "postgresql://" + location.split("://", 1)[1]  # peewee passes only this scheme on as a URL
    return str(Path(location).expanduser().resolve())


def shown_location(location: str) -> str:
    """The location for messages: a password in a URL is never printed."""
    if not is_postgresql(location):
        return location
    parts = urllib.parse.urlsplit(location)
    if parts.password is None:
        return location
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


@dataclass
class Hub:
    """An open hub: its database (bound to the hub models) and where its private key lives."""

    location: str
    database: Database
    key_path: Path | None = None
    _closed: bool = field(default=False, repr=False)

    @property
    def is_postgresql(self) -> bool:
        return isinstance(self.database, PostgresqlDatabase)

    @property
    def shown(self) -> str:
        return shown_location(self.location)

    def write_transaction(self):
        """One transaction for one package. SQLite: BEGIN IMMEDIATE, so a second writer waits at
        the start instead of failing half-way; PostgreSQL: row locks and an advisory lock do it."""
        if self.is_postgresql:
            return self.database.atomic()
        return self.database.atomic("IMMEDIATE")

    def reading(self):
        """One consistent view for a page or a report built from several queries, while others
        import: PostgreSQL REPEATABLE READ (read-only), SQLite a read transaction (WAL snapshot)."""
        if self.is_postgresql:
            return self.database.atomic(isolation_level="REPEATABLE READ READ ONLY")
        return self.database.atomic("DEFERRED")

    def setting(self, key: str, default: str = "") -> str:
        row = HubSetting.get_or_none(HubSetting.key == key)
        return row.value if row is not None else default

    def set_setting(self, key: str, value: str) -> None:
        HubSetting.insert(key=key, value=value).on_conflict(
            conflict_target=[HubSetting.key], update={HubSetting.value: value}).execute()

    def close(self) -> None:
        """Close this thread's connection (peewee keeps one per thread). A SQLite hub first
        refreshes its query statistics (PRAGMA optimize), so the planner picks the right
        index once the hub holds many branches; PostgreSQL's autovacuum does that itself."""
        if not self.database.is_closed():
            if not self.is_postgresql:
                with contextlib.suppress(DatabaseError):
                    self.database.execute_sql("PRAGMA optimize")
            self.database.close()


def default_key_path(location: str, explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """Where the hub's private key is: --key, BRANCH_DESK_HUB_KEY, else beside a SQLite hub."""
    chosen = explicit or os.environ.get(ENV_HUB_KEY)
    if chosen:
        return Path(chosen).expanduser().resolve()
    if is_postgresql(location):
        return None
    path = Path(location)
    return path.with_name(path.name + HUB_KEY_SUFFIX)


def _connect(location: str) -> Database:
    if is_postgresql(location):
        try:
            import psycopg  # noqa: F401 - the driver peewee uses for PostgreSQL
        except ImportError:
            raise HubError("连接 PostgreSQL 汇总台需要 psycopg 程序包（pip install \"psycopg[binary]\"）。") from None
    elif Path(location).is_dir():
        raise HubError(f"汇总台应是一个文件，这是文件夹：{location}")
    # Made in the one door (safety/connection.py), like every connection of the program.
    database: Database = hub_database(location, SQLITE_PRAGMAS, bind_to=hub_db)
    try:
        database.connect()
    except (OperationalError, InterfaceError) as exc:
        raise HubError(f"无法连接汇总台数据库 {shown_location(location)}：{_first_line(exc)}") from None
    return database


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def open_hub(location: str, *, create: bool = False, key_path: str | os.PathLike[str] | None = None) -> Hub:
    """Open the hub at *location* (resolve_hub_location's result) and bind the hub models to it.

    create=True makes the schema on an empty database (hub init); otherwise a database without
    the hub's tables is refused, so a typo in --hub never leaves an empty hub behind."""
    location = resolve_hub_location(location)
    if not is_postgresql(location):
        path = Path(location)
        if not create and not path.exists():
            raise HubError(f"找不到汇总台文件：{path}\n请先运行 branch-desk hub init --hub {path}")
        if create:
            from ..safety.permissions import prepare_database_file

            prepare_database_file(path)  # born 600: the hub holds phones and ID numbers
    database = _connect(location)  # the hub models' own proxy (hub_db) is bound to it
    hub = Hub(location, database, default_key_path(location, key_path))
    try:
        _check_schema(hub, create)
    except BaseException:
        hub.close()
        raise
    return hub


def _check_schema(hub: Hub, create: bool) -> None:
    tables = set(hub.database.get_tables())
    if "hub_setting" not in tables:
        if not create:
            raise HubError(f"{hub.shown} 还不是汇总台（没有汇总台的数据表）。"
                           f"请先运行 branch-desk hub init --hub …")
        if tables and not tables.isdisjoint({"member", "meeting", "branch"}):
            raise HubError(f"{hub.shown} 是支部数据库，不是汇总台；请另选一个新文件或空数据库。")
        with hub.database.atomic():
            hub.database.create_tables(HUB_MODELS)
            hub.set_setting("schema_version", str(HUB_SCHEMA_VERSION))
            hub.set_setting("created_at", dt.datetime.now().replace(microsecond=0).isoformat())
        log.info("created hub schema v%s at %s", HUB_SCHEMA_VERSION, hub.shown)
        return
    try:
        version = int(hub.setting("schema_version", "0"))
    except (ValueError, DatabaseError):
        raise HubError(f"{hub.shown} 的汇总台版本信息已损坏。") from None
    if version > HUB_SCHEMA_VERSION:
        raise HubError(f"汇总台 {hub.shown} 由较新版本的支部工作台建立（汇总台版本 {version}，"
                       f"本程序支持到 {HUB_SCHEMA_VERSION}），请先升级本程序。")
    if version < 1:
        raise HubError(f"{hub.shown} 的汇总台版本信息已损坏。")
