"""The secretary's free text of a report (ReportNote), Qt-free: read it, write it.

The table's index is not unique, so a row is found or created here; should two rows
ever exist for one key (an older build, a race), the newest one wins and the rest go.
"""
from __future__ import annotations

import datetime as dt

from ..models import ReportNote, db
from ..models.db import now_seconds

SUMMARY, CADRE = "summary", "cadre"
KINDS = (SUMMARY, CADRE)
SUMMARY_SECTIONS = ("成效", "问题", "下一步")
CADRE_SECTIONS = ("评价",)


def _check(kind: str, section: str, member_id) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    allowed = SUMMARY_SECTIONS if kind == SUMMARY else CADRE_SECTIONS
    if section not in allowed:
        raise ValueError(f"section of {kind!r} must be one of {allowed}, not {section!r}")
    if kind == CADRE and member_id is None:
        raise ValueError("a cadre assessment needs member_id")


def _rows(kind: str, period_from: dt.date, period_to: dt.date, section: str, member_id):
    member = getattr(member_id, "id", member_id) if kind == CADRE else None
    query = ReportNote.select().where(
        (ReportNote.kind == kind) & (ReportNote.period_from == period_from)
        & (ReportNote.period_to == period_to) & (ReportNote.section == section))
    query = query.where(ReportNote.member.is_null() if member is None else ReportNote.member == member)
    return list(query.order_by(ReportNote.updated_at.desc(), ReportNote.id.desc())), member


def report_text(kind: str, period_from: dt.date, period_to: dt.date, section: str,
                member_id=None) -> str:
    """The text written for this report and period ('' when none)."""
    _check(kind, section, member_id)
    rows, _ = _rows(kind, period_from, period_to, section, member_id)
    return rows[0].text.strip() if rows else ""


def set_report_text(kind: str, period_from: dt.date, period_to: dt.date, section: str, text: str,
                    member_id=None) -> ReportNote:
    """Save *text* (one row per key, made in one transaction with the clean-up)."""
    _check(kind, section, member_id)
    if period_from > period_to:
        raise ValueError("period_from after period_to")
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    with db.atomic():
        rows, member = _rows(kind, period_from, period_to, section, member_id)
        if rows:
            row = rows[0]
            for extra in rows[1:]:
                extra.delete_instance()
            row.text, row.updated_at = text, now_seconds()
            row.save()
            return row
        return ReportNote.create(kind=kind, member=member, period_from=period_from,
                                 period_to=period_to, section=section, text=text)
