"""支部报送情况: who sent which data package when, and who is late.

一、报送概况 (how many branches, packages received in the period, the late ones by name),
二、各支部报送情况 (one row per branch: packages in the period, the newest, how far its records
reach, days since, 按时/逾期), 三、本期收到的数据包 (every package made in the period).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...reports.document import ReportDocument, ReportResult
from ...reports.fonts import FontSet
from .. import queries
from ..store import Hub
from .common import (
    as_of_day,
    chinese_date,
    moment_text,
    names_list,
    period_text,
    subdistrict_name,
)

SECTION = "临时党支部报送情况"
TABLE_SIZE = 10.5
BRANCH_HEADER = ("序号", "临时党支部", "本期（份）", "最近一份", "数据截至", "距今（天）", "情况")
PACKAGE_HEADER = ("临时党支部", "序号", "制作时间", "导入时间", "所含时期")
BRANCH_SAMPLES = ("序号", None, "本期（份）", "2026-12-05 13:19", "2026-12-05", "距今（天）", "情况")
ON_TIME, LATE = "按时", "逾期"


def build_submission_report(hub: Hub, path: Path | str | None, date_from: dt.date, date_to: dt.date,
                            fonts: FontSet | None = None, today: dt.date | None = None) -> ReportResult:
    """Write 支部报送情况 of *date_from*..*date_to*; lateness counted to today (or the period's end)."""
    if date_from > date_to:
        raise ValueError("开始日期不能晚于结束日期")
    as_of = as_of_day(date_to, today)
    with hub.reading():
        rows = queries.submissions(hub, date_from, date_to, as_of=as_of)
        place = subdistrict_name(hub)
    title = f"{place or '街道'}{SECTION}"
    doc = ReportDocument(path, title=title, fonts=fonts, subject=SECTION)
    doc.title(title)
    doc.subtitle(f"（{period_text(date_from, date_to)}，统计截至{chinese_date(as_of)}）")
    doc.heading(1, "报送概况")
    if not rows:
        doc.note_empty("临时党支部的数据包")
        return doc.build()
    received = sum(len(r.sent) for r in rows)
    silent = [r.name for r in rows if not r.sent]
    late = [r.name for r in rows if r.late]
    text = f"汇总台共登记{len(rows)}个临时党支部，本期收到数据包{received}份"
    text += f"，其中{len(silent)}个支部本期未报送（{names_list(silent)}）。" if silent else "，各支部本期均有报送。"
    doc.paragraph(text)
    if late:
        doc.paragraph(f"截至{chinese_date(as_of)}，超过{queries.STALE_DAYS}天未报送数据包的支部{len(late)}个："
                      f"{names_list(late)}，请督促报送。", where="逾期未报送")
    else:
        doc.paragraph(f"截至{chinese_date(as_of)}，各支部均在{queries.STALE_DAYS}天内报送了数据包。")
    doc.heading(1, "各支部报送情况")
    body = [[i, r.name, len(r.sent), moment_text(r.last_created_at),
             r.covers_to.isoformat() if r.covers_to else "全部记录",
             "—" if r.days_since is None else r.days_since, LATE if r.late else ON_TIME]
            for i, r in enumerate(rows, start=1)]
    doc.table(BRANCH_HEADER, body, col_widths=BRANCH_SAMPLES, font_size=TABLE_SIZE,
              align=["center", "left", *["center"] * 5], where="各支部报送情况")
    doc.paragraph(f"注：“最近一份”为支部制作最近一份数据包的时间，各份的序号见下表；超过{queries.STALE_DAYS}天未报送的列为“逾期”，排在前面。",
                  indent_first_line=False)
    doc.heading(1, "本期收到的数据包")
    packages = [[r.name, s.sequence, moment_text(s.created_at), moment_text(s.imported_at), _covered(s)]
                for r in sorted(rows, key=lambda r: (r.name, r.uid)) for s in r.sent]
    if packages:
        doc.table(PACKAGE_HEADER, packages, font_size=TABLE_SIZE,
                  align=["left", "center", "center", "center", "center"], where="本期收到的数据包")
    else:
        doc.note_empty("本期收到的数据包")
    doc.closing([chinese_date(today or dt.date.today())])
    return doc.build()


def _covered(sent: queries.Sent) -> str:
    if not (sent.period_from or sent.period_to):
        return "全部记录"
    return f"{sent.period_from or '…'}至{sent.period_to or '…'}"
