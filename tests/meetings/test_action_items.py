import datetime as dt

import pytest

from desktop.meetings import service as S
from desktop.models import ActionItem

from .conftest import DAY, at

DAY2 = DAY + dt.timedelta(days=1)
DAY3 = DAY + dt.timedelta(days=2)


def texts(items):
    return [i.text for i in items]


def test_open_items_are_followed_up_closed_and_carried(people):
    day1 = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    masks = S.add_action_item(day1.id, "协调街道补充N95口罩", owner_id=people.an.id, due=DAY2)
    list_ = S.add_action_item(day1.id, "摸排3号楼独居老人名单", owner_id=people.bai.id, due=DAY3)
    S.finalize(day1.id, now=at(DAY, "08:00"))

    day2 = S.start_meeting(on=DAY2, now=at(DAY2, "07:30"))
    assert texts(S.open_items_before(day2)) == ["协调街道补充N95口罩", "摸排3号楼独居老人名单"]
    assert S.open_items_before(day2)[0].owner.name == "安然"
    S.close_item(masks.id, day2.id)  # closing in day 2 while day 1 is final is fine
    S.carry_forward(list_.id, day2.id)
    S.carry_forward(list_.id, day2.id)  # same meeting again: counted once
    S.add_action_item(day2.id, "东门增设夜间照明", owner_id=people.zhou.id)
    S.finalize(day2.id, now=at(DAY2, "08:00"))

    closed = ActionItem.get_by_id(masks.id)
    assert (closed.status, closed.closed_in_id, closed.closed_on) == (ActionItem.DONE, day2.id, DAY2)
    assert ActionItem.get_by_id(list_.id).carried_count == 1
    assert texts(S.closed_in_meeting(day2)) == ["协调街道补充N95口罩"]
    assert texts(S.carried_into(day2)) == ["摸排3号楼独居老人名单"]

    day3 = S.start_meeting(on=DAY3, now=at(DAY3, "07:30"))
    assert texts(S.open_items_before(day3)) == ["摸排3号楼独居老人名单", "东门增设夜间照明"]
    S.carry_forward(list_.id, day3.id)
    assert ActionItem.get_by_id(list_.id).carried_count == 2
    # Day 2's record keeps what it followed up, with the items' current state.
    followed = S.snapshot(day2)["followed_up"]
    assert [i["text"] for i in followed["closed"]] == ["协调街道补充N95口罩"]
    assert [(i["text"], i["carried_count"]) for i in followed["carried"]] == [("摸排3号楼独居老人名单", 2)]


def test_same_day_order_and_own_meeting_rules(people):
    morning = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    item = S.add_action_item(morning.id, "早会事项")
    evening = S.start_meeting("党课", on=DAY, now=at(DAY, "19:00"))
    assert texts(S.open_items_before(evening)) == ["早会事项"]  # same day, later meeting
    assert S.open_items_before(morning) == []
    with pytest.raises(S.MeetingError, match="之后的会议"):
        S.carry_forward(item.id, morning.id)
    S.close_item(item.id, morning.id, status=ActionItem.CANCELLED)  # settled in its own meeting
    assert S.open_items_before(evening) == []
    with pytest.raises(S.MeetingError, match="已是“已取消”"):
        S.close_item(item.id, evening.id)
    with pytest.raises(S.MeetingError, match="办结状态"):
        S.close_item(item.id, evening.id, status="随便")


def test_reopen_and_delete_undo_the_follow_up(people):
    day1 = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    item = S.add_action_item(day1.id, "补充体温枪电池", owner_id=people.chen.id)
    other = S.add_action_item(day1.id, "更新值班表")
    day2 = S.start_meeting(on=DAY2, now=at(DAY2, "07:30"))
    S.close_item(item.id, day2.id)
    S.carry_forward(other.id, day2.id)
    S.reopen_item(item.id)
    assert ActionItem.get_by_id(item.id).status == ActionItem.OPEN
    S.close_item(item.id, day2.id)
    S.finalize(day2.id, now=at(DAY2, "08:00"))
    with pytest.raises(S.MeetingLocked):
        S.reopen_item(item.id)  # day 2 is final: reopening is a correction of day 2
    S.correct(day2.id, "体温枪电池实际未到位", lambda: S.reopen_item(item.id))
    assert ActionItem.get_by_id(item.id).status == ActionItem.OPEN

    day3 = S.start_meeting(on=DAY3, now=at(DAY3, "07:30"))
    S.close_item(item.id, day3.id)
    S.carry_forward(other.id, day3.id)
    S.undo_carry(other.id, day3.id)
    S.carry_forward(other.id, day3.id)
    assert ActionItem.get_by_id(other.id).carried_count == 2
    S.delete_meeting(day3.id)  # started by mistake: what it did is undone
    assert ActionItem.get_by_id(item.id).status == ActionItem.OPEN
    assert ActionItem.get_by_id(other.id).carried_count == 1


def test_items_need_text_and_a_sensible_due_date(people):
    meeting = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    with pytest.raises(S.MeetingError, match="不能为空"):
        S.add_action_item(meeting.id, " \n ")
    with pytest.raises(S.MeetingError, match="不能早于会议日期"):
        S.add_action_item(meeting.id, "事项", due=DAY - dt.timedelta(days=1))
    item = S.add_action_item(meeting.id, "事项", due="2022-11-25")
    assert item.due_date == dt.date(2022, 11, 25)
    S.update_action_item(item.id, owner=people.guo.id, due=None, text="事项（已细化）")
    again = S.action_items(meeting)[0]
    assert (again.owner.name, again.due_date, again.text) == ("郭峰", None, "事项（已细化）")
    with pytest.raises(TypeError):
        S.update_action_item(item.id, status=ActionItem.DONE)
