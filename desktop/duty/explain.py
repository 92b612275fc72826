"""Why a slot stays unfilled: after solving, check for each short slot which hard rule
took its candidates away (not on duty / on leave, or busy with a neighbouring shift)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import timeline
from .eligibility import Prepared, base_reason, cap_minutes, conflicts


@dataclass
class UnfilledSlot:
    date: object
    post_name: str
    shift_name: str
    needed: int
    filled: int
    reason: str
    post_id: int | None = None
    shift_id: int | None = None

    @property
    def message(self) -> str:
        """'4月5日 夜班 东门：可用党员不足'."""
        return f"{timeline.label(self.date)} {self.shift_name} {self.post_name}：{self.reason}"

    def __str__(self) -> str:
        return self.message


def _busy_kind(prep: Prepared, held: dict, week: dict, pos: int, m: int) -> str | None:
    """'rest' when the person's other shifts leave too little rest, 'hours' when the weekly
    cap is reached, None when the person was simply not chosen."""
    slot = prep.slots[pos]
    if any(other is not slot and conflicts(slot, other, prep.rest) for other in held[m]):
        return "rest"
    cap = cap_minutes(prep.people[m])
    if cap is not None and week[(m, timeline.week_start(slot.date))] + slot.minutes > cap:
        return "hours"
    return None


def _why_busy(kinds: list, who: str, rest_hours: float) -> str:
    if kinds and all(k == "rest" for k in kinds):
        return f"{who}都与相邻班次冲突（休息不足 {rest_hours:g} 小时）"
    if kinds and all(k == "hours" for k in kinds):
        return f"{who}都已达每周工时上限"
    if kinds and all(k is not None for k in kinds):
        return f"{who}都与相邻班次冲突或已达每周工时上限"
    return f"在用时上限内未能排上（{who} {len(kinds)} 人）"


def explain(prep: Prepared, chosen: dict[int, list[int]]) -> list[UnfilledSlot]:
    """Unfilled slots of a solution (slot position -> chosen free member ids), with reasons."""
    held: dict[int, list] = defaultdict(list)
    week: dict = defaultdict(int)
    for m, slots in prep.constants.items():
        held[m].extend(slots)
    for pos, members in chosen.items():
        for m in members:
            held[m].append(prep.slots[pos])
    for m, slots in held.items():
        for s in slots:
            week[(m, timeline.week_start(s.date))] += s.minutes
    rest_hours = prep.rest.total_seconds() / 3600
    out = []
    for pos, slot in enumerate(prep.slots):
        on_duty = list(prep.pinned.get(pos, [])) + list(chosen.get(pos, []))
        filled = len(on_duty)
        party_ok = not slot.party_required or any(prep.people[m].full_party_member for m in on_duty
                                                    if m in prep.people)
        if filled >= slot.needed and party_ok:
            continue
        reasons = []
        if filled < slot.needed:
            able = [p.member_id for p in prep.people.values()
                    if base_reason(p, slot) is None or p.member_id in on_duty]
            if len(able) < slot.needed:
                reasons.append(f"可用人员不足（需 {slot.needed} 人，可用 {len(able)} 人）")
            else:
                kinds = [_busy_kind(prep, held, week, pos, m) for m in able if m not in on_duty]
                reasons.append(_why_busy(kinds, "所有可用人员", rest_hours))
        if not party_ok:
            able = [p.member_id for p in prep.people.values()
                    if p.full_party_member and base_reason(p, slot) is None]
            if not able:
                reasons.append("可用党员不足")
            else:
                kinds = [_busy_kind(prep, held, week, pos, m) for m in able]
                reasons.append(_why_busy(kinds, "可用党员", rest_hours))
        out.append(UnfilledSlot(slot.date, slot.post_name, slot.shift_name, slot.needed, filled,
                                "；".join(reasons), slot.post_id, slot.shift_id))
    return out
