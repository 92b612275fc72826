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
            out.setdefault(pos, []).append(m)

        leaders = [m for m in people if m in members]
        need = set(leaderless)
        for rank in range(3):  # leaders whose first, then second, then third wish needs one
            for m in leaders:
                if m in placed:
                    continue
                wish = wishes(m)
                if rank < len(wish) and wish[rank] in need:
                    seat(m, wish[rank])
                    need.discard(wish[rank])
        for pos in leaderless:
            if pos in need:
                spare = next((m for m in leaders if m not in placed), None)
                if spare is not None:
                    seat(spare, pos)
                    need.discard(pos)
        for rank in range(3):
            for m in people:
                if m in placed:
                    continue
                wish = wishes(m)
                if rank < len(wish) and seats[wish[rank]] > 0 and (wish[rank] not in need or m in members):
                    seat(m, wish[rank])
                    need.discard(wish[rank])
        for m in people:
            if m in placed:
                continue
            pos = next((p for p in iv.positions if seats[p] > 0 and p not in need), None)
            if pos is None:
                pos = next((p for p in iv.positions if seats[p] > 0), None)
            if pos is not None:
                seat(m, pos)
        for m, pos in placed.items():
            last_post[m] = slots[pos].post_id
    return out
