"""Whose database is this file? Its schema, its branch identity and whether it holds records.

Read with SQLite's read-only mode, never migrated: restore asks before touching anything,
check asks instead of only trusting PRAGMA quick_check, and the backups list asks each
file which database it came from (Branch.uid, schema v10) rather than trusting its folder.

The expected schema of version N is the one the migration ladder builds: steps 1..N run
once on an in-memory database, and a file of version N must have every table and column
of it (a newer program may have added more, never fewer).
"""
from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from .connection import read_file, scratch
from .integrity import OK, check_database

# Tables whose rows are the branch's records: a database with none of them is empty
# (a new laptop), and restoring another branch's backup over it needs no warning.
RECORD_TABLES = ("member", "meeting", "diary_entry", "duty_assignment", "handover", "report_note")
FIRST_WITH_UID = 10


_REASONS = {
    "new": "文件是空的", "not_sqlite": "不是支部工作台的数据库（也不是 SQLite 数据库文件）",
    "damaged": "文件已损坏", "too_new": "由更新版本的支部工作台创建，请先升级本程序",
}


class NotOurDatabase(UserError):
    """The file is not a Branch Desk database of a known schema; the message says why."""


@dataclass(frozen=True)
class Identity:
    path: Path
    version: int
    uid: str          # '' before schema v10
    branch_name: str  # '' when the profile was never filled in
    records: int      # rows in RECORD_TABLES

    @property
    def label(self) -> str:
        """'第一临时党支部' or '未命名的支部'; the uid's first 8 characters tell two unnamed apart."""
        name = self.branch_name or "未命名的支部"
        return f"{name}（编号 {self.uid[:8]}）" if self.uid else name

    def same_branch(self, other: Identity) -> bool:
        return bool(self.uid) and self.uid == other.uid


def _columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    found = {}
    for table in tables:
        try:
            found[table] = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        except sqlite3.DatabaseError:  # a virtual table whose module is missing, say
            found[table] = set()
    return found


@functools.cache
def expected_schema(version: int) -> dict[str, frozenset[str]]:
    """table -> columns that a file of schema *version* has, built by the ladder itself."""
    from ..models.migrations import ALL_MODELS, STEPS, _set_version

    reference = scratch()
    with reference.bind_ctx(ALL_MODELS):
        reference.connect()
        for step in range(1, version + 1):
            STEPS[step](reference)
            _set_version(reference, step)
        schema = {table: frozenset(cols) for table, cols in _columns(reference.connection()).items()}
        reference.close()
    return schema


def schema_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    """What a file of *version* lacks, in Chinese (empty when its schema is complete)."""
    from ..models.migrations import LATEST

    if not 1 <= version <= LATEST:
        return [f"数据结构版本 {version} 不是支部工作台的版本（应为 1 到 {LATEST}）"]
    have = _columns(conn)
    problems = []
    for table, columns in sorted(expected_schema(version).items()):
        if table not in have:
            problems.append(f"缺少数据表 {table}")
        elif not columns <= have[table]:
            problems.append(f"数据表 {table} 缺少字段 {'、'.join(sorted(columns - have[table]))}")
    return problems


def read_identity(path: Path) -> Identity:
    """The identity of the healthy Branch Desk database at *path*, or NotOurDatabase."""
    path = Path(path)
    result = check_database(path)
    if result.status != OK:
        raise NotOurDatabase(_REASONS.get(result.status, "") or result.message())
    conn = read_file(path)
    try:
        problems = schema_problems(conn, result.version or 0)
        if problems:
            raise NotOurDatabase(
                f"不是完整的支部工作台数据库（数据结构版本 {result.version}）："
                + "；".join(problems[:5]) + ("……" if len(problems) > 5 else ""))
        row = conn.execute('SELECT * FROM "branch" ORDER BY "id" LIMIT 1').fetchone()
        names = [d[0] for d in conn.execute('SELECT * FROM "branch" LIMIT 0').description]
        branch = dict(zip(names, row)) if row else {}
        records = sum(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                      for t in RECORD_TABLES if t in expected_schema(result.version))
    except sqlite3.DatabaseError as exc:
        raise NotOurDatabase(f"无法读取，文件可能已损坏（{exc}）") from exc
    finally:
        conn.close()
    return Identity(path, result.version, str(branch.get("uid") or ""), str(branch.get("name") or "").strip(),
                    records)


def identity_or_none(path: Path) -> Identity | None:
    try:
        return read_identity(path)
    except (NotOurDatabase, OSError, sqlite3.Error):
        return None
