"""bench/subdistrict.py, run tiny (3 branches, SQLite hub only) end to end, so the script cannot
rot; and its sub-district keeps the issue's shape (cadres per branch, movers, units)."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import subdistrict
import subdistrict_data
from desktop.models import LATEST


def test_three_branches_exported_imported_and_imported_again(tmp_path, capsys):
    assert subdistrict.main(["--branches", "3", "--runs", "1", "--no-postgres", "--cache-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    lines = {line.split("  ")[0].strip(): line for line in out.splitlines() if "  " in line}
    for label in ("导出 3 个数据包", "导入 3 个 → SQLite 汇总台", "再次导入 3 个 → SQLite（全部未变化）"):
        assert label in lines and " s" in lines[label] and "未测量" not in lines[label], out
    assert "executemany" in lines["导入 3 个 → SQLite 汇总台"]
    assert "未测量：--no-postgres" in lines["导入 3 个 → PostgreSQL 汇总台"]
    assert "3 个数据包" in out and "hub_duty" in out
    for label in ("支部一览的数据（SQLite）", "干部的数据（SQLite）"):  # desktop/hub/queries.py is there
        assert " ms" in lines[label] and "未测量" not in lines[label], out
    assert " s" in lines["汇总 PDF，3 个支部（SQLite）"] and "未测量" not in lines["汇总 PDF，3 个支部（SQLite）"]
    assert "支部一览 3 行" in out and "汇总 PDF" in out


def test_measure_checks_every_package_and_counts_the_rows(tmp_path):
    result = subdistrict.measure(branches=2, runs=2, postgres=False, cache_dir=tmp_path, progress=lambda line: None)
    figures = {f.label: f for f in result.figures}
    imported = figures["导入 2 个 → SQLite 汇总台"]
    assert len(imported.ours) == 2 and len(imported.reference) == 2
    assert all(value > 0 for value in imported.ours + imported.reference)
    assert len(figures["再次导入 2 个 → SQLite（全部未变化）"].ours) == 2
    assert figures["导入 2 个 → PostgreSQL 汇总台"].ours == []
    cached = tmp_path / subdistrict_data.cache_name(2)
    total_duty = sum(sqlite3.connect(p).execute("SELECT count(*) FROM duty_assignment").fetchone()[0]
                     for p in cached.glob("branch-*.sqlite3"))
    assert f"hub_duty {total_duty:,}" in result.facts[1]


def test_the_subdistrict_has_the_issues_shape(tmp_path):
    plans = subdistrict_data.plan(30)
    assert all(subdistrict_data.MIN_CADRES <= len(p.cadres) <= subdistrict_data.MAX_CADRES + 1 for p in plans)
    assert len({p.uid for p in plans}) == 30 and len({p.name for p in plans}) == 30
    units = {c.unit for p in plans for c in p.cadres}
    assert set(subdistrict_data.HOME_UNITS[:30]) <= units
    movers = [(p.number, c) for p in plans for c in p.cadres if c.departed_on]
    assert movers and all(any(c.id_number == m.id_number and c.name == m.name and c.arrived_on == m.departed_on
                              for c in plans[n + 1].cadres) for n, m in movers)
    assert subdistrict_data.plan(30)[7].cadres == plans[7].cadres  # deterministic

    path = subdistrict_data.build(tmp_path / "b", branches=1, progress=lambda line: None)[0]
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        days = con.execute("SELECT count(DISTINCT date) FROM duty_assignment").fetchone()[0]
        assert days == subdistrict_data.DAYS
        assert con.execute("SELECT count(DISTINCT date) FROM meeting").fetchone()[0] == subdistrict_data.DAYS
        # every shift has a handover record naming who handed over; all but each post's last a taker
        posts = con.execute("SELECT count(*) FROM post").fetchone()[0]
        assert con.execute("SELECT count(*) FROM handover WHERE handed_over_by_id IS NULL").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM handover WHERE taken_over_by_id IS NULL").fetchone()[0] == posts
        assert con.execute("SELECT count(*) FROM diary_entry").fetchone()[0] > 0
    finally:
        con.close()
