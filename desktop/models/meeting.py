"""Meeting records: the daily meeting before shift handover and the branch's 三会一课."""
from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from .db import BaseModel, now_seconds
from .member import Member


class MeetingType(BaseModel):
    """The editable list of meeting kinds (每日例会, 支部党员大会 ...)."""

    id = AutoField()
    name = CharField(unique=True)
    sort_order = IntegerField(default=0)
    active = BooleanField(default=True)

    class Meta:
        table_name = "meeting_type"


class Meeting(BaseModel):
    """One meeting. Times are 'HH:MM'. A finalized meeting is locked; corrections
    go through MeetingRevision."""

    DRAFT = "进行中"
    FINAL = "已定稿"

    id = AutoField()
    meeting_type = ForeignKeyField(MeetingType, backref="meetings", on_delete="RESTRICT")
    title = CharField(default="")
    date = DateField(index=True)
    start_time = CharField(default="")
    end_time = CharField(default="")
    place = CharField(default="")
    host = ForeignKeyField(Member, null=True, backref="meetings_hosted", on_delete="RESTRICT")
    recorder = ForeignKeyField(Member, null=True, backref="meetings_recorded", on_delete="RESTRICT")
    guests = TextField(default="")  # 列席: non-members, one per line
    study_content = TextField(default="")
    problems = TextField(default="")  # 问题与短板
    status = CharField(default=DRAFT)
    finalized_at = DateTimeField(null=True)
    created_at = DateTimeField(default=now_seconds)
    updated_at = DateTimeField(default=now_seconds)

    class Meta:
        table_name = "meeting"

    @property
    def is_final(self) -> bool:
        return self.status == self.FINAL


class MeetingAttendance(BaseModel):
    """One expected attendee (应到): present, or absent with a reason."""

    id = AutoField()
    meeting = ForeignKeyField(Meeting, backref="attendance", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="attendance", on_delete="RESTRICT")
    present = BooleanField(default=True)
    absence_reason = CharField(default="")  # 值班 / 请假 / 病假 / 公差 / 其他
    note = CharField(default="")

    class Meta:
        table_name = "meeting_attendance"
        indexes = ((("meeting", "member"), True),)


class MeetingTopic(BaseModel):
    """议题, in order."""

    id = AutoField()
    meeting = ForeignKeyField(Meeting, backref="topics", on_delete="CASCADE")
    position = IntegerField(default=0)
    text = TextField(default="")

    class Meta:
        table_name = "meeting_topic"


class MeetingNote(BaseModel):
    """One line of 发言记录, time-stamped, optionally with its speaker."""

    id = AutoField()
    meeting = ForeignKeyField(Meeting, backref="notes", on_delete="CASCADE")
    position = IntegerField(default=0)
    said_at = CharField(default="")  # 'HH:MM:SS' when the line was entered
    speaker = ForeignKeyField(Member, null=True, backref="meeting_notes", on_delete="RESTRICT")
    speaker_name = CharField(default="")  # a guest who is not on the roster
    text = TextField(default="")

    class Meta:
        table_name = "meeting_note"


class MeetingDecision(BaseModel):
    """决议, with vote counts where a vote was taken."""

    id = AutoField()
    meeting = ForeignKeyField(Meeting, backref="decisions", on_delete="CASCADE")
    position = IntegerField(default=0)
    text = TextField(default="")
    votes_for = IntegerField(null=True)
    votes_against = IntegerField(null=True)
    votes_abstain = IntegerField(null=True)

    class Meta:
        table_name = "meeting_decision"


class ActionItem(BaseModel):
    """待办 raised in a meeting; open ones are carried into later meetings until closed."""

    OPEN = "未完成"
    DONE = "已完成"
    CANCELLED = "已取消"

    id = AutoField()
    meeting = ForeignKeyField(Meeting, backref="action_items", on_delete="CASCADE")
    position = IntegerField(default=0)
    text = TextField(default="")
    owner = ForeignKeyField(Member, null=True, backref="action_items", on_delete="RESTRICT")
    due_date = DateField(null=True)
    status = CharField(default=OPEN, index=True)
    closed_in = ForeignKeyField(Meeting, null=True, backref="closed_items", on_delete="SET NULL")
    closed_on = DateField(null=True)
    carried_count = IntegerField(default=0)  # how many later meetings carried it forward

    class Meta:
        table_name = "action_item"


class ActionItemCarry(BaseModel):
    """A later meeting that reviewed an open item and carried it forward."""

    id = AutoField()
    item = ForeignKeyField(ActionItem, backref="carries", on_delete="CASCADE")
    meeting = ForeignKeyField(Meeting, backref="carried_items", on_delete="CASCADE")

    class Meta:
        table_name = "action_item_carry"
        indexes = ((("item", "meeting"), True),)


class MeetingRevision(BaseModel):
    """The earlier version of a finalized meeting, kept when it is corrected."""

    id = AutoField()
    meeting = ForeignKeyField(Meeting, backref="revisions", on_delete="CASCADE")
    revised_at = DateTimeField(default=now_seconds)
    reason = TextField()
    snapshot = TextField()  # JSON of the meeting as it was before the correction

    class Meta:
        table_name = "meeting_revision"


MEETING_MODELS = [
    MeetingType, Meeting, MeetingAttendance, MeetingTopic, MeetingNote, MeetingDecision,
    ActionItem, ActionItemCarry, MeetingRevision,
]
