"""Two weeks of the example branch's duty: three gates on 三班倒, leave and quarantine,
an automatic rota (last week and this week), and the handover record of every past shift.

Every event, count and note is invented; counts come from the shared rng.
"""
from __future__ import annotations

import datetime as dt
import random

from ..duty import handover as H
from ..duty import setup as S
from ..models import Member
from .variety import DEFAULT, DemoBranch

DAYS = 14
SOLVER_SECONDS = 5.0  # a fair enough rota; the demo should not keep the user waiting
# People checked per shift at a gate: (low, high) for 早班, 中班, 夜班; side gates see fewer.
_PEOPLE = {"早班": (180, 360), "中班": (140, 300), "夜班": (4, 30)}
_VEHICLES = {"早班": (20, 60), "中班": (15, 45), "夜班": (0, 6)}
_SIDE_SHARE = {"东门卡口": 1.0, "西门卡口": 0.45, "南门卡口": 0.4, "北门值守点": 0.25, "地库出入口": 0.3}
_ITEMS = {
    "东门卡口": "出入登记册1本、测温枪2把、对讲机1部、消毒液1桶",
    "西门卡口": "出入登记册1本、测温枪1把、对讲机1部",
    "北门值守点": "快递登记册1本、测温枪1把、消毒喷壶1个",
    "南门卡口": "出入登记册1本、测温枪1把、对讲机1部",
    "地库出入口": "车辆登记册1本、测温枪1把、路障2个",
}
_EVENTS = (
    "一名居民未带手机无法出示健康码，经核实身份后手工登记放行。",
    "外卖骑手集中到达，已引导至北门外接收点，无聚集。",
    "一辆救护车进入小区接送透析患者，已登记车牌和随行人员。",
    "社区送来一批防护物资，已清点入库。",
    "有居民情绪激动要求外出，经耐心解释并联系社区后离开。",
    "街道检查组到卡口检查，对登记工作表示认可。",
    "测温发现一人体温37.4℃，休息十分钟后复测36.8℃，已登记。",
)
_OPEN = (
    "测温枪电池电量不足，请下一班更换。",
    "3号楼一户家属送药，约定明早8点前到东门接收。",
    "出入登记册即将用完，已向物资组申领新册。",
    "物业答应今晚修好北门照明灯，请下一班确认。",
    "8号楼居民代购蔬菜未送达，请下一班跟进。",
)
_FEVER_NOTE = "发现体温异常一人，已按流程通知社区卫生服务站，由专人陪同至临时观察点。"


def _posts(pattern_id: int, first: dt.date, demo: DemoBranch) -> list:
    return [S.create_post(name, pattern_id, people_needed=needed, party_member_required=party,
                          location=place, active_from=first)
            for name, place, needed, party in demo.posts]


def _availability(today: dt.date, members: list[Member]) -> int:
    periods = [  # a smaller seeded branch has no 13th or 16th member: their leave is left out
        (_present(members, index), start, end, reason, note) for index, start, end, reason, note in (
            (5, today - dt.timedelta(days=3), today - dt.timedelta(days=1), "请假", "家中老人就医"),
            (8, today + dt.timedelta(days=2), today + dt.timedelta(days=4), "返回原单位", "回原单位办理公务"),
            (12, today - dt.timedelta(days=7), today - dt.timedelta(days=5), "隔离", "密接排查，居家隔离观察"),
            (15, today + dt.timedelta(days=1), today + dt.timedelta(days=1), "病假", "感冒发热"),
        ) if index < len(members)
    ]
    for member, start, end, reason, note in periods:
        S.add_unavailability(member.id, start, end, reason, note)
    S.set_preferences(members[0].id, max_hours_per_week=40)  # 书记 also runs the daily meeting
    S.set_preferences(members[9].id, no_nights=True)
    S.set_preferences(members[4].id, avoid_nights=True)
    return len(periods)


def _present(members: list[Member], index: int) -> Member | None:
    return members[index] if index < len(members) else None


def _clock(text: str, rng: random.Random, early: bool) -> str:
    """A check-in a few minutes before the shift, a check-out a few minutes after."""
    hour, minute = map(int, text.split(":"))
    total = hour * 60 + minute + (-rng.randrange(3, 16) if early else rng.randrange(0, 11))
    total %= 24 * 60
    return f"{total // 60:02d}:{total % 60:02d}"


def _fill_handover(rng: random.Random, day: dt.date, post, shift, carry: str) -> str:
    """Write one past shift's record; returns what it leaves open for the next shift."""
    record = H.handover_for(day, post.id, shift.id)
    share = _SIDE_SHARE.get(post.name, 0.5)
    low, high = _PEOPLE.get(shift.name, (20, 80))
    fever = 1 if rng.random() < 0.04 else 0
    events = [rng.choice(_EVENTS)] if rng.random() < 0.35 else []
    if fever:
        events.append(_FEVER_NOTE)
    if carry:
        events.append(f"上一班交办事项已处理：{carry.rstrip('。')}。")
    open_matters = rng.choice(_OPEN) if rng.random() < 0.2 else ""
    vlow, vhigh = _VEHICLES.get(shift.name, (0, 10))
    H.save_handover(
        record.id,
        people_checked=int(rng.randint(low, high) * share),
        vehicles_checked=int(rng.randint(vlow, vhigh) * share),
        fever_cases=fever,
        no_code_cases=rng.choice((0, 0, 0, 1, 1, 2)),
        other_abnormal=rng.choice((0, 0, 0, 0, 1)),
        events="\n".join(events),
        items_handed=_ITEMS.get(post.name, "登记册1本"),
        open_matters=open_matters,
    )
    for served in H.people(record.id):
        H.set_person_times(record.id, served.member_id, _clock(shift.start_time, rng, True),
                           _clock(shift.end_time, rng, False))
    return open_matters


def build_duty(rng: random.Random, today: dt.date, members: list[Member], demo: DemoBranch = DEFAULT) -> str:
    """Posts, leave, a generated rota for last week and this week, handovers of past shifts."""
    from ..duty.generate import generate_rota

    first = today - dt.timedelta(days=DAYS // 2)
    last = first + dt.timedelta(days=DAYS - 1)
    pattern = S.ensure_default_pattern()
    S.ensure_preset(S.EVENING_PATTERN)  # offered in the UI, unused by the demo's posts
    gates = _posts(pattern.id, first, demo)
    leave = _availability(today, members)
    # today=first: the whole fortnight is open to the solver, the past week included.
    result = generate_rota(first, last, time_limit_s=SOLVER_SECONDS, today=first)  # writes it

    shifts = S.shifts_of(pattern.id)
    records = 0
    for post in gates:
        carry = ""
        day = first
        while day < today:
            # Chronological order within the day: 夜班 00:00 first, so open matters chain.
            for shift in sorted(shifts, key=lambda s: s.start_time):
                carry = _fill_handover(rng, day, post, shift, carry)
                records += 1
            day += dt.timedelta(days=1)
    gaps = f"，{len(result.unfilled)} 个班次缺人" if result.unfilled else ""
    return (f"值班：{len(gates)} 个值守点，{len(result.assignments)} 人次排班{gaps}，"
            f"{records} 份交接班记录，{leave} 段请假/隔离")
