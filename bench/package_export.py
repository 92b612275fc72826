"""Data package (上报数据包) export and open on a large branch: printed figures, not a test.

    .venv/bin/python bench/package_export.py [--db PATH] [--runs N]

Without --db it uses the cached large database of bench/bigdb.py (a copy: the export
counts its packages in the file). Prints per run: the export (one read transaction, seal,
sign, write), open_package with the hub's key, the file's size and peak memory; the
reference is reading every exported row once with sqlite3 in the same run.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.hub.export import NOT_EXPORTED, NOT_EXPORTED_PREFIXES, export_package
from desktop.hub.keys import load_hub_private_key, new_hub_keys, write_receiving_key
from desktop.hub.package import open_package
from desktop.models import close
from desktop.safety.opening import Mode, open_database


def read_everything(path: Path) -> float:
    start = time.perf_counter()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for name in names:
            if name not in NOT_EXPORTED and not name.startswith(NOT_EXPORTED_PREFIXES):
                conn.execute(f'SELECT * FROM "{name}"').fetchall()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.db is None:
        import bigdb

        args.db = bigdb.ensure()
    folder = Path(tempfile.mkdtemp(prefix="bench-package-"))
    try:
        db_path = folder / "branch.sqlite3"
        shutil.copyfile(args.db, db_path)
        private_pem, public = new_hub_keys()
        write_receiving_key(folder / "hub.json", public)
        private = load_hub_private_key(private_pem)
        exports, opens, references = [], [], []
        for run in range(args.runs):
            references.append(read_everything(db_path))
            open_database(db_path, Mode.READ)
            start = time.perf_counter()
            result = export_package(folder / f"{run}.bdpkg", folder / "hub.json")
            exports.append(time.perf_counter() - start)
            close()
            start = time.perf_counter()
            package = open_package(folder / f"{run}.bdpkg", private)
            opens.append(time.perf_counter() - start)
        rows = sum(len(r) for r in package.tables.values())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"database {args.db.stat().st_size / 1e6:.0f} MB, {rows:,} rows exported, "
              f"package {result.bytes_written / 1e6:.1f} MB, sealed fields {result.manifest['sealed_fields']}")
        print(f"export (median of {args.runs}): {statistics.median(exports):.2f} s   "
              f"reference, reading the same rows with sqlite3: {statistics.median(references):.2f} s")
        print(f"open_package with the hub key (median of {args.runs}): {statistics.median(opens):.2f} s")
        print(f"peak memory of this process: {peak:.0f} MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
