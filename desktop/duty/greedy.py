"""A quick greedy rota: the warm start (hint) for CP-SAT and the fallback when the solver
finds nothing in time. It respects every hard rule; it is only less fair."""
from __future__ import annotations

from collections import defaultdict

from . import timeline
from .eligibility import Prepared, cap_minutes, conflicts, pinned_party, remaining_needed


def greedy(prep: Prepared) -> dict[int, list[int]]:
    """Slot position -> chosen (non-pinned) member ids, earliest shift first, least loaded first."""
    held: dict[int, list] = defaultdict(list)  # member -> slots taken (incl. constants)
    for member_id, slots in prep.constants.items():
        held[member_id].extend(slots)
    load: dict[int, int] = defaultdict(int)
    week = defaultdict(int, prep.week_minutes)
    for member_id, slots in prep.constants.items():
        load[member_id] += sum(s.minutes for s in slots)
    chosen: dict[int, list[int]] = {}
    order = sorted(range(len(prep.slots)), key=lambda i: (prep.slots[i].start, i))
    for pos in order:
        slot = prep.slots[pos]
        need = remaining_needed(prep, pos)
        if need <= 0:
            continue
        monday = timeline.week_start(slot.date)

        def free(member_id: int) -> bool:
            cap = cap_minutes(prep.people[member_id])
            if cap is not None and week[(member_id, monday)] + slot.minutes > cap:
                return False
            return not any(conflicts(slot, other, prep.rest) for other in held[member_id])

        options = sorted(
            (m for m in prep.candidates.get(pos, []) if free(m)), key=lambda m: (load[m], m)
        )
        picks: list[int] = []
        if slot.party_required and not pinned_party(prep, pos):
            party = [m for m in options if prep.people[m].full_party_member]
            if party:
                picks.append(party[0])
        for m in options:
            if len(picks) >= need:
                break
            if m not in picks:
                picks.append(m)
        for m in picks:
            held[m].append(slot)
            held[m].sort(key=lambda s: s.start)
            load[m] += slot.minutes
            week[(m, monday)] += slot.minutes
        chosen[pos] = picks
    return chosen
