"""A record and everything that goes with it, kept so a deletion can be undone exactly.

capture() reads the row and, recursively, every row SQLite would delete with it through
ON DELETE CASCADE (found by walking the models' backrefs), plus the links SET NULL would
clear. Rows are kept as the raw column values SQLite stores, so restore() puts back exactly
what was there, under the original ids, in one transaction. Triggers (the diary search
index) fire on the re-inserts as they did on the first inserts.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from peewee import IntegrityError, Model, OperationalError

from ..errors import UserError
from .db import db


class RestoreConflict(UserError):
    """The record cannot be put back as it was (its id is taken again, or a row it points
    at is gone); the message says so in Chinese."""


class StillReferenced(UserError):
    """Other records point at this one and would block its deletion (ON DELETE RESTRICT)."""

    def __init__(self, message: str, blockers: dict[str, int]):
        super().__init__(message)
        self.blockers = blockers  # table name -> rows pointing here


@dataclass(frozen=True)
class RowImage:
    """One row as stored: table name and {column: raw SQLite value}."""

    table: str
    values: dict


@dataclass(frozen=True)
class Relink:
    """A foreign key that ON DELETE SET NULL cleared and undo must set again."""

    table: str
    row_id: int
    column: str
    value: int


@dataclass
class RecordSnapshot:
    """The captured record: rows parents-first, and links to put back after re-inserting."""

    table: str
    row_id: int
    rows: list[RowImage] = field(default_factory=list)
    relinks: list[Relink] = field(default_factory=list)

    def count(self, table: str) -> int:
        return sum(1 for r in self.rows if r.table == table)

    def to_json(self) -> str:
        return json.dumps({
            "table": self.table, "row_id": self.row_id,
            "rows": [{"table": r.table, "values": r.values} for r in self.rows],
            "relinks": [r.__dict__ for r in self.relinks],
        }, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> RecordSnapshot:
        data = json.loads(text)
        return cls(data["table"], data["row_id"],
                   [RowImage(r["table"], r["values"]) for r in data["rows"]],
                   [Relink(**r) for r in data["relinks"]])


def _rows(table: str, where_column: str, value) -> list[dict]:
    cursor = db.execute_sql(f'SELECT * FROM "{table}" WHERE "{where_column}" = ?', (value,))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _on_delete(fk) -> str:
    return (fk.on_delete or "").upper()


def capture_row(instance: Model) -> RecordSnapshot:
    """Only the row itself, as stored: what revert_row() needs to undo an edit of it."""
    model = type(instance)
    table = model._meta.table_name
    values = _rows(table, model._meta.primary_key.column_name, instance.get_id())[0]
    return RecordSnapshot(table, instance.get_id(), [RowImage(table, values)])


def capture(instance: Model) -> RecordSnapshot:
    """Read *instance* and everything its deletion would take with it (no writes).

    Raises StillReferenced when rows in a RESTRICT (or no-action) relation point at it or at
    a row that would cascade with it: such a delete would fail, so say why beforehand."""
    model = type(instance)
    pk = model._meta.primary_key.column_name
    snap = RecordSnapshot(model._meta.table_name, instance.get_id())
    seen: set[tuple[str, int]] = set()
    relinks: dict[tuple[str, int, str], Relink] = {}
    blockers: dict[str, int] = {}

    def visit(row_model: type[Model], values: dict) -> None:
        table = row_model._meta.table_name
        row_id = values[row_model._meta.primary_key.column_name]
        if (table, row_id) in seen:
            return
        seen.add((table, row_id))
        snap.rows.append(RowImage(table, values))
        for fk in row_model._meta.backrefs:
            child = fk.model
            children = _rows(child._meta.table_name, fk.column_name, row_id)
            if not children:
                continue
            action = _on_delete(fk)
            child_pk = child._meta.primary_key.column_name
            for child_values in children:
                if action == "CASCADE":
                    visit(child, child_values)
                elif action == "SET NULL":
                    key = (child._meta.table_name, child_values[child_pk], fk.column_name)
                    relinks[key] = Relink(*key, row_id)
                else:
                    blockers[child._meta.table_name] = blockers.get(child._meta.table_name, 0) + 1

    visit(model, _rows(snap.table, pk, snap.row_id)[0])
    if blockers:
        listed = "、".join(f"{t} {n} 条" for t, n in blockers.items())
        raise StillReferenced(f"还有其他记录引用它（{listed}），不能删除。", blockers)
    # A SET NULL link from a row that is itself deleted comes back with that row.
    snap.relinks = [r for key, r in relinks.items() if key[:2] not in seen]
    return snap


def delete_with_snapshot(instance: Model) -> RecordSnapshot:
    """Capture, then delete (SQLite cascades the rest), in one transaction."""
    with db.atomic():
        snap = capture(instance)
        type(instance).delete().where(type(instance)._meta.primary_key == snap.row_id).execute()
    return snap


def revert_row(snap: RecordSnapshot) -> None:
    """Undo an edit: the captured root row gets its stored values back (children untouched)."""
    image = snap.rows[0]
    columns = [c for c in image.values if c != "id"]
    assignments = ", ".join(f'"{c}" = ?' for c in columns)
    try:
        with db.atomic():
            cursor = db.execute_sql(f'UPDATE "{image.table}" SET {assignments} WHERE id = ?',
                                    [image.values[c] for c in columns] + [snap.row_id])
            if cursor.rowcount != 1:
                raise RestoreConflict("无法撤销：这条记录已被删除。")
    except (IntegrityError, OperationalError) as exc:
        raise RestoreConflict("无法撤销：与这条记录相关的内容已经变化。") from exc


def restore(snap: RecordSnapshot, replace: bool = False) -> None:
    """Re-insert every captured row with its original id and set the cleared links again,
    all or nothing. Raises RestoreConflict when that is no longer possible.

    With *replace* the record as it is now (with what cascades from it) is deleted first:
    this undoes an edit that changed its children too (a diary entry's tags and figures)."""
    try:
        with db.atomic():
            if replace:
                db.execute_sql(f'DELETE FROM "{snap.table}" WHERE id = ?', (snap.row_id,))
            # Rows may reference each other in any order (a carried item and its meeting):
            # check the foreign keys at commit, when all of them are back.
            db.execute_sql("PRAGMA defer_foreign_keys = ON")
            for image in snap.rows:
                columns = list(image.values)
                quoted = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" for _ in columns)
                db.execute_sql(f'INSERT INTO "{image.table}" ({quoted}) VALUES ({marks})',
                               [image.values[c] for c in columns])
            for link in snap.relinks:
                db.execute_sql(f'UPDATE "{link.table}" SET "{link.column}" = ? WHERE id = ?',
                               (link.value, link.row_id))
    except (IntegrityError, OperationalError, sqlite3.Error) as exc:
        raise RestoreConflict(
            "无法撤销：这条记录或与它相关的记录已经变化（可能已重新录入或从备份恢复）。") from exc
