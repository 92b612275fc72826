"""Two weeks of the example branch's meetings, made through the meeting service.

A 每日例会 every morning before the 08:00 handover, one 支部委员会, one 支部党员大会
with a vote, one 党课. Absences, action items closed or carried in later meetings,
today's meeting still in progress, and one finalized meeting corrected once.
Every place, document and person is invented; the same rng gives the same records.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ..meetings import service as S
from ..models import Meeting, Member
from .variety import DEFAULT, DemoBranch

DAYS = 14


@dataclass(frozen=True)
class Places:
    """Where the branch meets and who comes: named after its compound and community."""

    daily: str
    party: str
    daily_guests: str
    party_guests: str

    @classmethod
    def of(cls, demo: DemoBranch) -> Places:
        return cls(f"{demo.short}物业服务中心二楼会议室", f"{demo.community}党群服务中心",
                   f"{demo.community}居委会工作人员\n{demo.short}物业服务中心负责人", f"{demo.community}党委委员")


DAILY_TOPICS = ["班前动员", "疫情防控政策学习", "发现的问题", "当日分工"]

_RALLY = (
    "今天气温下降，各卡口注意保暖，严格按时交接班，不得脱岗。",
    "昨天全天运转平稳，大家辛苦了。今天继续做好扫码测温，不漏一人。",
    "请各小分队长上岗前清点防护物资，发现短缺及时报告。",
    "近期外省返回人员增多，卡口核验要认真，不能流于形式。",
    "党员要亮身份、站前排，志愿者有困难及时向小分队长反映。",
    "今天有大范围核酸采样，采样点秩序是重点，请提前十分钟到位。",
    "夜班同志交接时要把情况讲清楚，交接记录写完整。",
)
_STUDY = (
    "学习市疫情防控指挥部关于进一步加强居民小区封控管理的通知",
    "学习区防控办关于做好重点人员排查登记的工作提示",
    "学习街道关于规范核酸采样点设置和秩序维护的要求",
    "学习社区封控期间特殊群体就医保障工作流程",
    "学习关于做好封控区域生活物资保障的工作指引",
    "学习个人防护用品穿脱规范和医疗废物处置要求",
    "学习关于做好居民心理疏导和矛盾化解工作的提示",
)
# (problem line, action item text or "" when it is only noted)
_PROBLEMS = (
    ("东门卡口晚高峰车辆多，建议增派一人", "协调第二小分队晚高峰增派一人到东门卡口"),
    ("西门测温枪电池不足，需要补充", "补充西门卡口测温枪电池"),
    ("快递外卖堆放点在北门外，雨天无遮挡，建议搭设雨棚", "联系街道和物业在北门外搭设快递雨棚"),
    ("部分老人不会用智能手机扫码，建议设置纸质登记簿", "在各卡口设置纸质登记簿"),
    ("核酸采样点排队较长，建议分楼栋错峰采样", "制定分楼栋错峰采样时间表并张贴通知"),
    ("夜间巡查发现2号楼地下车库入口未封闭", "通知物业封闭2号楼地下车库入口"),
    ("物资发放点人员聚集，需要划定一米线", "在物资发放点划定一米线"),
    ("隔离户生活垃圾清运不及时", "与物业商定隔离户垃圾每日两次清运"),
    ("志愿者防护服尺码不全，缺少XL号", "向街道申领XL号防护服"),
    ("8号楼有居民反映代购蔬菜送达较慢", "调整8号楼代购配送路线"),
    ("南门临时通道夜间照明不足", "在南门临时通道加装照明灯"),
    ("部分居民对封控时间有疑问，情绪较大", "整理居民常见问题解答，在楼栋群发布"),
)
# Noted only: handled on the spot, no action item.
_REMARKS = (
    "昨晚东门有居民不配合扫码，经耐心解释后已配合。",
    "3号楼电梯按键消毒记录填写不全，已当场提醒物业。",
    "采样点有老人站立等候时间较长，已临时摆放座椅。",
    "部分志愿者交接班时未登记时间，请小分队长督促。",
    "有居民询问封控期间能否外出就医，已按流程解答。",
)
_SHELTER = _PROBLEMS[2][1]  # needs the 街道's approval: stays open, carried day after day
_WORK = (
    "第一小分队负责东门、西门卡口，第二小分队负责核酸采样点秩序，第三小分队负责物资配送和独居老人走访。",
    "第二小分队负责东门、西门卡口，第三小分队负责核酸采样点秩序，第一小分队负责物资配送和独居老人走访。",
    "第三小分队负责东门、西门卡口，第一小分队负责核酸采样点秩序，第二小分队负责物资配送和独居老人走访。",
)
_ABSENCE_NOTES = {
    "值班": ("东门卡口夜班", "核酸采样点值守", "物资配送", ""),
    "请假": ("家中老人就医",),
    "病假": ("感冒发热，居家休息",),
    "公差": ("回原单位办理公务",),
}


class _Clock:
    """Note times a minute or two apart from the start of the meeting."""

    def __init__(self, rng: random.Random, day: dt.date, start: str):
        self.rng = rng
        hour, minute = map(int, start.split(":"))
        self.now = dt.datetime.combine(day, dt.time(hour, minute))

    def tick(self) -> str:
        self.now += dt.timedelta(seconds=self.rng.randrange(30, 100))
        return f"{self.now:%H:%M:%S}"


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute))


def _mark_absences(rng, meeting: Meeting, count: int, keep: set[int]) -> None:
    candidates = [m for m in S.expected_members(meeting.date, meeting.meeting_type.name) if m.id not in keep]
    for member in rng.sample(candidates, min(count, len(candidates))):
        reason = rng.choices(("值班", "请假", "病假", "公差"), weights=(6, 2, 1, 1))[0]
        S.set_absent(meeting.id, member.id, reason, rng.choice(_ABSENCE_NOTES[reason]))


def _present(meeting: Meeting) -> list[Member]:
    return S.attendance_summary(meeting).present


class _Plan:
    """What the fortnight has decided so far: when each item gets closed, notes to correct later."""

    def __init__(self):
        self.close_on: dict[int, int] = {}  # action item id -> index of the day it is reported done
        self.problem_note: dict[int, int] = {}  # day index -> id of its first problem line


def _daily(rng, index: int, day: dt.date, today: dt.date, roles: dict, plan: _Plan, places: Places) -> Meeting:
    meeting = S.start_meeting("每日例会", on=day, now=_at(day, "07:30"))
    S.update_meeting(meeting.id, guests=places.daily_guests, study_content=_STUDY[index % len(_STUDY)],
                     **({"place": places.daily} if index == 0 else {}))
    S.set_topics(meeting.id, DAILY_TOPICS)
    host, recorder = meeting.host, meeting.recorder
    _mark_absences(rng, meeting, rng.choice((1, 2, 2, 3)), {host.id, recorder.id})
    present = _present(meeting)
    clock = _Clock(rng, day, "07:30")

    S.add_note(meeting.id, _RALLY[index % len(_RALLY)], speaker_id=host.id, at=clock.tick())
    teacher = roles.get("宣传委员") if roles.get("宣传委员") in present else host
    S.add_note(meeting.id, f"{_STUDY[index % len(_STUDY)]}，请大家对照抓好落实。", speaker_id=teacher.id,
               at=clock.tick())

    for item in S.open_items_before(meeting):
        owner = item.owner if item.owner_id and item.owner in present else host
        if plan.close_on.get(item.id, index + 1) <= index:
            S.add_note(meeting.id, f"“{item.text}”已落实。", speaker_id=owner.id, at=clock.tick())
            S.close_item(item.id, meeting.id)
        else:
            S.add_note(meeting.id, f"“{item.text}”正在推进，尚未完成。", speaker_id=owner.id, at=clock.tick())
            S.carry_forward(item.id, meeting.id)

    problems = [_PROBLEMS[index % len(_PROBLEMS)]]
    if rng.random() < 0.5:
        problems.append((rng.choice(_REMARKS), ""))
    for line, action in problems:
        speaker = rng.choice([m for m in present if m.id != host.id])
        if index == 1 and line == _PROBLEMS[1][0]:
            line, action = "5号楼有一户独居老人需要代购降压药", "为5号楼独居老人代购降压药"
        note = S.add_note(meeting.id, line, speaker_id=speaker.id, at=clock.tick())
        plan.problem_note.setdefault(index, note.id)
        if action and not any(a.text == action for a in S.open_items_before(meeting)):
            owner = rng.choice(present)
            item = S.add_action_item(meeting.id, action, owner_id=owner.id,
                                     due=day + dt.timedelta(days=rng.randrange(1, 4)))
            plan.close_on[item.id] = DAYS + 99 if action == _SHELTER else index + rng.randrange(1, 4)
    S.update_meeting(meeting.id, problems="；".join(line.rstrip("。") for line, _ in problems) + "。")

    S.add_note(meeting.id, _WORK[index % len(_WORK)], speaker_id=recorder.id, at=clock.tick())
    if index % 3 == 0:
        decided = S.add_note(meeting.id, f"经研究，{_WORK[index % len(_WORK)]}请各小分队长抓好落实。",
                             speaker_id=host.id, at=clock.tick())
        S.note_to_decision(decided.id)
    elif problems[0][0] == _PROBLEMS[0][0]:
        S.note_to_decision(S.add_note(meeting.id, "自明日起东门卡口晚高峰（17:00—19:00）增派一人值守。",
                                      speaker_id=host.id, at=clock.tick()).id)
    if day < today:
        S.finalize(meeting.id, now=_at(day, "08:00"))
    return meeting


def _committee(rng, day: dt.date, roles: dict, places: Places) -> tuple[Meeting, int]:
    meeting = S.start_meeting("支部委员会", on=day, now=_at(day, "20:00"))
    S.update_meeting(meeting.id, place=places.party)
    S.set_topics(meeting.id, ["研究推荐抗疫一线优秀共产党员人选", "研究下阶段卡口值守力量调配"])
    clock = _Clock(rng, day, "20:00")
    secretary, deputy, organizer = roles["书记"], roles["副书记"], roles["组织委员"]
    S.add_note(meeting.id, "根据街道工委通知，支部推荐抗疫一线优秀共产党员人选，请大家酝酿。",
               speaker_id=secretary.id, at=clock.tick())
    S.add_note(meeting.id, f"建议推荐{organizer.name}同志，连续值守东门卡口夜班，表现突出。",
               speaker_id=deputy.id, at=clock.tick())
    line = S.add_note(meeting.id, f"同意推荐{organizer.name}同志为抗疫一线优秀共产党员人选，提交支部党员大会讨论。",
                      speaker_id=secretary.id, at=clock.tick())
    decision = S.note_to_decision(line.id)
    S.update_decision(decision.id, votes_for=4, votes_against=0, votes_abstain=0)
    S.add_decision(meeting.id, "自下周起第三小分队抽调两人支援东门卡口晚高峰。")
    item = S.add_action_item(meeting.id, "起草推荐材料，报街道工委", owner_id=deputy.id,
                             due=day + dt.timedelta(days=2))
    S.finalize(meeting.id, now=_at(day, "21:00"))
    return meeting, item.id


def _general(rng, day: dt.date, roles: dict, places: Places) -> Meeting:
    meeting = S.start_meeting("支部党员大会", on=day, now=_at(day, "19:30"))
    S.update_meeting(meeting.id, place=places.party, guests=places.party_guests)
    S.set_topics(meeting.id, ["讨论推荐抗疫一线优秀共产党员人选", "通报近期疫情防控工作情况"])
    probationers = [m for m in S.expected_members(day, "支部党员大会") if m.political_status == "中共预备党员"]
    if probationers:
        S.set_absent(meeting.id, probationers[-1].id, "值班", "东门卡口夜班")
    clock = _Clock(rng, day, "19:30")
    secretary, deputy, organizer = roles["书记"], roles["副书记"], roles["组织委员"]
    S.add_note(meeting.id, "本次大会应到正式党员全部到会，符合法定人数，会议有效。", speaker_id=secretary.id,
               at=clock.tick())
    S.add_note(meeting.id, f"宣读支委会推荐意见，介绍{organizer.name}同志在卡口值守中的现实表现。",
               speaker_id=deputy.id, at=clock.tick())
    S.add_note(meeting.id, "采取举手表决方式，预备党员不参加表决。", speaker_id=secretary.id, at=clock.tick())
    S.add_decision(meeting.id, f"同意推荐{organizer.name}同志为抗疫一线优秀共产党员人选，报街道工委审定。",
                   votes_for=11, votes_against=0, votes_abstain=1)
    S.add_note(meeting.id, "表决结果：同意11票，反对0票，弃权1票，推荐通过。", speaker_id=secretary.id,
               at=clock.tick())
    S.add_note(meeting.id, "通报近两周小区防控情况：累计核验进出人员两万余人次，未发生聚集性问题。",
               speaker_id=secretary.id, at=clock.tick())
    S.finalize(meeting.id, now=_at(day, "20:30"))
    return meeting


def _lesson(rng, day: dt.date, roles: dict, places: Places) -> Meeting:
    meeting = S.start_meeting("党课", on=day, now=_at(day, "19:30"))
    secretary = roles["书记"]
    S.update_meeting(meeting.id, title=f"{day.month}月{day.day}日党课：在疫情防控一线践行初心使命",
                     place=places.daily,
                     study_content=f"{secretary.name}同志讲授专题党课《在疫情防控一线践行初心使命》")
    S.set_topics(meeting.id, ["书记讲党课", "交流发言"])
    _mark_absences(rng, meeting, 2, {secretary.id, roles["组织委员"].id})
    clock = _Clock(rng, day, "19:30")
    S.add_note(meeting.id, "党课分三部分：为什么下沉、下沉做什么、怎样做一名合格的下沉党员。",
               speaker_id=secretary.id, at=clock.tick())
    speakers = [m for m in _present(meeting) if m.id != secretary.id]
    for line in ("在卡口值守中体会到，群众最看重的是我们能不能把小事办好。",
                 "作为预备党员，要在封控一线接受考验，向身边的老党员学习。",
                 "建议把独居老人的需求清单化，责任到人。"):
        S.add_note(meeting.id, line, speaker_id=rng.choice(speakers).id, at=clock.tick())
    S.finalize(meeting.id, now=_at(day, "20:30"))
    return meeting


def build_meetings(rng: random.Random, today: dt.date, members: list[Member],
                   demo: DemoBranch = DEFAULT) -> list[Meeting]:
    """The fortnight up to *today*; today's 每日例会 is left in progress. Returns them by date."""
    fresh = [Member.get_by_id(m.id) for m in members]  # roles were set after the list was built
    roles = {m.branch_role: m for m in fresh if m.branch_role in ("书记", "副书记", "组织委员", "宣传委员")}
    first = today - dt.timedelta(days=DAYS - 1)
    plan = _Plan()
    places = Places.of(demo)
    meetings: list[Meeting] = []
    for index in range(DAYS):
        day = first + dt.timedelta(days=index)
        meetings.append(_daily(rng, index, day, today, roles, plan, places))
        if index == 4:
            committee, item_id = _committee(rng, day, roles, places)
            plan.close_on[item_id] = 6
            meetings.append(committee)
        elif index == 6:
            meetings.append(_general(rng, day, roles, places))
        elif index == 9:
            meetings.append(_lesson(rng, day, roles, places))
        if index == 3:
            _correct_day_two(meetings[1], plan.problem_note[1], day)
    return [Meeting.get_by_id(m.id) for m in meetings]  # as stored: finalized since created


def _correct_day_two(meeting: Meeting, note_id: int, when: dt.date) -> None:
    """The recorder wrote the wrong building; found two days later and corrected with a reason."""
    def fix():
        S.update_note(note_id, text="6号楼有一户独居老人需要代购降压药")
        for item in S.action_items(meeting):
            if "5号楼" in item.text:
                S.update_action_item(item.id, text=item.text.replace("5号楼", "6号楼"))

    S.correct(meeting.id, "记录人将楼号误记为5号楼，经发言人核实应为6号楼，予以更正。", fix,
              now=_at(when, "08:20"))
