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

from .branch import Branch, new_uid
from .diary import DIARY_FTS_SQL, DIARY_MODELS
from .draft import Draft
from .duty import DUTY_MODELS
from .meeting import MEETING_MODELS
from .member import Member, Team
from .removed_record import RemovedRecord
from .report_note import ReportNote

log = logging.getLogger(__name__)

ALL_MODELS = [Team, Member, Branch, Draft, *MEETING_MODELS, *DUTY_MODELS, *DIARY_MODELS, ReportNote, RemovedRecord]

DEFAULT_DIARY_TAGS = ("值守", "核酸检测", "物资配送", "送药", "巡查", "宣传", "群众诉求", "其他")
DEFAULT_MEETING_TYPES = (
    "每日例会", "班前会", "支部委员会", "支部党员大会", "党小组会", "党课", "主题党日", "专题学习", "组织生活会",
)


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


_V4_MEETINGS_SQL = (
    'CREATE TABLE "meeting_type" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "sort_order" INTEGER NOT NULL, "active" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "meeting_type_name" ON "meeting_type" ("name")',
    'CREATE TABLE "meeting" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_type_id" INTEGER NOT NULL, "title" VARCHAR(255) NOT NULL, "date" DATE NOT NULL, "start_time" VARCHAR(255) NOT NULL, "end_time" VARCHAR(255) NOT NULL, "place" VARCHAR(255) NOT NULL, "host_id" INTEGER, "recorder_id" INTEGER, "guests" TEXT NOT NULL, "study_content" TEXT NOT NULL, "problems" TEXT NOT NULL, "status" VARCHAR(255) NOT NULL, "finalized_at" DATETIME, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("meeting_type_id") REFERENCES "meeting_type" ("id") ON DELETE RESTRICT, FOREIGN KEY ("host_id") REFERENCES "member" ("id") ON DELETE RESTRICT, FOREIGN KEY ("recorder_id") REFERENCES "member" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "meeting_meeting_type_id" ON "meeting" ("meeting_type_id")',
    'CREATE INDEX "meeting_date" ON "meeting" ("date")',
    'CREATE INDEX "meeting_host_id" ON "meeting" ("host_id")',
    'CREATE INDEX "meeting_recorder_id" ON "meeting" ("recorder_id")',
    'CREATE TABLE "meeting_attendance" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_id" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "present" INTEGER NOT NULL, "absence_reason" VARCHAR(255) NOT NULL, "note" VARCHAR(255) NOT NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "meeting_attendance_meeting_id" ON "meeting_attendance" ("meeting_id")',
    'CREATE INDEX "meeting_attendance_member_id" ON "meeting_attendance" ("member_id")',
    'CREATE UNIQUE INDEX "meeting_attendance_meeting_id_member_id" ON "meeting_attendance" ("meeting_id", "member_id")',
    'CREATE TABLE "meeting_topic" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "text" TEXT NOT NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "meeting_topic_meeting_id" ON "meeting_topic" ("meeting_id")',
    'CREATE TABLE "meeting_note" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "said_at" VARCHAR(255) NOT NULL, "speaker_id" INTEGER, "speaker_name" VARCHAR(255) NOT NULL, "text" TEXT NOT NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE, FOREIGN KEY ("speaker_id") REFERENCES "member" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "meeting_note_meeting_id" ON "meeting_note" ("meeting_id")',
    'CREATE INDEX "meeting_note_speaker_id" ON "meeting_note" ("speaker_id")',
    'CREATE TABLE "meeting_decision" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "text" TEXT NOT NULL, "votes_for" INTEGER, "votes_against" INTEGER, "votes_abstain" INTEGER, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "meeting_decision_meeting_id" ON "meeting_decision" ("meeting_id")',
    'CREATE TABLE "action_item" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "text" TEXT NOT NULL, "owner_id" INTEGER, "due_date" DATE, "status" VARCHAR(255) NOT NULL, "closed_in_id" INTEGER, "closed_on" DATE, "carried_count" INTEGER NOT NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE, FOREIGN KEY ("owner_id") REFERENCES "member" ("id") ON DELETE RESTRICT, FOREIGN KEY ("closed_in_id") REFERENCES "meeting" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "action_item_meeting_id" ON "action_item" ("meeting_id")',
    'CREATE INDEX "action_item_owner_id" ON "action_item" ("owner_id")',
    'CREATE INDEX "action_item_status" ON "action_item" ("status")',
    'CREATE INDEX "action_item_closed_in_id" ON "action_item" ("closed_in_id")',
    'CREATE TABLE "action_item_carry" ("id" INTEGER NOT NULL PRIMARY KEY, "item_id" INTEGER NOT NULL, "meeting_id" INTEGER NOT NULL, FOREIGN KEY ("item_id") REFERENCES "action_item" ("id") ON DELETE CASCADE, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "action_item_carry_item_id" ON "action_item_carry" ("item_id")',
    'CREATE INDEX "action_item_carry_meeting_id" ON "action_item_carry" ("meeting_id")',
    'CREATE UNIQUE INDEX "action_item_carry_item_id_meeting_id" ON "action_item_carry" ("item_id", "meeting_id")',
    'CREATE TABLE "meeting_revision" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_id" INTEGER NOT NULL, "revised_at" DATETIME NOT NULL, "reason" TEXT NOT NULL, "snapshot" TEXT NOT NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "meeting_revision_meeting_id" ON "meeting_revision" ("meeting_id")',
)


def _seed_meeting_types(database: SqliteDatabase) -> None:
    for order, name in enumerate(DEFAULT_MEETING_TYPES, start=1):
        database.execute_sql(
            'INSERT OR IGNORE INTO "meeting_type" ("name", "sort_order", "active") VALUES (?, ?, 1)',
            (name, order),
        )


def _v4_meetings(database: SqliteDatabase) -> None:
    for statement in _V4_MEETINGS_SQL:
        database.execute_sql(statement)
    _seed_meeting_types(database)


_V5_DUTY_SQL = (
    'CREATE TABLE "shift_pattern" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "notes" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "shift_pattern_name" ON "shift_pattern" ("name")',
    'CREATE TABLE "shift_definition" ("id" INTEGER NOT NULL PRIMARY KEY, "pattern_id" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, "start_time" VARCHAR(255) NOT NULL, "end_time" VARCHAR(255) NOT NULL, "is_night" INTEGER NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("pattern_id") REFERENCES "shift_pattern" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "shift_definition_pattern_id" ON "shift_definition" ("pattern_id")',
    'CREATE TABLE "post" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "location" VARCHAR(255) NOT NULL, "pattern_id" INTEGER NOT NULL, "people_needed" INTEGER NOT NULL, "party_member_required" INTEGER NOT NULL, "active_from" DATE, "active_to" DATE, "position" INTEGER NOT NULL, "notes" TEXT NOT NULL, FOREIGN KEY ("pattern_id") REFERENCES "shift_pattern" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "post_name" ON "post" ("name")',
    'CREATE INDEX "post_pattern_id" ON "post" ("pattern_id")',
    'CREATE TABLE "unavailability" ("id" INTEGER NOT NULL PRIMARY KEY, "member_id" INTEGER NOT NULL, "start_date" DATE NOT NULL, "end_date" DATE NOT NULL, "reason" VARCHAR(255) NOT NULL, "note" VARCHAR(255) NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "unavailability_member_id" ON "unavailability" ("member_id")',
    'CREATE TABLE "duty_preference" ("id" INTEGER NOT NULL PRIMARY KEY, "member_id" INTEGER NOT NULL, "max_hours_per_week" INTEGER, "no_nights" INTEGER NOT NULL, "avoid_nights" INTEGER NOT NULL, "preferred_post_id" INTEGER, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE, FOREIGN KEY ("preferred_post_id") REFERENCES "post" ("id") ON DELETE SET NULL)',
    'CREATE UNIQUE INDEX "duty_preference_member_id" ON "duty_preference" ("member_id")',
    'CREATE INDEX "duty_preference_preferred_post_id" ON "duty_preference" ("preferred_post_id")',
    'CREATE TABLE "duty_assignment" ("id" INTEGER NOT NULL PRIMARY KEY, "date" DATE NOT NULL, "post_id" INTEGER NOT NULL, "shift_id" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "pinned" INTEGER NOT NULL, "source" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("post_id") REFERENCES "post" ("id") ON DELETE CASCADE, FOREIGN KEY ("shift_id") REFERENCES "shift_definition" ("id") ON DELETE CASCADE, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "duty_assignment_date" ON "duty_assignment" ("date")',
    'CREATE INDEX "duty_assignment_post_id" ON "duty_assignment" ("post_id")',
    'CREATE INDEX "duty_assignment_shift_id" ON "duty_assignment" ("shift_id")',
    'CREATE INDEX "duty_assignment_member_id" ON "duty_assignment" ("member_id")',
    'CREATE UNIQUE INDEX "duty_assignment_date_post_id_shift_id_member_id" ON "duty_assignment" ("date", "post_id", "shift_id", "member_id")',
    'CREATE TABLE "handover" ("id" INTEGER NOT NULL PRIMARY KEY, "date" DATE NOT NULL, "post_id" INTEGER NOT NULL, "shift_id" INTEGER NOT NULL, "people_checked" INTEGER NOT NULL, "vehicles_checked" INTEGER NOT NULL, "fever_cases" INTEGER NOT NULL, "no_code_cases" INTEGER NOT NULL, "other_abnormal" INTEGER NOT NULL, "events" TEXT NOT NULL, "items_handed" TEXT NOT NULL, "open_matters" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("post_id") REFERENCES "post" ("id") ON DELETE CASCADE, FOREIGN KEY ("shift_id") REFERENCES "shift_definition" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "handover_date" ON "handover" ("date")',
    'CREATE INDEX "handover_post_id" ON "handover" ("post_id")',
    'CREATE INDEX "handover_shift_id" ON "handover" ("shift_id")',
    'CREATE UNIQUE INDEX "handover_date_post_id_shift_id" ON "handover" ("date", "post_id", "shift_id")',
    'CREATE TABLE "handover_person" ("id" INTEGER NOT NULL PRIMARY KEY, "handover_id" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "check_in" VARCHAR(255) NOT NULL, "check_out" VARCHAR(255) NOT NULL, FOREIGN KEY ("handover_id") REFERENCES "handover" ("id") ON DELETE CASCADE, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "handover_person_handover_id" ON "handover_person" ("handover_id")',
    'CREATE INDEX "handover_person_member_id" ON "handover_person" ("member_id")',
    'CREATE UNIQUE INDEX "handover_person_handover_id_member_id" ON "handover_person" ("handover_id", "member_id")',
    'CREATE TABLE "setting" ("id" INTEGER NOT NULL PRIMARY KEY, "key" VARCHAR(255) NOT NULL, "value" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "setting_key" ON "setting" ("key")',
)


def _v5_duty(database: SqliteDatabase) -> None:
    for statement in _V5_DUTY_SQL:
        database.execute_sql(statement)


_V6_DIARY_SQL = (
    'CREATE TABLE "diary_tag" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "sort_order" INTEGER NOT NULL, "active" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "diary_tag_name" ON "diary_tag" ("name")',
    'CREATE TABLE "diary_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "member_id" INTEGER NOT NULL, "date" DATE NOT NULL, "text" TEXT NOT NULL, "duty_assignment_id" INTEGER, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT, FOREIGN KEY ("duty_assignment_id") REFERENCES "duty_assignment" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "diary_entry_member_id" ON "diary_entry" ("member_id")',
    'CREATE INDEX "diary_entry_date" ON "diary_entry" ("date")',
    'CREATE INDEX "diary_entry_duty_assignment_id" ON "diary_entry" ("duty_assignment_id")',
    'CREATE UNIQUE INDEX "diary_entry_member_id_date" ON "diary_entry" ("member_id", "date")',
    'CREATE TABLE "diary_entry_tag" ("id" INTEGER NOT NULL PRIMARY KEY, "entry_id" INTEGER NOT NULL, "tag_id" INTEGER NOT NULL, FOREIGN KEY ("entry_id") REFERENCES "diary_entry" ("id") ON DELETE CASCADE, FOREIGN KEY ("tag_id") REFERENCES "diary_tag" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "diary_entry_tag_entry_id" ON "diary_entry_tag" ("entry_id")',
    'CREATE INDEX "diary_entry_tag_tag_id" ON "diary_entry_tag" ("tag_id")',
    'CREATE UNIQUE INDEX "diary_entry_tag_entry_id_tag_id" ON "diary_entry_tag" ("entry_id", "tag_id")',
    'CREATE TABLE "diary_figure" ("id" INTEGER NOT NULL PRIMARY KEY, "entry_id" INTEGER NOT NULL, "label" VARCHAR(255) NOT NULL, "value" INTEGER NOT NULL, "unit" VARCHAR(255) NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("entry_id") REFERENCES "diary_entry" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "diary_figure_entry_id" ON "diary_figure" ("entry_id")',
    'CREATE TABLE "diary_photo" ("id" INTEGER NOT NULL PRIMARY KEY, "entry_id" INTEGER NOT NULL, "stored_name" VARCHAR(255) NOT NULL, "original_name" VARCHAR(255) NOT NULL, "sha256" VARCHAR(255) NOT NULL, "width" INTEGER NOT NULL, "height" INTEGER NOT NULL, "position" INTEGER NOT NULL, "added_at" DATETIME NOT NULL, FOREIGN KEY ("entry_id") REFERENCES "diary_entry" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "diary_photo_entry_id" ON "diary_photo" ("entry_id")',
    'CREATE INDEX "diary_photo_sha256" ON "diary_photo" ("sha256")',
)


def _diary_search_index(database: SqliteDatabase) -> None:
    for statement in DIARY_FTS_SQL:
        database.execute_sql(statement)


def _seed_diary_tags(database: SqliteDatabase) -> None:
    for order, name in enumerate(DEFAULT_DIARY_TAGS, start=1):
        database.execute_sql(
            'INSERT OR IGNORE INTO "diary_tag" ("name", "sort_order", "active") VALUES (?, ?, 1)',
            (name, order),
        )


def _v6_diaries(database: SqliteDatabase) -> None:
    for statement in _V6_DIARY_SQL:
        database.execute_sql(statement)
    _diary_search_index(database)
    _seed_diary_tags(database)


_V7_REPORT_NOTES_SQL = (
    'CREATE TABLE "report_note" ("id" INTEGER NOT NULL PRIMARY KEY, "kind" VARCHAR(255) NOT NULL, "member_id" INTEGER, "period_from" DATE NOT NULL, "period_to" DATE NOT NULL, "section" VARCHAR(255) NOT NULL, "text" TEXT NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "report_note_member_id" ON "report_note" ("member_id")',
    'CREATE INDEX "report_note_kind_member_id_period_from_period_to_section" ON "report_note" ("kind", "member_id", "period_from", "period_to", "section")',
)


def _v7_report_notes(database: SqliteDatabase) -> None:
    for statement in _V7_REPORT_NOTES_SQL:
        database.execute_sql(statement)


# Meeting lists count absentees over ~600k attendance rows on a big sub-district: only the
# absent rows are indexed (present is the default and the common case), so it stays small.
_V8_ABSENT_INDEX_SQL = (
    'CREATE INDEX IF NOT EXISTS "meeting_attendance_absent" ON "meeting_attendance" ("meeting_id") WHERE NOT "present"',
)


def _absent_attendance_index(database: SqliteDatabase) -> None:
    for statement in _V8_ABSENT_INDEX_SQL:
        database.execute_sql(statement)


def _v9_surname_pinyin(database: SqliteDatabase) -> None:
    """Name keys read the surname as a surname (曾 zeng, 单 shan): recompute every stored key."""
    from ..roster.pinyin import name_key

    for member_id, name, old in database.execute_sql('SELECT "id", "name", "name_pinyin" FROM "member"').fetchall():
        key = name_key(name)
        if key != old:
            database.execute_sql('UPDATE "member" SET "name_pinyin" = ? WHERE "id" = ?', (key, member_id))


_V10_SQL = (
    'ALTER TABLE "branch" ADD COLUMN "uid" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "branch" ADD COLUMN "org_code" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "handover" ADD COLUMN "handed_over_by_id" INTEGER REFERENCES "member" ("id") ON DELETE RESTRICT',
    'ALTER TABLE "handover" ADD COLUMN "taken_over_by_id" INTEGER REFERENCES "member" ("id") ON DELETE RESTRICT',
    'CREATE INDEX "handover_handed_over_by_id" ON "handover" ("handed_over_by_id")',
    'CREATE INDEX "handover_taken_over_by_id" ON "handover" ("taken_over_by_id")',
    'CREATE TABLE "removed_record" ("id" INTEGER NOT NULL PRIMARY KEY, "kind" VARCHAR(255) NOT NULL, "label" VARCHAR(255) NOT NULL, "reason" TEXT NOT NULL, "snapshot" TEXT NOT NULL, "removed_at" DATETIME NOT NULL)',
    'CREATE INDEX "removed_record_kind" ON "removed_record" ("kind")',
)


def _database_identity(database: SqliteDatabase) -> None:
    """Every database has its one branch row with a stable UUID from the moment it exists,
    so a backup or a data package can always say which database it came from."""
    if not database.execute_sql('SELECT 1 FROM "branch" LIMIT 1').fetchone():
        database.execute_sql(
            'INSERT INTO "branch" ("uid", "name", "kind", "compound", "community", "subdistrict", '
            '"approving_org", "org_code", "approval_doc_no", "notes") '
            "VALUES (?, '', '临时党支部', '', '', '', '', '', '', '')", (new_uid(),),
        )
    for (row_id,) in database.execute_sql('SELECT "id" FROM "branch" WHERE "uid" = \'\'').fetchall():
        database.execute_sql('UPDATE "branch" SET "uid" = ? WHERE "id" = ?', (new_uid(), row_id))


def _v10_identity_handover_signers_removed(database: SqliteDatabase) -> None:
    for statement in _V10_SQL:
        database.execute_sql(statement)
    _database_identity(database)


STEPS: dict[int, Callable[[SqliteDatabase], None]] = {
    1: _v1_initial,
    2: _v2_name_pinyin,
    3: _v3_drafts,
    4: _v4_meetings,
    5: _v5_duty,
    6: _v6_diaries,
    7: _v7_report_notes,
    8: _absent_attendance_index,
    9: _v9_surname_pinyin,
    10: _v10_identity_handover_signers_removed,
}
# What a new database needs beyond the models' tables (a migrated one gets it from its
# step): reference data, and the search index with its triggers.
SEEDS: tuple[Callable[[SqliteDatabase], None], ...] = (
    _seed_meeting_types, _diary_search_index, _seed_diary_tags, _absent_attendance_index,
    _database_identity,
)
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


# The "back up first" step a caller hands in: called with a reason ('pre-v10') before an
# old file is touched, returns where the copy went (None: nothing to copy, e.g. in memory).
# Handed in, not imported: the models are the ground floor and know nothing of backups.
BackupFirst = Callable[[str], "Path | None"]


def migrate(database: SqliteDatabase, backup_first: BackupFirst | None) -> MigrationResult:
    """Bring *database* to LATEST; call *backup_first* before touching an old file."""
    current = schema_version(database)
    if current > LATEST:
        raise SchemaTooNew(
            f"数据库版本为 {current}，高于本程序支持的版本 {LATEST}。请升级支部工作台后再打开。"
        )
    if current == 0 and _is_empty(database):
        with database.atomic():
            database.create_tables(ALL_MODELS)
            for seed in SEEDS:
                seed(database)
            _set_version(database, LATEST)
        return MigrationResult(0, LATEST)
    if current == LATEST:
        return MigrationResult(current, current)

    backup = backup_first(f"pre-v{LATEST}") if backup_first else None
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
