"""法定人数: more than half of those entitled must be present. Warns; never blocks finalize.

- 支部党员大会: full Party members (中共党员) in the branch that day are entitled;
  预备党员 have no vote and count on neither side.
- 支部委员会: members holding a committee role in the branch that day.
Status and roles are read from the roster as it is now (the roster keeps no history).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Meeting
from ..models.choices import COMMITTEE_ROLES
from .attendance import attendance_rows, expected_members
from .common import get_meeting
from .decisions import VOTING_STATUS


@dataclass(frozen=True)
class Quorum:
    applies: bool
    entitled: int
    present: int
    ok: bool
    message: str


def _rule(type_name: str) -> str | None:
    if "党员大会" in type_name:
        return "general"
    if "委员会" in type_name:
        return "committee"
    return None


def quorum(meeting: Meeting | int) -> Quorum:
    meeting = get_meeting(meeting)
    rule = _rule(meeting.meeting_type.name)
    if rule is None:
        return Quorum(False, 0, 0, True, "")
    if rule == "general":
        def counts(member):
            return member.political_status == VOTING_STATUS
        who = "有表决权党员"
    else:
        def counts(member):
            return member.branch_role in COMMITTEE_ROLES
        who = "支部委员"
    rows = attendance_rows(meeting)
    # Entitled: everyone in the branch that day who counts, plus anyone counted on the list.
    entitled_ids = {m.id for m in expected_members(meeting.date) if counts(m)}
    entitled_ids |= {r.member_id for r in rows if counts(r.member)}
    present = sum(1 for r in rows if r.present and counts(r.member))
    entitled = len(entitled_ids)
    ok = entitled > 0 and present * 2 > entitled
    if entitled == 0:
        message = f"没有{who}，无法判断是否符合法定人数。"
    elif ok:
        message = f"应到{who} {entitled} 人，实到 {present} 人，超过半数，符合法定人数。"
    else:
        message = f"应到{who} {entitled} 人，实到 {present} 人，未超过半数，会议不符合法定人数。"
    return Quorum(True, entitled, present, ok, message)
