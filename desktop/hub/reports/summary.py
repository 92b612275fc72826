"""街道临时党支部工作汇总: every branch of the hub in one report.

一、基本情况 (branches, cadres counted once across branches, home units, the period's totals,
who has not sent a package for too long), 二、工作开展情况 (charts), the 落款, then a landscape
附表 with the figures of every branch and their total.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from ...reports.charts import bar_chart
from ...reports.document import ReportDocument, ReportResult
from ...reports.fonts import BODY, FontSet
from ...reports.layout import LANDSCAPE
from .. import queries
from ..store import Hub
from .common import (
    as_of_day,
    chinese_date,
    names_list,
    period_text,
    short_branch,
    subdistrict_name,
)

SECTION = "临时党支部工作汇总"
TABLE_SIZE = 10.5
CHART_BRANCHES = 15  # more bars than this no longer read; beyond it the charts show distributions
CHART_UNITS = 15
ATTENDANCE_BINS = ((0.0, 0.6, "60%以下"), (0.6, 0.7, "60%-70%"), (0.7, 0.8, "70%-80%"),
                   (0.8, 0.9, "80%-90%"), (0.9, 1.01, "90%及以上"))
HEADER = ("序号", "临时党支部", "所在社区", "在岗人数", "会议", "出席率", "值班", "交接班", "日记", "最近报送")
# Every column but the branch's holds its sample on one line; the branch name takes the rest.
COLUMN_SAMPLES = ("序号", None, "幸福里社区", "在岗人数", "0000", "100.0%", "00000", "交接班", "00000",
                  "2026-12-05（逾期）")


def report_title(subdistrict: str) -> str:
    return f"{subdistrict or '街道'}{SECTION}"


def build_hub_summary(hub: Hub, path: Path | str | None, date_from: dt.date, date_to: dt.date,
                      fonts: FontSet | None = None, today: dt.date | None = None) -> ReportResult:
    """Write the 工作汇总 of every branch in the hub for *date_from*..*date_to* to *path*."""
    if date_from > date_to:
        raise ValueError("开始日期不能晚于结束日期")
    as_of = as_of_day(date_to, today)
    with hub.reading():  # one view: an import running beside the report is in all of it or none
        rows = queries.branches_overview(hub, date_from, date_to, today=as_of)
        people = queries.cadres(hub, date_from, date_to)
        place = subdistrict_name(hub)
    title = report_title(place)
    doc = ReportDocument(path, title=title, fonts=fonts, subject=SECTION)
    doc.title(title)
    doc.subtitle(f"（{period_text(date_from, date_to)}）")
    total = queries.total_figures(rows)
    _basics(doc, rows, people, total, as_of)
    _charts(doc, rows, people)
    doc.closing([chinese_date(today or dt.date.today())])
    doc.page_break(LANDSCAPE)
    doc.paragraph("附表", indent_first_line=False)
    doc.title("各临时党支部工作情况一览")
    doc.subtitle(f"（{period_text(date_from, date_to)}）")
    _table(doc, rows, total)
    return doc.build()


def _basics(doc: ReportDocument, rows, people, total: queries.PeriodFigures, as_of: dt.date) -> None:
    doc.heading(1, "基本情况")
    if not rows:
        doc.note_empty("临时党支部的数据包")
        return
    communities = {r.community for r in rows if r.community}
    movers = sum(1 for p in people if len(p.branches) > 1)
    units = {p.unit for p in people if p.unit}
    text = f"汇总台共收到{len(rows)}个临时党支部的数据包"
    if communities:
        text += f"，分布在{len(communities)}个社区"
    text += f"。本期在岗下沉干部{len(people)}人"
    if movers:
        text += f"（其中{movers}人先后在两个以上支部工作，按一人计）"
    if units:
        text += f"，来自{len(units)}个派出单位"
    doc.paragraph(text + "。")
    doc.paragraph(f"本期各支部共召开会议{total.meetings}次，应到{total.expected}人次、实到{total.present}人次，"
                  f"出席率{total.attendance_text}；安排值班{total.shifts}人次，填写交接班记录{total.handovers}次，"
                  f"记录包保日记{total.diaries}篇。")
    stale = [r.name for r in rows if r.stale]
    if stale:
        doc.paragraph(f"截至{chinese_date(as_of)}，有{len(stale)}个支部超过{queries.STALE_DAYS}天未报送数据包："
                      f"{names_list(stale)}，其数据可能不是最新的。", where="逾期未报送")
    else:
        doc.paragraph(f"截至{chinese_date(as_of)}，各支部均在{queries.STALE_DAYS}天内报送了数据包。")


def _charts(doc: ReportDocument, rows, people) -> None:
    doc.heading(1, "工作开展情况")
    if not rows:
        doc.note_empty("工作开展情况")
        return
    font = doc.fonts.font_name(BODY)
    if len(rows) <= CHART_BRANCHES:
        labels = [short_branch(r.name) for r in rows]
        doc.drawing(bar_chart("各支部值班（人次）", labels, [r.figures.shifts for r in rows], font, doc.width))
        doc.drawing(bar_chart("各支部包保日记（篇）", labels, [r.figures.diaries for r in rows], font, doc.width))
    else:
        doc.paragraph(f"支部较多（{len(rows)}个），以下按出席率分布作图，各支部的数字见附表。")
    bins: Counter[str] = Counter()
    for r in rows:
        rate = r.figures.attendance_rate
        if rate is not None:
            bins[next(label for low, high, label in ATTENDANCE_BINS if low <= rate < high)] += 1
    labels = [label for _, _, label in ATTENDANCE_BINS]
    doc.drawing(bar_chart("会议出席率分布（支部个数）", labels, [bins[label] for label in labels], font, doc.width))
    by_unit = Counter(p.unit or "未填写单位" for p in people)
    if by_unit:
        top = sorted(by_unit.items(), key=lambda kv: (-kv[1], kv[0]))[:CHART_UNITS]
        name = "各派出单位下沉干部（人）" if len(by_unit) <= CHART_UNITS else f"下沉干部最多的{CHART_UNITS}个派出单位（人）"
        doc.drawing(bar_chart(name, [u for u, _ in top], [n for _, n in top], font, doc.width))


def _table(doc: ReportDocument, rows, total: queries.PeriodFigures) -> None:
    body = []
    for i, r in enumerate(rows, start=1):
        sent = f"{r.last_created_at:%Y-%m-%d}" if r.last_created_at else "—"
        if r.stale:
            sent += "（逾期）"
        f = r.figures
        body.append([i, r.name, r.where, r.on_site, f.meetings, f.attendance_text, f.shifts, f.handovers,
                     f.diaries, sent])
    if rows:
        body.append(["", "合计", "", sum(r.on_site for r in rows), total.meetings, total.attendance_text,
                     total.shifts, total.handovers, total.diaries, ""])
    align = ["center", "left", "left", *["center"] * (len(HEADER) - 3)]
    doc.table(HEADER, body, col_widths=COLUMN_SAMPLES, font_size=TABLE_SIZE, align=align, where="各支部工作情况")
    if rows:
        doc.paragraph("注：会议单位为次，值班为人次，交接班为次，日记为包保日记篇数；"
                      "在岗人数为本期内在该支部在岗的人数，一人先后在两个支部的各计一次；"
                      f"“逾期”指超过{queries.STALE_DAYS}天未报送数据包。", indent_first_line=False)
