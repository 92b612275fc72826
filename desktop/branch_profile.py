"""Reading, checking and saving the branch profile and its committee. No Qt here."""
from __future__ import annotations

import datetime as dt

from .errors import UserError
from .models import Branch, Member, db
from .models.choices import COMMITTEE_ROLES, PARTY_STATUSES
from .roster import service
from .roster.dates import DateParseError, parse_full_date

TEXT_FIELDS = (
    "name", "kind", "compound", "community", "subdistrict",
    "approving_org", "approval_doc_no", "notes",
)
DATE_FIELDS = ("approval_date", "founded_on", "dissolved_on")
LABELS = {
    "name": "支部名称", "kind": "类型", "compound": "所在小区", "community": "所属社区",
    "subdistrict": "所属街道", "approving_org": "批准党组织", "approval_doc_no": "批准文号",
    "approval_date": "批准日期", "founded_on": "成立日期", "dissolved_on": "撤销日期",
    "notes": "备注",
}
MAX_LENGTH = {"name": 60, "notes": 2000}
DEFAULT_MAX_LENGTH = 100
UNNAMED = "未命名支部"
# The committee table offers these; the secretary has a field of its own.
MEMBER_ROLES = tuple(r for r in COMMITTEE_ROLES if r != "书记")

Problem = tuple[str, str]  # (field, message)


class ProfileInvalid(UserError):
    def __init__(self, problems: list[Problem]):
        super().__init__("；".join(f"{LABELS.get(f, f)}：{m}" for f, m in problems))
        self.problems = problems


def load_profile() -> dict:
    """The profile as plain values; dates as datetime.date or None."""
    branch = Branch.current()
    return {key: getattr(branch, key) for key in TEXT_FIELDS + DATE_FIELDS}


def display_name() -> str:
    row = Branch.select(Branch.name).order_by(Branch.id).first()
    return (row.name.strip() if row else "") or UNNAMED


def _parse_dates(values: dict) -> tuple[dict[str, dt.date | None], list[Problem]]:
    dates: dict[str, dt.date | None] = {}
    problems: list[Problem] = []
    for key in DATE_FIELDS:
        try:
            dates[key] = parse_full_date(values.get(key))
        except DateParseError as exc:
            dates[key] = None
            problems.append((key, str(exc)))
    return dates, problems


def validate_profile(values: dict, today: dt.date | None = None) -> list[Problem]:
    """Problems that forbid saving; dates may be text as typed or datetime.date."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not (values.get("name") or "").strip():
        problems.append(("name", "请填写支部名称，如“××小区临时党支部”"))
    if not (values.get("kind") or "").strip():
        problems.append(("kind", "请选择或填写类型"))
    for key in TEXT_FIELDS:
        limit = MAX_LENGTH.get(key, DEFAULT_MAX_LENGTH)
        if len((values.get(key) or "").strip()) > limit:
            problems.append((key, f"过长（最多 {limit} 个字）"))

    dates, date_problems = _parse_dates(values)
    problems += date_problems
    for key in DATE_FIELDS:
        if dates[key] and dates[key] > today:
            problems.append((key, "不能晚于今天"))
    approved, founded, dissolved = (dates[k] for k in DATE_FIELDS)
    if dissolved and founded and dissolved < founded:
        problems.append(("dissolved_on", "不能早于成立日期"))
    if dissolved and approved and dissolved < approved:
        problems.append(("dissolved_on", "不能早于批准日期"))
    return problems


def save_profile(
    values: dict, committee: dict[int, str] | None = None, today: dt.date | None = None
) -> Branch:
    """Save the profile, and the committee assignments if given, in one transaction.

    Raises ProfileInvalid, or service.ValidationFailed from set_committee (nothing is saved then).
    """
    problems = validate_profile(values, today)
    if problems:
        raise ProfileInvalid(problems)
    dates, _ = _parse_dates(values)
    with db.atomic():
        branch = Branch.current()
        for key in TEXT_FIELDS:
            if key in values:
                setattr(branch, key, (values[key] or "").strip())
        for key in DATE_FIELDS:
            if key in values:
                setattr(branch, key, dates[key])
        branch.save()
        if committee is not None:
            service.set_committee(committee)
    return branch


# --- committee --------------------------------------------------------------

def committee_candidates() -> list[Member]:
    """Members who may sit on the committee: Party members still on duty, pinyin order."""
    return [
        m for m in service.list_members()
        if m.political_status in PARTY_STATUSES and m.departed_on is None
    ]


def current_committee() -> tuple[int | None, list[tuple[int, str]]]:
    """(secretary id, [(member id, role)] of the other committee members)."""
    members = service.committee()
    secretary = next((m.id for m in members if m.branch_role == "书记"), None)
    return secretary, [(m.id, m.branch_role) for m in members if m.branch_role != "书记"]


def validate_committee(
    secretary_id: int | None, rows: list[tuple[int | None, str]], names: dict[int, str]
) -> list[str]:
    """Messages for the committee table; *names* maps member id to name for the messages."""
    problems: list[str] = []
    seen: set[int] = {secretary_id} if secretary_id else set()
    for number, (member_id, role) in enumerate(rows, start=1):
        if member_id is None:
            problems.append(f"第 {number} 行未选择人员")
            continue
        if role not in MEMBER_ROLES:
            problems.append(f"第 {number} 行的职务“{role}”不是可选值")
        if member_id in seen:
            who = names.get(member_id, f"第 {number} 行的人员")
            problems.append(f"{who} 重复出现，每人只能担任一个职务")
        seen.add(member_id)
    return problems


def committee_assignments(
    secretary_id: int | None, rows: list[tuple[int | None, str]]
) -> dict[int, str]:
    """What to pass to service.set_committee: the new roles, and '' for those stepping down."""
    assignments = {member_id: role for member_id, role in rows if member_id is not None}
    if secretary_id:
        assignments[secretary_id] = "书记"
    for member in service.committee():
        assignments.setdefault(member.id, "")
    return assignments
