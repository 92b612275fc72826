"""Rota benchmark (a script, not a test): the cases of issue 13, each planned by the rota
engine (engine.RotaEngine, what plan_rota uses) and by the earlier solver
(solver.RotaSolver) in the same run, on the same database. Prints one row per case and
engine: seconds (median of the runs, min–max), spreads reached (shifts / nights / weekends,
over people available at least half the period) and what the result says was proven.

    .venv/bin/python bench/rota.py [--runs 3] [--legacy-runs 1] [--large-limit 120] [--no-large]
                                   [--no-legacy]

The regeneration case builds a 14-day rota, puts one person on leave for 3 days and
regenerates the 14 days: it reports the slots changed and whether they are exactly that
person's shifts on those days.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.duty.generate import apply_result, plan_rota
from desktop.duty.problem import load_problem
from desktop.duty.solver import RotaSolver
from desktop.models import (
    DutyAssignment,
    Member,
    Post,
    ShiftDefinition,
    ShiftPattern,
    Unavailability,
    close,
    db,
)
from desktop.safety.opening import Mode, open_database

START = dt.date(2024, 4, 1)  # a Monday
SHIFTS = (("早班", "08:00", "16:00"), ("中班", "16:00", "24:00"), ("夜班", "00:00", "08:00"))


def build(people: int, posts: int, party_posts: set[int], party_people: set[int],
          leave: dict[int, tuple[int, int]]) -> list[Member]:
    with db.atomic():
        pattern = ShiftPattern.create(name="三班倒")
        for i, (name, a, b) in enumerate(SHIFTS):
            ShiftDefinition.create(pattern=pattern, name=name, start_time=a, end_time=b, position=i)
        for j in range(posts):
            Post.create(name=f"卡口{j + 1:03d}", pattern=pattern, position=j, party_member_required=j in party_posts)
        members = [Member.create(name=f"队员{i + 1:03d}", name_pinyin=f"d{i:04d}",
                                 political_status="中共党员" if i in party_people else "群众")
                   for i in range(people)]
        for i, (first, days) in leave.items():
            Unavailability.create(member=members[i], start_date=START + dt.timedelta(days=first),
                                  end_date=START + dt.timedelta(days=first + days - 1), reason="请假")
    return members


def _spreads(result) -> tuple[int, int, int]:
    f = result.fairness or {}
    return tuple(f.get(f"{k}_max", 0) - f.get(f"{k}_min", 0) for k in ("shifts", "nights", "weekends"))


def _proof(result, legacy: bool) -> str:
    if legacy:
        return f"{result.status}（旧引擎自述）"
    fair = next((line for line in result.proof if line.startswith("公平")), "")
    return fair if result.complete else f"{result.status}；{fair}"


def plan_once(days: int, legacy: bool, limit: float):
    end = START + dt.timedelta(days=days - 1)
    t0 = time.monotonic()
    if legacy:
        problem = load_problem(START, end, keep_from=START)
        result = RotaSolver(problem, time_limit_s=limit, workers=2).solve()
    else:
        result = plan_rota(START, end, today=START, time_limit_s=limit)
    return time.monotonic() - t0, result


def run_case(name: str, people: int, posts: int, days: int, runs: int, legacy: bool, limit: float,
             party_posts=(), party_people=(), leave=None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        open_database(Path(tmp) / "bench.sqlite3", Mode.WRITE, checked=False)
        try:
            build(people, posts, set(party_posts), set(party_people), leave or {})
            timed = [plan_once(days, legacy, limit) for _ in range(runs)]
        finally:
            close()
    seconds = [t for t, _ in timed]
    result = timed[-1][1]
    return dict(case=name, engine="旧" if legacy else "新", runs=runs, seconds=statistics.median(seconds),
                low=min(seconds), high=max(seconds), complete=result.complete,
                unfilled=len(result.unfilled), spreads=_spreads(result), proof=_proof(result, legacy),
                status=result.status)


def run_regeneration(runs: int, limit: float) -> dict:
    """14 days planned and written, one person then away days 6–8, the 14 days regenerated."""
    with tempfile.TemporaryDirectory() as tmp:
        open_database(Path(tmp) / "bench.sqlite3", Mode.WRITE, checked=False)
        try:
            members = build(15, 3, {0}, set(range(0, 15, 3)), {})
            end = START + dt.timedelta(days=13)
            apply_result(plan_rota(START, end, today=START, time_limit_s=limit), START, end, today=START)
            sick = members[4]
            first, last = START + dt.timedelta(days=5), START + dt.timedelta(days=7)
            theirs = {(r.date, r.post_id, r.shift_id) for r in DutyAssignment.select().where(
                (DutyAssignment.member == sick) & DutyAssignment.date.between(first, last))}
            Unavailability.create(member=sick, start_date=first, end_date=last, reason="病假")
            before = {}
            for r in DutyAssignment.select():
                before.setdefault((r.date, r.post_id, r.shift_id), set()).add(r.member_id)
            timed = []
            for _ in range(runs):
                t0 = time.monotonic()
                result = plan_rota(START, end, today=START, time_limit_s=limit)
                timed.append(time.monotonic() - t0)
            after = {}
            for key, m in result.assignments:
                after.setdefault(key, set()).add(m)
            changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        finally:
            close()
    return dict(case="15人/14天 有排班后1人请假3天，重排14天", engine="新", runs=runs,
                seconds=statistics.median(timed), low=min(timed), high=max(timed), complete=result.complete,
                unfilled=len(result.unfilled), spreads=_spreads(result),
                proof=f"改动 {len(changed)} 个班次，{'正是' if changed == theirs else '不只是'}此人这 3 天的 "
                      f"{len(theirs)} 个班次；" + next((x for x in result.proof if x.startswith("改动")), ""),
                status=result.status)


BRANCH = dict(people=15, posts=3, days=14)
AWAY = {0: (2, 3), 5: (6, 3), 10: (10, 3)}  # three people away three days each
PARTY = dict(party_posts={0}, party_people=set(range(5)))
CASES = (
    ("15人/3岗/3班/14天，全员在岗", dict(BRANCH)),
    ("同上，3人各请假3天", dict(BRANCH, leave=AWAY)),
    ("同上（全员），1岗需党员，15人中5名党员", dict(BRANCH, **PARTY)),
    ("请假+党员两者兼有", dict(BRANCH, leave=AWAY, **PARTY)),
    ("无法排满：全部党员外出2天", dict(BRANCH, leave={i: (3, 2) for i in range(5)}, **PARTY)),
)
LARGE = ("400人/100岗/30天", dict(people=400, posts=100, days=30, party_posts=set(range(0, 100, 3)),
                                  party_people=set(range(0, 400, 2))))


def run_small(limit: float = 30.0) -> dict:
    """For bench/suite.py: the first case on the rota engine, one run."""
    row = run_case(CASES[0][0], runs=1, legacy=False, limit=limit, **CASES[0][1])
    return dict(row, shift_spread=row["spreads"][0], night_spread=row["spreads"][1])


def run_large(limit: float = 120.0) -> dict:
    row = run_case(LARGE[0], runs=1, legacy=False, limit=limit, **LARGE[1])
    return dict(row, shift_spread=row["spreads"][0], night_spread=row["spreads"][1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="runs of each case on the rota engine")
    parser.add_argument("--legacy-runs", type=int, default=1, help="runs of each case on the earlier solver")
    parser.add_argument("--small-limit", type=float, default=30.0)
    parser.add_argument("--large-limit", type=float, default=120.0)
    parser.add_argument("--no-large", action="store_true")
    parser.add_argument("--no-legacy", action="store_true")
    args = parser.parse_args()
    print(f"机器：{os.cpu_count()} 核；CP-SAT 2 个线程；新引擎每例 {args.runs} 次，旧引擎 {args.legacy_runs} 次"
          f"（时间为中位数，括号内最少–最多）", flush=True)
    cols = "case | engine | runs | seconds (min–max) | complete | spreads 班次/夜班/周末 | proven"
    print(cols, flush=True)
    cases = list(CASES) + ([] if args.no_large else [LARGE])
    for name, spec in cases:
        limit = args.large_limit if name == LARGE[0] else args.small_limit
        engines = [False] + ([] if args.no_legacy else [True])
        for legacy in engines:
            runs = 1 if name == LARGE[0] else args.legacy_runs if legacy else args.runs
            _print(run_case(name, runs=runs, legacy=legacy, limit=limit, **spec))
    _print(run_regeneration(args.runs, args.small_limit))


def _print(row: dict) -> None:
    s = row["spreads"]
    short = "" if row["complete"] else f"（{row['unfilled']} 个班次缺）"
    print(f"{row['case']} | {row['engine']} | {row['runs']} | {row['seconds']:.2f} "
          f"({row['low']:.2f}–{row['high']:.2f}) | {row['complete']}{short} | {s[0]}/{s[1]}/{s[2]} | {row['proof']}",
          flush=True)


if __name__ == "__main__":
    main()
