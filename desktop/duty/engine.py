"""The rota engine: count, build, repair only when needed, hand out posts, explain.

1. intervals.build: who may work each time interval; seats nobody can fill are known here.
2. shares.shares: each person's fair band of shifts, hours, nights and weekends.
3. construct.construct: a fair rota in milliseconds (keeping every still-valid assignment
   of the current rota on a regeneration).
4. repair.repair: one CP-SAT search from that rota, only if a band or a seat was missed.
5. posts.hand_out: people to posts; explain.explain: why a slot stays short.

The result says what was proven and how: a rota inside every band is fair "by counting";
a search that finished is proven; a search stopped by the clock or by the user is "found".
"""
from __future__ import annotations

import threading
import time

from .construct import band_excess, construct, loads, shortfall
from .explain import explain
from .intervals import build
from .posts import hand_out
from .problem import RotaProblem
from .repair import repair
from .shares import shares
from .solver import STATUS_CANCELLED, STATUS_INCOMPLETE, Progress, RotaResult, fairness_of

FAIR_BY_COUNTING = "公平：最优（按人数计算）"
FAIR_PROVEN = "公平：最优（已证明最接近各人应得份额）"
FAIR_FOUND = "公平：已找到，未证明最优"
# a stuck search gives up after this long without a better rota (and says "found", not "optimal")
PATIENCE_S = 1.5


class RotaEngine:
    def __init__(self, problem: RotaProblem, time_limit_s: float = 30.0, workers: int = 2,
                 keep_current: bool = True):
        self.problem = problem
        self.time_limit_s = float(time_limit_s)
        self.workers = max(1, int(workers))
        self.keep_current = keep_current

    def solve(self, progress: Progress | None = None, cancel: threading.Event | None = None) -> RotaResult:
        started = time.monotonic()
        cancel = cancel or threading.Event()

        def report(fraction: float, text: str) -> None:
            if progress:
                progress(min(0.99, max(0.0, fraction)), text)

        report(0.02, "正在统计每个班次的可用人数…")
        frame = build(self.problem)
        measures = shares(frame)
        report(0.1, "正在排出初始排班…")
        rota = construct(frame, measures, self.keep_current)
        short, leaderless = shortfall(frame, rota)
        excess = band_excess(measures, loads(frame, measures, rota))
        proven = searched = False
        if (short or leaderless or any(excess.values())) and not cancel.is_set():
            left = self.time_limit_s - (time.monotonic() - started)
            report(0.2, "初始排班还不够均衡，正在调整…")

            def searching(text: str) -> None:
                report(0.2 + 0.6 * min(1.0, (time.monotonic() - started) / max(self.time_limit_s, 1e-6)), text)

            fixed = repair(frame, measures, rota, max(0.1, left), self.workers, cancel, searching,
                           patience_s=PATIENCE_S)
            if fixed is not None and _better(frame, measures, fixed.rota, rota):
                rota, searched = fixed.rota, True
                proven = fixed.proven
            elif fixed is not None:
                searched, proven = True, fixed.proven
        cancelled = cancel.is_set()
        report(0.9, "正在分配岗位…")
        chosen = hand_out(frame, rota.chosen)
        assignments = []
        for pos, slot in enumerate(frame.slots):
            for m in list(frame.pinned.get(pos, [])) + list(chosen.get(pos, [])):
                assignments.append((slot.key, m))
        unfilled = explain(frame.as_prepared(), chosen)
        unfilled.sort(key=lambda u: (u.date, u.post_name, u.shift_name))
        excess = band_excess(measures, loads(frame, measures, rota))
        counted_short = sum(iv.demand - iv.possible for iv in frame.intervals)
        fair = FAIR_BY_COUNTING if not any(excess.values()) else FAIR_PROVEN if proven else FAIR_FOUND
        proof = [_coverage_line(frame, unfilled, counted_short), fair]
        if rota.kept and fair != FAIR_BY_COUNTING and proven:
            proof[-1] = "公平：在保留原有安排的前提下最优（已证明）"
        removed = None
        if self.problem.current:
            removed, line = _changes(self.problem, frame, assignments)
            proof.append(line)
        if cancelled:
            status = STATUS_CANCELLED
        elif unfilled:
            status = STATUS_INCOMPLETE
        else:
            status = f"排班完成，{fair}"
        result = RotaResult(
            assignments=assignments, unfilled=unfilled, complete=not unfilled, status=status,
            fairness=fairness_of(self.problem, assignments), seconds=time.monotonic() - started,
            cancelled=cancelled, optimal=fair in (FAIR_BY_COUNTING, FAIR_PROVEN) and not cancelled,
            keep_from=self.problem.keep_from, date_to=self.problem.date_to, proof=proof, changes=removed,
            searched=searched,
        )
        if progress:
            progress(1.0, status)
        return result


def _better(frame, measures, new, old) -> bool:
    def score(rota):
        short, lead = shortfall(frame, rota)
        return (short + lead, sum(band_excess(measures, loads(frame, measures, rota)).values()))

    return score(new) <= score(old)


def _coverage_line(frame, unfilled, counted_short: int) -> str:
    total = len(frame.slots)
    if not unfilled:
        return f"人手：全部 {total} 个班次已排满"
    line = f"人手：{len(unfilled)} 个班次未能按要求排满（原因见列表）"
    if counted_short:
        line += f"，其中按可用人数计算已无法排满的空缺 {counted_short} 个"
    return line


def _changes(problem: RotaProblem, frame, assignments: list) -> tuple[int, str]:
    """(assignments of the current rota removed, a line saying whether that is the fewest)."""
    after = set(assignments)
    current = set(problem.current)
    removed = current - after
    of_key = {}
    for iv in frame.intervals:
        for pos in iv.positions:
            of_key[frame.slots[pos].key] = iv.index
    must = {(k, m) for k, m in current if k in of_key and m not in frame.eligible[of_key[k]]}
    if not removed:
        return 0, "改动：无，原有安排全部保留"
    if removed == must:
        return len(removed), f"改动：最少（{len(removed)} 个原有安排已不再可行，只改了这些）"
    return len(removed), f"改动：{len(removed)} 个原有安排被替换（未证明最少）"
