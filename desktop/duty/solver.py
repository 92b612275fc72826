"""Solve a RotaProblem with CP-SAT.

Soft levels are lexicographic by *sequential solves*: minimise level 1 (shortfall), then
add "level 1 <= best found" and minimise level 2 (fair hours), and so on (fair nights, fair
weekends, preferences + continuity). Each stage starts from the previous solution as a
hint, so a stage cut short by its time share still returns a rota at least as good as the
last. A greedy rota seeds the first stage and is the fallback if the solver finds nothing.
Large problems are split into independent groups of posts first (see decompose.py).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .eligibility import Prepared, prepare
from .explain import UnfilledSlot, explain
from .greedy import greedy
from .model import LEVEL_NAMES, build
from .problem import RotaProblem

STATUS_OPTIMAL = "已找到最优排班"
STATUS_FEASIBLE = "已找到可行排班（达到时间上限）"
STATUS_CANCELLED = "已取消，返回当前最好的排班"
STATUS_INCOMPLETE = "无法排满"

STAGE_SHARE = (0.6, 0.5, 0.5, 0.6, 1.0)  # of the time left when the stage starts
# the last level (preferences, continuity) is best effort: stop once it stalls this long
PATIENCE_SHARE, PATIENCE_MIN_S = 0.1, 1.0

Progress = Callable[[float, str], None]

__all__ = ["RotaResult", "RotaSolver", "UnfilledSlot", "fairness_of"]


@dataclass
class RotaResult:
    assignments: list  # [(slot key, member_id)], pins included
    unfilled: list[UnfilledSlot]
    complete: bool
    status: str
    fairness: dict = field(default_factory=dict)
    seconds: float = 0.0
    cancelled: bool = False
    optimal: bool = False
    keep_from: object = None  # first day the rota replaces (see generate.apply_result)
    date_to: object = None
    # what the result proves, one line each, in the secretary's words (engine.py), e.g.
    # "人手：全部 126 个班次已排满", "公平：最优（按人数计算）", "改动：最少（…）"
    proof: list = field(default_factory=list)
    changes: int | None = None  # assignments of the current rota replaced (a regeneration)
    searched: bool = False  # a search (CP-SAT) ran after the constructive rota

    @property
    def messages(self) -> list[str]:
        return [u.message for u in self.unfilled]


class _Watch(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution; the cancel event is polled by a helper thread."""

    def __init__(self, report: Callable[[str], None], stage: int):
        super().__init__()
        self.report, self.stage, self.count = report, stage, 0
        self.last = time.monotonic()

    def on_solution_callback(self) -> None:
        self.count += 1
        self.last = time.monotonic()
        self.report(f"第 {self.stage + 1}/{len(LEVEL_NAMES)} 步（{LEVEL_NAMES[self.stage]}）："
                    f"找到更好的方案，目标值 {int(self.objective_value)}")


class RotaSolver:
    def __init__(self, problem: RotaProblem, time_limit_s: float = 30.0, workers: int = 2):
        self.problem = problem
        self.time_limit_s = float(time_limit_s)
        self.workers = max(1, int(workers))

    def solve(self, progress: Progress | None = None, cancel: threading.Event | None = None) -> RotaResult:
        started = time.monotonic()
        cancel = cancel or threading.Event()
        from .decompose import split  # local: decompose imports this module's helpers

        parts = split(self.problem)
        assignments, unfilled = [], []
        optimal, cancelled = True, False
        budget_end = started + self.time_limit_s
        for i, part in enumerate(parts):
            part_end = started + (budget_end - started) * (i + 1) / len(parts)
            part_end = max(part_end, time.monotonic() + 0.2)
            chosen, prep, part_optimal, part_cancelled = self._solve_part(
                part, started, part_end, progress, cancel)
            optimal &= part_optimal
            cancelled |= part_cancelled
            assignments.extend(_assignments(prep, chosen))
            unfilled.extend(explain(prep, chosen))
            if len(parts) > 1 and i + 1 < len(parts):
                _carry(parts, i + 1, prep, chosen)
        if unfilled and len(parts) > 1 and not cancelled:
            assignments, unfilled, repair_cancelled = self._repair(
                assignments, unfilled, started, progress, cancel)
            cancelled |= repair_cancelled
        unfilled.sort(key=lambda u: (u.date, u.post_name, u.shift_name))
        complete = not unfilled
        if cancelled:
            status = STATUS_CANCELLED
        elif not complete:
            status = STATUS_INCOMPLETE  # the unfilled list says which and why
        else:
            status = STATUS_OPTIMAL if optimal else STATUS_FEASIBLE
        result = RotaResult(
            assignments=assignments, unfilled=unfilled, complete=complete, status=status,
            fairness=fairness_of(self.problem, assignments), seconds=time.monotonic() - started,
            cancelled=cancelled, optimal=optimal and not cancelled,
            keep_from=self.problem.keep_from, date_to=self.problem.date_to,
        )
        if progress:
            progress(1.0, status)
        return result

    def _repair(self, assignments, unfilled, started, progress, cancel):
        """Groups are solved apart, so a slot one group could not fill may be fillable by
        someone from another group: re-solve only those slots with everyone, the rest fixed."""
        keys = {(u.date, u.post_id, u.shift_id) for u in unfilled}
        problem = self.problem
        kept = [(key, m) for key, m in assignments if key not in keys]
        repair = RotaProblem(
            slots=[s for s in problem.slots if s.key in keys],
            people=list(problem.people),
            pins=list(problem.pins) + [(key, m) for key, m in assignments if key in keys],
            fixed=list(problem.fixed) + kept,
            min_rest_hours=problem.min_rest_hours,
            fixed_slots={**problem.fixed_slots, **{key: problem.slot(key) for key, _ in kept}},
            date_from=problem.date_from, date_to=problem.date_to, keep_from=problem.keep_from,
        )
        repair.pins = list(dict.fromkeys(p for p in repair.pins if p[0] in keys))
        # A small model: give it a few seconds even when the main budget is spent.
        deadline = max(started + self.time_limit_s, time.monotonic() + max(3.0, self.time_limit_s * 0.1))
        chosen, prep, _, repair_cancelled = self._solve_part(repair, started, deadline, progress, cancel)
        return kept + _assignments(prep, chosen), explain(prep, chosen), repair_cancelled

    def _solve_part(self, problem, started, deadline, progress, cancel):
        prep = prepare(problem)
        chosen = greedy(prep)  # fallback and first hint
        if not prep.candidates:
            return chosen, prep, True, cancel.is_set()
        rm = build(prep)
        optimal, cancelled = True, False

        def report(message: str) -> None:
            if progress:
                fraction = min(0.99, (time.monotonic() - started) / max(self.time_limit_s, 1e-6))
                progress(fraction, message)

        # The greedy rota as a value for every variable: CP-SAT starts from a complete, feasible
        # hint at once, where an x-only hint cost seconds per group to complete.
        values, first_stage, greedy_value = _complete(rm, chosen, self.workers, deadline)
        for stage, level in enumerate(rm.levels):
            if isinstance(level, int):
                continue  # nothing to optimise at this level
            if cancel.is_set():
                cancelled = True
                break
            if stage == first_stage and greedy_value == 0:
                _settle(rm, stage, level, 0)  # the greedy rota already reaches the bound
                continue
            left = deadline - time.monotonic()
            if left <= 0.05:
                optimal = False
                break
            report(f"第 {stage + 1}/{len(LEVEL_NAMES)} 步（{LEVEL_NAMES[stage]}）：开始")
            rm.model.minimize(level)
            _hint(rm, chosen, values)
            solver = cp_model.CpSolver()
            solver.parameters.max_time_in_seconds = max(0.05, left * STAGE_SHARE[stage])
            solver.parameters.num_workers = self.workers
            last = stage == len(rm.levels) - 1
            patience = max(PATIENCE_MIN_S, PATIENCE_SHARE * self.time_limit_s) if last else None
            status, stalled = _run(solver, rm.model, _Watch(report, stage), cancel, patience)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                chosen = {pos: [m for m in members if solver.boolean_value(rm.x[(pos, m)])]
                          for pos, members in prep.candidates.items()}
                values = list(solver.response_proto.solution)
                _settle(rm, stage, level, int(round(solver.objective_value)))
                optimal &= status == cp_model.OPTIMAL or stalled
            else:
                optimal = False
            if cancel.is_set():
                cancelled = True
                break
        return chosen, prep, optimal, cancelled


def _settle(rm, stage: int, level, best: int) -> None:
    """Keep a solved level at its best value while the later levels are optimised."""
    rm.model.add(level <= best)
    if stage == 0 and best == 0:
        for total, value in rm.balances:
            rm.model.add(total == value)


def _hint(rm, chosen: dict, values: list[int] | None) -> None:
    rm.model.clear_hints()
    if values is None:
        for (pos, m), var in rm.x.items():
            rm.model.add_hint(var, m in chosen.get(pos, ()))
        return
    hint = rm.model.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)


def _complete(rm, chosen: dict, workers: int, deadline: float):
    """Extend the greedy choice to every variable of the model: (values, stage, value of that
    stage's level), or (None, None, None) when that fails in the time there is (the x-only
    hint is used then)."""
    stage = next((i for i, level in enumerate(rm.levels) if not isinstance(level, int)), None)
    left = deadline - time.monotonic()
    if stage is None or left <= 0.5:
        return None, None, None
    rm.model.minimize(rm.levels[stage])
    _hint(rm, chosen, None)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.max_time_in_seconds = min(5.0, left * 0.25)
    solver.parameters.num_workers = workers
    status = solver.solve(rm.model)
    rm.model.clear_hints()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, None, None
    return list(solver.response_proto.solution), stage, int(round(solver.objective_value))


def _run(solver: cp_model.CpSolver, model: cp_model.CpModel, callback, cancel: threading.Event,
         patience: float | None = None):
    """solve() with a helper thread that stops the search as soon as *cancel* is set, or
    when no better solution came for *patience* seconds. Returns (status, stalled)."""
    done = threading.Event()
    stalled = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if cancel.wait(0.05):
                solver.stop_search()  # repeated: the search may not have started yet
                if done.wait(0.05):
                    return
            elif patience is not None and callback.count and time.monotonic() - callback.last > patience:
                stalled.set()
                solver.stop_search()
                if done.wait(0.05):
                    return

    helper = threading.Thread(target=watch, daemon=True)
    helper.start()
    try:
        status = solver.solve(model, callback)
    finally:
        done.set()
        helper.join(timeout=1.0)
    return status, stalled.is_set()


def _assignments(prep: Prepared, chosen: dict) -> list:
    out = []
    for pos, slot in enumerate(prep.slots):
        for m in list(prep.pinned.get(pos, [])) + list(chosen.get(pos, [])):
            out.append((slot.key, m))
    return out


def _carry(parts: list[RotaProblem], start: int, prep: Prepared, chosen: dict) -> None:
    """Make one group's result fixed history for the later groups that share its people."""
    for later in parts[start:]:
        ids = {p.member_id for p in later.people}
        for key, m in _assignments(prep, chosen):
            if m in ids:
                later.fixed.append((key, m))
                later.fixed_slots[key] = prep.problem.slot(key)


def fairness_of(problem: RotaProblem, assignments: list) -> dict:
    """min/max of shifts, nights, weekends and hours per person over the period, counting
    fixed history in the period; people available less than half the period are left out."""
    days = (problem.date_to - problem.date_from).days + 1
    counted = {p.member_id: p for p in problem.people
               if 2 * p.available_days(problem.date_from, problem.date_to) >= days}
    stats = {m: {"shifts": 0, "nights": 0, "weekends": 0, "hours": 0.0} for m in counted}
    held = list(assignments) + [(k, m) for k, m in problem.fixed
                                if problem.date_from <= k[0] <= problem.date_to]
    for key, m in held:
        slot = problem.slot(key)
        if m not in stats or slot is None:
            continue
        s = stats[m]
        s["shifts"] += 1
        s["nights"] += int(slot.night)
        s["weekends"] += int(slot.weekend)
        s["hours"] += slot.hours
    out: dict = {"people": len(stats), "per_person": stats}
    night_people = [m for m in stats if not counted[m].no_nights and not counted[m].avoid_nights]
    for name, members in (("shifts", stats), ("nights", night_people), ("weekends", stats),
                          ("hours", stats)):
        values = [stats[m][name] for m in members]
        out[f"{name}_min"] = min(values) if values else 0
        out[f"{name}_max"] = max(values) if values else 0
    out["hours_spread"] = out["hours_max"] - out["hours_min"]
    return out
