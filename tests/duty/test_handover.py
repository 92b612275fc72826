"""交接班记录: pre-filled people, counts, times, and open matters handed to the next shift."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.duty import handover as H
from desktop.duty import setup as S
from desktop.models import DutyAssignment, Handover, HandoverPerson, Member
from desktop.roster.pinyin import pinyin_key

D = dt.date(2026, 11, 16)
NEXT = D + dt.timedelta(days=1)


def person(name: str) -> Member:
    return Member.create(name=name, name_pinyin=pinyin_key(name), political_status="中共党员")


@pytest.fixture
def gate():
    pattern = S.ensure_default_pattern()
    post = S.create_post("东门卡口", pattern.id, people_needed=2)
    early, middle, night = S.shifts_of(pattern.id)
    return post, early, middle, night


def test_handover_prefilled_from_rota_with_shift_times(gate):
    post, early, middle, _ = gate
    wang, li, zhang = person("王志远"), person("李晓燕"), person("张建国")
    DutyAssignment.create(date=D, post=post, shift=middle, member=wang)
    DutyAssignment.create(date=D, post=post, shift=middle, member=li)
    DutyAssignment.create(date=D, post=post, shift=early, member=zhang)  # another slot
    handover = H.handover_for(D, post.id, middle.id)
    rows = [(p.member.name, p.check_in, p.check_out) for p in H.people(handover.id)]
    assert rows == [("李晓燕", "16:00", "00:00"), ("王志远", "16:00", "00:00")]
    assert H.handover_for(D, post.id, middle.id).id == handover.id  # opened again, not duplicated
    assert Handover.select().count() == 1


def test_save_counts_and_text(gate):
    post, early, _, _ = gate
    handover = H.handover_for(D, post.id, early.id)
    H.save_handover(handover.id, people_checked=312, vehicles_checked="41", fever_cases=0,
                    events="  一名居民未带健康码，已登记  ", items_handed="登记册1本、测温枪2把")
    saved = Handover.get_by_id(handover.id)
    assert (saved.people_checked, saved.vehicles_checked, saved.events) == (312, 41, "一名居民未带健康码，已登记")
    with pytest.raises(H.HandoverError, match="发热人数"):
        H.save_handover(handover.id, fever_cases=-1)
    with pytest.raises(H.HandoverError, match="核验人数"):
        H.save_handover(handover.id, people_checked=2.5)
    with pytest.raises(TypeError):
        H.save_handover(handover.id, weather="晴")


def test_person_times_add_and_remove(gate):
    post, early, _, _ = gate
    wang, li = person("王志远"), person("李晓燕")
    handover = H.handover_for(D, post.id, early.id)
    H.add_person(handover.id, wang.id)
    H.set_person_times(handover.id, wang.id, "7:55", "16:10")
    row = HandoverPerson.get(HandoverPerson.member == wang)
    assert (row.check_in, row.check_out) == ("07:55", "16:10")
    with pytest.raises(H.HandoverError, match="已在"):
        H.add_person(handover.id, wang.id)
    with pytest.raises(H.HandoverError, match="格式不对"):
        H.set_person_times(handover.id, wang.id, "8点", "")
    with pytest.raises(H.HandoverError, match="不在"):
        H.set_person_times(handover.id, li.id, "08:00", "16:00")
    H.remove_person(handover.id, wang.id)
    assert H.people(handover.id) == []


def test_open_matters_reach_the_next_shift_across_midnight(gate):
    post, early, middle, night = gate
    # 中班 of the 16th (16:00–24:00) hands over to the 夜班 that starts on the 17th at 00:00.
    evening = H.handover_for(D, post.id, middle.id)
    H.save_handover(evening.id, open_matters="3号楼李某核酸结果未出，次日复核")
    assert H.previous_open_matters(NEXT, post.id, night.id) == "3号楼李某核酸结果未出，次日复核"
    # The 夜班 of the 17th hands over to the 早班 of the 17th, not of the 16th.
    assert H.previous_open_matters(NEXT, post.id, early.id) == ""
    late = H.handover_for(NEXT, post.id, night.id)
    H.save_handover(late.id, open_matters="测温枪电量低")
    assert H.previous_open_matters(NEXT, post.id, early.id) == "测温枪电量低"
    assert H.previous_open_matters(D, post.id, early.id) == ""
    # Another post's record is never handed over here.
    west = S.create_post("西门卡口", post.pattern_id)
    assert H.previous_open_matters(NEXT, west.id, night.id) == ""


def test_overnight_pattern_previous_is_yesterdays_late_shift():
    pattern = S.ensure_preset(S.EVENING_PATTERN)
    evening, late = S.shifts_of(pattern.id)
    post = S.create_post("北门值守点", pattern.id)
    H.save_handover(H.handover_for(D, post.id, late.id).id, open_matters="北门外快递堆放待清理")
    assert H.previous_slot(NEXT, post.id, evening.id) == (D, late)
    assert H.previous_open_matters(NEXT, post.id, evening.id) == "北门外快递堆放待清理"


def test_handovers_in_period_in_order_with_people(gate):
    post, early, middle, night = gate
    wang = person("王志远")
    DutyAssignment.create(date=D, post=post, shift=early, member=wang)
    H.handover_for(NEXT, post.id, early.id)
    H.handover_for(D, post.id, middle.id)
    H.handover_for(D, post.id, early.id)
    H.handover_for(D + dt.timedelta(days=5), post.id, early.id)
    found = H.handovers(D, NEXT)
    assert [(h.date, h.shift.name) for h in found] == [(D, "早班"), (D, "中班"), (NEXT, "早班")]
    assert [p.member.name for p in found[0].people] == ["王志远"]


def test_shift_of_another_pattern_is_refused(gate):
    post, _, _, _ = gate
    other = S.shifts_of(S.ensure_preset(S.EVENING_PATTERN).id)[0]
    with pytest.raises(H.HandoverError, match="不是"):
        H.handover_for(D, post.id, other.id)
