"""Importing the roster from .xlsx / .csv: a preview first, then one all-or-nothing write.

    plan = plan_member_import(path, today=None, sheet=None, overrides=None)  # reads, writes nothing
    plan.rows          -> list[RowResult]: sheet_row, values, problems, warnings, action, note, member_id
    plan.counts        -> {"新增": n, "更新": n, "跳过": n, "错误": n}
    plan.has_errors, plan.header_rows, plan.recognized [(header, label)], plan.ignored [header]
    plan.corrected(sheet_row, key, text) -> ImportPlan   # the same file with one cell corrected
    outcome = apply_import(plan, skip_invalid=False)          # -> ImportOutcome
    outcome.created, .updated, .skipped, .rejected, .left_out

The sheet read is the named one, else the only sheet holding a roster header; when
several do, SheetChoiceNeeded (an ImportFileError) lists them. The header (one row, or
a grouped header of two or three rows: see .header) is within the first 15 non-blank
rows. A row matching an existing member (same 姓名 and 联系电话, or same 身份证号, or
failing those the only namesake whose numbers do not contradict it: see .matching)
updates that member with its non-empty cells only (跳过 when nothing changes); a row
matching an earlier row of the file is skipped. Near-duplicates (same phone or ID
number for another name) are warned of (.near_duplicates). A row is written whole or
not at all. Cells corrected in the preview (overrides) replace what the file holds.
apply_import re-plans against the database inside its single transaction, and raises
ImportRejected (nothing written) when any row has an error unless skip_invalid is True.
Raises ImportFileError (from .tabular) when the file cannot be read or has no header.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..models import Member, db
from ..roster.fields import LABELS
from ..roster.service import ValidationFailed, list_members, member_values, save_member
from ..roster.validation import (
    Problem,
    id_birth_month,
    id_gender,
    id_number_problem,
    validate_member,
)
from ..safety.backup import safety_backup
from .cells import clean_text, convert_cell, is_blank
from .header import HEADER_SCAN_ROWS, Layout, column_name, find_layout
from .matching import People
from .near_duplicates import warn_near_duplicates
from .sheets import SheetChoiceNeeded, choose_sheet
from .tabular import ImportFileError, Table, read_tables

NEW, UPDATE, SKIP, ERROR = "新增", "更新", "跳过", "错误"
ACTIONS = (NEW, UPDATE, SKIP, ERROR)

__all__ = [
    "ACTIONS", "ERROR", "HEADER_SCAN_ROWS", "NEW", "SKIP", "UPDATE", "ImportFileError", "ImportOutcome",
    "ImportPlan", "ImportRejected", "RowResult", "SheetChoiceNeeded", "apply_import", "plan_member_import",
    "plan_table",
]


class ImportRejected(UserError):
    """Nothing was written; the message says why in Chinese."""


@dataclass
class RowResult:
    sheet_row: int
    values: dict  # the row's field values, shaped like service.save_member expects
    problems: list[str] = field(default_factory=list)
    problem_keys: set[str] = field(default_factory=set)  # fields whose cell has a problem
    warnings: list[str] = field(default_factory=list)  # near-duplicates: imported, but worth a look
    cells: dict[str, str] = field(default_factory=dict)  # each field's cell as written (for the preview)
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
    layout: Layout
    overrides: dict[tuple[int, str], str] = field(default_factory=dict)  # (sheet_row, key) -> text
    rows: list[RowResult] = field(default_factory=list)

    @property
    def source(self) -> Path:
        return self.table.source

    @property
    def header_rows(self) -> list[int]:
        return self.layout.rows

    @property
    def header_row(self) -> int:
        return self.layout.rows[0]

    @property
    def columns(self) -> dict[int, str]:
        return self.layout.columns

    @property
    def recognized(self) -> list[tuple[str, str]]:
        """(header as written, field label) of every column read."""
        return self.layout.recognized

    @property
    def ignored(self) -> list[str]:
        """Headers of the columns that are not read (every one that holds something)."""
        return self.layout.ignored

    @property
    def fields(self) -> list[str]:
        """The field keys read from the file, in column order, each once."""
        return list(dict.fromkeys(self.layout.columns.values()))

    @property
    def warned_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.warnings]

    def corrected(self, sheet_row: int, key: str, text: str) -> ImportPlan:
        """The plan with one cell replaced by what the user typed in the preview."""
        overrides = {**self.overrides, (sheet_row, key): text}
        return plan_table(self.table, self.today, overrides)

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
    left_out: list[RowResult] = field(default_factory=list)  # the rows with errors, not imported

    @property
    def written(self) -> int:
        return self.created + self.updated

    def left_out_text(self) -> str:
        """'第 6 行（无姓名）、第 7 行 王五' — who was not imported."""
        return "、".join(
            f"第 {row.sheet_row} 行 {row.name}" if row.name else f"第 {row.sheet_row} 行（无姓名）"
            for row in self.left_out
        )

    def summary(self) -> str:
        text = f"新增 {self.created} 人，更新 {self.updated} 人，跳过 {self.skipped} 行"
        if self.rejected:
            text += f"，有 {self.rejected} 行因错误未导入：{self.left_out_text()}"
        return text


def plan_member_import(
    path: Path | str, today: dt.date | None = None, sheet: str | None = None,
    overrides: dict[tuple[int, str], str] | None = None,
) -> ImportPlan:
    """Read *path* and work out what importing it would do; writes nothing."""
    return plan_table(choose_sheet(read_tables(path), sheet), today, overrides)


def plan_table(table: Table, today: dt.date | None = None,
               overrides: dict[tuple[int, str], str] | None = None) -> ImportPlan:
    """The plan for rows already read; reads the database, writes nothing."""
    today = today or dt.date.today()
    layout = find_layout(table)
    plan = ImportPlan(table, today, layout, dict(overrides or {}))
    rows = _fill_merged_down(table, layout.data_from)
    matcher = _Matcher(plan)
    matcher.run(rows, table.rows[layout.data_from - 1][1])
    warn_near_duplicates(plan.rows, matcher.members)
    return plan


def _fill_merged_down(table: Table, data_from: int) -> list[tuple[int, list[object]]]:
    """Data rows with a cell merged down one column (小分队 over four people) given to each row."""
    rows = [(number, list(cells)) for number, cells in table.rows[data_from:]]
    by_number = {number: cells for number, cells in rows}
    for first_row, first_col, last_row, last_col in table.merged:
        if first_col != last_col or first_row == last_row or first_row not in by_number:
            continue
        top = by_number[first_row]
        value = top[first_col] if first_col < len(top) else None
        for number in range(first_row + 1, last_row + 1):
            cells = by_number.get(number)
            if cells is None:
                continue
            while len(cells) <= first_col:
                cells.append(None)
            if is_blank(cells[first_col]):
                cells[first_col] = value
    return rows


def _row_values(columns: dict[int, str], cells: list[object], overrides: dict[str, str], written: dict
                ) -> tuple[dict, list[Problem], list[str]]:
    """Field values, problems, and notes on cells not stored (a second column for a field).
    *written* receives each field's cell text as the file (or the correction) has it."""
    values: dict = {}
    problems: list[Problem] = []
    notes: list[str] = []
    source: dict[str, int] = {}
    for column, key in columns.items():
        raw = overrides[key] if key in overrides else (cells[column] if column < len(cells) else None)
        if key in values and values[key] not in ("", None):
            # Two columns for one field ('手机' and '电话'): the first filled one is stored,
            # and a different second value is said, not dropped in silence.
            if not is_blank(raw) and key not in overrides:
                other, _ = convert_cell(key, raw)
                if other not in ("", None) and other != values[key]:
                    notes.append(f"{column_name(column)} 列的“{clean_text(raw)}”未导入"
                                 f"（{LABELS[key]}已取 {column_name(source[key])} 列）")
            continue
        if is_blank(raw):
            values.setdefault(key, None if key in ("arrived_on", "departed_on") else "")
            continue
        value, message = convert_cell(key, raw)
        values[key] = value
        source[key] = column
        written[key] = clean_text(raw)
        if message:
            problems.append(Problem(key, message))
    return values, problems, notes


def _filled(value: object) -> bool:
    return value not in ("", None)


class _Matcher:
    """Builds each row's result, matching against the roster and earlier rows."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        self.today = plan.today
        self.members = list_members()
        self.people = People(self.members)
        self.secretary_row: int | None = None

    def run(self, rows: list[tuple[int, list[object]]], header: list[object]) -> None:
        header_text = [clean_text(cell) for cell in header]
        for sheet_row, cells in rows:
            filled = [c for c in self.plan.columns if c < len(cells) and not is_blank(cells[c])]
            if not filled and not any(row == sheet_row for row, _ in self.plan.overrides):
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
        overrides = {key: text for (row, key), text in self.plan.overrides.items() if row == sheet_row}
        written: dict[str, str] = {}
        values, problems, notes = _row_values(self.plan.columns, cells, overrides, written)
        result = RowResult(sheet_row, values, cells=written)
        for note in notes:
            result.note = _join(result.note, note)
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
            result.problem_keys = {p.field for p in problems}
            return result
        if new.get("branch_role") == "书记":
            self.secretary_row = sheet_row
        if derived:
            result.note = _join(result.note, "、".join(LABELS[k] for k in derived) + "取自身份证号")
        if person is not None and person.row is not None:
            result.action, result.note = SKIP, f"与第 {person.row} 行重复，已跳过"
            result.member_id = person.member.id if person.member else None
            if new.get("name") and new["name"] != person.name:
                result.warnings.append(f"姓名与第 {person.row} 行的“{person.name}”不同，请核对")
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
    rows = [f"{row.sheet_row}" + (f" {row.name}" if row.name else "") for row in plan.error_rows]
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
        fresh = plan_table(plan.table, plan.today, plan.overrides)
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
                    outcome.left_out.append(row)
            except ValidationFailed as exc:  # planning validated already; roll back everything
                raise ImportRejected(f"第 {row.sheet_row} 行无法保存：{exc}，未导入任何数据。") from exc
    plan.rows = fresh.rows
    return outcome
