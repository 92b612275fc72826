"""Split a large rota into independent groups of posts, each with its own share of people.

A monolithic model for 400 people × 9 000 slots has millions of variables; groups of about
TARGET_PAIRS (slot, person) pairs solve in seconds. Posts are dealt to groups by demand
(hours to cover), people by capacity (available days) in proportion to demand, with full
Party members spread in proportion to the Party-led demand. People pinned at a post, or who
prefer one, go to its group. Groups are solved one after another and each result becomes
fixed history for the later groups, so nobody is double-booked even when shared.
"""
from __future__ import annotations

import math
from collections import defaultdict

from .problem import RotaProblem

TARGET_PAIRS = 40_000
MAX_PAIRS = 120_000  # below this the whole problem is solved at once


def split(problem: RotaProblem) -> list[RotaProblem]:
    pairs = len(problem.slots) * len(problem.people)
    posts = sorted({s.post_id for s in problem.slots})
    if pairs <= MAX_PAIRS or len(posts) < 2:
        return [problem]
    k = min(len(posts), math.ceil(math.sqrt(pairs / TARGET_PAIRS)))
    demand, party_demand = defaultdict(float), defaultdict(float)
    for s in problem.slots:
        demand[s.post_id] += s.needed * s.hours
        if s.party_required:
            party_demand[s.post_id] += s.hours
    groups: list[list[int]] = [[] for _ in range(k)]
    load = [0.0] * k
    for post in sorted(posts, key=lambda p: -demand[p]):
        g = min(range(k), key=lambda i: load[i])
        groups[g].append(post)
        load[g] += demand[post]
    group_of = {post: g for g, members in enumerate(groups) for post in members}
    party_load = [sum(party_demand[p] for p in members) for members in groups]

    capacity = {p.member_id: p.available_days(problem.date_from, problem.date_to) for p in problem.people}
    pinned_group = defaultdict(set)
    for key, m in problem.pins:
        pinned_group[m].add(group_of[key[1]])
    members_of: list[list] = [[] for _ in range(k)]
    got, got_party = [0.0] * k, [0.0] * k
    total_demand = sum(load) or 1.0
    total_cap = sum(capacity.values()) or 1.0
    party_total = sum(party_load) or 1.0
    party_cap = sum(capacity[p.member_id] for p in problem.people if p.full_party_member) or 1.0

    def place(person, g: int) -> None:
        members_of[g].append(person)
        got[g] += capacity[person.member_id]
        if person.full_party_member:
            got_party[g] += capacity[person.member_id]

    def neediest(party: bool) -> int:
        if party and any(party_load):
            return min(range(k), key=lambda g: got_party[g] / party_cap - party_load[g] / party_total)
        return min(range(k), key=lambda g: got[g] / total_cap - load[g] / total_demand)

    rest = []
    for person in problem.people:
        if pinned_group[person.member_id]:
            for g in sorted(pinned_group[person.member_id]):
                place(person, g)
        elif person.preferred_post_id in group_of:
            place(person, group_of[person.preferred_post_id])
        else:
            rest.append(person)
    rest.sort(key=lambda p: (not p.full_party_member, -capacity[p.member_id], p.member_id))
    for person in rest:
        place(person, neediest(person.full_party_member))

    parts = []
    for g in range(k):
        ids = {p.member_id for p in members_of[g]}
        posts_g = set(groups[g])
        parts.append(RotaProblem(
            slots=[s for s in problem.slots if s.post_id in posts_g],
            people=list(members_of[g]),
            pins=[(key, m) for key, m in problem.pins if key[1] in posts_g],
            fixed=[(key, m) for key, m in problem.fixed if m in ids],
            min_rest_hours=problem.min_rest_hours,
            fixed_slots=dict(problem.fixed_slots),
            date_from=problem.date_from, date_to=problem.date_to, keep_from=problem.keep_from,
        ))
    return parts
