"""The example branch's profile and roster: 18 invented people in 3 teams (or, with a seed,
the people and units of variety.seeded())."""
from __future__ import annotations

import datetime as dt
import random

from ..models import Branch, Member
from ..roster.service import save_member, set_committee
from .variety import DEFAULT, DemoBranch

_POSTS = ("科员", "副科长", "科长", "一级主任科员", "四级主任科员", "办公室主任", "馆员")
_TEAMS = ("第一小分队", "第二小分队", "第三小分队")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _fake_id(rng: random.Random, birth: dt.date, male: bool) -> str:
    # Region 110199 does not exist, so no real person can hold this number.
    seq = rng.randrange(10, 99) * 10 + (rng.choice((1, 3, 5, 7, 9)) if male else rng.choice((0, 2, 4, 6, 8)))
    body = f"110199{birth:%Y%m%d}{seq:03d}"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS)) % 11]
    return body + check


def build_branch(today: dt.date, demo: DemoBranch = DEFAULT) -> Branch:
    founded = today - dt.timedelta(days=20)
    branch = Branch.current()
    branch.name = demo.name
    branch.kind = "临时党支部"
    branch.compound = demo.compound
    branch.community = demo.community
    branch.subdistrict = demo.subdistrict
    branch.approving_org = f"中共{demo.subdistrict}工作委员会"
    branch.approval_doc_no = f"{demo.subdistrict[0]}街党发〔{founded.year}〕{demo.doc_number}号"
    branch.approval_date = founded
    branch.founded_on = founded
    branch.save()
    return branch


def build_roster(rng: random.Random, today: dt.date, demo: DemoBranch = DEFAULT) -> list[Member]:
    start = today - dt.timedelta(days=21)
    members: list[Member] = []
    for index, (surname, given, gender) in enumerate(demo.people):
        unit, home_org = demo.units[index % len(demo.units)]
        birth = dt.date(rng.randrange(1968, 1998), rng.randrange(1, 13), rng.randrange(1, 29))
        party = index < 14
        status = "中共党员" if index < 12 else "中共预备党员" if party else ("共青团员" if index == 14 else "群众")
        joined = f"{birth.year + rng.randrange(20, 26):04d}-{rng.randrange(1, 13):02d}" if party else ""
        if joined and joined > f"{today:%Y-%m}":
            joined = f"{today.year - 1:04d}-07"
        values = {
            "name": surname + given,
            "gender": gender,
            "birth_date": f"{birth:%Y-%m}",
            "ethnicity": "回族" if index == 7 else "汉族",
            "political_status": status,
            "party_joined": joined,
            "unit": unit,
            "unit_post": rng.choice(_POSTS),
            "home_org": home_org if party else "",
            "branch_role": "党员" if party else "志愿者",
            "team": _TEAMS[index % len(_TEAMS)],
            "phone": f"1{rng.choice('35789')}{rng.randrange(0, 10)}{rng.randrange(10**7, 10**8)}",
            "id_number": _fake_id(rng, birth, gender == "男") if index % 3 else "",
            "arrived_on": start + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 5))),
            "departed_on": None,
            "health_status": "健康",
            "notes": "",
        }
        if values["id_number"]:
            values["birth_date"] = f"{birth:%Y-%m}"
        if index in (5, 16):
            values["home_org"] = ""  # left incomplete on purpose: shows 待完善
            values["phone"] = "" if index == 16 else values["phone"]
        if index in (10, 17):
            values["departed_on"] = today - dt.timedelta(days=3)
            values["health_status"] = "其他"
        values["notes"] = "因原单位工作需要撤离" if values["departed_on"] else ""
        members.append(save_member(values, today=today))
    set_committee({members[0].id: "书记", members[1].id: "副书记", members[2].id: "组织委员",
                   members[3].id: "宣传委员"})
    return members
