"""Every figure of issue 8 on the large database, in one table.

    python3 dev.py bench [--runs 5] [--quick] [--only start,pages,search,rota,pdf,memory,safety,hub]

Builds bench/bigdb.py's database once (cached in bench/.cache/), then measures each item
beside its reference in the same run and prints the medians. Anything that opens the
database through the app works on a fresh copy in a temp folder (the app locks, backs up
and may write); the cached file is never opened for writing.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import bigdb

SHOWN_MARKER = "BRANCH_DESK_SHOWN"  # desktop.app.SHOWN_MARKER; not imported to keep Qt out of here
READY_MARKER = "BRANCH_DESK_READY"  # desktop.app.READY_MARKER: the first page painted with its data
START_GOAL = 1.5  # cold start within 1.5x the bare window
PAGE_GOAL_MS = 200.0
SEARCH_GOAL_MS = 50.0
ROSTER_PDF_GOAL_S = 1.0
PYCACHE = bigdb.CACHE_DIR / "pycache"  # see Scratch.fresh
PAGE_TITLES = {"overview": "概览", "roster": "花名册", "meetings": "会议记录", "duty": "值班排班",
               "diaries": "包保日记", "reports": "报表", "settings": "设置"}


@dataclass
class Row:
    """One line of the table. ours/reference in *unit*; goal is met when check(ours, reference)."""

    label: str
    ours: float | None
    reference: float | None = None
    unit: str = "ms"
    goal: str = "—"
    check: Callable[[float, float | None], bool] | None = None
    note: str = ""
    paired_ratio: float | None = None  # median of run-by-run ratios, where runs were paired

    def ratio(self) -> str:
        if self.paired_ratio is not None:
            return f"{self.paired_ratio:.2f}×"
        if self.ours is None or not self.reference:
            return "—"
        return f"{self.ours / self.reference:.2f}×"

    def met(self) -> str:
        if self.check is None or self.ours is None:
            return "—"
        return "是" if self.check(self.ours, self.reference) else "否"


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"
    return f"{value:.0f} {unit}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - _width(text))
    return space + text if right else text + space


def print_table(rows: list[Row]) -> None:
    header = ("项目", "本程序 (中位数)", "参照 (中位数)", "比值", "目标", "达标", "说明")
    cells = [[r.label, _fmt(r.ours, r.unit), _fmt(r.reference, r.unit), r.ratio(), r.goal, r.met(), r.note]
             for r in rows]
    widths = [max(_width(line[i]) for line in [header, *cells]) for i in range(len(header))]
    right = (False, True, True, True, False, False, False)
    for line in [header, None, *cells]:
        if line is None:
            print("  ".join("-" * w for w in widths[:-1]) + "  ----")
            continue
        print("  ".join(_pad(c, w, r) for c, w, r in zip(line, widths, right)).rstrip())


def median(values: list[float]) -> float:
    return statistics.median(values)


# -- helpers for measurements in other processes -----------------------------------------------

class Scratch:
    """Temp folders, each with a fresh copy of the database and an empty config folder."""

    def __init__(self, source: Path):
        self.source = source
        self.root = Path(tempfile.mkdtemp(prefix="branch-desk-bench-"))
        self.count = 0

    def fresh(self, first_page: str | None = None) -> tuple[Path, dict]:
        """(copy of the database, environment); *first_page* is the page the app remembers."""
        self.count += 1
        folder = self.root / f"run{self.count}"
        (folder / "config").mkdir(parents=True)
        if first_page:  # QSettings' file on Linux/macOS (Windows keeps it in the registry)
            conf = folder / "config" / "BranchDesk" / "支部工作台.conf"
            conf.parent.mkdir()
            conf.write_text(f"[main_window]\npage={first_page}\n", encoding="utf-8")
        db_path = bigdb.copy_to(folder, self.source)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(folder / "config"))
        env.pop("BRANCH_DESK_DB", None)
        # As installed programs run: from compiled bytecode (pip writes it at install time), for
        # the app and the reference alike. This shell may forbid writing it into the tree
        # (PYTHONDONTWRITEBYTECODE); a cache folder of the bench's own is filled by each
        # measurement's uncounted first run instead.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
        return db_path, env

    def drop(self, db_path: Path) -> None:
        shutil.rmtree(db_path.parent, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def time_to_markers(command: list[str], env: dict, markers: tuple[str, ...] = (SHOWN_MARKER,),
                    timeout: float = 120.0) -> list[float]:
    """Seconds from spawning *command* to each marker line on its stdout, in order."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env, cwd=ROOT,
                                   text=True, encoding="utf-8", errors="replace")
        seconds: list[float] = []
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip() == markers[len(seconds)]:
                seconds.append(time.perf_counter() - started)
                if len(seconds) == len(markers):
                    break
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
        if len(seconds) < len(markers):
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"no {markers[len(seconds)]} from {' '.join(command)} "
                               f"(exit {process.returncode}):\n{tail}")
    return seconds


def time_to_marker(command: list[str], env: dict, timeout: float = 120.0) -> float:
    """Seconds from spawning *command* to SHOWN_MARKER on its stdout."""
    return time_to_markers(command, env, (SHOWN_MARKER,), timeout)[0]


# -- the measurements ---------------------------------------------------------------------------

@dataclass
class ColdStarts:
    """Per counted run: the app's spawn-to-shown and spawn-to-ready, and the bare window's."""

    shown: list[float]
    ready: list[float]
    bare: list[float]

    def paired(self, ours: list[float]) -> float:
        return median([a / b for a, b in zip(ours, self.bare)])


def _cold_starts(ctx: Context, first_page: str | None) -> ColdStarts:
    """Spawn to the window painted and to the first page painted with its data (one app
    process gives both), beside spawn to a bare window painted; alternating, after one
    uncounted warm-up pair. Pairing keeps the ratio steady while other work loads the machine."""
    app_cmd = [sys.executable, "-m", "desktop", "--db"]
    bare_cmd = [sys.executable, str(BENCH / "bare_window.py")]
    runs = ColdStarts([], [], [])
    for attempt in range(ctx.runs + 1):
        db_path, env = ctx.scratch.fresh(first_page)
        env["BRANCH_DESK_BENCH_SHOWN"] = "1"
        try:
            shown_s, ready_s = time_to_markers([*app_cmd, str(db_path)], env, (SHOWN_MARKER, READY_MARKER))
            bare_s = time_to_marker(bare_cmd, env)
        finally:
            ctx.scratch.drop(db_path)
        if attempt:
            runs.shown.append(shown_s)
            runs.ready.append(ready_s)
            runs.bare.append(bare_s)
    return runs


def measure_start(ctx: Context) -> list[Row]:
    """Spawn to the painted window (the goal row) and to the first page filled with data,
    both beside the same bare PySide6 window: the app on a fresh copy of the large database."""
    rows = []
    reference = "参照：空白 PySide6 窗口首次绘制；比值：逐次配对"
    for first_page, page in ((None, "花名册（默认首页）"), ("overview", "概览（记住的首页）")):
        runs = _cold_starts(ctx, first_page)
        bare = median(runs.bare)
        if first_page is None:
            shown = runs.paired(runs.shown)
            rows.append(Row("冷启动（窗口显示）", median(runs.shown), bare, "s", f"≤{START_GOAL}×参照",
                            lambda o, r, q=shown: q <= START_GOAL,
                            f"主窗口及占位页已绘制（“正在打开数据库……”）；{reference}", paired_ratio=shown))
        label = "冷启动（首页内容就绪）" if first_page is None else "冷启动（首页为概览）"
        rows.append(Row(label, median(runs.ready), bare, "s",
                        note=f"首页{page}已建好、填好数据并绘制；{reference}", paired_ratio=runs.paired(runs.ready)))
    return rows


def _probe(ctx: Context, start: str, pages: list[str]) -> dict:
    db_path, env = ctx.scratch.fresh()
    try:
        result = subprocess.run([sys.executable, str(BENCH / "window_probe.py"), "--db", str(db_path),
                                 "--start", start, "--pages", ",".join(pages)],
                                env=env, cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                                errors="replace", timeout=600)
    finally:
        ctx.scratch.drop(db_path)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"window_probe failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return json.loads(lines[-1])


def _page_runs(ctx: Context) -> list[dict]:
    """Per run: every page's first open in a fresh process (shared by pages and memory)."""
    if ctx.page_runs is None:
        keys = list(PAGE_TITLES)
        ctx.page_runs = []
        for _ in range(ctx.runs):
            # The window is born showing one page; settings is measured by a second process.
            run = _probe(ctx, "settings", [k for k in keys if k != "settings"])
            other = _probe(ctx, "overview", ["settings"])
            run["pages"].update(other["pages"])
            ctx.page_runs.append(run)
    return ctx.page_runs


def measure_pages(ctx: Context) -> list[Row]:
    runs = _page_runs(ctx)
    rows = []
    for key, title in PAGE_TITLES.items():
        figures = [r["pages"][key] for r in runs]
        opened = median([f["open_ms"] for f in figures])
        bare_open = [f["bare_open_ms"] for f in figures if "bare_open_ms" in f]
        views = figures[0]["views"]
        size = max(views, key=lambda v: v["rows"] * v["cols"]) if views else None
        shape = f"{size['rows']} 行 × {size['cols']} 列" if size else "无表格"
        rows.append(Row(f"打开页面：{title}", opened, median(bare_open) if bare_open else None, "ms",
                        f"<{PAGE_GOAL_MS:.0f} ms", lambda o, r: o < PAGE_GOAL_MS,
                        f"首次打开；参照：同尺寸 QTableView（{shape}）"))
        if views:
            scrolled = median([sum(v["scroll_ms"] for v in f["views"]) for f in figures])
            bare_scroll = [f["bare_scroll_ms"] for f in figures if "bare_scroll_ms" in f]
            rows.append(Row(f"  滚动到底：{title}", scrolled, median(bare_scroll) if bare_scroll else None,
                            "ms", note=f"{len(views)} 个表格/列表，取完全部行"))
    return rows


def measure_memory(ctx: Context) -> list[Row]:
    if sys.platform == "win32":
        return [Row("内存峰值（打开大库、看过每页）", None, None, "MB", note="n/a（Windows 无 resource 模块）")]
    peaks = [r["peak_rss_mb"] for r in _page_runs(ctx)]
    bare = []
    for _ in range(ctx.runs):
        db_path, env = ctx.scratch.fresh()
        ctx.scratch.drop(db_path)  # only the environment is wanted
        output = subprocess.run([sys.executable, str(BENCH / "bare_window.py"), "--rss"], env=env,
                                capture_output=True, text=True, timeout=120).stdout
        bare.append(float(output.split("RSS_MB")[-1].strip()))
    return [Row("内存峰值（打开大库、看过每页）", median(peaks), median(bare), "MB",
                note="峰值常驻内存（VmHWM）；参照：空白窗口")]


def measure_search(ctx: Context) -> list[Row]:
    import diary_search
    from desktop.models import close
    from desktop.safety.opening import Mode, open_database

    name = bigdb.resident_names()[0]
    queries = (("2 字（人名）", name, True), ("2 字（词）", "送药", True), ("2 字（无结果）", "鲸鱼", True),
               ("4 字（短语）", "核酸采样", False), ("4 字（无结果）", "火星基地", False))
    db_path, _ = ctx.scratch.fresh()
    rows = []
    try:
        open_database(db_path, Mode.WRITE, checked=False)
        for label, query, short in queries:
            timing = diary_search.time_query(query, max(ctx.runs, 10))
            rows.append(Row(f"日记搜索 {label}“{query}”", timing["ours_ms"], timing["like_ms"], "ms",
                            f"<{SEARCH_GOAL_MS:.0f} ms" if short else "—",
                            (lambda o, r: o < SEARCH_GOAL_MS) if short else None,
                            f"命中 {timing['hits']} 篇，取最新 200；参照：LIKE 扫描"))
        for query in (name, "送药"):
            paging = diary_search.time_next_page(query, max(ctx.runs, 10))
            for number in (2, 10):
                ours = paging[f"page{number}_ms"]
                rows.append(Row(f"日记搜索 向下滚动第 {number} 页“{query}”", ours, paging["page1_ms"], "ms",
                                f"<{SEARCH_GOAL_MS:.0f} ms", lambda o, r: o < SEARCH_GOAL_MS,
                                "每页 200 篇，从上一页末尾接着找；参照：第 1 页" if ours is not None
                                else f"只有 {paging['hits']} 篇，没有这一页"))
    finally:
        close()
        ctx.scratch.drop(db_path)
    return rows


def measure_rota(ctx: Context) -> list[Row]:
    import rota

    small = [rota.run_small() for _ in range(ctx.runs)]
    last = small[-1]
    rows = [Row("排班 15 人/3 岗/14 天", median([r["seconds"] for r in small]), None, "s", "<1 s",
                lambda o, r: o < 1.0,
                note=f"{ctx.runs} 次；完整={last['complete']}，班次差 {last['shift_spread']}，"
                     f"夜班差 {last['night_spread']}（{last['proof']}）")]
    if ctx.quick:
        rows.append(Row("排班 400 人/100 岗/30 天", None, None, "s", note="--quick：跳过"))
    else:
        big = rota.run_large()
        rows.append(Row("排班 400 人/100 岗/30 天", big["seconds"], None, "s", "<10 s，差 1/1",
                        lambda o, r, b=big: b["complete"] and o < 10 and b["shift_spread"] <= 1
                        and b["night_spread"] <= 1,
                        f"1 次（用时上限 120 s）；完整={big['complete']}，班次差 {big['shift_spread']}，"
                        f"夜班差 {big['night_spread']}（{big['proof']}）"))
    return rows


def measure_pdf(ctx: Context) -> list[Row]:
    try:
        import reports_pdf
    except ImportError:
        return [Row("PDF：400 人花名册", None, note="bench/reports_pdf.py 缺失"),
                Row("PDF：200 页日记汇编", None, note="bench/reports_pdf.py 缺失")]
    rows = []
    db_path, _ = ctx.scratch.fresh()
    try:
        roster = reports_pdf.measure_roster(db_path, ctx.runs)
        rows.append(Row("PDF：党员花名册", roster["app_s"], roster["bare_s"], "s",
                        f"<{ROSTER_PDF_GOAL_S:.0f} s", lambda o, r: o < ROSTER_PDF_GOAL_S,
                        f"{roster.get('members', '?')} 人，{roster['pages']} 页；参照：同文字裸 reportlab"))
        diaries = reports_pdf.measure_diaries(db_path, max(1, min(ctx.runs, 3)), pages=200)
        rows.append(Row("PDF：包保日记汇编", diaries["app_s"], diaries["bare_s"], "s",
                        note=f"{diaries['pages']} 页，{diaries.get('entries', '?')} 篇，"
                             f"{max(1, min(ctx.runs, 3))} 次；参照：同文字裸 reportlab"))
    finally:
        ctx.scratch.drop(db_path)
    return rows


def measure_safety(ctx: Context) -> list[Row]:
    """The checks every start runs on the file: quick_check and the start-up backup."""
    from desktop.models import close
    from desktop.safety.autobackup import AutoBackup
    from desktop.safety.integrity import OK, check_database
    from desktop.safety.opening import Mode, open_database

    check, read, backup, copy = [], [], [], []
    for _ in range(ctx.runs):
        db_path, _ = ctx.scratch.fresh()
        try:
            began = time.perf_counter()
            status = check_database(db_path).status
            check.append(time.perf_counter() - began)
            if status != OK:
                raise RuntimeError(f"quick_check of the bench database: {status}")
            began = time.perf_counter()
            with open(db_path, "rb") as file:
                while file.read(1 << 20):
                    pass
            read.append(time.perf_counter() - began)
            database = open_database(db_path, Mode.WRITE, checked=False).database
            try:
                began = time.perf_counter()
                AutoBackup(database, db_path).run("startup")
                backup.append(time.perf_counter() - began)
            finally:
                close()
            began = time.perf_counter()
            shutil.copyfile(db_path, db_path.with_name("plain-copy.sqlite3"))
            copy.append(time.perf_counter() - began)
        finally:
            ctx.scratch.drop(db_path)
    size = f"{ctx.db_path.stat().st_size / 1e6:.0f} MB"
    return [Row("启动检查 quick_check", median(check) * 1000, median(read) * 1000, "ms",
                note=f"{size}，后台线程，首屏之后；参照：顺序读一遍文件"),
            Row("启动备份（校验后保存）", median(backup) * 1000, median(copy) * 1000, "ms",
                note=f"{size}，后台线程；参照：复制文件")]


def measure_hub(ctx: Context) -> list[Row]:
    """The sub-district of issue 17 (bench/subdistrict.py): 100 packages into a SQLite and a
    PostgreSQL hub. Only with --only hub: it builds its own 100 branches and takes minutes."""
    import subdistrict

    result = subdistrict.measure(runs=ctx.runs, progress=lambda line: print(line, file=sys.stderr, flush=True))
    for line in result.facts:
        print(line)
    rows = []
    for f in result.figures:
        ranges = f"{ctx.runs} 次，{subdistrict.spread(f.ours, f.unit)}" if f.ours else ""
        if f.reference:
            ranges += f"；参照 {f.reference_label} {subdistrict.spread(f.reference, f.unit)}"
        note = "；".join(part for part in (ranges, f.note) if part)
        check = None if f.goal is None else (lambda o, r, limit=f.goal: o < limit)
        rows.append(Row(f.label, f.median, f.reference_median, f.unit, f.goal_text(), check, note))
    return rows


MEASURES: dict[str, Callable[[Context], list[Row]]] = {
    "start": measure_start,
    "pages": measure_pages,
    "search": measure_search,
    "rota": measure_rota,
    "pdf": measure_pdf,
    "memory": measure_memory,
    "safety": measure_safety,
    "hub": measure_hub,
}
OPT_IN = ("hub",)  # not in the default run: asked for by name (--only hub)


@dataclass
class Context:
    db_path: Path
    runs: int
    quick: bool
    scratch: Scratch
    page_runs: list[dict] | None = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median); default 5")
    parser.add_argument("--quick", action="store_true", help="skip the 400/100/30 rota")
    parser.add_argument("--only", default="", help="comma-separated: " + ",".join(MEASURES)
                        + f" (default: all but {','.join(OPT_IN)})")
    args = parser.parse_args(argv)
    wanted = [n.strip() for n in args.only.split(",") if n.strip()] or [n for n in MEASURES if n not in OPT_IN]
    unknown = [n for n in wanted if n not in MEASURES]
    if unknown:
        parser.error(f"unknown --only {unknown}; choose from {','.join(MEASURES)}")

    db_path = bigdb.ensure()
    print(f"机器：{os.cpu_count()} 个 CPU 核，Python {platform.python_version()}，{platform.platform()}")
    counts = bigdb.counts(db_path)
    shown = ("member", "team", "post", "duty_assignment", "handover", "handover_person", "meeting",
             "meeting_attendance", "diary_entry")
    print(f"数据库：{db_path.name}，{db_path.stat().st_size / 1e6:.0f} MB；"
          + "，".join(f"{t} {counts[t]:,}" for t in shown))
    print(f"每项取 {args.runs} 次的中位数，与参照在同一次运行中交替测量。\n", flush=True)

    ctx = Context(db_path, max(1, args.runs), args.quick, Scratch(db_path))
    rows: list[Row] = []
    try:
        for name in wanted:
            began = time.perf_counter()
            print(f"… {name}", file=sys.stderr, flush=True)
            rows += MEASURES[name](ctx)
            print(f"  {name}: {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    finally:
        ctx.scratch.close()
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
