"""peewee models, database setup and schema migrations. No Qt here."""
from .branch import Branch
from .db import BaseModel, close, db
from .diary import DiaryEntry, DiaryEntryTag, DiaryFigure, DiaryPhoto, DiaryTag
from .draft import Draft
from .duty import (
    DutyAssignment,
    DutyPreference,
    Handover,
    HandoverPerson,
    Post,
    Setting,
    ShiftDefinition,
    ShiftPattern,
    Unavailability,
)
from .meeting import (
    ActionItem,
    ActionItemCarry,
    Meeting,
    MeetingAttendance,
    MeetingDecision,
    MeetingNote,
    MeetingRevision,
    MeetingTopic,
    MeetingType,
)
from .member import Member, Team
from .migrations import LATEST, SchemaTooNew, migrate, schema_version
from .removed_record import RemovedRecord
from .report_note import ReportNote
from .store import open_store

__all__ = [
    "RemovedRecord", "ReportNote",
    "DiaryEntry", "DiaryEntryTag", "DiaryFigure", "DiaryPhoto", "DiaryTag",
    "DutyAssignment", "DutyPreference", "Handover", "HandoverPerson", "Post", "Setting",
    "ShiftDefinition", "ShiftPattern", "Unavailability",
    "ActionItem", "ActionItemCarry", "Meeting", "MeetingAttendance", "MeetingDecision", "MeetingNote",
    "MeetingRevision", "MeetingTopic", "MeetingType",
    "BaseModel", "Branch", "Draft", "LATEST", "Member", "SchemaTooNew", "Team",
    "close", "db", "migrate", "open_store", "schema_version",
]
