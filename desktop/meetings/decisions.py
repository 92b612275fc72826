"""决议, with vote counts where a vote was taken."""
from __future__ import annotations

from ..models import MeetingAttendance, MeetingDecision, Member, db
from .common import MeetingError, clean_text, key, next_position, touch, writable
from .notes import get_note

VOTE_FIELDS = ("votes_for", "votes_against", "votes_abstain")
VOTE_LABELS = {"votes_for": "同意", "votes_against": "反对", "votes_abstain": "弃权"}
VOTING_STATUS = "中共党员"  # 预备党员 have no vote (党章 第七条)


def _decision(decision_id) -> MeetingDecision:
    found = MeetingDecision.get_or_none(MeetingDecision.id == key(decision_id))
    if found is None:
        raise MeetingError("找不到该条决议，可能已被删除。")
    return found


def decisions(meeting) -> list[MeetingDecision]:
    return list(
        MeetingDecision.select()
        .where(MeetingDecision.meeting == key(meeting))
        .order_by(MeetingDecision.position, MeetingDecision.id)
    )


def voting_present(meeting_id: int) -> int:
    """Full Party members marked present: the most votes a decision can have."""
    return (
        MeetingAttendance.select()
        .join(Member)
        .where(
            (MeetingAttendance.meeting == meeting_id)
            & (MeetingAttendance.present == True)  # noqa: E712 (peewee expression)
            & (Member.political_status == VOTING_STATUS)
        )
        .count()
    )


def _clean_vote(value, field: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
        raise MeetingError(f"{VOTE_LABELS[field]}票数须为整数。")
    try:
        number = int(str(value).strip()) if isinstance(value, str) else int(value)
    except (TypeError, ValueError):
        raise MeetingError(f"{VOTE_LABELS[field]}票数须为整数。") from None
    if number < 0:
        raise MeetingError(f"{VOTE_LABELS[field]}票数不能为负数。")
    return number


def check_votes(meeting_id: int, votes: dict) -> dict:
    """Vote counts cleaned; MeetingError when negative or more than the voting members present.

    Raising (not warning) because a tally larger than the room is always a typing slip.
    """
    cleaned = {f: _clean_vote(votes.get(f), f) for f in VOTE_FIELDS}
    total = sum(v for v in cleaned.values() if v is not None)
    if total:
        limit = voting_present(meeting_id)
        if total > limit:
            raise MeetingError(
                f"表决票数合计 {total} 票，超过实到有表决权的正式党员 {limit} 人"
                "（预备党员没有表决权），请核对票数和出席情况。"
            )
    return cleaned


def add_decision(meeting_id, text: str, votes_for=None, votes_against=None, votes_abstain=None) -> MeetingDecision:
    text = clean_text(text, "决议内容")
    if not text:
        raise MeetingError("决议内容不能为空。")
    with db.atomic():
        meeting = writable(meeting_id)
        votes = check_votes(meeting.id, {
            "votes_for": votes_for, "votes_against": votes_against, "votes_abstain": votes_abstain,
        })
        decision = MeetingDecision.create(
            meeting=meeting, position=next_position(MeetingDecision, meeting.id), text=text, **votes
        )
        touch(meeting.id)
        return decision


def note_to_decision(note_id) -> MeetingDecision:
    """The line's text becomes a decision; the note stays as the record of who said it.

    Doing it twice returns the same decision instead of a duplicate.
    """
    with db.atomic():
        note = get_note(note_id)
        writable(note.meeting_id)
        existing = MeetingDecision.get_or_none(
            (MeetingDecision.meeting == note.meeting_id) & (MeetingDecision.text == note.text)
        )
        return existing or add_decision(note.meeting_id, note.text)


def update_decision(decision_id, **fields) -> MeetingDecision:
    """Change text and/or vote counts (None clears a count)."""
    unknown = set(fields) - {"text", *VOTE_FIELDS}
    if unknown:
        raise TypeError(f"update_decision: unknown fields {sorted(unknown)}")
    with db.atomic():
        decision = _decision(decision_id)
        writable(decision.meeting_id)
        if "text" in fields:
            text = clean_text(fields["text"], "决议内容")
            if not text:
                raise MeetingError("决议内容不能为空，如要删除请使用“删除”。")
            decision.text = text
        if set(VOTE_FIELDS) & set(fields):  # a text fix must not trip over later attendance edits
            merged = {f: fields.get(f, getattr(decision, f)) for f in VOTE_FIELDS}
            for field, value in check_votes(decision.meeting_id, merged).items():
                setattr(decision, field, value)
        decision.save()
        touch(decision.meeting_id)
        return decision


def delete_decision(decision_id) -> None:
    with db.atomic():
        decision = _decision(decision_id)
        writable(decision.meeting_id)
        decision.delete_instance()
        touch(decision.meeting_id)


def votes_text(decision: MeetingDecision) -> str:
    """'同意 11 票、反对 0 票、弃权 1 票', or '' when no vote was recorded."""
    parts = [
        f"{VOTE_LABELS[f]} {getattr(decision, f)} 票" for f in VOTE_FIELDS if getattr(decision, f) is not None
    ]
    return "、".join(parts)
