"""One CP-SAT repair of a constructive rota that misses a band or a seat.

The model is shift-first (one variable per person and interval they may work, not per post),
so identical posts add no symmetric copies. Rest is one at-most-one per maximal clique of
intervals that overlap or lie closer than the minimum rest. Every variable is hinted from
the constructive rota, so the search starts from a complete rota at once. Seats and Party
leaders the constructive rota already found become hard; assignments kept from the current
rota are fixed (stability before fairness). What is minimised is how far people lie outside
their fair bands (shares.py), after any seat still empty.
"""
from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .construct import Rota, loads, shortfall
from .eligibility import cap_minutes
from .intervals import Frame
from .shares import Measure

WEIGHTS = {"shifts": 3, "hours": 1, "nights": 2, "weekends": 2}


@dataclass
class Repaired:
    rota: Rota
    proven: bool  # the search proved no rota lies closer to the bands
    solutions: int


class _Watch(cp_model.CpSolverSolutionCallback):
    def __init__(self, report: Callable[[str], None]):
        super().__init__()
        self.report, self.count = report, 0
        self.last = time.monotonic()

    def on_solution_callback(self) -> None:
        self.count += 1
        self.last = time.monotonic()
        self.report(f"正在调整排班：已找到第 {self.count} 个更均衡的方案")


def _cliques(frame: Frame, intervals: list[int]) -> list[list[int]]:
    """Maximal sets of the person's intervals that pairwise overlap or leave too little rest."""
    ivs = frame.intervals
    out, window = [], []
    for i in sorted(intervals, key=lambda i: (ivs[i].start, ivs[i].end)):
        alive = [j for j in window if ivs[j].end + frame.rest > ivs[i].start]
        if len(alive) < len(window) and len(window) > 1:
            out.append(window)
        window = alive + [i]
    if len(window) > 1:
        out.append(window)
    return out


def repair(frame: Frame, measures: dict[str, Measure], start: Rota, time_limit_s: float, workers: int,
           cancel: threading.Event, report: Callable[[str], None],
           patience_s: float | None = None) -> Repaired | None:
    """The repaired rota, or None when the search found nothing in time. A search stopped
    by *patience_s* without a better rota, by the clock or by *cancel* is not proven."""
    ivs = frame.intervals
    members = frame.members()
    model = cp_model.CpModel()
    y: dict[tuple[int, int], cp_model.IntVar] = {}
    by_person: dict[int, list[int]] = defaultdict(list)
    for iv in ivs:
        for m in sorted(frame.eligible[iv.index]):
            y[(iv.index, m)] = model.new_bool_var(f"y{iv.index}_{m}")
            by_person[m].append(iv.index)
    hint: dict = {}
    chosen = [set(ppl) for ppl in start.chosen]
    for (i, m), var in y.items():
        hint[var] = int(m in chosen[i])

    short_seats, short_party = shortfall(frame, start)
    soft = []
    for iv in ivs:
        seats = [y[(iv.index, m)] for m in frame.eligible[iv.index]]
        if short_seats:
            gap = model.new_int_var(0, iv.possible, f"short{iv.index}")
            model.add(sum(seats) + gap == iv.possible)
            hint[gap] = iv.possible - len(chosen[iv.index])
            soft.append(gap)
        else:
            model.add(sum(seats) == iv.possible)
        if iv.party_possible:
            led = [y[(iv.index, m)] for m in frame.eligible[iv.index] if m in members]
            have = sum(1 for m in chosen[iv.index] if m in members)
            if short_party:
                gap = model.new_int_var(0, iv.party_possible, f"lead{iv.index}")
                model.add(sum(led) + gap >= iv.party_possible)
                hint[gap] = max(0, iv.party_possible - have)
                soft.append(gap)
            else:
                model.add(sum(led) >= iv.party_possible)
    for i, m in start.kept:
        model.add(y[(i, m)] == 1)
    for m, mine in by_person.items():
        for clique in _cliques(frame, mine):
            model.add_at_most_one(y[(i, m)] for i in clique)
        cap = cap_minutes(frame.people[m])
        if cap is None:
            continue
        weeks: dict = defaultdict(list)
        for i in mine:
            weeks[ivs[i].monday].append(i)
        for monday, group in weeks.items():
            room = cap - frame.week_minutes.get((m, monday), 0)
            if sum(ivs[i].minutes for i in group) > room:
                model.add(sum(ivs[i].minutes * y[(i, m)] for i in group) <= max(0, room))

    load = loads(frame, measures, start)
    same_length = len({iv.minutes for iv in ivs}) <= 1
    terms = []
    for name, measure in measures.items():
        if name == "hours" and same_length:
            continue  # hours are shifts × one length: the shifts band says it all
        for m in measure.share:
            own = [(i, measure.weight(ivs[i])) for i in by_person.get(m, []) if measure.weight(ivs[i])]
            most = measure.held[m] + sum(w for _, w in own)
            lo, hi = measure.lo[m], measure.hi[m]
            if measure.held[m] >= lo and most <= hi:
                continue  # always inside the band
            expr = measure.held[m] + sum(w * y[(i, m)] for i, w in own)
            over = model.new_int_var(0, max(0, most - hi), f"{name}_over{m}")
            under = model.new_int_var(0, max(0, lo - measure.held[m]), f"{name}_under{m}")
            model.add(expr - over <= hi)
            model.add(expr + under >= lo)
            hint[over] = max(0, load[name][m] - hi)
            hint[under] = max(0, lo - load[name][m])
            terms.append(WEIGHTS[name] * (over + under))
    for var, value in hint.items():
        model.add_hint(var, value)
    deadline = time.monotonic() + max(0.05, time_limit_s)
    watch = _Watch(report)
    proven = True
    if soft:  # seats first (a small objective, quick to prove), then the bands
        status, solver = _solve(model, sum(soft), deadline, workers, watch, cancel, patience_s)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        proven = status == cp_model.OPTIMAL
        model.add(sum(soft) <= int(round(solver.objective_value)))
        _rehint(model, solver)
    if not terms or cancel.is_set() or time.monotonic() >= deadline:
        proven = proven and not terms  # bands not searched: nothing proven about them
        if not soft:
            return None
    else:
        status, solver = _solve(model, sum(terms), deadline, workers, watch, cancel, patience_s)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if not soft:
                return None
        else:
            proven = proven and status == cp_model.OPTIMAL
    picked = [[m for m in sorted(frame.eligible[iv.index]) if solver.boolean_value(y[(iv.index, m)])]
              for iv in ivs]
    return Repaired(Rota(picked, set(start.kept)), proven, watch.count)


def _solve(model, objective, deadline: float, workers: int, watch, cancel, patience_s):
    model.minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.max_time_in_seconds = max(0.05, deadline - time.monotonic())
    solver.parameters.symmetry_level = 0
    watch.last = time.monotonic()
    return _run(solver, model, watch, cancel, patience_s), solver


def _rehint(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """The stage's solution as the next stage's hint, for every variable."""
    values = list(solver.response_proto.solution)
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)


def _run(solver: cp_model.CpSolver, model: cp_model.CpModel, callback, cancel: threading.Event,
         patience_s: float | None = None):
    """solve() with a helper thread that stops the search as soon as *cancel* is set, or when
    no better rota came for *patience_s* seconds (the status is then FEASIBLE, not OPTIMAL)."""
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            stalled = patience_s is not None and time.monotonic() - callback.last > patience_s
            if cancel.wait(0.05) or stalled:
                solver.stop_search()  # repeated: the search may not have started yet
                if done.wait(0.05):
                    return

    helper = threading.Thread(target=watch, daemon=True)
    helper.start()
    try:
        return solver.solve(model, callback)
    finally:
        done.set()
        helper.join(timeout=1.0)
