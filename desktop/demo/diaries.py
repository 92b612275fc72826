"""Two weeks of the example branch's diaries (包保日记), made through the diary service.

Most members write most days: a paragraph put together from the day's kinds of work,
with tags, a few figures (走访户数, 配送物资件数) and the link to that day's shift when
the member had one. Two members have not written yesterday's diary (the overview shows
them), and today only the early risers have written. Every resident, building and event
is invented; the same rng gives the same diaries.
"""
from __future__ import annotations

import datetime as dt
import random

from ..diaries import service as S
from ..models import DiaryEntry, Member
from .variety import DEFAULT, DemoBranch

DAYS = 14
WRITE_CHANCE = 0.85
TODAY_CHANCE = 0.35
MISSING_YESTERDAY = 2

_FIRST_DAY = ("今天，是受单位指派，到{compound}开展下沉包保工作的第一天。报到后，社区书记带我们熟悉了"
              "各楼栋和卡口位置，分到第{team}包保片区，负责{b1}号楼和{b2}号楼。")
_GATE = (
    "在{post}值{shift}，逐一查验进出人员的健康码和核酸证明，测温登记，没有漏一人。",
    "{post}{shift}，快递外卖比前几天多，按要求统一放到无接触配送点，提醒居民错峰来取。",
    "{shift}在{post}，有位外卖小哥不理解为什么不能进小区，跟他讲清楚政策后，他主动配合。",
    "到{post}值{shift}，和物业的同志一起清点了测温枪、登记簿和消毒液，交接记录写清楚才下岗。",
)
_TESTING = (
    "早上六点半到采样点，按楼栋顺序组织居民排队，喊号、扫码、维持一米线，{b1}号楼先采，{b2}号楼跟上。",
    "今天全员核酸，我负责{b1}号楼的敲门提醒，挨家挨户确认有没有漏采的，行动不便的老人登记后安排上门采样。",
    "协助医护人员在采样点做信息录入，上午录了两百多人，中间扫码枪没电，换上备用的没耽误。",
)
_DELIVERY = (
    "下午和志愿者把街道调配的蔬菜包送到{b1}号楼，每户一份，放门口后敲门告知，共送了{n}件。",
    "帮{b1}号楼的居民代购米面油，清单核对了两遍，按单送货上门，共{n}件。",
    "晚上把团购的牛奶和鸡蛋分拣到各单元，{b2}号楼有两户不在家，先放到物业，明天再送。",
)
_MEDICINE = (
    "{b1}号楼一位独居老人的降压药快吃完了，联系社区卫生服务站开了药，傍晚送到老人手上。",
    "帮{b2}号楼一户居民从医院取回孩子的哮喘药，路上来回一个多小时，家长连声道谢。",
)
_VISIT = (
    "走访{b1}号楼的独居老人和困难家庭，一共{v}户，问问缺什么、身体怎么样，一一记在本子上。",
    "对{b2}号楼新返回的住户逐户登记，核对身份证和行程，一共{v}户，按要求发放了居家监测告知书。",
)
_COMFORT = (
    "{b1}号楼一位阿姨因为封控时间长有些焦虑，在电话里说着说着就哭了。我陪她聊了半个多小时，"
    "告诉她需要什么随时打电话，最后她说心里好受多了。",
    "有居民在楼栋群里情绪比较大，质问什么时候解封。我私下打电话了解，原来是家里老人要复诊，"
    "帮他联系了就医绿色通道，问题解决了，他也在群里道了歉。",
)
_PATROL = (
    "晚上和同组的同志巡查各楼栋单元门，{b2}号楼的单元门锁坏了，已报物业维修。",
    "巡查中发现地下车库入口有人进出，上前询问是住户取车拿东西，提醒他戴好口罩、尽快返回。",
)
_PUBLICITY = (
    "在楼栋群里转发了最新的防控通告，又把重点内容打印出来贴在各单元门口，方便不看手机的老人。",
)
# (sentences, tag, figure or None)
_KINDS = (
    (_TESTING, "核酸检测", None),
    (_DELIVERY, "物资配送", ("配送物资件数", "件")),
    (_MEDICINE, "送药", None),
    (_VISIT, "群众诉求", ("走访户数", "户")),
    (_COMFORT, "群众诉求", None),
    (_PATROL, "巡查", None),
    (_PUBLICITY, "宣传", None),
)
_CLOSING = (
    "一天下来很累，但看到居民的理解和支持，觉得值得。",
    "明天继续做好{b1}号楼的包保工作。",
    "",
    "",
)


def _paragraph(rng: random.Random, first: bool, shift, compound: str) -> tuple[str, list[str], list[tuple]]:
    fill = {"b1": rng.randrange(1, 13), "b2": rng.randrange(1, 13), "team": rng.choice("一二三"),
            "n": rng.randrange(12, 60), "v": rng.randrange(6, 25), "compound": compound}
    parts, tags, figures = [], [], []
    if first:
        parts.append(_FIRST_DAY.format(**fill))
    if shift is not None:
        parts.append(rng.choice(_GATE).format(post=shift.post.name, shift=shift.shift.name, **fill))
        tags.append("值守")
    for sentences, tag, figure in rng.sample(_KINDS, rng.randrange(1, 3)):
        parts.append(rng.choice(sentences).format(**fill))
        if tag not in tags:
            tags.append(tag)
        if figure is not None and figure[0] not in [f[0] for f in figures]:
            figures.append((figure[0], fill["n"] if figure[1] == "件" else fill["v"], figure[1]))
    parts.append(rng.choice(_CLOSING).format(**fill))
    return "".join(parts), tags, figures


def build_diaries(rng: random.Random, today: dt.date, members: list[Member],
                  demo: DemoBranch = DEFAULT) -> list[DiaryEntry]:
    """Diaries of the last DAYS days (today included) for the members present each day."""
    made: list[DiaryEntry] = []
    yesterday = today - dt.timedelta(days=1)
    start = today - dt.timedelta(days=DAYS - 1)
    present_yesterday = [m.id for m in S.active_members(yesterday)]
    skip_yesterday = set(rng.sample(present_yesterday, min(MISSING_YESTERDAY, len(present_yesterday))))
    written_before: set[int] = set()
    for offset in range(DAYS):
        day = start + dt.timedelta(days=offset)
        for member in S.active_members(day):
            if day == yesterday:
                writes = member.id not in skip_yesterday
            else:
                writes = rng.random() < (TODAY_CHANCE if day == today else WRITE_CHANCE)
            if not writes:
                continue
            shift = S.shift_that_day(member.id, day)
            first = member.id not in written_before and member.arrived_on is not None \
                and (day - member.arrived_on).days <= 1
            text, tags, figures = _paragraph(rng, first, shift, demo.compound)
            made.append(S.save_entry(member.id, day, text, tags=tags, figures=figures,
                                     duty_assignment_id=shift.id if shift else None, today=today))
            written_before.add(member.id)
    return made
