"""A package's tables, as the branch stored them, turned into the hub's snapshot rows.

The package gives every table with its own column names and integer ids (foreign keys as
``team_id``, ``post_id`` …, dates as ISO strings); the hub keeps names instead of ids where a
report needs the name (team, meeting type, post, shift) and the branch's member ids, so a
cadre's meetings, shifts and diaries join within one branch.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

Row = dict[str, Any]


def day(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def moment(value: Any) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=None)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _flag(value: Any) -> bool:
    return value not in (None, 0, False, "0", "", "false", "False")


def _names(rows: Iterable[Row]) -> dict[Any, str]:
    return {row.get("id"): _text(row.get("name")) for row in rows}


def _personal(value: Any) -> str | None:
    """None where the package left the field out (no hub key); the stored text otherwise."""
    return None if value is None else str(value)


def snapshot_rows(uid: str, tables: dict[str, list[Row]]) -> dict[str, list[Row]]:
    """hub table name -> rows for one branch; every row carries ``branch_uid``."""

    def table(name: str) -> list[Row]:
        return tables.get(name) or []  # a missing table is an empty one

    teams = _names(table("team"))
    kinds = _names(table("meeting_type"))
    posts = _names(table("post"))
    shifts = {row.get("id"): row for row in table("shift_definition")}

    members = [{
        "branch_uid": uid, "source_id": int(row["id"]), "name": _text(row.get("name")),
        "gender": _text(row.get("gender")), "birth_date": _text(row.get("birth_date")),
        "political_status": _text(row.get("political_status")), "unit": _text(row.get("unit")),
        "unit_post": _text(row.get("unit_post")), "home_org": _text(row.get("home_org")),
        "branch_role": _text(row.get("branch_role")), "team": teams.get(row.get("team_id"), ""),
        "phone": _personal(row.get("phone")), "id_number": _personal(row.get("id_number")),
        "arrived_on": day(row.get("arrived_on")), "departed_on": day(row.get("departed_on")),
    } for row in table("member")]

    attendance = table("meeting_attendance")
    expected = Counter(row.get("meeting_id") for row in attendance)
    present = Counter(row.get("meeting_id") for row in attendance if _flag(row.get("present", True)))
    decisions = Counter(row.get("meeting_id") for row in table("meeting_decision"))
    meetings = [{
        "branch_uid": uid, "source_id": int(row["id"]), "meeting_type": kinds.get(row.get("meeting_type_id"), ""),
        "title": _text(row.get("title")), "date": day(row.get("date")), "status": _text(row.get("status")),
        "expected": expected[row["id"]], "present": present[row["id"]], "decisions": decisions[row["id"]],
    } for row in table("meeting")]
    attended = [{
        "branch_uid": uid, "meeting_id": int(row["meeting_id"]), "member_id": int(row["member_id"]),
        "present": _flag(row.get("present", True)), "absence_reason": _text(row.get("absence_reason")),
    } for row in attendance]

    def shift_name(row: Row) -> str:
        return _text(shifts.get(row.get("shift_id"), {}).get("name"))

    duty = [{
        "branch_uid": uid, "date": day(row.get("date")), "post": posts.get(row.get("post_id"), ""),
        "shift": shift_name(row), "is_night": _flag(shifts.get(row.get("shift_id"), {}).get("is_night")),
        "member_id": int(row["member_id"]),
    } for row in table("duty_assignment")]
    handovers = [{
        "branch_uid": uid, "date": day(row.get("date")), "post": posts.get(row.get("post_id"), ""),
        "shift": shift_name(row), "people_checked": int(row.get("people_checked") or 0),
        "vehicles_checked": int(row.get("vehicles_checked") or 0), "fever_cases": int(row.get("fever_cases") or 0),
        "no_code_cases": int(row.get("no_code_cases") or 0), "other_abnormal": int(row.get("other_abnormal") or 0),
        "events": _text(row.get("events")),
    } for row in table("handover")]
    diaries = [{
        "branch_uid": uid, "source_id": int(row["id"]), "member_id": int(row["member_id"]),
        "date": day(row.get("date")), "text": _text(row.get("text")),
    } for row in table("diary_entry")]
    notes = [{
        "branch_uid": uid, "kind": _text(row.get("kind")),
        "member_id": None if row.get("member_id") is None else int(row["member_id"]),
        "period_from": day(row.get("period_from")), "period_to": day(row.get("period_to")),
        "section": _text(row.get("section")), "text": _text(row.get("text")),
    } for row in table("report_note")]
    return {"hub_member": members, "hub_meeting": meetings, "hub_attendance": attended, "hub_duty": duty,
            "hub_handover": handovers, "hub_diary": diaries, "hub_report_note": notes}
