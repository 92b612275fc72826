import datetime as dt

import pytest

from desktop import branch_profile as bp
from desktop.models import Branch, Member
from desktop.roster import service

TODAY = dt.date(2022, 4, 20)
GOOD = {
    "name": "幸福里小区临时党支部", "kind": "临时党支部", "compound": "幸福里小区",
    "community": "文苑社区", "subdistrict": "东风街道", "approving_org": "中共东风街道工作委员会",
    "approval_doc_no": "东街党发〔2022〕7号", "approval_date": "2022.4.12",
    "founded_on": "2022-04-13", "dissolved_on": "", "notes": "",
}


def add(name, status="中共党员", **extra):
    values = {"name": name, "political_status": status, **extra}
    return service.save_member(values, today=TODAY)


def fields(problems):
    return [field for field, _message in problems]


def test_good_profile_has_no_problems():
    assert bp.validate_profile(GOOD, TODAY) == []


def test_name_and_kind_are_required():
    assert fields(bp.validate_profile({**GOOD, "name": "  ", "kind": ""}, TODAY)) == ["name", "kind"]


def test_future_dates_are_refused():
    problems = bp.validate_profile({**GOOD, "founded_on": "2022-04-21"}, TODAY)
    assert problems == [("founded_on", "不能晚于今天")]


def test_dissolved_not_before_founded_or_approved():
    problems = bp.validate_profile({**GOOD, "dissolved_on": "2022-04-11"}, TODAY)
    assert problems == [("dissolved_on", "不能早于成立日期"), ("dissolved_on", "不能早于批准日期")]


def test_unreadable_and_partial_dates_are_explained():
    problems = dict(bp.validate_profile({**GOOD, "approval_date": "四月", "founded_on": "2022.4"}, TODAY))
    assert "无法识别" in problems["approval_date"]
    assert "缺少日" in problems["founded_on"]


def test_too_long_name():
    assert fields(bp.validate_profile({**GOOD, "name": "支" * 61}, TODAY)) == ["name"]


def test_save_writes_the_single_branch_row_with_parsed_dates():
    bp.save_profile(GOOD, today=TODAY)
    bp.save_profile({**GOOD, "notes": "  第二次保存  "}, today=TODAY)
    assert Branch.select().count() == 1
    branch = Branch.current()
    assert branch.name == "幸福里小区临时党支部"
    assert branch.approval_date == dt.date(2022, 4, 12)
    assert branch.founded_on == dt.date(2022, 4, 13)
    assert branch.dissolved_on is None
    assert branch.notes == "第二次保存"
    assert bp.load_profile()["founded_on"] == dt.date(2022, 4, 13)
    assert bp.display_name() == "幸福里小区临时党支部"


def test_invalid_profile_is_not_saved():
    with pytest.raises(bp.ProfileInvalid) as failure:
        bp.save_profile({**GOOD, "founded_on": "2030-01-01"}, today=TODAY)
    assert failure.value.problems == [("founded_on", "不能晚于今天")]
    assert "成立日期" in str(failure.value)
    assert bp.display_name() == bp.UNNAMED


def test_committee_failure_rolls_back_the_profile():
    outsider = add("甲", status="群众")
    with pytest.raises(service.ValidationFailed):
        bp.save_profile(GOOD, committee={outsider.id: "组织委员"}, today=TODAY)
    assert bp.display_name() == bp.UNNAMED
    assert Member.get_by_id(outsider.id).branch_role == ""


def test_candidates_are_party_members_on_duty():
    add("甲")
    add("乙", status="中共预备党员")
    add("丙", status="群众")
    gone = add("丁")
    service.mark_departed(gone.id, TODAY, today=TODAY)
    assert [m.name for m in bp.committee_candidates()] == ["甲", "乙"]


def test_assignments_step_down_those_left_out():
    old_secretary = add("甲", branch_role="书记")
    old_member = add("乙", branch_role="宣传委员")
    new_secretary = add("丙")
    assert bp.current_committee() == (old_secretary.id, [(old_member.id, "宣传委员")])
    plan = bp.committee_assignments(new_secretary.id, [(old_secretary.id, "副书记")])
    assert plan == {new_secretary.id: "书记", old_secretary.id: "副书记", old_member.id: ""}
    bp.save_profile(GOOD, committee=plan, today=TODAY)
    roles = {m.name: m.branch_role for m in Member.select()}
    assert roles == {"甲": "副书记", "乙": "党员", "丙": "书记"}


def test_validate_committee_messages():
    names = {1: "甲", 2: "乙"}
    assert bp.validate_committee(1, [(2, "组织委员")], names) == []
    assert bp.validate_committee(1, [(None, "组织委员")], names) == ["第 1 行未选择人员"]
    assert bp.validate_committee(1, [(1, "组织委员")], names) == ["甲 重复出现，每人只能担任一个职务"]
    assert bp.validate_committee(None, [(2, "书记")], names) == ["第 1 行的职务“书记”不是可选值"]
