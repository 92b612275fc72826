"""Importing the roster from .xlsx / .csv: a preview first, then one all-or-nothing write.

    plan = plan_member_import(path, today=None, sheet=None)   # reads, writes nothing
    plan.rows          -> list[RowResult]: sheet_row, values, problems, action, note, member_id
    plan.counts        -> {"新增": n, "更新": n, "跳过": n, "错误": n}
    plan.has_errors, plan.header_row, plan.recognized [(header, label)], plan.ignored [header]
    outcome = apply_import(plan, skip_invalid=False)          # -> ImportOutcome
    outcome.created, .updated, .skipped, .rejected

The header row is the first of the first 15 non-blank rows with at least two known
column names, one of them 姓名. A row matching an existing member (same 姓名 and
联系电话, or same 身份证号, or failing those the only namesake whose numbers do not
contradict it: see .matching) updates that member with its non-empty cells only
(跳过 when nothing changes); a row matching an earlier row of the file is skipped.
A row is written whole or not at all. apply_import re-plans against the database
inside its single transaction, and raises ImportRejected (nothing written) when any
row has an error unless skip_invalid is True.
Raises ImportFileError (from .tabular) when the file cannot be read or has no header.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..backup import safety_backup
from ..models import Member, db
from ..roster.fields import LABELS, field_for_header
from ..roster.service import ValidationFailed, member_values, save_member
from ..roster.validation import Problem, id_birth_month, id_gender, id_number_problem, validate_member
from .cells import clean_text, convert_cell, is_blank
from .matching import People
from .tabular import ImportFileError, Table, read_table

NEW, UPDATE, SKIP, ERROR = "新增", "更新", "跳过", "错误"
ACTIONS = (NEW, UPDATE, SKIP, ERROR)
HEADER_SCAN_ROWS = 15
_BRACKETED = re.compile(r"[（(【\[].*?[）)】\]]")

__all__ = [
    "ACTIONS", "ERROR", "NEW", "SKIP", "UPDATE", "ImportFileError", "ImportOutcome",
    "ImportPlan", "ImportRejected", "RowResult", "apply_import", "plan_member_import", "plan_table",
]


class ImportRejected(Exception):
    """Nothing was written; the message says why in Chinese."""


@dataclass
class RowResult:
    sheet_row: int
    values: dict  # the row's field values, shaped like service.save_member expects
    problems: list[str] = field(default_factory=list)
    action: str = NEW
    note: str = ""
    member_id: int | None = None  # the member an update (or an unchanged skip) refers to
    changes: dict = field(default_factory=dict)  # what apply_import writes

    @property
    def name(self) -> str:
        return self.values.get("name") or ""


@dataclass
class ImportPlan:
    table: Table
    today: dt.date
    header_row: int
    columns: dict[int, str]  # column index -> field key
    recognized: list[tuple[str, str]]  # (header as written, field label)
    ignored: list[str]  # headers of columns that are not roster fields
    rows: list[RowResult] = field(default_factory=list)

    @property
    def source(self) -> Path:
        return self.table.source

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            counts[row.action] += 1
        return counts

    @property
    def error_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.action == ERROR]

    @property
    def has_errors(self) -> bool:
        return bool(self.error_rows)

    @property
    def writable(self) -> int:
        """Rows that would create or change a member."""
        return sum(1 for row in self.rows if row.action in (NEW, UPDATE))


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0

    @property
    def written(self) -> int:
        return self.created + self.updated

    def summary(self) -> str:
        text = f"新增 {self.created} 人，更新 {self.updated} 人，跳过 {self.skipped} 行"
        return text + (f"，有 {self.rejected} 行因错误未导入" if self.rejected else "")


def plan_member_import(
    path: Path | str, today: dt.date | None = None, sheet: str | None = None
) -> ImportPlan:
    """Read *path* and work out what importing it would do; writes nothing."""
    return plan_table(read_table(path, sheet), today)


def _field_for(header: object) -> str | None:
    key = field_for_header(header)
    if key is None and header is not None:
        # '联系电话（手机）', '出生年月(年.月)': the bracketed hint is not part of the name.
        key = field_for_header(_BRACKETED.sub("", str(header)))
    return key


def _find_header(table: Table) -> tuple[int, list[object]]:
    for index, (_, cells) in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        keys = [_field_for(cell) for cell in cells if isinstance(cell, str)]
        if "name" in keys and sum(1 for key in keys if key) >= 2:
            return index, cells
    raise ImportFileError(
        f"在“{table.source.name}”的前 {HEADER_SCAN_ROWS} 行中找不到表头。"
        "表头行应包含“姓名”以及“性别”“联系电话”等列名。"
    )


def plan_table(table: Table, today: dt.date | None = None) -> ImportPlan:
    """The plan for rows already read; reads the database, writes nothing."""
    today = today or dt.date.today()
    header_index, header = _find_header(table)
    columns: dict[int, str] = {}
    recognized: list[tuple[str, str]] = []
    ignored: list[str] = []
    for column, cell in enumerate(header):
        text = clean_text(cell)
        key = _field_for(text) if text else None
        if key:
            columns[column] = key
            recognized.append((text, LABELS[key]))
        elif text:
            ignored.append(text)
    plan = ImportPlan(table, today, table.rows[header_index][0], columns, recognized, ignored)
    _Matcher(plan).run(table.rows[header_index + 1:], header)
    return plan


def _row_values(columns: dict[int, str], cells: list[object]) -> tuple[dict, list[Problem]]:
    values: dict = {}
    problems: list[Problem] = []
    for column, key in columns.items():
        raw = cells[column] if column < len(cells) else None
        if key in values and values[key] not in ("", None):
            continue  # two columns for one field ('手机' and '电话'): the first filled one wins
        if is_blank(raw):
            values.setdefault(key, None if key in ("arrived_on", "departed_on") else "")
            continue
        value, message = convert_cell(key, raw)
        values[key] = value
        if message:
            problems.append(Problem(key, message))
    return values, problems


def _filled(value: object) -> bool:
    return value not in ("", None)


class _Matcher:
    """Builds each row's result, matching against the roster and earlier rows."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        self.today = plan.today
        self.people = People()
        self.secretary_row: int | None = None

    def run(self, rows: list[tuple[int, list[object]]], header: list[object]) -> None:
        header_text = [clean_text(cell) for cell in header]
        for sheet_row, cells in rows:
            filled = [c for c in self.plan.columns if c < len(cells) and not is_blank(cells[c])]
            if not filled:
                continue  # blank, or text only in ignored columns (序号, a footnote)
            if [clean_text(cell) for cell in cells] == header_text:
                continue  # the header repeated for printing
            if len(filled) == 1 and re.search("[:：]", clean_text(cells[filled[0]])):
                # '制表人：王五' under the table is a signature line, not a person.
                note = "不像成员信息（表格说明或落款），已跳过"
                self.plan.rows.append(RowResult(sheet_row, {}, action=SKIP, note=note))
                continue
            self.plan.rows.append(self._row(sheet_row, cells))

    def _row(self, sheet_row: int, cells: list[object]) -> RowResult:
        values, problems = _row_values(self.plan.columns, cells)
        result = RowResult(sheet_row, values)
        new = {key: value for key, value in values.items() if _filled(value)}
        match = self.people.find(new)
        if match.conflict:
            problems.append(Problem("id_number", match.conflict))
        person = match.person
        existing = person.member if person and person.row is None else None
        base = member_values(existing) if existing else {}
        merged = {**base, **new}
        derived = self._derive(merged)
        new.update(derived)
        problems += validate_member(merged, self.today)
        if new.get("branch_role") == "书记" and self.secretary_row is not None:
            problems.append(Problem("branch_role", f"第 {self.secretary_row} 行也是书记，只能有一位书记"))
        if problems:
            result.action, result.problems = ERROR, [str(p) for p in problems]
            return result
        if new.get("branch_role") == "书记":
            self.secretary_row = sheet_row
        if derived:
            result.note = "、".join(LABELS[k] for k in derived) + "取自身份证号"
        if person is not None and person.row is not None:
            result.action, result.note = SKIP, f"与第 {person.row} 行重复，已跳过"
            result.member_id = person.member.id if person.member else None
        elif existing is not None:
            self.people.claim(person, merged, sheet_row)
            self._update(result, new, existing, base, match.by_name)
        else:
            self.people.add(new, sheet_row)
            result.action, result.changes = NEW, new
            if match.namesakes:
                result.note = _join(result.note, "已有同名人员，但联系电话或身份证号不同，将作为新成员添加")
        return result

    def _derive(self, merged: dict) -> dict:
        number = merged.get("id_number") or ""
        if not number or id_number_problem(number, self.today):
            return {}
        derived = {}
        if not merged.get("gender"):
            derived["gender"] = id_gender(number)
        if not merged.get("birth_date"):
            derived["birth_date"] = id_birth_month(number)
        merged.update(derived)
        return derived

    @staticmethod
    def _update(result: RowResult, new: dict, existing: Member, base: dict, by_name: bool) -> None:
        result.member_id = existing.id
        who = f"已有成员“{existing.name}”" + ("（按姓名匹配）" if by_name else "")
        changed = {key: value for key, value in new.items() if base.get(key) != value}
        if not changed:
            result.action = SKIP
            result.note = _join(result.note, f"与{who}一致，无需更新")
            return
        result.action, result.changes = UPDATE, changed
        result.note = _join(result.note, f"更新{who}：" + "、".join(LABELS[k] for k in changed))


def _join(first: str, second: str) -> str:
    return f"{first}；{second}" if first else second


def _rejection(plan: ImportPlan) -> str:
    rows = [str(row.sheet_row) for row in plan.error_rows]
    shown = "、".join(rows[:10]) + ("等" if len(rows) > 10 else "")
    return (
        f"有 {len(rows)} 行存在错误（第 {shown} 行），未导入任何数据。"
        "请修改文件后重新导入，或勾选“仅导入有效行”跳过这些行。"
    )


def apply_import(plan: ImportPlan, skip_invalid: bool = False) -> ImportOutcome:
    """Write the plan in one transaction; all-or-nothing unless *skip_invalid*."""
    outcome = ImportOutcome()
    if plan.writable:
        safety_backup("pre-import")
    with db.atomic():
        # Re-plan inside the transaction, so the write matches the database as it is now.
        fresh = plan_table(plan.table, plan.today)
        if fresh.has_errors and not skip_invalid:
            raise ImportRejected(_rejection(fresh))
        for row in fresh.rows:
            try:
                if row.action == NEW:
                    save_member(row.changes, today=fresh.today)
                    outcome.created += 1
                elif row.action == UPDATE:
                    # save_member validates the whole record, so hand it the merged values.
                    current = member_values(Member.get_by_id(row.member_id))
                    save_member({**current, **row.changes}, row.member_id, today=fresh.today)
                    outcome.updated += 1
                elif row.action == SKIP:
                    outcome.skipped += 1
                else:
                    outcome.rejected += 1
            except ValidationFailed as exc:  # planning validated already; roll back everything
                raise ImportRejected(f"第 {row.sheet_row} 行无法保存：{exc}，未导入任何数据。") from exc
    plan.rows = fresh.rows
    return outcome
