"""The hub's own tables (汇总台): every branch it has heard from and the newest snapshot of each.

These models are bound to their own proxy, ``hub_db``, never to the branch database's: a hub is
a different database (a SQLite file or a PostgreSQL server) that may be open beside a branch.
Every column type here is one both SQLite and PostgreSQL know; what a person typed is TEXT
(SQLite never enforced a length on the branch's VARCHAR columns, PostgreSQL would). Snapshot rows carry the branch's
uid (``branch_uid``) and the branch's own integer ids (``source_id``, ``member_id`` …), so one
branch's rows are replaced together and never mix with another branch's.
"""
from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    IntegerField,
    Model,
    TextField,
)

hub_db = DatabaseProxy()

# Raised when the hub's tables change; open_hub refuses a hub made by a newer program.
HUB_SCHEMA_VERSION = 1


class HubModel(Model):
    class Meta:
        database = hub_db
        legacy_table_names = False


class HubSetting(HubModel):
    """schema_version, the hub's public receiving key, when it was made."""

    key = CharField(primary_key=True)
    value = TextField(default="")

    class Meta:
        table_name = "hub_setting"


class HubBranch(HubModel):
    """One branch the hub has imported from: its identity, its key and its newest package."""

    id = AutoField()
    uid = CharField(unique=True)
    name = TextField(default="")
    community = TextField(default="")
    compound = TextField(default="")
    subdistrict = TextField(default="")
    approving_org = TextField(default="")
    org_code = TextField(default="")
    signer_key = CharField()  # base64 raw Ed25519 public key of the first package: later ones must match
    last_sequence = IntegerField()
    last_digest = CharField()
    last_created_at = DateTimeField(null=True)  # when the branch made its newest package
    last_imported_at = DateTimeField()
    period_from = DateField(null=True)
    period_to = DateField(null=True)
    personal = CharField(default="")  # "sealed": phones and ID numbers present; "omitted": left out
    member_count = IntegerField(default=0)  # on the roster, departed included
    meeting_count = IntegerField(default=0)
    duty_count = IntegerField(default=0)  # duty assignments (person-shifts)
    handover_count = IntegerField(default=0)
    diary_count = IntegerField(default=0)
    counts = TextField(default="{}")  # the manifest's record counts, JSON

    class Meta:
        table_name = "hub_branch"


class HubPackage(HubModel):
    """Every package that was imported (not the refused or ignored ones): who sent what, when."""

    id = AutoField()
    branch_uid = CharField(index=True)
    sequence = IntegerField()
    digest = CharField(unique=True)
    file_name = TextField(default="")
    created_at = DateTimeField(null=True)
    imported_at = DateTimeField()
    period_from = DateField(null=True)
    period_to = DateField(null=True)

    class Meta:
        table_name = "hub_package"


class HubMember(HubModel):
    """A cadre on a branch's roster; phone and ID number only when sealed to this hub."""

    id = AutoField()
    branch_uid = CharField(index=True)
    source_id = IntegerField()
    name = TextField()
    gender = TextField(default="")
    birth_date = TextField(default="")
    political_status = TextField(default="")
    unit = TextField(default="", index=True)  # 派出单位: the cadre's home unit
    unit_post = TextField(default="")
    home_org = TextField(default="")
    branch_role = TextField(default="")
    team = TextField(default="")
    phone = TextField(null=True)
    id_number = TextField(null=True, index=True)
    arrived_on = DateField(null=True)
    departed_on = DateField(null=True)

    class Meta:
        table_name = "hub_member"
        indexes = ((("branch_uid", "source_id"), True),)


class HubMeeting(HubModel):
    """One meeting with its attendance counted (应到 / 实到)."""

    id = AutoField()
    branch_uid = CharField(index=True)
    source_id = IntegerField()
    meeting_type = TextField(default="")
    title = TextField(default="")
    date = DateField(index=True)
    status = TextField(default="")
    expected = IntegerField(default=0)
    present = IntegerField(default=0)
    decisions = IntegerField(default=0)

    class Meta:
        table_name = "hub_meeting"
        indexes = ((("branch_uid", "source_id"), True),)


class HubAttendance(HubModel):
    """One expected attendee of one meeting: how many meetings each cadre attended."""

    id = AutoField()
    branch_uid = CharField(index=True)
    meeting_id = IntegerField()  # the branch's meeting id (HubMeeting.source_id)
    member_id = IntegerField()  # the branch's member id (HubMember.source_id)
    present = BooleanField(default=True)
    absence_reason = TextField(default="")

    class Meta:
        table_name = "hub_attendance"
        # The 干部 page counts attendance per meeting of a period: looked up by meeting, not
        # by scanning the branch's rows (1.26 s → see the bench for 900 cadres on SQLite).
        indexes = ((("branch_uid", "meeting_id"), False),)


class HubDuty(HubModel):
    """One person on one shift: shifts and nights per cadre, per period."""

    id = AutoField()
    branch_uid = CharField(index=True)
    date = DateField(index=True)
    post = TextField(default="")
    shift = TextField(default="")
    is_night = BooleanField(default=False)
    member_id = IntegerField()

    class Meta:
        table_name = "hub_duty"


class HubHandover(HubModel):
    """The figures of one shift's handover (交接班记录)."""

    id = AutoField()
    branch_uid = CharField(index=True)
    date = DateField(index=True)
    post = TextField(default="")
    shift = TextField(default="")
    people_checked = IntegerField(default=0)
    vehicles_checked = IntegerField(default=0)
    fever_cases = IntegerField(default=0)
    no_code_cases = IntegerField(default=0)
    other_abnormal = IntegerField(default=0)
    events = TextField(default="")

    class Meta:
        table_name = "hub_handover"


class HubDiary(HubModel):
    """One 包保日记 entry (text only; photos stay with the branch)."""

    id = AutoField()
    branch_uid = CharField(index=True)
    source_id = IntegerField()
    member_id = IntegerField()
    date = DateField(index=True)
    text = TextField(default="")

    class Meta:
        table_name = "hub_diary"


class HubReportNote(HubModel):
    """Text the secretary wrote for a report, the cadres' assessments (评价) among them."""

    id = AutoField()
    branch_uid = CharField(index=True)
    kind = TextField(default="")
    member_id = IntegerField(null=True)
    period_from = DateField(null=True)
    period_to = DateField(null=True)
    section = TextField(default="")
    text = TextField(default="")

    class Meta:
        table_name = "hub_report_note"


# Replaced together, per branch, on every import.
SNAPSHOT_MODELS = [HubMember, HubMeeting, HubAttendance, HubDuty, HubHandover, HubDiary, HubReportNote]
HUB_MODELS = [HubSetting, HubBranch, HubPackage, *SNAPSHOT_MODELS]
