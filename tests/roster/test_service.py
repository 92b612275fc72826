import datetime as dt

import pytest
from peewee import ForeignKeyField

from desktop.models import BaseModel, Member, db
from desktop.roster import service

TODAY = dt.date(2022, 4, 20)


def add(name, **extra):
    values = {"name": name, "political_status": "中共党员", "arrived_on": dt.date(2022, 4, 13), **extra}
    return service.save_member(values, today=TODAY)


def test_save_creates_team_and_pinyin_order():
    add("周明", team="第二小分队")
    add("安然", team="第一小分队")
    add("白云", team="第二小分队")
    assert [m.name for m in service.list_members()] == ["安然", "白云", "周明"]
    assert [t.name for t in service.teams()] == ["第二小分队", "第一小分队"]


def test_invalid_member_is_not_saved():
    with pytest.raises(service.ValidationFailed) as failure:
        add("甲", phone="12345")
    assert failure.value.problems[0].field == "phone"
    assert Member.select().count() == 0


def test_departure_keeps_the_record():
    member = add("甲")
    service.mark_departed(member.id, dt.date(2022, 4, 18), today=TODAY)
    again = Member.get_by_id(member.id)
    assert again.departed and again.departed_on == dt.date(2022, 4, 18)
    with pytest.raises(service.ValidationFailed):
        service.mark_departed(member.id, dt.date(2022, 4, 1), today=TODAY)
    service.cancel_departure(member.id)
    assert not Member.get_by_id(member.id).departed


def test_delete_and_undo_restore_the_same_member():
    member = add("甲", team="第一小分队", phone="13912345678", notes="多行\n备注")
    before = service.member_values(member)
    snapshot = service.delete_member(member.id)
    assert Member.select().count() == 0
    restored = service.restore_member(snapshot)
    assert restored.id == member.id
    assert service.member_values(restored) == before


def test_member_with_history_cannot_be_deleted():
    class DutyRecord(BaseModel):
        member = ForeignKeyField(Member, backref="duty_records")

    db.create_tables([DutyRecord])
    try:
        member = add("甲")
        DutyRecord.create(member=member)
        assert service.history_count(member) == 1
        with pytest.raises(service.HasHistory, match="只能标记为撤离"):
            service.delete_member(member.id)
        assert Member.select().count() == 1
    finally:
        DutyRecord._meta.remove_ref(DutyRecord.member)
        db.drop_tables([DutyRecord])


def test_one_secretary_at_a_time():
    first = add("甲", branch_role="书记")
    second = add("乙", branch_role="书记")
    assert Member.get_by_id(first.id).branch_role == "党员"
    assert service.secretary().id == second.id


def test_committee_needs_party_members():
    member = add("甲")
    volunteer = add("乙", political_status="群众", branch_role="志愿者")
    service.set_committee({member.id: "书记"})
    assert [m.name for m in service.committee()] == ["甲"]
    with pytest.raises(service.ValidationFailed, match="不是中共党员"):
        service.set_committee({volunteer.id: "组织委员"})
    service.set_committee({member.id: ""})
    assert Member.get_by_id(member.id).branch_role == "党员"
    assert service.committee() == []


def test_undo_refused_when_the_id_came_back():
    member = add("甲")
    snapshot = service.delete_member(member.id)
    Member.insert(id=member.id, name="甲", name_pinyin="jia3").execute()  # e.g. a restored backup
    with pytest.raises(service.RestoreConflict, match="无法撤销"):
        service.restore_member(snapshot)
    assert Member.select().count() == 1
