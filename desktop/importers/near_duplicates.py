"""Rows that may be someone else under another spelling: warned before import, never merged.

    warn_near_duplicates(rows, members)   # adds to each RowResult.warnings

Two different people (a file row and a member, or two rows that are not the same
person) sharing a 联系电话 or a 身份证号, or whose names differ only by dots and spaces
(阿依古丽买买提 / 阿依古丽·买买提), are most likely one person typed twice.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..roster.names import loose_name

_CHECKS = (("phone", "联系电话"), ("id_number", "身份证号"))


def warn_near_duplicates(rows: list, members: Iterable) -> None:
    """*rows*: the plan's RowResults; *members*: the roster as it is (Member objects)."""
    seen: dict[tuple[str, str], list[tuple[object, str, str]]] = {}  # (field, value) -> [(who, label, name)]

    def index(identity: object, label: str, values: dict) -> None:
        for key, _ in _CHECKS:
            if values.get(key):
                seen.setdefault((key, values[key]), []).append((identity, label, values.get("name") or ""))
        if values.get("name"):
            seen.setdefault(("loose", loose_name(values["name"])), []).append(
                (identity, label, values["name"]))

    for member in members:
        index(("member", member.id), f"已有成员“{member.name}”",
              {"name": member.name, "phone": member.phone, "id_number": member.id_number})
    candidates = [row for row in rows if row.action in ("新增", "更新") or (row.action == "跳过" and row.member_id)]
    for row in candidates:
        index(_identity(row), f"第 {row.sheet_row} 行的“{row.name}”", row.values)
    for row in candidates:
        me = _identity(row)
        notes: list[str] = []
        for key, label in _CHECKS:
            value = row.values.get(key)
            for who, text, name in seen.get((key, value), []) if value else []:
                if who != me and name != row.name:
                    notes.append(f"{label}与{text}相同，请核对是否为同一人")
        for who, text, name in seen.get(("loose", loose_name(row.name)), []) if row.name else []:
            if who != me and name != row.name:
                notes.append(f"姓名与{text}仅差间隔号或空格，请核对是否为同一人")
        for note in notes:
            if note not in row.warnings:
                row.warnings.append(note)


def _identity(row) -> object:
    return ("member", row.member_id) if row.member_id else ("row", row.sheet_row)
