"""Posts second: hand the people of each interval out to its posts.

First one full Party member to each post that needs one; then everyone else. Each person
goes, where a seat is free, to the post they hold there in the current rota (nothing
changes that need not), else the post they last worked (continuity), else their preferred
post, else the first free seat. Posts differ only by the Party rule and the number of
seats, so any hand-out that respects both is legal; the order only decides who stands where.
"""
from __future__ import annotations

from .intervals import Frame


def hand_out(frame: Frame, chosen: list[list[int]]) -> dict[int, list[int]]:
    """Slot position -> member ids (pins excluded) for the people of each interval."""
    slots = frame.slots
    members = frame.members()
    last_post: dict[int, int] = {}
    for m, held in frame.constants.items():
        before = [s for s in held if frame.intervals and s.start < frame.intervals[0].start]
        if before:
            last_post[m] = max(before, key=lambda s: s.start).post_id
    out: dict[int, list[int]] = {}
    for iv, people in zip(frame.intervals, chosen):
        seats = {pos: max(0, slots[pos].needed - len(frame.pinned.get(pos, ()))) for pos in iv.positions}
        post_pos = {slots[pos].post_id: pos for pos in iv.positions}
        current = frame.current.get(iv.index, {})
        leaderless = [pos for pos in iv.positions if seats[pos] > 0 and slots[pos].party_required
                      and not any(frame.people[m].full_party_member
                                  for m in frame.pinned.get(pos, ()) if m in frame.people)]

        def wishes(m: int) -> list[int]:
            order = [current.get(m), post_pos.get(last_post.get(m)),
                     post_pos.get(frame.people[m].preferred_post_id)]
            return [pos for pos in order if pos is not None]

        placed: dict[int, int] = {}

        def seat(m: int, pos: int) -> None:
            placed[m] = pos
            seats[pos] -= 1

        def led(pos: int) -> bool:
            return any(placed.get(m) == pos for m in people if m in members)

        # 1. everyone back to their seat in the current rota
        for m in people:
            pos = current.get(m)
            if pos is not None and seats.get(pos, 0) > 0:
                seat(m, pos)
        # 2. a member to each Party-led post still without one, the best-wishing first
        leaders = [m for m in people if m in members]
        for pos in leaderless:
            if led(pos) or seats[pos] <= 0:
                continue
            free = [m for m in leaders if m not in placed]
            if free:
                seat(min(free, key=lambda m: (wishes(m).index(pos) if pos in wishes(m) else 9, m)), pos)
        # 3. still none: move a member from a post that does not need one, but never one who
        #    holds that seat in the current rota (a still-valid assignment is kept)
        for pos in leaderless:
            if led(pos) or seats[pos] <= 0:
                continue
            movable = [m for m in leaders if m in placed and placed[m] not in leaderless
                       and placed[m] != current.get(m)]
            if movable:
                m = movable[0]
                seats[placed.pop(m)] += 1
                seat(m, pos)
        # 4. the rest: last post, preferred post, then any free seat (Party-led posts last)
        for rank in (1, 2):
            for m in people:
                if m in placed:
                    continue
                order = [current.get(m), post_pos.get(last_post.get(m)),
                         post_pos.get(frame.people[m].preferred_post_id)]
                pos = order[rank]
                if pos is not None and seats[pos] > 0 and (led(pos) or pos not in leaderless):
                    seat(m, pos)
        for m in people:
            if m in placed:
                continue
            pos = next((p for p in iv.positions if seats[p] > 0 and (led(p) or p not in leaderless)), None)
            if pos is None:
                pos = next((p for p in iv.positions if seats[p] > 0), None)
            if pos is not None:
                seat(m, pos)
        for m, pos in placed.items():
            out.setdefault(pos, []).append(m)
        for m, pos in placed.items():
            last_post[m] = slots[pos].post_id
    return out
