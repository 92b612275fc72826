"""党员花名册: the branch roster as a landscape table for the organization department."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from ..models import Branch, Member
from ..models.choices import COMMITTEE_ROLES, POLITICAL_STATUSES
from ..roster.dates import format_partial
from ..roster.privacy import mask_id_number, mask_phone
from ..roster.service import list_members
from .document import ReportDocument, ReportResult
from .fonts import FontSet
from .layout import LANDSCAPE

SECTION = "党员花名册"
DEFAULT_BRANCH_NAME = "临时党支部"
HEADER = ("序号", "姓名", "性别", "出生年月", "民族", "政治面貌", "入党时间", "派出单位及职务",
          "支部职务", "小分队", "联系电话", "身份证号", "到岗日期")
FONT_SIZE = 9.0  # 小五号: thirteen columns across the 225 mm landscape block
# What each column must hold on one line, so dates, phones and ID numbers never wrap in
# whichever font serves; 派出单位及职务 (None) takes the rest and wraps.
COLUMN_WIDTHS = ("序号", "欧阳晓燕", "性别", "0000.00", "维吾尔族", "中共党员", "0000.00", None,
                 "组织委员", "第一小分队", "0000-0000000", "00000000000000000X", "0000.00.00")
DEPARTED_MARK = "（已撤离）"
PRIVACY_NOTE = "联系电话、身份证号按个人信息保护要求部分隐去。"


def chinese_date(day: dt.date) -> str:
    """2026年11月22日: Arabic numerals, no leading zeros, as GB/T 9704 dates are written."""
    return f"{day.year}年{day.month}月{day.day}日"


def _dotted(day: dt.date | None) -> str:
    return f"{day:%Y.%m.%d}" if day else ""


def ordered_members(include_departed: bool) -> list[Member]:
    """Committee first (书记, 副书记, 委员 in that order), then everyone in pinyin order."""
    members = [m for m in list_members() if include_departed or not m.departed]
    committee = sorted((m for m in members if m.branch_role in COMMITTEE_ROLES and not m.departed),
                       key=lambda m: COMMITTEE_ROLES.index(m.branch_role))
    rest = [m for m in members if m not in committee]
    return committee + rest


def roster_row(number: int, member: Member, reveal: bool) -> list[str]:
    name = member.name + (f"\n{DEPARTED_MARK}" if member.departed else "")
    return [
        str(number),
        name,
        member.gender,
        format_partial(member.birth_date),
        member.ethnicity,
        member.political_status,
        format_partial(member.party_joined),
        f"{member.unit}{member.unit_post}",
        member.branch_role,
        member.team.name if member.team_id else "",
        member.phone if reveal else mask_phone(member.phone),
        member.id_number if reveal else mask_id_number(member.id_number),
        _dotted(member.arrived_on),
    ]


def summary_line(members: list[Member], departed_left_out: int) -> str:
    """共18人，其中中共党员12人、中共预备党员2人、共青团员1人、群众1人。"""
    counts = Counter(m.political_status or "未填写政治面貌" for m in members)
    order = [*POLITICAL_STATUSES, *sorted(set(counts) - set(POLITICAL_STATUSES))]
    parts = [f"{status}{counts[status]}人" for status in order if counts[status]]
    departed_in = sum(1 for m in members if m.departed)
    total = f"共{len(members)}人" + (f"（含已撤离{departed_in}人）" if departed_in else "")
    line = total + ("，其中" + "、".join(parts) if parts else "") + "。"
    if departed_left_out:
        line += f"另有已撤离{departed_left_out}人未列入本表。"
    return line


def build_members_report(path: Path | str | None, reveal: bool = False, include_departed: bool = False,
                        today: dt.date | None = None, fonts: FontSet | None = None) -> ReportResult:
    """Write the 党员花名册 PDF to *path* (None: in memory, see ReportResult.data).

    reveal: print phones and ID numbers in full (masked otherwise).
    include_departed: list members who have left, marked 已撤离.
    """
    today = today or dt.date.today()
    branch_name = Branch.current().name.strip() or DEFAULT_BRANCH_NAME
    title = f"{branch_name}{SECTION}"
    doc = ReportDocument(path, title=title, orientation=LANDSCAPE, fonts=fonts, subject=SECTION)
    doc.title(title)
    doc.subtitle(f"制表日期：{chinese_date(today)}")

    members = ordered_members(include_departed)
    left_out = 0 if include_departed else Member.select().where(Member.departed_on.is_null(False)).count()
    if not members:
        doc.note_empty(SECTION)
        if left_out:
            doc.paragraph(f"另有已撤离{left_out}人未列入本表。")
        return doc.build()

    rows = [roster_row(i, m, reveal) for i, m in enumerate(members, start=1)]
    align = ["center"] * len(HEADER)
    align[HEADER.index("派出单位及职务")] = "left"
    doc.table(HEADER, rows, col_widths=COLUMN_WIDTHS, font_size=FONT_SIZE, align=align)
    # One paragraph, so a long roster never ends on a page holding only the privacy note.
    privacy = "" if reveal else PRIVACY_NOTE
    doc.paragraph(summary_line(members, left_out) + privacy)
    return doc.build()
