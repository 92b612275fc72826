"""交班人 / 接班人: chosen from those on the shift and on the next one, leaders first."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.duty import handover as H
from desktop.duty import setup as S
from desktop.models import DutyAssignment, Handover, Member
from desktop.roster.pinyin import pinyin_key

D = dt.date(2026, 11, 16)


def person(name: str, status: str = "中共党员") -> Member:
    return Member.create(name=name, name_pinyin=pinyin_key(name), political_status=status)


@pytest.fixture
def gate():
    pattern = S.ensure_default_pattern()
    post = S.create_post("东门卡口", pattern.id, people_needed=2)
    return (post, *S.shifts_of(pattern.id))


def test_signers_come_from_this_shift_and_the_next(gate):
    post, early, middle, night = gate
    a, b = person("安然", "群众"), person("王志远")
    c, d = person("李晓燕"), person("张建国")
    for m in (a, b):
        DutyAssignment.create(date=D, post=post, shift=night, member=m)
    for m in (c, d):  # 夜班 00:00–08:00 is handed to the same day's 早班
        DutyAssignment.create(date=D, post=post, shift=early, member=m)
    DutyAssignment.create(date=D, post=post, shift=middle, member=person("赵六"))  # not a neighbour
    record = H.handover_for(D, post.id, night.id)
    found = H.signers(record.id)
    assert [m.name for m in found.outgoing] == ["王志远", "安然"]  # the Party member leads
    assert {m.name for m in found.incoming} == {"李晓燕", "张建国"}
    assert found.next_slot == (D, early)
    middle_record = H.handover_for(D, post.id, middle.id)  # 中班 ends at midnight: tomorrow's 夜班 next
    assert H.signers(middle_record.id).next_slot == (D + dt.timedelta(days=1), night)
    assert found.default_outgoing() == b.id
    saved = H.set_signers(record.id, a.id, d.id)
    assert (saved.handed_over_by_id, saved.taken_over_by_id) == (a.id, d.id)
    assert H.signers(record.id).default_incoming() == d.id


def test_a_signer_not_on_the_shift_is_refused(gate):
    post, early, middle, _ = gate
    a, b = person("安然"), person("王志远")
    DutyAssignment.create(date=D, post=post, shift=early, member=a)
    DutyAssignment.create(date=D, post=post, shift=middle, member=b)
    record = H.handover_for(D, post.id, early.id)
    with pytest.raises(H.HandoverError, match="交班人"):
        H.set_signers(record.id, b.id, None)
    with pytest.raises(H.HandoverError, match="接班人"):
        H.set_signers(record.id, a.id, a.id)
    assert Handover.get_by_id(record.id).handed_over_by_id is None  # nothing half-written


def test_a_stand_in_added_to_the_record_can_sign(gate):
    post, early, middle, _ = gate
    a, stand_in = person("安然"), person("顶班人")
    DutyAssignment.create(date=D, post=post, shift=early, member=a)
    record = H.handover_for(D, post.id, early.id)
    H.add_person(record.id, stand_in.id)
    H.remove_person(record.id, a.id)
    assert [m.name for m in H.signers(record.id).outgoing] == ["顶班人"]
    H.set_signers(record.id, stand_in.id, None)
    H.remove_person(record.id, stand_in.id)
    assert "顶班人" in [m.name for m in H.signers(record.id).outgoing]  # a stored choice stays shown
