import datetime as dt

import pytest

from desktop.meetings import service as S
from desktop.meetings.search import MeetingBrief, like_pattern
from desktop.models import (
    Meeting,
    MeetingAttendance,
    MeetingDecision,
    MeetingNote,
    MeetingTopic,
    MeetingType,
    db,
)

from .conftest import DAY, add_member, at


@pytest.fixture
def records(people):
    """Four meetings, each with one distinctive thing in one place."""
    day = [DAY + dt.timedelta(days=i) for i in range(4)]
    m = [S.start_meeting(on=d, now=at(d, "07:30")) for d in day[:3]]
    m.append(S.start_meeting("党课", on=day[3], now=at(day[3], "19:00")))
    S.add_note(m[0].id, "东门卡口晚高峰车辆多，建议增派一人", speaker_id=people.bai.id)
    S.add_note(m[0].id, "核酸采样点完成率100%", speaker_name="社区网格员")
    S.set_topics(m[1].id, ["班前动员", "疫情防控政策学习"])
    S.add_decision(m[1].id, "采样点_临时_改到北门")
    S.add_action_item(m[1].id, "更新 Excel 台账 C:\\台账\\11月.xlsx", owner_id=people.guo.id)
    S.update_meeting(m[2].id, place="物业服务中心", guests="O'Brien 志愿者\n\"老赵\"")
    S.set_absent(m[2].id, people.chen.id, "请假", "孩子发热")
    S.update_meeting(m[3].id, study_content="学习《中国共产党章程》")
    return m


def ids(found):
    return [meeting.id for meeting in found]


def test_chinese_queries_of_one_two_and_more_characters(records):
    m = records
    assert ids(S.search_meetings("晚")) == [m[0].id]
    assert ids(S.search_meetings("北门")) == [m[1].id]
    assert ids(S.search_meetings("疫情防控政策")) == [m[1].id]
    assert ids(S.search_meetings("章程")) == [m[3].id]
    assert ids(S.search_meetings("物业")) == [m[2].id]
    assert ids(S.search_meetings("孩子发热")) == [m[2].id]
    assert ids(S.search_meetings("党课")) == [m[3].id]  # the type's name
    assert ids(S.search_meetings("")) == [m[3].id, m[2].id, m[1].id, m[0].id]  # newest first
    assert S.search_meetings("没有这句话") == []


def test_names_found_wherever_they_appear(records, people):
    m = records
    # 白云 only spoke in meeting 0, yet is expected everywhere: search hits all four.
    assert set(ids(S.search_meetings("白云"))) == {x.id for x in m}
    # 何静 left on 11-21: on no attendance list; name a speaker only.
    S.add_note(m[1].id, "交接情况说明", speaker_id=people.he.id)
    assert ids(S.search_meetings("何静")) == [m[1].id]
    # A guest's typed name.
    assert ids(S.search_meetings("网格员")) == [m[0].id]
    # A member who is on one list only, as an absentee.
    loner = add_member("欧阳小雨", arrived=DAY + dt.timedelta(days=30))
    S.set_absent(m[2].id, loner.id, "病假")
    assert ids(S.search_meetings("小雨")) == [m[2].id]
    assert ids(S.search_meetings("郭峰")) == ids(S.search_meetings("郭"))
    assert m[1].id in ids(S.search_meetings("郭峰"))


def test_special_characters_match_literally(records):
    m = records
    assert ids(S.search_meetings("%")) == [m[0].id]
    assert ids(S.search_meetings("100%")) == [m[0].id]
    assert ids(S.search_meetings("_")) == [m[1].id]
    assert ids(S.search_meetings("_临时_")) == [m[1].id]
    assert ids(S.search_meetings("\\")) == [m[1].id]
    assert ids(S.search_meetings("C:\\台账")) == [m[1].id]
    assert ids(S.search_meetings("'")) == [m[2].id]
    assert ids(S.search_meetings('"老赵"')) == [m[2].id]
    assert ids(S.search_meetings("excel")) == [m[1].id]  # Latin letters ignore case
    assert ids(S.search_meetings("o'brien")) == [m[2].id]
    assert S.search_meetings("'; DROP TABLE meeting; --") == []
    assert Meeting.select().count() == 4
    assert like_pattern("a%b_c\\") == "%a\\%b\\_c\\\\%"


def test_filters_and_limit(records):
    m = records
    daily = MeetingType.get(MeetingType.name == "每日例会")
    assert ids(S.search_meetings(type_id=daily.id)) == [m[2].id, m[1].id, m[0].id]
    assert ids(S.search_meetings("白云", date_from=DAY + dt.timedelta(days=1),
                                 date_to=DAY + dt.timedelta(days=2))) == [m[2].id, m[1].id]
    assert ids(S.search_meetings("白云", limit=2)) == [m[3].id, m[2].id]


def _bulk_meetings(count: int, members) -> None:
    """*count* meetings with attendance, topics, notes and a decision, inserted in bulk."""
    kind = MeetingType.get(MeetingType.name == "每日例会")
    start = dt.date(2017, 1, 1)
    with db.atomic():
        rows = [
            {"meeting_type": kind.id, "title": f"第{i}次每日例会", "date": start + dt.timedelta(days=i),
             "start_time": "07:30", "place": "物业服务中心", "status": Meeting.FINAL}
            for i in range(count)
        ]
        for chunk in range(0, count, 500):
            Meeting.insert_many(rows[chunk:chunk + 500]).execute()
        meeting_ids = [m.id for m in Meeting.select(Meeting.id)]
        notes, attendance, topics, decisions = [], [], [], []
        for index, meeting_id in enumerate(meeting_ids):
            for position in range(12):
                notes.append({"meeting": meeting_id, "position": position, "said_at": "07:31:00",
                              "speaker": members[(index + position) % len(members)].id,
                              "text": f"第{position}号卡口今日车辆{index % 97}辆，秩序正常，人员到位"})
            for member in members:
                attendance.append({"meeting": meeting_id, "member": member.id, "present": True})
            topics.append({"meeting": meeting_id, "position": 1, "text": "班前动员"})
            decisions.append({"meeting": meeting_id, "position": 1, "text": f"第{index}项决议"})
        for model, batch in ((MeetingNote, notes), (MeetingAttendance, attendance),
                             (MeetingTopic, topics), (MeetingDecision, decisions)):
            for chunk in range(0, len(batch), 300):
                model.insert_many(batch[chunk:chunk + 300]).execute()


def test_search_is_one_query_on_2000_meetings(people):
    members = S.expected_members(DAY)
    _bulk_meetings(2000, members)
    target = Meeting.select().order_by(Meeting.id).first()
    MeetingNote.create(meeting=target, position=99, said_at="08:00:00", text="发现鼠患需灭鼠")

    statements = []
    db.connection().set_trace_callback(statements.append)
    try:
        rare = S.search_meetings("鼠患")
        name = S.search_meetings("白云")
        none = S.search_meetings("不存在的词")
    finally:
        db.connection().set_trace_callback(None)
    assert ids(rare) == [target.id]
    assert len(name) == 2000 and none == []
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 3


def test_brief_results_carry_what_a_list_shows(records, people):
    S.update_meeting(records[1].id, host_id=people.zhou.id)
    S.update_meeting(records[2].id, host_id=None)
    for text in ("", "北门"):
        full, brief = S.search_meetings(text), S.search_meetings(text, brief=True)
        assert ids(brief) == ids(full)
        for a, b in zip(full, brief):
            assert isinstance(b, MeetingBrief)  # plain values, no model per row
            assert (b.title, b.date, b.start_time, b.host_id, b.status, b.type_name) == \
                   (a.title, a.date, a.start_time, a.host_id, a.status, a.meeting_type.name)
            assert b.host_name == (a.host.name if a.host_id else "")
            assert b.is_final == a.is_final and b.key == (a.date, a.start_time, a.id)


def test_absence_reasons_and_notes_are_found_until_the_person_is_marked_present(records, people):
    m = records
    assert ids(S.search_meetings("请假")) == [m[2].id]  # 陈晨's reason in meeting 2
    S.set_absent(m[0].id, people.ding.id, "公差", "区里开会")
    assert ids(S.search_meetings("区里开会")) == [m[0].id]
    assert ids(S.search_meetings("公差")) == [m[0].id]
    S.set_present(m[0].id, people.ding.id)  # reason and note are cleared
    assert S.search_meetings("区里开会") == [] and S.search_meetings("公差") == []
