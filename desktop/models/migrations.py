"""Versioned schema migrations, tracked in SQLite's user_version.

A new database is created at LATEST from the models. An older one is backed up
first, then each step runs in its own transaction and bumps the version with it.
Steps use frozen SQL, never today's models, so they stay valid as models change.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from ..backup import backup_into_dir
from .branch import Branch
from .draft import Draft
from .member import Member, Team

log = logging.getLogger(__name__)

ALL_MODELS = [Team, Member, Branch, Draft]


class SchemaTooNew(Exception):
    """The file was written by a newer Branch Desk."""


def _v1_initial(database: SqliteDatabase) -> None:
    database.execute_sql(
        'CREATE TABLE IF NOT EXISTS "team" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"name" VARCHAR(255) NOT NULL, "sort_order" INTEGER NOT NULL)'
    )
    database.execute_sql('CREATE UNIQUE INDEX IF NOT EXISTS "team_name" ON "team" ("name")')
    database.execute_sql(
        'CREATE TABLE IF NOT EXISTS "member" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"name" VARCHAR(255) NOT NULL, "gender" VARCHAR(255) NOT NULL, '
        '"birth_date" VARCHAR(255) NOT NULL, "ethnicity" VARCHAR(255) NOT NULL, '
        '"political_status" VARCHAR(255) NOT NULL, "party_joined" VARCHAR(255) NOT NULL, '
        '"unit" VARCHAR(255) NOT NULL, "unit_post" VARCHAR(255) NOT NULL, '
        '"home_org" VARCHAR(255) NOT NULL, "branch_role" VARCHAR(255) NOT NULL, '
        '"team_id" INTEGER, "phone" VARCHAR(255) NOT NULL, "id_number" VARCHAR(255) NOT NULL, '
        '"arrived_on" DATE, "departed_on" DATE, "health_status" VARCHAR(255) NOT NULL, '
        '"notes" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        'FOREIGN KEY ("team_id") REFERENCES "team" ("id") ON DELETE SET NULL)'
    )
    database.execute_sql('CREATE INDEX IF NOT EXISTS "member_unit" ON "member" ("unit")')
    database.execute_sql('CREATE INDEX IF NOT EXISTS "member_team_id" ON "member" ("team_id")')
    database.execute_sql(
        'CREATE TABLE IF NOT EXISTS "branch" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"name" VARCHAR(255) NOT NULL, "kind" VARCHAR(255) NOT NULL, '
        '"compound" VARCHAR(255) NOT NULL, "community" VARCHAR(255) NOT NULL, '
        '"subdistrict" VARCHAR(255) NOT NULL, "approving_org" VARCHAR(255) NOT NULL, '
        '"approval_doc_no" VARCHAR(255) NOT NULL, "approval_date" DATE, "founded_on" DATE, '
        '"dissolved_on" DATE, "notes" TEXT NOT NULL)'
    )


def _v2_name_pinyin(database: SqliteDatabase) -> None:
    from ..roster.pinyin import pinyin_key

    database.execute_sql(
        'ALTER TABLE "member" ADD COLUMN "name_pinyin" VARCHAR(255) NOT NULL DEFAULT \'\''
    )
    database.execute_sql('CREATE INDEX "member_name_pinyin" ON "member" ("name_pinyin")')
    rows = database.execute_sql('SELECT "id", "name" FROM "member"').fetchall()
    for member_id, name in rows:
        database.execute_sql(
            'UPDATE "member" SET "name_pinyin" = ? WHERE "id" = ?', (pinyin_key(name), member_id)
        )


def _v3_drafts(database: SqliteDatabase) -> None:
    database.execute_sql(
        'CREATE TABLE "draft" ("id" INTEGER NOT NULL PRIMARY KEY, "kind" VARCHAR(255) NOT NULL, '
        '"key" VARCHAR(255) NOT NULL, "payload" TEXT NOT NULL, "updated_at" DATETIME NOT NULL)'
    )
    database.execute_sql('CREATE UNIQUE INDEX "draft_kind_key" ON "draft" ("kind", "key")')


STEPS: dict[int, Callable[[SqliteDatabase], None]] = {
    1: _v1_initial,
    2: _v2_name_pinyin,
    3: _v3_drafts,
}
LATEST = max(STEPS)


@dataclass
class MigrationResult:
    from_version: int
    to_version: int
    backup: Path | None = None


def schema_version(database: SqliteDatabase) -> int:
    return database.execute_sql("PRAGMA user_version").fetchone()[0]


def _set_version(database: SqliteDatabase, version: int) -> None:
    database.execute_sql(f"PRAGMA user_version = {int(version)}")


def _is_empty(database: SqliteDatabase) -> bool:
    return not database.get_tables()


def migrate(database: SqliteDatabase, backup_dir: Path | None) -> MigrationResult:
    """Bring *database* to LATEST; back up into *backup_dir* before touching an old file."""
    current = schema_version(database)
    if current > LATEST:
        raise SchemaTooNew(
            f"数据库版本为 {current}，高于本程序支持的版本 {LATEST}。请升级支部工作台后再打开。"
        )
    if current == 0 and _is_empty(database):
        with database.atomic():
            database.create_tables(ALL_MODELS)
            _set_version(database, LATEST)
        return MigrationResult(0, LATEST)
    if current == LATEST:
        return MigrationResult(current, current)

    backup = backup_into_dir(database, backup_dir, f"pre-v{LATEST}") if backup_dir else None
    # Table rebuilds must not cascade; checked again before switching back on.
    database.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        for version in range(current + 1, LATEST + 1):
            with database.atomic():
                STEPS[version](database)
                _set_version(database, version)
            log.info("migrated schema to v%d", version)
        problems = database.execute_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"迁移后外键检查未通过：{problems[:5]}")
    finally:
        database.execute_sql("PRAGMA foreign_keys = ON")
    return MigrationResult(current, LATEST, backup)
