"""How fast are the big PDFs? The 400-member 党员花名册 and a ~200-page 包保日记汇编,
each against a bare reportlab document of the same text.

    .venv/bin/python bench/reports_pdf.py [--db PATH] [--runs 5] [--diary-runs 3] [--pages 200]

Without --db it uses bench/bigdb.py's database when that is ready (/tmp/bigdb.ready),
otherwise it fills a throwaway one itself (400 members, 50,000 diary entries). The
database is copied to a temp folder first (report code may write). Fonts are prepared
once before timing, as the app's reports page does (one FontSet for every build).
The bare documents get the same TrueType font, the same text and the same page size,
and none of the app's checks (glyph fallback, line-break rules, widths, page numbers);
their text is read from the database before their clock starts.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from desktop.models import DiaryEntry, close, db
from desktop.reports.fonts import BODY, FontSet
from desktop.safety.opening import Mode, open_database

ROSTER_MEMBERS = 400
FALLBACK_ENTRIES = 50_000


# -- timing ----------------------------------------------------------------------------------

def _median_seconds(call, runs: int) -> tuple[float, float, object]:
    """(median wall seconds, median CPU seconds of this process, last result) of *runs* calls.
    CPU time is the steadier figure while other work shares the machine."""
    wall, cpu, result = [], [], None
    for _ in range(max(1, runs)):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = call()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def _prepared_fonts() -> FontSet:
    fonts = FontSet()
    fonts.prepare()
    return fonts


class _PageCounter:
    """onPage callback for the bare documents: how many pages they printed."""

    def __init__(self):
        self.pages = 0

    def __call__(self, canvas, doc):
        self.pages = max(self.pages, canvas.getPageNumber())


def _bare_build(story_of, pagesize) -> int:
    counter = _PageCounter()
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=pagesize, leftMargin=28 * mm, rightMargin=26 * mm,
                            topMargin=37 * mm, bottomMargin=35 * mm)
    if pagesize[0] > pagesize[1]:  # landscape: the GB/T 9704 block on its side
        doc.leftMargin, doc.rightMargin, doc.topMargin, doc.bottomMargin = 37 * mm, 35 * mm, 28 * mm, 26 * mm
    doc.build(story_of(), onFirstPage=counter, onLaterPages=counter)
    return counter.pages


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = dict(fontName=font, fontSize=16, leading=29, wordWrap="CJK")
    return {
        "title": ParagraphStyle("t", **{**base, "fontSize": 22, "leading": 32, "alignment": TA_CENTER}),
        "subtitle": ParagraphStyle("s", **{**base, "alignment": TA_CENTER}),
        "body": ParagraphStyle("b", firstLineIndent=32, **base),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- 党员花名册 ---------------------------------------------------------------------------------

def measure_roster(db_path: Path, runs: int = 5) -> dict:
    """The 党员花名册 of every member of *db_path* (departed ones included, marked), and a bare
    reportlab table of the same rows: {"app_s", "bare_s", "pages", "bare_pages"} (medians of
    *runs* builds; also CPU seconds and the number of members)."""
    from desktop.models import Branch
    from desktop.reports.members import (
        COLUMN_WIDTHS,
        FONT_SIZE,
        HEADER,
        PRIVACY_NOTE,
        SECTION,
        build_members_report,
        chinese_date,
        ordered_members,
        roster_row,
        summary_line,
    )
    from desktop.reports.tables import given_widths

    open_database(db_path, Mode.WRITE, checked=False)
    try:
        fonts = _prepared_fonts()
        today = dt.date.today()
        app_s, app_cpu, result = _median_seconds(
            lambda: build_members_report(None, include_departed=True, today=today, fonts=fonts), runs)

        font = fonts.font_name(BODY)
        members = ordered_members(True)
        title = f"{Branch.current().name.strip() or '临时党支部'}{SECTION}"
        rows = [list(HEADER)] + [roster_row(i, m, False) for i, m in enumerate(members, start=1)]
        closing = summary_line(members, 0) + PRIVACY_NOTE
        widths = given_widths(COLUMN_WIDTHS, 225 * mm, font, FONT_SIZE)
        styles = _styles(font)

        def story():
            table = Table(rows, colWidths=widths, repeatRows=1)
            table.setStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
                            ("GRID", (0, 0), (-1, -1), 0.5, "black")])
            return [Paragraph(_escape(title), styles["title"]),
                    Paragraph(f"制表日期：{chinese_date(today)}", styles["subtitle"]),
                    table, Paragraph(_escape(closing), styles["body"])]

        bare_s, bare_cpu, bare_pages = _median_seconds(lambda: _bare_build(story, landscape(A4)), runs)
        return {"app_s": app_s, "bare_s": bare_s, "pages": result.page_count, "bare_pages": bare_pages,
                "app_cpu_s": app_cpu, "bare_cpu_s": bare_cpu, "members": len(members)}
    finally:
        close()


# -- 包保日记汇编 --------------------------------------------------------------------------------

def _diary_texts(date_from: dt.date, date_to: dt.date) -> list[tuple[str, str]]:
    """(style, text) of everything the 汇编 prints, in order (no photos), as diaries.py lays it out."""
    from collections import defaultdict

    from desktop.diaries.service import day_text, entries, figures_of, tags_of
    from desktop.reports.diaries import SECTION, WEEKDAYS, _figure_text, summary_lines
    from desktop.reports.layout import heading_number
    from desktop.reports.minutes import period_text
    from desktop.reports.signin import branch_name

    rows = entries(None, date_from, date_to, newest_first=False)
    ids = [e.id for e in rows]
    tags, figures = tags_of(ids), figures_of(ids)
    out = [("title", f"{branch_name()}{SECTION}汇编"), ("subtitle", period_text(date_from, date_to))]
    out += [("body", line) for line in summary_lines(rows, tags, figures)]
    by_member: dict[int, list] = defaultdict(list)
    for entry in rows:
        by_member[entry.member_id].append(entry)
    people = sorted(by_member.values(), key=lambda es: (es[0].member.name_pinyin, es[0].member_id))
    for number, written in enumerate(people, start=1):
        person = written[0].member
        unit = f"（{person.unit}）" if person.unit else ""
        out.append(("body", heading_number(1, number) + person.name + unit))
        for entry in sorted(written, key=lambda e: e.date):
            out.append(("body", f"{day_text(entry.date)}（星期{WEEKDAYS[entry.date.weekday()]}）"))
            out += [("body", p.strip()) for p in entry.text.split("\n") if p.strip()]
            notes = (["工作类别：" + "、".join(tags[entry.id])] if tags.get(entry.id) else []) + \
                    ([_figure_text(figures[entry.id])] if figures.get(entry.id) else [])
            if notes:
                out.append(("body", "〔" + "；".join(notes) + "〕"))
    return out


def _diary_range(pages: int, fonts: FontSet) -> tuple[dt.date, dt.date, int]:
    """A date range ending on the newest entry whose 汇编 has at least (about) *pages* pages.

    Pages follow the printed characters closely, so one calibration build gives the
    characters per page; the range is grown day by day to that many characters and
    checked (and corrected once) with a real build."""
    from desktop.reports.diaries import build_diary_report

    days = [dt.date.fromisoformat(str(d)) for (d,) in
            db.execute_sql("SELECT DISTINCT date FROM diary_entry ORDER BY date DESC")]
    per_day = "SELECT date, sum(length(text)) + 40 * count(*) FROM diary_entry GROUP BY date"  # 40: headings
    chars = {dt.date.fromisoformat(str(d)): n for d, n in db.execute_sql(per_day)}
    if not days:
        raise SystemExit("the database has no diary entries")

    def start_for(target_chars: float) -> dt.date:
        total = 0
        for day in days:
            total += chars[day]
            if total >= target_chars:
                return day
        return days[-1]

    newest = days[0]
    start = newest
    per_page = None
    best = None
    for _ in range(3):
        built = build_diary_report(None, start, newest, fonts=fonts).page_count
        if best is None or abs(built - pages) < abs(best[1] - pages):
            best = (start, built)
        if abs(built - pages) <= pages * 0.15:
            break
        used = sum(chars[d] for d in days if start <= d <= newest)
        per_page = used / max(built, 1)
        new_start = start_for(pages * per_page)
        if new_start == start:
            break
        start = new_start
    start, built = best
    while built < pages:  # whole days: take the next older one until there are enough pages
        earlier = [d for d in days if d < start]
        if not earlier:
            break
        start = earlier[0]
        built = build_diary_report(None, start, newest, fonts=fonts).page_count
    return start, newest, built


def measure_diaries(db_path: Path, runs: int = 3, pages: int = 200) -> dict:
    """The 包保日记汇编 of a date range of about *pages* pages, and a bare reportlab document of
    the same text (Paragraphs, same font, wordWrap='CJK'): same dict as measure_roster, plus
    the range and the number of entries."""
    from desktop.reports.diaries import build_diary_report

    open_database(db_path, Mode.WRITE, checked=False)
    try:
        fonts = _prepared_fonts()
        date_from, date_to, _ = _diary_range(pages, fonts)
        app_s, app_cpu, result = _median_seconds(
            lambda: build_diary_report(None, date_from, date_to, fonts=fonts), runs)
        styles = _styles(fonts.font_name(BODY))
        texts = _diary_texts(date_from, date_to)
        story = lambda: [Paragraph(_escape(text), styles[kind]) for kind, text in texts]  # noqa: E731
        bare_s, bare_cpu, bare_pages = _median_seconds(lambda: _bare_build(story, A4), runs)
        count = DiaryEntry.select().where(DiaryEntry.date.between(date_from, date_to)).count()
        return {"app_s": app_s, "bare_s": bare_s, "pages": result.page_count, "bare_pages": bare_pages,
                "app_cpu_s": app_cpu, "bare_cpu_s": bare_cpu, "entries": count,
                "from": date_from.isoformat(), "to": date_to.isoformat()}
    finally:
        close()


# -- a database to measure ---------------------------------------------------------------------

def fill_database(path: Path, members: int = ROSTER_MEMBERS, entries: int = FALLBACK_ENTRIES,
                  seed: int = 8) -> Path:
    """A new database at *path*: the demo's branch profile, *members* members with every roster
    field filled (committee of four, a few departed), and *entries* diary entries over a year."""
    from desktop.demo.diaries import _CLOSING, _KINDS
    from desktop.demo.roster import _POSTS, _TEAMS, _UNITS, _fake_id, build_branch
    from desktop.models import DiaryEntryTag, DiaryFigure, DiaryTag, Member, Team
    from desktop.roster.pinyin import name_key

    rng = random.Random(seed)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈欧阳"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志远晓燕雅琴子豪立新海波振宇"
    today = dt.date(2022, 12, 31)
    open_database(path, Mode.WRITE, checked=False)
    try:
        with db.atomic():
            build_branch(today)
            teams = [Team.create(name=name, sort_order=i) for i, name in enumerate(_TEAMS, start=1)]
            rows = []
            for i in range(members):
                name = rng.choice(surnames[:-2]) + "".join(rng.sample(given, rng.choice((1, 2, 2))))
                male = rng.random() < 0.6
                birth = dt.date(rng.randrange(1965, 2000), rng.randrange(1, 13), rng.randrange(1, 29))
                status = rng.choices(("中共党员", "中共预备党员", "共青团员", "群众"), (80, 6, 8, 6))[0]
                unit, home = _UNITS[i % len(_UNITS)]
                rows.append({
                    "name": name, "name_pinyin": name_key(name), "gender": "男" if male else "女",
                    "birth_date": f"{birth:%Y-%m}", "ethnicity": rng.choice(("汉族",) * 9 + ("回族",)),
                    "political_status": status,
                    "party_joined": f"{birth.year + rng.randrange(20, 26):04d}-{rng.randrange(1, 13):02d}"
                    if status.startswith("中共") else "",
                    "unit": unit, "unit_post": rng.choice(_POSTS), "home_org": home,
                    "branch_role": ("书记", "副书记", "组织委员", "宣传委员")[i] if i < 4 else "党员",
                    "team": teams[i % len(teams)].id,
                    "phone": f"1{rng.choice('35789')}{rng.randrange(0, 10)}{rng.randrange(10**7, 10**8)}",
                    "id_number": _fake_id(rng, birth, male), "arrived_on": dt.date(2022, 1, 1),
                    "departed_on": today if i % 97 == 50 else None, "health_status": "健康",
                })
            for start in range(0, len(rows), 200):
                Member.insert_many(rows[start:start + 200]).execute()
            ids = [m.id for m in Member.select(Member.id)]
            tag_ids = {t.name: t.id for t in DiaryTag.select()}
            first = dt.date(2022, 1, 1)
            seen: set[tuple[int, dt.date]] = set()
            diary, tag_rows, figure_rows = [], [], []
            while len(diary) < entries:
                member, day = rng.choice(ids), first + dt.timedelta(days=rng.randrange(365))
                if (member, day) in seen:
                    continue
                seen.add((member, day))
                fill = {"b1": rng.randrange(1, 13), "b2": rng.randrange(1, 13), "team": rng.choice("一二三"),
                        "n": rng.randrange(12, 60), "v": rng.randrange(6, 25)}
                parts, tags, figs = [], [], []
                for sentences, tag, figure in rng.sample(_KINDS, rng.randrange(1, 4)):
                    parts.append(rng.choice(sentences).format(**fill))
                    tags.append(tag)
                    if figure and figure[0] not in [f[0] for f in figs]:
                        figs.append((figure[0], fill["n"] if figure[1] == "件" else fill["v"], figure[1]))
                parts.append(rng.choice(_CLOSING).format(**fill))
                text = "".join(parts[:2]) + ("\n" + "".join(parts[2:]) if len(parts) > 2 else "")
                diary.append((member, day.isoformat(), text))
                tag_rows.append([tag_ids[t] for t in dict.fromkeys(tags) if t in tag_ids])
                figure_rows.append(figs)
            for start in range(0, len(diary), 1000):
                DiaryEntry.insert_many(diary[start:start + 1000],
                                       fields=[DiaryEntry.member, DiaryEntry.date, DiaryEntry.text]).execute()
            entry_ids = {(m, d): i for i, m, d in db.execute_sql("SELECT id, member_id, date FROM diary_entry")}
            links, numbers = [], []
            for (member, day, _), tags, figs in zip(diary, tag_rows, figure_rows):
                entry = entry_ids[(member, day)]
                links += [(entry, t) for t in tags]
                numbers += [(entry, label, value, unit, pos) for pos, (label, value, unit) in enumerate(figs)]
            for start in range(0, len(links), 2000):
                DiaryEntryTag.insert_many(links[start:start + 2000],
                                          fields=[DiaryEntryTag.entry, DiaryEntryTag.tag]).execute()
            for start in range(0, len(numbers), 2000):
                DiaryFigure.insert_many(numbers[start:start + 2000],
                                        fields=[DiaryFigure.entry, DiaryFigure.label, DiaryFigure.value,
                                                DiaryFigure.unit, DiaryFigure.position]).execute()
    finally:
        close()
    return path


def _source_database(folder: Path) -> Path:
    if Path("/tmp/bigdb.ready").exists():
        import bigdb  # bench/bigdb.py, on sys.path below

        return Path(bigdb.ensure())
    path = folder / "fallback.sqlite3"
    started = time.perf_counter()
    fill_database(path)
    print(f"（bench/bigdb.py 未就绪，自建测试库：{ROSTER_MEMBERS} 人、{FALLBACK_ENTRIES} 篇日记，"
          f"用时 {time.perf_counter() - started:.1f} 秒）")
    return path


def copy_database(source: Path, folder: Path) -> Path:
    """A consistent copy (the online backup API, so an open WAL is included)."""
    target = folder / "bench.sqlite3"
    with sqlite3.connect(str(source)) as src, sqlite3.connect(str(target)) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to measure (copied first)")
    parser.add_argument("--runs", type=int, default=5, help="builds of the roster")
    parser.add_argument("--diary-runs", type=int, default=3, help="builds of the diary compilation")
    parser.add_argument("--pages", type=int, default=200, help="pages of the diary compilation")
    args = parser.parse_args()
    sys.path.insert(0, str(BENCH_DIR))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = args.db if args.db else _source_database(folder)
        path = copy_database(source, folder)
        roster = measure_roster(path, args.runs)
        diaries = measure_diaries(path, args.diary_runs, args.pages)
    print(f"{'文档':<16}{'页数':>5}{'本程序':>9}{'(CPU)':>8}{'裸 reportlab':>14}{'(CPU)':>8}{'裸页数':>7}{'倍数':>7}")
    for label, r in ((f"花名册 {roster['members']} 人", roster),
                     (f"日记汇编 {diaries['entries']} 篇", diaries)):
        print(f"{label:<16}{r['pages']:>5}{r['app_s']:>8.2f}s{r['app_cpu_s']:>7.2f}s{r['bare_s']:>13.2f}s"
              f"{r['bare_cpu_s']:>7.2f}s{r['bare_pages']:>7}{r['app_s'] / r['bare_s']:>6.1f}×")
    print(f"日记汇编范围：{diaries['from']} 至 {diaries['to']}；各为 {args.runs}/{args.diary_runs} 次的中位数"
          "（墙钟时间；CPU 为本进程 CPU 时间，机器忙时更稳定）")


if __name__ == "__main__":
    main()
