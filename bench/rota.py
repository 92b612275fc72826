"""Rota benchmark (a script, not a test): builds cases in a temp database, runs
generate_rota and prints one row per case.

    .venv/bin/python bench/rota.py [--large-limit 120] [--small-only]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.models import Member, Post, ShiftDefinition, ShiftPattern, close, db, open_store  # noqa: E402
from desktop.rotation.generate import generate_rota  # noqa: E402
from desktop.rotation.problem import load_problem  # noqa: E402

START = dt.date(2024, 4, 1)
SHIFTS = (("早班", "08:00", "16:00"), ("中班", "16:00", "24:00"), ("夜班", "00:00", "08:00"))


def build(people: int, posts: int, party_every: int) -> None:
    with db.atomic():
        pattern = ShiftPattern.create(name="三班倒")
        for i, (name, a, b) in enumerate(SHIFTS):
            ShiftDefinition.create(pattern=pattern, name=name, start_time=a, end_time=b, position=i)
        for j in range(posts):
            Post.create(name=f"卡口{j + 1:03d}", pattern=pattern, position=j,
                        party_member_required=bool(party_every) and j % 3 == 0)
        for i in range(people):
            full = bool(party_every) and i % party_every == 0
            Member.create(name=f"队员{i + 1:03d}", political_status="中共党员" if full else "群众")


def run(name: str, people: int, posts: int, days: int, limit: float, party_every: int = 0) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        open_store(Path(tmp) / "bench.sqlite3")
        try:
            build(people, posts, party_every)
            end = START + dt.timedelta(days=days - 1)
            slots = len(load_problem(START, end, keep_from=START).slots)
            t0 = time.monotonic()
            result = generate_rota(START, end, time_limit_s=limit, today=START)
            seconds = time.monotonic() - t0
        finally:
            close()
    shifts = Counter(m for _, m in result.assignments)
    per = result.fairness.get("per_person", {})
    nights = [v["nights"] for v in per.values()] or [0]
    counts = [shifts.get(m, 0) for m in per] or [0]
    return dict(case=name, people=people, posts=posts, days=days, slots=slots, seconds=round(seconds, 1),
                complete=result.complete, shift_spread=max(counts) - min(counts),
                night_spread=max(nights) - min(nights), status=result.status)


def run_small(limit: float = 30.0) -> dict:
    return run("15人/3岗/14天", 15, 3, 14, limit)


def run_large(limit: float = 120.0) -> dict:
    return run("400人/100岗/30天", 400, 100, 30, limit, party_every=2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small-limit", type=float, default=30.0)
    parser.add_argument("--large-limit", type=float, default=120.0)
    parser.add_argument("--small-only", action="store_true")
    args = parser.parse_args()
    rows = [run_small(args.small_limit)]
    if not args.small_only:
        rows.append(run_large(args.large_limit))
    cols = ("case", "people", "posts", "days", "slots", "seconds", "complete", "shift_spread",
            "night_spread", "status")
    print(" | ".join(cols))
    for row in rows:
        print(" | ".join(str(row[c]) for c in cols))


if __name__ == "__main__":
    main()
