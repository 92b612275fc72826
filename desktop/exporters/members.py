"""Writing the roster to .xlsx or .csv, with Chinese headers that import back cleanly.

    export_members(path, members=None, reveal=False) -> int   # the number of members written

A title row "<支部名称>党员花名册" (Branch.current().name) above the header, as offices keep
their 花名册. Columns: 序号 (1, 2, …), every roster field by its label (姓名, 性别, 出生年月 ...)
then 状态 (在岗 / 已撤离) and 待完善 (the missing required fields). The importer reads this
file back: it skips the title, ignores 序号/状态/待完善 and says so. Partial dates print as 1968.05. ID numbers and
phones are masked unless reveal=True. In .xlsx the header is bold and frozen and
phone/ID cells are text; .csv is UTF-8 with a BOM (so Excel on Windows reads it),
and an unmasked phone or ID is written ="..." so Excel keeps it as text (our importer
reads that form back). Raises ExportError (a Chinese message) for an unknown extension
or a file that cannot be written. members defaults to the whole roster in pinyin order.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..models import Branch, Member
from ..roster.dates import format_partial
from ..roster.fields import FIELDS
from ..roster.privacy import mask_id_number, mask_phone
from ..roster.service import completeness, list_members, member_values
from .tabular import ExportError, check_table_path, write_table

__all__ = ["HEADERS", "ExportError", "export_members", "member_row", "roster_title"]

SERIAL, STATUS, MISSING = "序号", "状态", "待完善"
HEADERS = (SERIAL,) + tuple(f.label for f in FIELDS) + (STATUS, MISSING)
_FIRST_FIELD = 1  # FIELDS start after 序号
_TEXT_KINDS = ("phone", "id_number", "partial_date")  # '@' cells in .xlsx
_EXCEL_TEXT_KINDS = ("phone", "id_number")  # ="..." in .csv when unmasked


def _cell(kind: str, value: object, reveal: bool) -> object:
    if value in (None, ""):
        return ""
    if kind == "partial_date":
        return format_partial(value)
    if kind == "phone":
        return value if reveal else mask_phone(value)
    if kind == "id_number":
        return value if reveal else mask_id_number(value)
    return value


def roster_title() -> str:
    """'某某小区临时党支部党员花名册', or '党员花名册' before the branch is named."""
    # Not Branch.current(): that creates the profile row, and an export never writes.
    branch = Branch.select().order_by(Branch.id).first()
    return f"{branch.name.strip() if branch else ''}党员花名册"


def member_row(member: Member, reveal: bool = False, number: int = 1) -> list[object]:
    """One member as export cells, in HEADERS order (dates stay date objects)."""
    values = member_values(member)
    row: list[object] = [number]
    row += [_cell(spec.kind, values.get(spec.key), reveal) for spec in FIELDS]
    row.append("已撤离" if member.departed_on else "在岗")
    row.append("、".join(completeness(member)))
    return row


def export_members(path: Path | str, members: Iterable[Member] | None = None, reveal: bool = False) -> int:
    path = Path(path)
    check_table_path(path)
    members = list_members() if members is None else list(members)
    rows = [member_row(member, reveal, number) for number, member in enumerate(members, start=1)]
    kinds = [spec.kind for spec in FIELDS]
    write_table(path, HEADERS, rows, "花名册",
                text_columns=[i + _FIRST_FIELD for i, kind in enumerate(kinds) if kind in _TEXT_KINDS],
                csv_text_columns=[i + _FIRST_FIELD for i, kind in enumerate(kinds)
                                  if reveal and kind in _EXCEL_TEXT_KINDS],
                title=roster_title())
    return len(rows)
