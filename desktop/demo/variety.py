"""Which fictional branch the demo builds: today's 丰泽园 example, or one drawn from a seed.

`branch-desk demo --seed N` makes a different branch for each N, the same one for the same N:
another compound and community of the same sub-district (和平街道, so several of them
simulate one sub-district feeding one hub), 12–18 other people with other phones and ID
numbers, sent by 3–6 home units (派出单位) drawn from a pool of 37, and other gates.
Every name is invented; ID numbers use region 110199, which does not exist.

DemoBranch.DEFAULT holds exactly the values the demo always had, so the demo without a
seed is unchanged record for record.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

_DEFAULT_PEOPLE = (
    ("王", "志远", "男"), ("李", "晓燕", "女"), ("张", "建国", "男"), ("刘", "海波", "男"),
    ("陈", "雅琴", "女"), ("杨", "立新", "男"), ("赵", "文静", "女"), ("黄", "振宇", "男"),
    ("周", "红梅", "女"), ("吴", "国栋", "男"), ("徐", "丽娜", "女"), ("孙", "明杰", "男"),
    ("马", "秀兰", "女"), ("朱", "永强", "男"), ("胡", "婷婷", "女"), ("郭", "子豪", "男"),
    ("何", "春花", "女"), ("高", "鹏飞", "男"),
)
_DEFAULT_UNITS = (
    ("市市场监督管理局", "中共市市场监督管理局机关委员会"),
    ("市自然资源和规划局", "中共市自然资源和规划局机关支部委员会"),
    ("市统计局", "中共市统计局机关支部委员会"),
    ("区人力资源和社会保障局", "中共区人力资源和社会保障局支部委员会"),
    ("市图书馆", "中共市图书馆支部委员会"),
)
_DEFAULT_POSTS = (  # name, location, people per shift, 党员带班
    ("东门卡口", "丰泽园东门（主出入口）", 2, True),
    ("西门卡口", "丰泽园西门", 1, False),
    ("北门值守点", "北门快递外卖接收点", 1, False),
)

# The 37 home units of the city's 下沉 cadres (003: 400 cadres from 37 units).
HOME_UNITS = (
    "市委办公室", "市政府办公室", "市委组织部", "市委宣传部", "市委统战部", "市委政法委", "市纪委监委机关",
    "市发展和改革委员会", "市教育局", "市科学技术局", "市工业和信息化局", "市民政局", "市司法局", "市财政局",
    "市人力资源和社会保障局", "市自然资源和规划局", "市生态环境局", "市住房和城乡建设局", "市交通运输局",
    "市水务局", "市农业农村局", "市商务局", "市文化广电和旅游局", "市卫生健康委员会", "市退役军人事务局",
    "市应急管理局", "市审计局", "市国有资产监督管理委员会", "市市场监督管理局", "市统计局", "市医疗保障局",
    "市城市管理局", "市信访局", "市总工会", "团市委", "市妇联", "市图书馆",
)
_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN_MALE = ("建华", "国强", "志刚", "永红", "海涛", "俊杰", "文博", "宏伟", "晓东", "立军", "德明", "振华",
               "子轩", "浩然", "明远", "家豪", "卫东", "新民", "少华", "春雷", "启航", "一鸣", "嘉树", "承志")
_GIVEN_FEMALE = ("秀英", "桂芳", "丽华", "晓红", "雪梅", "婉清", "思琪", "佳怡", "慧敏", "玉兰", "春燕", "美玲",
                 "欣怡", "雨萱", "静怡", "亚楠", "晓琳", "淑珍", "艳萍", "若曦", "梦洁", "丹丹", "海燕", "红霞")
_PLACE_WORDS = ("锦华", "翠湖", "金桂", "阳光", "和谐", "康乐", "明珠", "春晖", "梧桐", "银杏", "枫林", "望江",
                "滨河", "福源", "瑞祥", "安居", "华庭", "丽景", "嘉禾", "兰亭", "东湖", "紫荆", "青松", "朝阳")
_COMPOUND_KINDS = ("小区", "花园", "家园", "新村", "苑")
_COMMUNITIES = ("文昌社区", "新华社区", "光明社区", "育才社区", "东风社区", "幸福社区", "建设社区", "胜利社区",
                "和平里社区", "青年路社区", "解放社区", "向阳社区")
_SIDE_GATES = (("西门卡口", "西门", 1), ("南门卡口", "南门", 1), ("北门值守点", "北门快递外卖接收点", 1),
               ("地库出入口", "地下车库出入口", 1))


@dataclass(frozen=True)
class DemoBranch:
    compound: str
    community: str
    people: tuple[tuple[str, str, str], ...]  # surname, given name, gender
    units: tuple[tuple[str, str], ...]  # unit, its Party organisation
    posts: tuple[tuple[str, str, int, bool], ...]
    doc_number: int = 12  # the approval document's number
    subdistrict: str = "和平街道"

    @property
    def name(self) -> str:
        return f"{self.compound}临时党支部"

    @property
    def short(self) -> str:
        return short_name(self.compound)


def short_name(compound: str) -> str:
    """The compound without its kind, as people say it: 丰泽园小区 -> 丰泽园."""
    for kind in _COMPOUND_KINDS:
        if compound.endswith(kind) and len(compound) > len(kind) + 1:
            return compound[: -len(kind)]
    return compound


DEFAULT = DemoBranch("丰泽园小区", "文昌社区", _DEFAULT_PEOPLE, _DEFAULT_UNITS, _DEFAULT_POSTS)


def _home_org(unit: str, rng: random.Random) -> str:
    return f"中共{unit}{rng.choice(('机关委员会', '机关支部委员会', '支部委员会'))}"


def seeded(seed: int) -> DemoBranch:
    """The fictional branch of *seed*: always the same for the same seed."""
    rng = random.Random(f"branch-desk demo {seed}")  # a string seed: stable across Python versions
    middle, kind = rng.choice(("园", "城", "府", "苑", "里", "湾")), rng.choice(_COMPOUND_KINDS)
    compound = rng.choice(_PLACE_WORDS) + middle + (kind if middle not in kind else "小区")  # no 园花园
    if compound.startswith("丰泽园"):
        compound = "新" + compound
    size = rng.randrange(12, 19)
    names: set[str] = set()
    people = []
    while len(people) < size:
        male = rng.random() < 0.55
        surname = rng.choice(_SURNAMES)
        given = rng.choice(_GIVEN_MALE if male else _GIVEN_FEMALE)
        if surname + given not in names:
            names.add(surname + given)
            people.append((surname, given, "男" if male else "女"))
    units = tuple((unit, _home_org(unit, rng)) for unit in rng.sample(HOME_UNITS, rng.randrange(3, 7)))
    short = short_name(compound)
    sides = rng.sample(_SIDE_GATES, 2 if size >= 14 else 1)
    posts = (("东门卡口", f"{short}东门（主出入口）", 2, True),
             *((name, place if "快递" in place or "车库" in place else f"{short}{place}", needed, False)
               for name, place, needed in sides))
    return DemoBranch(compound, rng.choice(_COMMUNITIES), tuple(people), units, posts,
                      doc_number=rng.randrange(5, 60))
