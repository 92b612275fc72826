"""The whole record as plain data, corrections of finalized minutes, and readable diffs.

snapshot() is what a revision keeps and what a minutes/sign-in PDF needs: it is complete.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from peewee import JOIN

from ..models import (
    Branch,
    Meeting,
    MeetingAttendance,
    MeetingRevision,
    MeetingTopic,
    Member,
    Team,
    db,
)
from .action_items import action_items, carried_into, closed_in_meeting
from .attendance import attendance_summary
from .common import MeetingError, clean_text, get_meeting, key, unlocked
from .decisions import decisions, votes_text
from .notes import notes, speaker_label
from .quorum import quorum

SNAPSHOT_VERSION = 1


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else (value or "")


def _item(item) -> dict:
    origin = item.meeting
    return {
        "id": item.id, "text": item.text,
        "owner_id": item.owner_id, "owner": item.owner.name if item.owner_id else "",
        "due_date": _iso(item.due_date), "status": item.status,
        "closed_on": _iso(item.closed_on), "carried_count": item.carried_count,
        "meeting_id": origin.id, "meeting_title": origin.title, "meeting_date": _iso(origin.date),
    }


def _attendance(meeting_id: int) -> list[dict]:
    rows = (
        MeetingAttendance.select(MeetingAttendance, Member, Team)
        .join(Member)
        .join(Team, JOIN.LEFT_OUTER)
        .where(MeetingAttendance.meeting == meeting_id)
        .order_by(Member.name_pinyin, Member.id)
    )
    return [
        {
            "member_id": r.member.id, "name": r.member.name, "gender": r.member.gender,
            "political_status": r.member.political_status, "branch_role": r.member.branch_role,
            "unit": r.member.unit, "unit_post": r.member.unit_post,
            "team": r.member.team.name if r.member.team_id else "",
            "present": bool(r.present), "absence_reason": r.absence_reason, "note": r.note,
        }
        for r in rows
    ]


def snapshot(meeting: Meeting | int) -> dict:
    """Everything on the record, JSON-serializable: header, attendance, quorum, topics,
    notes, decisions, action items raised here, items followed up (closed / carried) here,
    and the corrections made so far (oldest first)."""
    meeting = get_meeting(meeting)
    branch = Branch.select().order_by(Branch.id).first()
    summary = attendance_summary(meeting)
    check = quorum(meeting)
    return {
        "version": SNAPSHOT_VERSION,
        "id": meeting.id,
        "branch": branch.name if branch else "",
        "meeting_type": meeting.meeting_type.name,
        "title": meeting.title,
        "date": _iso(meeting.date),
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "place": meeting.place,
        "host_id": meeting.host_id,
        "host": meeting.host.name if meeting.host_id else "",
        "recorder_id": meeting.recorder_id,
        "recorder": meeting.recorder.name if meeting.recorder_id else "",
        "guests": meeting.guests,
        "study_content": meeting.study_content,
        "problems": meeting.problems,
        "status": meeting.status,
        "finalized_at": _iso(meeting.finalized_at),
        "attendance": {
            "expected": summary.expected_count, "present": summary.present_count,
            "absent": summary.absent_count, "text": summary.text(),
            "members": _attendance(meeting.id),
        },
        "quorum": {
            "applies": check.applies, "entitled": check.entitled, "present": check.present,
            "ok": check.ok, "message": check.message,
        },
        "topics": [
            t.text for t in MeetingTopic.select().where(MeetingTopic.meeting == meeting.id)
            .order_by(MeetingTopic.position, MeetingTopic.id)
        ],
        "notes": [
            {"id": n.id, "said_at": n.said_at, "speaker_id": n.speaker_id,
             "speaker": speaker_label(n), "text": n.text}
            for n in notes(meeting.id)
        ],
        "decisions": [
            {"id": d.id, "text": d.text, "votes_for": d.votes_for, "votes_against": d.votes_against,
             "votes_abstain": d.votes_abstain, "votes_text": votes_text(d)}
            for d in decisions(meeting.id)
        ],
        "action_items": [_item(i) for i in action_items(meeting.id)],
        "followed_up": {
            "closed": [_item(i) for i in closed_in_meeting(meeting.id)],
            "carried": [_item(i) for i in carried_into(meeting.id)],
        },
        "corrections": [
            {"revised_at": _iso(r.revised_at), "reason": r.reason} for r in reversed(revisions(meeting.id))
        ],
    }


def revisions(meeting_id) -> list[MeetingRevision]:
    return list(
        MeetingRevision.select().where(MeetingRevision.meeting == key(meeting_id))
        .order_by(MeetingRevision.revised_at.desc(), MeetingRevision.id.desc())
    )


def revision_snapshot(revision: MeetingRevision) -> dict:
    return json.loads(revision.snapshot)


def correct(
    meeting_id, reason: str, apply: Callable[[], None], now: dt.datetime | None = None,
) -> MeetingRevision:
    """更正 a finalized meeting: *apply* runs with the lock lifted, in one transaction with
    the saved earlier version. Any error in *apply* undoes everything; so does a correction
    that changes nothing (MeetingError). The meeting stays final. *now* stamps the revision."""
    reason = clean_text(reason, "更正原因", 2000)
    if not reason:
        raise MeetingError("请填写更正原因。")
    with db.atomic():
        meeting = get_meeting(meeting_id)
        if not meeting.is_final:
            raise MeetingError("会议记录尚未定稿，可以直接修改，无需更正。")
        before = snapshot(meeting)
        with unlocked(meeting.id):
            apply()
        Meeting.update(status=Meeting.FINAL).where(Meeting.id == meeting.id).execute()
        if not diff_snapshots(before, snapshot(meeting.id)):
            raise MeetingError("没有需要更正的内容。")
        return MeetingRevision.create(
            meeting=meeting, reason=reason, snapshot=json.dumps(before, ensure_ascii=False),
            revised_at=(now or dt.datetime.now()).replace(microsecond=0),
        )


@dataclass
class HistoryEntry:
    revision: MeetingRevision
    reason: str
    revised_at: dt.datetime
    changes: list[str]  # what this correction changed, from diff_snapshots


def history(meeting_id) -> list[HistoryEntry]:
    """Each correction, newest first, with what it changed (its snapshot against the next state)."""
    found = list(reversed(revisions(meeting_id)))
    states = [revision_snapshot(r) for r in found] + [snapshot(meeting_id)]
    entries = [
        HistoryEntry(r, r.reason, r.revised_at, diff_snapshots(states[i], states[i + 1]))
        for i, r in enumerate(found)
    ]
    return list(reversed(entries))


# ---- readable differences ---------------------------------------------------------------

HEADER_LABELS = (
    ("meeting_type", "会议类型"), ("title", "会议标题"), ("date", "会议日期"),
    ("start_time", "开始时间"), ("end_time", "结束时间"), ("place", "会议地点"),
    ("host", "主持人"), ("recorder", "记录人"), ("guests", "列席人员"),
    ("study_content", "学习内容"), ("problems", "问题与短板"),
)


def _q(text) -> str:
    return f"‘{text}’" if text not in (None, "") else "（空）"


def _state(row: dict) -> str:
    if row["present"]:
        return "出席"
    detail = f"{row['absence_reason']}：{row['note']}" if row["note"] else row["absence_reason"]
    return f"缺席（{detail}）"


def _by_id(rows: list[dict]) -> dict:
    return {row["id"]: (index, row) for index, row in enumerate(rows, start=1)}


def _diff_rows(old: list[dict], new: list[dict], label: str, fields: list[tuple[str, str, Callable]]) -> list[str]:
    lines: list[str] = []
    old_map, new_map = _by_id(old), _by_id(new)
    for row_id, (index, row) in new_map.items():
        if row_id not in old_map:
            lines.append(f"新增{label}第{index}条：{_q(row['text'])}")
            continue
        before = old_map[row_id][1]
        for field, suffix, show in fields:
            if before.get(field) != row.get(field):
                lines.append(f"{label}第{index}条{suffix}：{show(before)} → {show(row)}")
    for row_id, (index, row) in old_map.items():
        if row_id not in new_map:
            lines.append(f"删除{label}（原第{index}条）：{_q(row['text'])}")
    return lines


def _votes(row: dict) -> str:
    return row.get("votes_text") or "未记录表决"


def diff_snapshots(old: dict, new: dict) -> list[str]:
    """What changed from *old* to *new*, one Chinese line per change, in reading order.

    Computed values (status, quorum, later closing of this meeting's items) are not changes
    of this record and are left out.
    """
    lines: list[str] = []
    for field, label in HEADER_LABELS:
        if old.get(field) != new.get(field):
            lines.append(f"{label}：{_q(old.get(field))} → {_q(new.get(field))}")

    old_att = {r["member_id"]: r for r in old["attendance"]["members"]}
    new_att = {r["member_id"]: r for r in new["attendance"]["members"]}
    for member_id, row in new_att.items():
        if member_id not in old_att:
            lines.append(f"应到人员增加：{row['name']}（{_state(row)}）")
        elif _state(old_att[member_id]) != _state(row):
            lines.append(f"出席情况 {row['name']}：{_state(old_att[member_id])} → {_state(row)}")
    for member_id, row in old_att.items():
        if member_id not in new_att:
            lines.append(f"应到人员删除：{row['name']}")

    old_topics, new_topics = old["topics"], new["topics"]
    for index in range(max(len(old_topics), len(new_topics))):
        before = old_topics[index] if index < len(old_topics) else None
        after = new_topics[index] if index < len(new_topics) else None
        if before is None:
            lines.append(f"新增议题第{index + 1}条：{_q(after)}")
        elif after is None:
            lines.append(f"删除议题第{index + 1}条：{_q(before)}")
        elif before != after:
            lines.append(f"议题第{index + 1}条：{_q(before)} → {_q(after)}")

    lines += _diff_rows(old["notes"], new["notes"], "发言记录", [
        ("speaker", "发言人", lambda r: r["speaker"] or "（未填）"),
        ("said_at", "时间", lambda r: r["said_at"] or "（空）"),
        ("text", "", lambda r: _q(r["text"])),
    ])
    lines += _diff_rows(old["decisions"], new["decisions"], "决议", [
        ("text", "", lambda r: _q(r["text"])),
        ("votes_text", "表决", _votes),
    ])
    lines += _diff_rows(old["action_items"], new["action_items"], "待办事项", [
        ("text", "", lambda r: _q(r["text"])),
        ("owner", "责任人", lambda r: r["owner"] or "（未定）"),
        ("due_date", "完成时限", lambda r: r["due_date"] or "（未定）"),
    ])
    for part, label in (("closed", "本次会议办结事项"), ("carried", "本次会议结转事项")):
        old_ids = {r["id"]: r for r in old["followed_up"][part]}
        new_ids = {r["id"]: r for r in new["followed_up"][part]}
        for item_id in sorted(new_ids.keys() - old_ids.keys()):
            lines.append(f"{label}增加：{_q(new_ids[item_id]['text'])}")
        for item_id in sorted(old_ids.keys() - new_ids.keys()):
            lines.append(f"{label}减少：{_q(old_ids[item_id]['text'])}")
    return lines
