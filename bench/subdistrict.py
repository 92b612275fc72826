"""Hub benchmark (issue 17; a script, not a test): a sub-district of 100 branches, exported as
100 data packages sealed to one hub key, imported into a hub on PostgreSQL and into a SQLite hub.

    .venv/bin/python bench/subdistrict.py [--runs 3] [--branches 100] [--no-postgres] [--cache-dir DIR]
    python3 dev.py bench --only hub [--runs 3]          the same figures in the suite's table

The branch databases come from bench/subdistrict_data.py (built once, cached in bench/.cache/).
Every run works on fresh copies and fresh hubs and measures:
- exporting the 100 packages (each: open the branch file, one snapshot, seal, sign, write);
- importing all 100 into each hub (goal < 60 s), beside the reference: the same rows the import
  wrote, written plainly into an empty hub of the same schema: COPY (PostgreSQL) / executemany in
  one transaction (SQLite); and importing all 100 again (every one 未变化);
- if desktop/hub/queries.py exists: its branches overview and cadres queries (the hub pages'
  data, goal < 200 ms) and the summary PDF of all branches (goal < 5 s); otherwise says so.
Each figure is the median of the runs with min–max. The PostgreSQL server is started by this
script from Debian's binaries as the tests start theirs (tests/hub/postgres_server.py: a
temporary initdb, fsync off) and removed at the end.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import subdistrict_data
from desktop.hub.export import export_package
from desktop.hub.hub_import import IMPORTED, UNCHANGED, import_paths
from desktop.hub.hub_init import init_hub
from desktop.hub.hub_models import HUB_MODELS, HubSetting
from desktop.hub.keys import new_hub_keys, write_receiving_key
from desktop.models import close, open_store

IMPORT_GOAL_S = 60.0
PAGE_GOAL_MS = 200.0
PDF_GOAL_S = 5.0
REFERENCE_TABLES = [m._meta.table_name for m in HUB_MODELS if m is not HubSetting]  # what an import writes


@dataclass
class Figure:
    """One line: our times per run and the reference's (same unit), a goal checked on the median."""

    label: str
    unit: str  # "s" or "ms"
    ours: list[float] = field(default_factory=list)
    reference: list[float] = field(default_factory=list)
    reference_label: str = ""
    goal: float | None = None
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.ours) if self.ours else None

    @property
    def reference_median(self) -> float | None:
        return statistics.median(self.reference) if self.reference else None

    def met(self) -> str:
        if self.goal is None or self.median is None:
            return "—"
        return "是" if self.median < self.goal else "否"

    def goal_text(self) -> str:
        return "—" if self.goal is None else f"< {self.goal:g} {self.unit}"


def _seconds(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.0f}" if value >= 10 else f"{value:.1f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def spread(values: list[float], unit: str) -> str:
    """'12.3 s (11.9–13.0)': the median and the range of the runs."""
    if not values:
        return "—"
    middle = f"{_seconds(statistics.median(values), unit)} {unit}"
    if len(values) == 1:
        return middle
    return f"{middle}（{_seconds(min(values), unit)}–{_seconds(max(values), unit)}）"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(figures: list[Figure]) -> None:
    header = ("项目", "本程序 中位数（最小–最大）", "参照 中位数（最小–最大）", "目标", "达标", "说明")
    cells = [(f.label, spread(f.ours, f.unit) if f.ours else "未测量",
              f"{f.reference_label} {spread(f.reference, f.unit)}" if f.reference else "—",
              f.goal_text(), f.met(), f.note) for f in figures]
    widths = [max(_width(line[i]) for line in [header, *cells]) for i in range(len(header))]
    for number, line in enumerate([header, *cells]):
        print("  ".join(c + " " * (w - _width(c)) for c, w in zip(line, widths)).rstrip())
        if number == 0:
            print("  ".join("-" * w for w in widths))


# -- the steps of one run ---------------------------------------------------------------------

def export_all(branch_files: list[Path], folder: Path, receiving: Path) -> float:
    """Seconds to export every branch's package into *folder* (open, snapshot, seal, sign, write)."""
    folder.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    for path in branch_files:
        open_store(path)
        try:
            export_package(folder / f"{path.stem}.bdpkg", receiving)
        finally:
            close()
    return time.perf_counter() - began


def import_all(location: str, packages: Path, keys: tuple[bytes, bytes], key_path: Path | None,
               timed: Callable[[object], None] | None = None) -> tuple[float, float, dict[str, int]]:
    """(seconds to import every package, seconds to import them all again, rows per table).
    Both passes are checked: every package 已导入, then every package 未变化."""
    hub = init_hub(location, key_path=key_path, keys=keys).hub
    try:
        began = time.perf_counter()
        first = import_paths(hub, [packages])
        imported = time.perf_counter() - began
        _expect(first, IMPORTED, "导入")
        began = time.perf_counter()
        again = import_paths(hub, [packages])
        repeated = time.perf_counter() - began
        _expect(again, UNCHANGED, "再次导入")
        if timed is not None:
            timed(hub)
        counts = {name: hub.database.execute_sql(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                  for name in REFERENCE_TABLES}
    finally:
        hub.close()
    return imported, repeated, counts


def _expect(outcomes, status: str, what: str) -> None:
    wrong = [o.line() for o in outcomes if o.status != status]
    if wrong or not outcomes:
        raise RuntimeError(f"{what}：{len(wrong)} 个数据包结果不符：" + "；".join(wrong[:3]))


def hub_rows(sqlite_hub: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row the import wrote (all hub tables but the settings), without the generated ids."""
    con = sqlite3.connect(f"file:{sqlite_hub}?mode=ro", uri=True)
    try:
        rows = {}
        for table in REFERENCE_TABLES:
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")') if r[1] != "id"]
            names = ", ".join(f'"{c}"' for c in columns)
            rows[table] = (columns, con.execute(f'SELECT {names} FROM "{table}" ORDER BY id').fetchall())
        return rows
    finally:
        con.close()


def _empty_hub(location: str, keys: tuple[bytes, bytes], key_path: Path | None) -> None:
    init_hub(location, key_path=key_path, keys=keys).hub.close()  # the hub's schema and indexes, no rows


def reference_sqlite(location: Path, rows: dict, keys: tuple[bytes, bytes]) -> float:
    """executemany of the same rows into an empty SQLite hub, one transaction, the hub's pragmas."""
    _empty_hub(str(location), keys, None)
    con = sqlite3.connect(location, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = wal")
        con.execute("PRAGMA synchronous = normal")
        began = time.perf_counter()
        con.execute("BEGIN")
        for table, (columns, values) in rows.items():
            marks = ", ".join("?" for _ in columns)
            con.executemany(f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})', values)
        con.execute("COMMIT")
        return time.perf_counter() - began
    finally:
        con.close()


def reference_postgres(url: str, rows: dict, keys: tuple[bytes, bytes], key_path: Path) -> float:
    """COPY of the same rows into an empty PostgreSQL hub, one transaction."""
    import psycopg

    _empty_hub(url, keys, key_path)
    with psycopg.connect(url) as con:
        began = time.perf_counter()
        with con.transaction(), con.cursor() as cursor:
            for table, (columns, values) in rows.items():
                with cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
                    for row in values:
                        copy.write_row(row)
        return time.perf_counter() - began


# -- hub pages and reports (desktop/hub/queries.py, when it is there) ---------------------------

PAGE_CALLS = 5  # calls of each page's query per run, on the hub just imported


def queries_module():
    try:
        from desktop.hub import queries
    except ImportError:
        return None
    return queries


def summary_builder():
    """desktop.hub.reports.build_hub_summary, or None while the hub's reports do not exist."""
    try:
        from desktop.hub.reports import build_hub_summary
    except ImportError:
        return None
    return build_hub_summary


_FONTS = []


def prepared_fonts():
    """The report fonts, prepared once (outside the timing: the app prepares them at start)."""
    if not _FONTS:
        from desktop.reports.fonts import FontSet

        fonts = FontSet()
        fonts.prepare()
        _FONTS.append(fonts)
    return _FONTS[0]


@dataclass
class HubFigures:
    """The page and report figures of one hub (SQLite or PostgreSQL)."""

    overview: Figure
    cadres: Figure
    pdf: Figure
    seen: dict = field(default_factory=dict)

    def measure(self, hub, folder: Path) -> None:
        queries = queries_module()
        if queries is None:
            return
        for _ in range(PAGE_CALLS):
            began = time.perf_counter()
            branches = queries.branches_overview(hub, subdistrict_data.START, subdistrict_data.END)
            self.overview.ours.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            people = queries.cadres(hub, subdistrict_data.START, subdistrict_data.END)
            self.cadres.ours.append((time.perf_counter() - began) * 1000)
        self.seen.update(branches=len(branches), cadres=len(people),
                         movers=sum(1 for row in people if len(row.branches) > 1))
        build = summary_builder()
        if build is not None:
            fonts = prepared_fonts()  # registered once per process, as the app's report child does
            target = folder / f"汇总-{uuid.uuid4().hex[:6]}.pdf"
            began = time.perf_counter()
            report = build(hub, target, subdistrict_data.START, subdistrict_data.END, fonts=fonts,
                           today=subdistrict_data.END)
            self.pdf.ours.append(time.perf_counter() - began)
            self.seen.update(pdf_pages=report.page_count, pdf_bytes=target.stat().st_size)


def hub_figures(kind: str, branches: int) -> HubFigures:
    return HubFigures(
        Figure(f"支部一览的数据（{kind}）", "ms", goal=PAGE_GOAL_MS,
               note=f"queries.branches_overview，{branches} 个支部，90 天；每次导入后调用 {PAGE_CALLS} 次；不含界面"),
        Figure(f"干部的数据（{kind}）", "ms", goal=PAGE_GOAL_MS,
               note=f"queries.cadres，全部干部；每次导入后调用 {PAGE_CALLS} 次；不含界面"),
        Figure(f"汇总 PDF，{branches} 个支部（{kind}）", "s", goal=PDF_GOAL_S,
               note="reports.build_hub_summary，街道临时党支部工作汇总"))


# -- the whole measurement --------------------------------------------------------------------

@dataclass
class Result:
    figures: list[Figure]
    facts: list[str]


def measure(branches: int = subdistrict_data.BRANCHES, runs: int = 3, postgres: bool = True,
            cache_dir: Path | None = None, progress: Callable[[str], None] = print) -> Result:
    source = subdistrict_data.ensure(branches, cache_dir, progress)
    server = _postgres_server(progress) if postgres else None
    scratch = Path(tempfile.mkdtemp(prefix="branch-desk-hub-bench-"))
    n = branches
    export = Figure(f"导出 {n} 个数据包", "s", note="每个：打开支部库、一次快照、加密个人信息、签名、写文件")
    sq_import = Figure(f"导入 {n} 个 → SQLite 汇总台", "s", reference_label="executemany（一个事务）",
                       goal=IMPORT_GOAL_S, note="参照：导入写入的同样的行，直接写入空汇总台")
    sq_again = Figure(f"再次导入 {n} 个 → SQLite（全部未变化）", "s")
    pg_import = Figure(f"导入 {n} 个 → PostgreSQL 汇总台", "s", reference_label="COPY（一个事务）",
                       goal=IMPORT_GOAL_S, note="参照：导入写入的同样的行，COPY 到空汇总台")
    pg_again = Figure(f"再次导入 {n} 个 → PostgreSQL（全部未变化）", "s")
    sq_hub, pg_hub = hub_figures("SQLite", n), hub_figures("PostgreSQL", n)
    facts: list[str] = []
    try:
        private_pem, public_text = new_hub_keys()
        keys = (private_pem, public_text)
        receiving = scratch / "接收密钥.json"
        write_receiving_key(receiving, public_text)
        for run in range(runs):
            folder = scratch / f"run{run + 1}"
            files = subdistrict_data.copy_branches(source, folder / "branches")
            packages = folder / "packages"
            export.ours.append(export_all(files, packages, receiving))
            shutil.rmtree(folder / "branches")  # the copies (and their new keys) are done with
            progress(f"  第 {run + 1} 次：导出 {export.ours[-1]:.1f} s")

            hub_file = folder / "汇总台.sqlite3"
            first, again, counts = import_all(str(hub_file), packages, keys, None,
                                              lambda hub: sq_hub.measure(hub, folder))
            sq_import.ours.append(first)
            sq_again.ours.append(again)
            rows = hub_rows(hub_file)
            sq_import.reference.append(reference_sqlite(folder / "参照.sqlite3", rows, keys))
            progress(f"  第 {run + 1} 次：SQLite 导入 {first:.1f} s，再次 {again:.1f} s，"
                     f"参照 {sq_import.reference[-1]:.1f} s")
            if run == 0:
                facts += _facts(packages, counts, source)
            if server is not None:
                name = f"hub_bench_{uuid.uuid4().hex[:10]}"
                reference = f"{name}_ref"
                try:
                    url = server.create_database(name)
                    first, again, pg_counts = import_all(url, packages, keys, folder / "pg.hub-key",
                                                         lambda hub: pg_hub.measure(hub, folder))
                    if pg_counts != counts:
                        raise RuntimeError(f"PostgreSQL 汇总台与 SQLite 汇总台的行数不同：{pg_counts} / {counts}")
                    pg_import.ours.append(first)
                    pg_again.ours.append(again)
                    pg_import.reference.append(reference_postgres(server.create_database(reference), rows, keys,
                                                                  folder / "pg-ref.hub-key"))
                finally:
                    server.drop_database(name)
                    server.drop_database(reference)
                progress(f"  第 {run + 1} 次：PostgreSQL 导入 {first:.1f} s，再次 {again:.1f} s，"
                         f"参照 {pg_import.reference[-1]:.1f} s")
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        close()
        if server is not None:
            server.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    if server is None:
        why = "--no-postgres" if not postgres else "本机没有 PostgreSQL 程序（initdb、pg_ctl）"
        pg_import.note = pg_again.note = f"未测量：{why}"
    for hub_kind in (sq_hub, pg_hub):
        for figure in (hub_kind.overview, hub_kind.cadres, hub_kind.pdf):
            if figure.ours:
                continue
            if queries_module() is None:
                figure.note = "未测量：desktop/hub/queries.py 还不存在"
            elif figure is hub_kind.pdf and summary_builder() is None:
                figure.note = "未测量：desktop/hub/reports（build_hub_summary）还不存在"
            else:
                figure.note = pg_import.note
    if sq_hub.seen:
        seen = sq_hub.seen
        facts.append(f"汇总台页面的数据：支部一览 {seen['branches']} 行；干部 {seen['cadres']} 人"
                     f"（其中 {seen['movers']} 人先后在两个支部，合为一行）"
                     + (f"；汇总 PDF {seen['pdf_pages']} 页" if "pdf_pages" in seen else ""))
    figures = [export, sq_import, sq_again, pg_import, pg_again]
    figures += [sq_hub.overview, pg_hub.overview, sq_hub.cadres, pg_hub.cadres, sq_hub.pdf, pg_hub.pdf]
    return Result(figures, facts)


def _facts(packages: Path, counts: dict[str, int], source: Path) -> list[str]:
    files = sorted(packages.glob("*.bdpkg"))
    size = sum(p.stat().st_size for p in files)
    units = set()
    for path in sorted(source.glob("branch-*.sqlite3")):
        con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
        units.update(r[0] for r in con.execute("SELECT DISTINCT unit FROM member"))
        con.close()
    shown = ("hub_member", "hub_meeting", "hub_attendance", "hub_duty", "hub_handover", "hub_diary", "hub_report_note")
    return [f"{len(files)} 个数据包，共 {size / 1e6:.1f} MB（身份证号和手机号加密给汇总台）；{len(units)} 个派出单位，"
            f"{subdistrict_data.DAYS} 天（{subdistrict_data.START} 至 {subdistrict_data.END}）",
            "汇总台每次导入写入：" + "，".join(f"{t} {counts[t]:,}" for t in shown)
            + f"，共 {sum(counts.values()):,} 行"]


def _postgres_server(progress: Callable[[str], None]):
    from tests.hub.postgres_server import PostgresServer, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        progress("本机没有 PostgreSQL 程序（/usr/lib/postgresql/*/bin 或 PATH 上的 initdb、pg_ctl），只测 SQLite 汇总台。")
        return None
    server = PostgresServer(bin_dir)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    progress(f"已启动临时 PostgreSQL 服务器（{bin_dir}，端口 {server.port}，fsync=off，与测试相同）")
    return server


def machine() -> str:
    return (f"机器：{os.cpu_count()} 个 CPU 核（与其他工作共用），Python {platform.python_version()}，"
            f"{platform.platform()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median, min–max); default 3")
    parser.add_argument("--branches", type=int, default=subdistrict_data.BRANCHES)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite hub only")
    parser.add_argument("--cache-dir", type=Path, help="where the branch databases are cached (default bench/.cache)")
    args = parser.parse_args(argv)
    print(machine())
    result = measure(args.branches, max(1, args.runs), not args.no_postgres, args.cache_dir,
                     lambda line: print(line, file=sys.stderr, flush=True))
    for line in result.facts:
        print(line)
    print(f"每项取 {max(1, args.runs)} 次的中位数（最小–最大）；每次都用新的支部库副本和新的汇总台。\n")
    print_table(result.figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
