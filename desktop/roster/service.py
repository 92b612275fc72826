"""Reading and changing the roster. Every write runs in one transaction."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN

from ..errors import UserError
from ..models import Member, Team, db
from ..models.choices import COMMITTEE_ROLES, PARTY_STATUSES
from .fields import FIELDS
from .names import normalize_name_dots
from .pinyin import name_key, pinyin_key
from .validation import Problem, missing_fields, validate_member

FIELD_KEYS = tuple(f.key for f in FIELDS)


class ValidationFailed(UserError):
    def __init__(self, problems: list[Problem]):
        super().__init__("；".join(str(p) for p in problems))
        self.problems = problems


class HasHistory(UserError):
    """The member has records elsewhere and may only be marked departed."""


def member_values(member: Member) -> dict:
    """The member as a plain dict of field values (team as its name)."""
    values = {key: getattr(member, key) for key in FIELD_KEYS if key != "team"}
    values["team"] = member.team.name if member.team_id else ""
    return values


def completeness(member: Member) -> list[str]:
    """Labels of the required fields this member lacks; empty when complete."""
    return missing_fields(member_values(member))


def list_members() -> list[Member]:
    """All members with their team, in one query, in pinyin order."""
    return list(
        Member.select(Member, Team)
        .join(Team, JOIN.LEFT_OUTER)
        .order_by(Member.name_pinyin, Member.id)
    )


def member_names() -> dict[int, str]:
    """Every member's name by id (one query, no model objects: lists of thousands of rows)."""
    return dict(Member.select(Member.id, Member.name).tuples())


def teams() -> list[Team]:
    return list(Team.select().order_by(Team.sort_order, Team.name))


def units() -> list[str]:
    query = Member.select(Member.unit).where(Member.unit != "").distinct()
    return sorted((m.unit for m in query), key=pinyin_key)


def team_by_name(name: str, create: bool = True) -> Team | None:
    name = (name or "").strip()
    if not name:
        return None
    team = Team.get_or_none(Team.name == name)
    if team is None and create:
        order = (Team.select().count() or 0) + 1
        team = Team.create(name=name, sort_order=order)
    return team


def _apply(member: Member, values: dict) -> None:
    for key in FIELD_KEYS:
        if key == "team" or key not in values:
            continue
        value = values[key]
        setattr(member, key, value if value is not None or key in ("arrived_on", "departed_on") else "")
    if "team" in values:
        member.team = team_by_name(values["team"])
    member.name = normalize_name_dots(member.name.strip())  # one dot, one person
    member.name_pinyin = name_key(member.name)
    member.updated_at = dt.datetime.now().replace(microsecond=0)


def save_member(values: dict, member_id: int | None = None, today: dt.date | None = None) -> Member:
    """Create (member_id None) or update a member after validation; raise ValidationFailed."""
    problems = validate_member(values, today)
    if problems:
        raise ValidationFailed(problems)
    with db.atomic():
        member = Member() if member_id is None else Member.get_by_id(member_id)
        _apply(member, values)
        member.save()
        if values.get("branch_role") == "书记":
            _demote_other_secretaries(member.id)
    return member


def _demote_other_secretaries(keep_id: int) -> None:
    for other in Member.select().where(
        (Member.branch_role == "书记") & (Member.id != keep_id) & Member.departed_on.is_null()
    ):
        other.branch_role = "党员" if other.political_status in PARTY_STATUSES else "志愿者"
        other.save()


def mark_departed(member_id: int, on: dt.date, today: dt.date | None = None) -> Member:
    """撤离: the member keeps every record; only the departure date is set."""
    today = today or dt.date.today()
    member = Member.get_by_id(member_id)
    if on > today:
        raise ValidationFailed([Problem("departed_on", "不能晚于今天")])
    if member.arrived_on and on < member.arrived_on:
        raise ValidationFailed([Problem("departed_on", "不能早于到岗日期")])
    with db.atomic():
        member.departed_on = on
        member.updated_at = dt.datetime.now().replace(microsecond=0)
        member.save()
    return member


def cancel_departure(member_id: int) -> Member:
    with db.atomic():
        member = Member.get_by_id(member_id)
        member.departed_on = None
        member.save()
    return member


def history_count(member: Member) -> int:
    """Rows in other tables that point at this member (meetings, duty, diaries ...)."""
    total = 0
    for backref in Member._meta.backrefs:
        total += backref.model.select().where(backref == member.id).count()
    return total


@dataclass
class DeletedMember:
    """Everything needed to put a deleted member back exactly as they were."""

    row: dict
    team_name: str = ""
    extra: dict = field(default_factory=dict)


def delete_member(member_id: int) -> DeletedMember:
    """Delete a member with no history; the returned snapshot undoes it."""
    with db.atomic():
        member = Member.get_by_id(member_id)
        if history_count(member):
            raise HasHistory(f"“{member.name}”已有工作记录，不能删除，只能标记为撤离。")
        snapshot = DeletedMember(row=dict(member.__data__), team_name=member.team.name if member.team_id else "")
        member.delete_instance()
    return snapshot


class RestoreConflict(UserError):
    """The deleted member's id is taken again (e.g. a backup was restored since)."""


def restore_member(snapshot: DeletedMember) -> Member:
    """Undo a delete: the member comes back with the same id and values."""
    with db.atomic():
        if Member.get_or_none(Member.id == snapshot.row["id"]) is not None:
            raise RestoreConflict(f"无法撤销删除：“{snapshot.row['name']}”的记录已存在（可能已从备份恢复）。")
        row = dict(snapshot.row)
        team = team_by_name(snapshot.team_name) if snapshot.team_name else None
        row["team"] = team.id if team else None
        row.pop("team_id", None)
        Member.insert(**row).execute()
    return Member.get_by_id(snapshot.row["id"])


def committee() -> list[Member]:
    """Active members holding a committee role, secretary first."""
    members = Member.select().where(
        Member.branch_role.in_(COMMITTEE_ROLES) & Member.departed_on.is_null()
    )
    return sorted(members, key=lambda m: (COMMITTEE_ROLES.index(m.branch_role), m.name_pinyin))


def secretary() -> Member | None:
    return next((m for m in committee() if m.branch_role == "书记"), None)


def set_committee(assignments: dict[int, str]) -> None:
    """Give each member id its committee role ('' to step down); one secretary at most."""
    if list(assignments.values()).count("书记") > 1:
        raise ValidationFailed([Problem("branch_role", "只能有一位书记")])
    with db.atomic():
        for member in Member.select().where(Member.id.in_(list(assignments))):
            role = assignments[member.id]
            if role and member.political_status not in PARTY_STATUSES:
                raise ValidationFailed(
                    [Problem("branch_role", f"{member.name} 不是中共党员或预备党员，不能担任{role}")]
                )
            if not role and member.branch_role in COMMITTEE_ROLES:
                role = "党员" if member.political_status in PARTY_STATUSES else "志愿者"
            if role:
                member.branch_role = role
                member.save()
            if role == "书记":
                _demote_other_secretaries(member.id)
