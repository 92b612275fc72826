import datetime as dt

from desktop.meetings import service as S
from desktop.models import Meeting

from .conftest import DAY, add_member, at


def general_meeting(people, extra_full_members=0):
    for index in range(extra_full_members):
        add_member(f"党员{index}")
    return S.start_meeting("支部党员大会", on=DAY, now=at(DAY, "19:00"))


def test_general_meeting_counts_full_members_only(people):
    # Entitled on 11-22: 安然 白云 陈晨 郭峰 周明 (5). 丁宁 is 预备党员, 方圆 群众, 何静 gone.
    meeting = general_meeting(people)
    check = S.quorum(meeting)
    assert (check.applies, check.entitled, check.present, check.ok) == (True, 5, 5, True)
    S.set_absent(meeting.id, people.chen.id, "值班")
    S.set_absent(meeting.id, people.guo.id, "病假")
    check = S.quorum(meeting)
    assert (check.entitled, check.present, check.ok) == (5, 3, True)  # 3 of 5 is more than half
    # The 预备党员 coming or not changes nothing.
    S.set_absent(meeting.id, people.ding.id, "请假")
    assert S.quorum(meeting).present == 3
    S.set_absent(meeting.id, people.bai.id, "公差")
    check = S.quorum(meeting)
    assert (check.present, check.ok) == (2, False)
    assert check.message == "应到有表决权党员 5 人，实到 2 人，未超过半数，会议不符合法定人数。"


def test_exactly_half_is_not_a_quorum(people):
    meeting = general_meeting(people, extra_full_members=1)  # 6 entitled
    for member in (people.chen, people.guo, people.bai):
        S.set_absent(meeting.id, member.id, "值班")
    check = S.quorum(meeting)
    assert (check.entitled, check.present, check.ok) == (6, 3, False)
    S.set_present(meeting.id, people.bai.id)
    check = S.quorum(meeting)
    assert (check.present, check.ok) == (4, True)
    assert check.message == "应到有表决权党员 6 人，实到 4 人，超过半数，符合法定人数。"


def test_members_removed_from_the_list_still_count_as_entitled(people):
    meeting = general_meeting(people)
    for member in (people.chen, people.guo, people.bai):
        S.remove_expected(meeting.id, member.id)
    check = S.quorum(meeting)
    assert (check.entitled, check.present, check.ok) == (5, 2, False)


def test_committee_meeting(people):
    meeting = S.start_meeting("支部委员会", on=DAY, now=at(DAY, "20:00"))
    check = S.quorum(meeting)
    assert (check.entitled, check.present, check.ok) == (3, 3, True)
    S.set_absent(meeting.id, people.an.id, "公差")
    assert S.quorum(meeting).ok  # 2 of 3
    S.set_absent(meeting.id, people.bai.id, "值班")
    check = S.quorum(meeting)
    assert (check.present, check.ok) == (1, False)
    assert check.message == "应到支部委员 3 人，实到 1 人，未超过半数，会议不符合法定人数。"
    S.finalize(meeting.id, now=at(DAY, "21:00"))  # a warning, not a block
    assert Meeting.get_by_id(meeting.id).is_final


def test_other_meetings_have_no_quorum_rule(people):
    meeting = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    for member in S.expected_members(DAY):
        S.set_absent(meeting.id, member.id, "值班")
    assert S.quorum(meeting).applies is False and S.quorum(meeting).ok
    # A later day's roster: 何静 (gone 11-21) was entitled on 11-20.
    earlier = dt.date(2022, 11, 20)
    past = S.start_meeting("支部党员大会", on=earlier, now=at(earlier, "19:00"))
    assert S.quorum(past).entitled == 6
