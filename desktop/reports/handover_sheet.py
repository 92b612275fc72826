"""交接班记录: each shift's handover record of a period as a printed form, signed by the
交班人 (on the shift) and the 接班人 (on the next one) on the lines under it.

The names chosen in the app are printed on the lines; a line left without a name is blank
for a hand signature.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..duty.handover import COUNT_FIELDS, COUNT_LABELS, handovers
from ..models import Member
from .document import ReportDocument, ReportResult
from .duty import WEEKDAYS, _branch_name, period_text, shift_label
from .fonts import FontSet
from .layout import PORTRAIT
from .members import chinese_date

SECTION = "交接班记录"
SIGNERS = ("交班人", "接班人")
TEXT_ROWS = (("events", "重要情况"), ("items_handed", "交接物品"), ("open_matters", "未办结事项"))


def record_rows(record) -> list[list[tuple[str, object]]]:
    """The form of one record: when and where, who served, the counts, then the notes."""
    day: dt.date = record.date
    served = "、".join(f"{p.member.name}（{p.check_in or '—'}至{p.check_out or '—'}）"
                       for p in record.people) or "（未登记）"
    rows: list[list[tuple[str, object]]] = [
        [("日期", f"{chinese_date(day)} 周{WEEKDAYS[day.weekday()]}"), ("值守点", record.post.name)],
        [("班次", shift_label(record.shift))],
        [("值班人员", served)],
    ]
    counts = [(COUNT_LABELS[key], str(getattr(record, key))) for key in COUNT_FIELDS]
    rows += [counts[i:i + 2] for i in range(0, len(counts), 2)]
    rows += [[(label, getattr(record, key) or "无")] for key, label in TEXT_ROWS]
    return rows


def signer_names(record, names: dict[int, str]) -> list[str]:
    return [names.get(i, "") for i in (record.handed_over_by_id, record.taken_over_by_id)]


def build_handover_sheet(path: Path | str | None, date_from: dt.date, date_to: dt.date,
                         fonts: FontSet | None = None) -> ReportResult:
    """Write the 交接班记录 PDF of the period (None: in memory): one signed form per shift."""
    if date_from > date_to:
        raise ValueError("date_from after date_to")
    title = f"{_branch_name()}{SECTION}"
    doc = ReportDocument(path, title=title, orientation=PORTRAIT, fonts=fonts, subject=SECTION)
    doc.title(title)
    doc.subtitle(period_text(date_from, date_to))
    records = handovers(date_from, date_to)
    ids = {i for r in records for i in (r.handed_over_by_id, r.taken_over_by_id) if i}
    names = dict(Member.select(Member.id, Member.name).where(Member.id.in_(ids)).tuples()) if ids else {}
    if not records:
        doc.note_empty(SECTION)
    for i, record in enumerate(records):
        if i:
            doc.spacer(1)
        doc.form(record_rows(record), label_sample="无健康码人数", where=f"{SECTION}·")
        doc.signature_lines(SIGNERS, signer_names(record, names))
    return doc.build()
