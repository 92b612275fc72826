import datetime as dt
import json

import pytest

from desktop.meetings import service as S
from desktop.models import Meeting, MeetingNote, MeetingRevision

from .conftest import DAY, at


def names(members):
    return [m.name for m in members]


def test_a_whole_meeting_from_start_to_correction(people):
    meeting = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    assert meeting.title == "11月22日每日例会"
    assert (meeting.start_time, meeting.host.name, meeting.recorder.name) == ("07:30", "周明", "安然")
    summary = S.attendance_summary(meeting)
    # 何静 left on 11-21, so is not expected; everyone else is present by default.
    assert names(summary.expected) == ["安然", "白云", "陈晨", "丁宁", "方圆", "郭峰", "周明"]
    assert summary.present == summary.expected and summary.absent == []

    S.set_absent(meeting.id, people.chen.id, "值班")
    S.set_absent(meeting.id, people.ding.id, "病假", "发热就医")
    summary = S.attendance_summary(meeting)
    assert (summary.expected_count, summary.present_count) == (7, 5)
    assert [(m.name, r, n) for m, r, n in summary.absent] == [("陈晨", "值班", ""), ("丁宁", "病假", "发热就医")]
    assert summary.text() == "应到 7 人，实到 5 人，缺席 2 人：陈晨（值班）、丁宁（病假：发热就医）。"

    first = S.add_note(meeting.id, "今天降温，各卡口注意保暖，按时交接班", speaker_id=people.zhou.id, at="07:31:05")
    second = S.add_note(meeting.id, "东门卡口晚高峰车辆多，建议增派一人", speaker_id=people.bai.id)
    third = S.add_note(meeting.id, "3号楼有两户老人需要代买药品", speaker_name="社区网格员")
    assert [n.position for n in (first, second, third)] == [1, 2, 3]
    assert first.said_at == "07:31:05" and len(second.said_at) == 8
    decision = S.note_to_decision(second.id)
    item = S.note_to_action(third.id, owner_id=people.an.id, due=DAY + dt.timedelta(days=1))
    assert S.note_to_decision(second.id).id == decision.id  # a double click makes no duplicate
    assert decision.text == second.text and item.text == third.text and item.owner_id == people.an.id
    assert MeetingNote.select().count() == 3  # the lines stay: they record who said it

    S.finalize(meeting.id, now=at(DAY, "08:05"))
    final = Meeting.get_by_id(meeting.id)
    assert final.is_final and final.end_time == "08:05" and final.finalized_at == at(DAY, "08:05")

    for change in (
        lambda: S.update_meeting(meeting.id, place="物业二楼会议室"),
        lambda: S.add_note(meeting.id, "补一句"),
        lambda: S.update_note(first.id, text="改"),
        lambda: S.set_present(meeting.id, people.chen.id),
        lambda: S.update_decision(decision.id, text="改"),
        lambda: S.add_action_item(meeting.id, "新事项"),
        lambda: S.set_topics(meeting.id, ["议题"]),
    ):
        with pytest.raises(S.MeetingLocked, match="已定稿，修改须填写更正原因"):
            change()

    with pytest.raises(S.MeetingError, match="更正原因"):
        S.correct(meeting.id, "  ", lambda: S.set_present(meeting.id, people.chen.id))

    def fix():
        S.update_decision(decision.id, text="东门卡口晚高峰增派一人值守")
        S.set_present(meeting.id, people.chen.id)

    revision = S.correct(meeting.id, "陈晨当天换班后参会，记录人误记为缺席", fix)
    assert Meeting.get_by_id(meeting.id).is_final
    earlier = S.revision_snapshot(revision)
    assert earlier["decisions"][0]["text"] == "东门卡口晚高峰车辆多，建议增派一人"
    assert [r["name"] for r in earlier["attendance"]["members"] if not r["present"]] == ["陈晨", "丁宁"]
    assert S.snapshot(meeting)["decisions"][0]["text"] == "东门卡口晚高峰增派一人值守"
    [entry] = S.history(meeting.id)
    assert entry.reason == "陈晨当天换班后参会，记录人误记为缺席"
    assert entry.changes == [
        "出席情况 陈晨：缺席（值班） → 出席",
        "决议第1条：‘东门卡口晚高峰车辆多，建议增派一人’ → ‘东门卡口晚高峰增派一人值守’",
    ]
    # The lock is back on after the correction.
    with pytest.raises(S.MeetingLocked):
        S.update_meeting(meeting.id, place="别处")


def test_a_failed_or_empty_correction_leaves_no_trace(people):
    meeting = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    note = S.add_note(meeting.id, "原话", speaker_id=people.zhou.id)
    S.finalize(meeting.id, now=at(DAY, "08:00"))

    def half_then_fail():
        S.update_note(note.id, text="改过的话")
        S.update_meeting(meeting.id, end_time="07:00")  # before the start: refused

    with pytest.raises(S.MeetingError, match="须晚于开始时间"):
        S.correct(meeting.id, "笔误", half_then_fail)
    assert MeetingNote.get_by_id(note.id).text == "原话"
    with pytest.raises(S.MeetingError, match="没有需要更正的内容"):
        S.correct(meeting.id, "笔误", lambda: None)
    assert MeetingRevision.select().count() == 0

    draft = S.start_meeting(on=DAY, now=at(DAY, "18:00"))
    with pytest.raises(S.MeetingError, match="尚未定稿"):
        S.correct(draft.id, "原因", lambda: None)


def test_two_corrections_read_as_history_newest_first(people):
    meeting = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    S.update_meeting(meeting.id, place="西门岗亭")
    S.finalize(meeting.id, now=at(DAY, "08:00"))
    S.correct(meeting.id, "地点记错", lambda: S.update_meeting(meeting.id, place="东门岗亭"))
    S.correct(meeting.id, "结束时间记错", lambda: S.update_meeting(meeting.id, end_time="08:10"))
    assert [r.reason for r in S.revisions(meeting.id)] == ["结束时间记错", "地点记错"]
    assert [e.changes for e in S.history(meeting.id)] == [
        ["结束时间：‘08:00’ → ‘08:10’"],
        ["会议地点：‘西门岗亭’ → ‘东门岗亭’"],
    ]
    assert [c["reason"] for c in S.snapshot(meeting)["corrections"]] == ["地点记错", "结束时间记错"]
    json.dumps(S.snapshot(meeting))  # the snapshot is plain JSON


def test_start_from_a_template_copies_the_plan_not_the_record(people):
    template = S.start_meeting("支部委员会", on=DAY, now=at(DAY, "19:00"))
    S.update_meeting(template.id, title="11月22日支部委员会（扩大）", place="社区党群服务中心",
                     host=people.bai.id, study_content="学习街道防控工作通知", guests="社区书记")
    S.set_topics(template.id, ["研究卡口人员调整", "", "讨论物资保障"])
    S.set_absent(template.id, people.an.id, "公差")
    note = S.add_note(template.id, "建议东门加一班", speaker_id=people.zhou.id)
    S.note_to_decision(note.id)
    S.add_action_item(template.id, "联系物业", owner_id=people.an.id)
    S.finalize(template.id, now=at(DAY, "20:00"))

    later = DAY + dt.timedelta(days=7)
    copy = S.start_meeting(on=later, now=at(later, "19:05"), template_id=template.id)
    assert copy.meeting_type.name == "支部委员会"
    assert copy.title == "11月29日支部委员会（扩大）"
    assert (copy.place, copy.host.name, copy.recorder.name) == ("社区党群服务中心", "白云", "安然")
    assert copy.study_content == "学习街道防控工作通知"
    assert [t.text for t in S.topics(copy)] == ["研究卡口人员调整", "讨论物资保障"]
    assert S.notes(copy) == [] and S.decisions(copy) == [] and S.action_items(copy) == []
    assert copy.guests == "" and not copy.is_final and copy.start_time == "19:05"
    summary = S.attendance_summary(copy)
    assert names(summary.expected) == ["安然", "白云", "周明"] and summary.absent == []


def test_place_defaults_to_the_last_meeting_of_the_same_type(people):
    first = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    assert first.place == ""
    S.update_meeting(first.id, place="物业服务中心二楼")
    party = S.start_meeting("党课", on=DAY, now=at(DAY, "19:00"))
    assert party.place == ""
    tomorrow = DAY + dt.timedelta(days=1)
    assert S.start_meeting(on=tomorrow, now=at(tomorrow, "07:30")).place == "物业服务中心二楼"
    with pytest.raises(S.MeetingError, match="没有名为"):
        S.start_meeting("不存在的会", on=DAY, now=at(DAY, "07:30"))


def test_todays_meeting_reopens_instead_of_duplicating(people):
    assert S.todays_meeting("每日例会", DAY) is None
    done = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    S.finalize(done.id, now=at(DAY, "08:00"))
    assert S.todays_meeting("每日例会", DAY).id == done.id
    extra = S.start_meeting(on=DAY, now=at(DAY, "18:00"))
    assert S.todays_meeting("每日例会", DAY).id == extra.id  # in progress wins
    assert S.todays_meeting("每日例会", DAY + dt.timedelta(days=1)) is None
    assert S.todays_meeting("党课", DAY) is None


def test_expected_members_follow_arrival_and_departure(people):
    def on(day, kind=None):
        return names(S.expected_members(dt.date(2022, 11, day), kind))

    assert "郭峰" not in on(19) and "郭峰" in on(20)  # arrives 11-20
    assert "何静" in on(20) and "何静" not in on(21)  # departs 11-21
    assert on(22) == ["安然", "白云", "陈晨", "丁宁", "方圆", "郭峰", "周明"]
    assert on(22, "支部党员大会") == ["安然", "白云", "陈晨", "丁宁", "郭峰", "周明"]
    assert on(22, "支部委员会") == ["安然", "白云", "周明"]
    assert on(20, "每日例会") == on(20)


def test_header_validation(people):
    meeting = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    assert S.update_meeting(meeting.id, end_time="8：05").end_time == "08:05"
    for bad in ("25:00", "7.30", "abc"):
        with pytest.raises(S.MeetingError, match="不是有效的时间"):
            S.update_meeting(meeting.id, start_time=bad)
    with pytest.raises(S.MeetingError, match="须晚于开始时间"):
        S.update_meeting(meeting.id, start_time="09:00", place="不会保存")
    again = Meeting.get_by_id(meeting.id)
    assert (again.start_time, again.place) == ("07:30", "")
    with pytest.raises(S.MeetingError, match="标题不能为空"):
        S.update_meeting(meeting.id, title="  ")
    with pytest.raises(S.MeetingError, match="换行"):
        S.update_meeting(meeting.id, place="一楼\n二楼")
    with pytest.raises(TypeError):
        S.update_meeting(meeting.id, status="已定稿")

    # A planned meeting may be dated ahead, but only while nothing has been said in it.
    planned = S.update_meeting(meeting.id, date=DAY + dt.timedelta(days=3), today=DAY)
    assert planned.date == DAY + dt.timedelta(days=3)
    future = dt.date.today() + dt.timedelta(days=2)
    S.update_meeting(meeting.id, date=future)
    with pytest.raises(S.MeetingError, match="尚未召开"):
        S.add_note(meeting.id, "提前记录")
    with pytest.raises(S.MeetingError, match="尚未召开"):
        S.finalize(meeting.id)
    S.update_meeting(meeting.id, date=DAY)
    S.add_note(meeting.id, "正式发言")
    with pytest.raises(S.MeetingError, match="日期不能晚于今天"):
        S.update_meeting(meeting.id, date=future)


def test_finalize_needs_attendance_and_no_pending_line(people):
    meeting = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    S.save_pending_line(meeting.id, "张书记说：明天")
    with pytest.raises(S.MeetingError, match="未提交的发言记录"):
        S.finalize(meeting.id, now=at(DAY, "08:00"))
    S.clear_pending_line(meeting.id)
    for member in S.expected_members(DAY):
        S.remove_expected(meeting.id, member.id)
    with pytest.raises(S.MeetingError, match="没有应到人员"):
        S.finalize(meeting.id, now=at(DAY, "08:00"))
    S.add_expected(meeting.id, people.zhou.id)
    S.add_expected(meeting.id, people.zhou.id)  # twice is still one row
    assert S.attendance_summary(meeting).expected_count == 1
    # Finalized the next day: the end time is not guessed from the clock.
    S.finalize(meeting.id, now=at(DAY + dt.timedelta(days=1), "09:00"))
    assert Meeting.get_by_id(meeting.id).end_time == ""
    S.finalize(meeting.id)  # again: nothing changes
    with pytest.raises(S.MeetingLocked):
        S.delete_meeting(meeting.id)


def test_pending_line_survives_and_is_per_meeting(people):
    one = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    two = S.start_meeting("党课", on=DAY, now=at(DAY, "19:00"))
    assert S.load_pending_line(one.id) == ""
    S.save_pending_line(one.id, "白云：东门")
    S.save_pending_line(one.id, "白云：东门卡口晚高峰")
    S.save_pending_line(two.id, "党课第二部分")
    assert S.load_pending_line(one.id) == "白云：东门卡口晚高峰"
    assert S.load_pending_line(two.id) == "党课第二部分"
    S.clear_pending_line(one.id)
    assert S.load_pending_line(one.id) == "" and S.load_pending_line(two.id) == "党课第二部分"
    S.save_pending_line(two.id, "   ")  # an emptied box clears it
    assert S.load_pending_line(two.id) == ""


def test_absence_reasons_and_votes_are_checked(people):
    meeting = S.start_meeting("支部党员大会", on=DAY, now=at(DAY, "19:00"))
    with pytest.raises(S.MeetingError, match="缺席原因"):
        S.set_absent(meeting.id, people.chen.id, "睡过头")
    with pytest.raises(S.MeetingError, match="请填写说明"):
        S.set_absent(meeting.id, people.chen.id, "其他")
    # Present: 安然 白云 陈晨 郭峰 周明 (full members) and 丁宁 (预备党员, no vote).
    with pytest.raises(S.MeetingError, match="超过实到有表决权的正式党员 5 人"):
        S.add_decision(meeting.id, "同意", votes_for=5, votes_abstain=1)
    with pytest.raises(S.MeetingError, match="不能为负数"):
        S.add_decision(meeting.id, "同意", votes_for=-1)
    decision = S.add_decision(meeting.id, "同意推荐", votes_for=4, votes_against=0, votes_abstain="1")
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (4, 0, 1)
    assert S.votes_text(decision) == "同意 4 票、反对 0 票、弃权 1 票"
    S.set_absent(meeting.id, people.guo.id, "值班")
    with pytest.raises(S.MeetingError, match="4 人"):
        S.update_decision(decision.id, votes_for=5)
    S.update_decision(decision.id, text="同意推荐周明同志")  # a text fix is not re-tallied
    assert S.decisions(meeting)[0].votes_for == 4


def test_meeting_types_are_editable_but_used_ones_are_kept(people):
    added = S.add_meeting_type("防汛专题会")
    assert S.meeting_types()[-1].name == "防汛专题会"
    with pytest.raises(S.MeetingError, match="已有名为"):
        S.add_meeting_type(" 每日例会 ")
    S.rename_meeting_type(added.id, "防汛调度会")
    S.start_meeting("防汛调度会", on=DAY, now=at(DAY, "10:00"))
    with pytest.raises(S.MeetingError, match="只能停用"):
        S.delete_meeting_type(added.id)
    S.set_meeting_type_active(added.id, False)
    assert "防汛调度会" not in names(S.meeting_types())
    assert "防汛调度会" in names(S.meeting_types(include_inactive=True))
    spare = S.add_meeting_type("临时会")
    S.delete_meeting_type(spare.id)
    assert "临时会" not in names(S.meeting_types(include_inactive=True))
