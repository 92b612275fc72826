"""The sub-district of the hub bench (issue 17): 100 branch databases, 90 days each.

    .venv/bin/python bench/subdistrict_data.py [--branches 100]

Each branch has 4–15 cadres sent by 2–5 of the city's 37 home units (every unit appears
somewhere), 1–3 gates on 三班倒 with one person per shift for 90 days, a handover record
(交班人/接班人, who served) for every shift, a 每日例会 every day plus weekly 支部委员会 and monthly
支部党员大会/主题党日 with attendance, topics, notes and decisions, diaries on about 40% of
a cadre's days, and the report texts (成效/问题/下一步 and every cadre's 评价). A few cadres
move from one branch to the next half-way (same name, phone and ID number): the hub's 干部
page counts them once.

Rows go in directly (bulk inserts with explicit ids, one transaction per branch) into files
made through the door (safety.opening.open_database runs the migrations), so the schema is
the app's. Everything comes from seeded generators and a fixed last day (END), so the same
arguments give the same records; only each file's uid is derived from its number (uuid5).
ensure() keeps one cached folder in bench/.cache/ named by GENERATOR_VERSION, the schema
version and the number of branches. Never export from the cache itself: export counts its
packages in the file and writes a key beside it (copy_branches() first).
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.demo.variety import HOME_UNITS, seeded
from desktop.models import (
    Branch,
    DiaryEntry,
    DiaryEntryTag,
    DutyAssignment,
    Handover,
    HandoverPerson,
    Meeting,
    MeetingAttendance,
    MeetingDecision,
    MeetingNote,
    MeetingTopic,
    Member,
    Post,
    ReportNote,
    ShiftDefinition,
    ShiftPattern,
    Team,
    close,
    db,
)
from desktop.models.migrations import LATEST
from desktop.roster.pinyin import name_key
from desktop.safety.opening import Mode, open_database

GENERATOR_VERSION = 1  # bump when the generated contents change: the cache rebuilds
CACHE_DIR = Path(__file__).resolve().parent / ".cache"
BRANCHES, DAYS = 100, 90
MIN_CADRES, MAX_CADRES = 4, 15
END = dt.date(2026, 12, 4)  # the last day with records: fixed, so the cache never depends on the build day
START = END - dt.timedelta(days=DAYS - 1)
UID_NAMESPACE = uuid.UUID("6f0b7c1e-4d7a-4c39-9b2e-1a0f5d3c2b17")
SHIFTS = (("早班", "08:00", "16:00", False), ("中班", "16:00", "24:00", False), ("夜班", "00:00", "08:00", True))
GATES = (("东门卡口", "东门（主出入口）"), ("西门卡口", "西门"), ("北门值守点", "北门快递外卖接收点"))
TEAMS = ("第一小分队", "第二小分队", "第三小分队", "第四小分队")
UNIT_POSTS = ("科员", "副科长", "科长", "一级主任科员", "四级主任科员", "办公室主任", "馆员")
PREFIXES = ("", "新", "东", "西", "南", "北", "中", "上", "下", "老")
# (type id as migrated: 1 每日例会, 3 支部委员会, 4 支部党员大会, 7 主题党日), every n days, start time
MEETING_PLAN = ((1, 1, "07:30"), (3, 7, "19:00"), (4, 30, "19:30"), (7, 30, "09:00"))
TOPICS = ("班前动员", "疫情防控政策学习", "发现的问题", "当日分工", "工作总结", "下步安排")
NOTE_LINES = (
    "昨天全天运转平稳，大家辛苦了。今天继续做好扫码测温，不漏一人。",
    "请各小分队长上岗前清点防护物资，发现短缺及时报告。",
    "夜班同志交接时要把情况讲清楚，交接记录写完整。",
    "{b}号楼有一户独居老人需要代购降压药。",
    "核酸采样点排队较长，建议分楼栋错峰采样。",
    "部分居民对封控时间有疑问，情绪较大，要耐心解释。",
)
DECISIONS = ("通过本周值班安排。", "同意调整各小分队包保楼栋。", "通过防护物资发放办法。")
ABSENCE = ("值班", "请假", "病假", "公差")
EVENTS = (
    "一名居民未带手机无法出示健康码，经核实身份后手工登记放行。",
    "外卖骑手集中到达，已引导至接收点，无聚集。",
    "社区送来一批防护物资，已清点入库。",
    "测温发现一人体温37.4℃，休息十分钟后复测36.8℃，已登记。",
)
# (sentence, tag id as migrated: 1 值守 2 核酸检测 3 物资配送 4 送药 5 巡查 7 群众诉求)
DIARY_SENTENCES = (
    ("在{gate}值{shift}，查验健康码和核酸证明，测温登记{n}人。", 1),
    ("组织{b}号楼居民核酸采样，维持一米线秩序，行动不便的老人安排上门采样。", 2),
    ("下午把蔬菜包送到{b}号楼，每户一份，共{n}件。", 3),
    ("给独居老人送药，{b}号楼的降压药已送到。", 4),
    ("走访{b}号楼困难家庭{k}户，逐一记录需求。", 7),
    ("晚上巡查各楼栋单元门，{b}号楼单元门锁坏了，已报物业维修。", 5),
)
SUMMARY_TEXTS = {
    "成效": "支部坚持每日例会和交接班制度，值守点24小时不断岗，党员带头认领包保任务，物资配送和送药当日办结。",
    "问题": "一是夜班人员偏紧；二是部分老年居民不会使用智能手机，扫码登记耗时较长。",
    "下一步": "一是优化排班，保证两班之间至少休息8小时；二是在各卡口设置纸质登记簿和代登记服务。",
}
ASSESSMENTS = ("服从安排，坚守卡口岗位，值守认真细致。", "工作主动，熟悉包保楼栋情况，群众评价好。",
               "责任心强，物资配送及时准确，交接班记录清楚完整。", "作为党员带头承担急难险重任务，发挥了先锋模范作用。")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@dataclass
class Cadre:
    name: str
    gender: str
    birth: dt.date
    unit: str
    phone: str
    id_number: str
    party: bool
    arrived_on: dt.date = START
    departed_on: dt.date | None = None


@dataclass
class BranchPlan:
    number: int
    uid: str
    compound: str
    community: str
    doc_number: int
    cadres: list[Cadre] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.compound}临时党支部"


def _fake_id(rng: random.Random, birth: dt.date, male: bool) -> str:
    # Region 110199 does not exist, so no real person can hold this number.
    seq = rng.randrange(10, 99) * 10 + (rng.choice((1, 3, 5, 7, 9)) if male else rng.choice((0, 2, 4, 6, 8)))
    body = f"110199{birth:%Y%m%d}{seq:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS)) % 11]


def plan(branches: int = BRANCHES, seed: int = 1) -> list[BranchPlan]:
    """Who is in which branch: names and units from the demo's variety (desktop.demo.variety),
    4–15 cadres each; every tenth branch hands one cadre on to the next half-way."""
    plans: list[BranchPlan] = []
    compounds: set[str] = set()
    phones: set[str] = set()
    for number in range(branches):
        demo = seeded(seed * 1000 + number)
        rng = random.Random(f"subdistrict {seed} branch {number}")
        compound = next(p + demo.compound for p in PREFIXES if p + demo.compound not in compounds)
        compounds.add(compound)
        units = [HOME_UNITS[number % len(HOME_UNITS)]]  # every one of the 37 units sends someone
        units += [u for u, _ in demo.units if u not in units][: rng.randrange(1, 5)]
        receiving = number % 10 == 2  # takes a mover from the branch before: one place kept free
        size = rng.randrange(MIN_CADRES, MAX_CADRES + (0 if receiving else 1))
        people = demo.people  # 12–18 invented people: enough for 15
        branch = BranchPlan(number, uuid.uuid5(UID_NAMESPACE, f"{seed}-{number}").hex, compound, demo.community,
                            demo.doc_number)
        for index, (surname, given, gender) in enumerate(people[:size]):
            birth = dt.date(rng.randrange(1966, 1999), rng.randrange(1, 13), rng.randrange(1, 29))
            while True:
                phone = f"1{rng.choice('35789')}{rng.randrange(0, 10)}{rng.randrange(10**7, 10**8)}"
                if phone not in phones:
                    phones.add(phone)
                    break
            branch.cadres.append(Cadre(
                surname + given, gender, birth, units[index % len(units)], phone,
                _fake_id(rng, birth, gender == "男") if rng.random() < 0.8 else "", index < 0.8 * size + 1,
                arrived_on=START + dt.timedelta(days=rng.choice((0, 0, 0, 0, 1, 3, 10)) if index else 0)))
        plans.append(branch)
    for number in range(1, branches - 1, 10):  # the mover keeps name, phone and ID number
        mover = plans[number].cadres[-1]
        mover.departed_on = START + dt.timedelta(days=DAYS // 2)
        plans[number + 1].cadres.append(Cadre(mover.name, mover.gender, mover.birth, mover.unit, mover.phone,
                                              mover.id_number, mover.party, arrived_on=mover.departed_on))
    return plans


def _insert(model, fields: Sequence, rows: list[tuple]) -> int:
    chunk = max(1, 30_000 // len(fields))
    for begin in range(0, len(rows), chunk):
        model.insert_many(rows[begin:begin + chunk], fields=list(fields)).execute()
    return len(rows)


def _day(number: int) -> dt.date:
    return START + dt.timedelta(days=number)


def _present(cadre: Cadre, day: dt.date) -> bool:
    return cadre.arrived_on <= day and (cadre.departed_on is None or day < cadre.departed_on)


def _stamp(day: dt.date, hhmm: str) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour % 24, minute))


def fill(branch: BranchPlan) -> None:
    """Write *branch*'s records into the bound database (one transaction)."""
    rng = random.Random(f"subdistrict records {branch.uid}")
    with db.atomic():
        _profile(branch)
        member_ids = _roster(branch, rng)
        on_duty = _duty(branch, rng, member_ids)
        _meetings(branch, rng, member_ids)
        _diaries(branch, rng, member_ids, on_duty)
        _notes(branch, rng, member_ids)


def _profile(branch: BranchPlan) -> None:
    founded = START - dt.timedelta(days=3)
    record = Branch.current()
    for key, value in dict(uid=branch.uid, name=branch.name, compound=branch.compound, community=branch.community,
                           subdistrict="和平街道", approving_org="中共和平街道工作委员会",
                           approval_doc_no=f"和街党发〔{founded.year}〕{branch.doc_number}号",
                           approval_date=founded, founded_on=founded).items():
        setattr(record, key, value)
    record.save()


def _roster(branch: BranchPlan, rng: random.Random) -> list[int]:
    teams = (len(branch.cadres) + 3) // 4
    _insert(Team, (Team.id, Team.name, Team.sort_order), [(i + 1, TEAMS[i], i) for i in range(teams)])
    rows = []
    for index, c in enumerate(branch.cadres):
        role = ("书记", "副书记", "组织委员")[index] if index < 3 else ("党员" if c.party else "志愿者")
        created = dt.datetime.combine(c.arrived_on, dt.time(9, rng.randrange(60)))
        rows.append((index + 1, c.name, name_key(c.name), c.gender, f"{c.birth:%Y-%m}", "汉族",
                     "中共党员" if c.party else "群众", f"{c.birth.year + 24}-07" if c.party else "", c.unit,
                     rng.choice(UNIT_POSTS), f"中共{c.unit}机关委员会" if c.party else "", role, index % teams + 1,
                     c.phone, c.id_number, c.arrived_on, c.departed_on, "健康",
                     "调往另一支部" if c.departed_on else "", created, created))
    _insert(Member, (Member.id, Member.name, Member.name_pinyin, Member.gender, Member.birth_date, Member.ethnicity,
                     Member.political_status, Member.party_joined, Member.unit, Member.unit_post, Member.home_org,
                     Member.branch_role, Member.team, Member.phone, Member.id_number, Member.arrived_on,
                     Member.departed_on, Member.health_status, Member.notes, Member.created_at,
                     Member.updated_at), rows)
    return [index + 1 for index in range(len(branch.cadres))]


def _duty(branch: BranchPlan, rng: random.Random, member_ids: list[int]) -> dict[tuple[int, dt.date], tuple]:
    """One person per post-shift, in turn among those present; a handover for every shift."""
    ShiftPattern.insert(id=1, name="三班倒").execute()
    _insert(ShiftDefinition, (ShiftDefinition.id, ShiftDefinition.pattern, ShiftDefinition.name,
                              ShiftDefinition.start_time, ShiftDefinition.end_time, ShiftDefinition.is_night,
                              ShiftDefinition.position),
            [(i + 1, 1, name, a, b, night, i) for i, (name, a, b, night) in enumerate(SHIFTS)])
    gates = GATES[: 1 if len(member_ids) <= 6 else 2 if len(member_ids) <= 10 else 3]
    short = branch.compound
    _insert(Post, (Post.id, Post.name, Post.location, Post.pattern, Post.people_needed, Post.active_from,
                   Post.position),
            [(i + 1, name, short + place, 1, 1, START, i) for i, (name, place) in enumerate(gates)])
    duty, handovers, served, on_duty = [], [], [], {}
    turn = 0
    previous: dict[int, int] = {}  # post -> index of its latest handover record
    for number in range(DAYS):
        day = _day(number)
        present = [m for m, c in zip(member_ids, branch.cadres) if _present(c, day)]
        order = sorted(range(len(SHIFTS)), key=lambda s: SHIFTS[s][1])  # 夜班 00:00 first
        for shift_index in order:
            name, begins, ends, _ = SHIFTS[shift_index]
            for post in range(1, len(gates) + 1):
                member = present[turn % len(present)]
                turn += 1
                duty.append((len(duty) + 1, day, post, shift_index + 1, member, _stamp(START, "08:00")))
                on_duty.setdefault((member, day), (len(duty), gates[post - 1][0], name))
                share = 1.0 if post == 1 else 0.4
                people = int(rng.randint(4, 30) if name == "夜班" else rng.randint(140, 360) * share)
                events = rng.choice(EVENTS) if rng.random() < 0.3 else ""
                stamp = _stamp(day, ends)
                if post in previous:  # the shift before hands over to this one (交班人 -> 接班人)
                    handovers[previous[post]][13] = member
                handovers.append([len(handovers) + 1, day, post, shift_index + 1, people,
                                  int(rng.randint(0, 40) * share), int(rng.random() < 0.03),
                                  rng.choice((0, 0, 0, 1)), 0, events, "出入登记册1本、测温枪1把、对讲机1部", "",
                                  member, None, stamp, stamp])
                served.append((len(served) + 1, len(handovers), member, begins, ends))
                previous[post] = len(handovers) - 1
    _insert(DutyAssignment, (DutyAssignment.id, DutyAssignment.date, DutyAssignment.post, DutyAssignment.shift,
                             DutyAssignment.member, DutyAssignment.created_at), duty)
    handovers = [tuple(row) for row in handovers]
    _insert(Handover, (Handover.id, Handover.date, Handover.post, Handover.shift, Handover.people_checked,
                       Handover.vehicles_checked, Handover.fever_cases, Handover.no_code_cases,
                       Handover.other_abnormal, Handover.events, Handover.items_handed, Handover.open_matters,
                       Handover.handed_over_by, Handover.taken_over_by, Handover.created_at, Handover.updated_at),
            handovers)
    _insert(HandoverPerson, (HandoverPerson.id, HandoverPerson.handover, HandoverPerson.member,
                             HandoverPerson.check_in, HandoverPerson.check_out), served)
    return on_duty


def _meetings(branch: BranchPlan, rng: random.Random, member_ids: list[int]) -> None:
    meetings, attendance, topics, notes, decisions = [], [], [], [], []
    for number in range(DAYS):
        day = _day(number)
        present = [(m, c) for m, c in zip(member_ids, branch.cadres) if _present(c, day)]
        for kind, every, begins in MEETING_PLAN:
            if number % every:
                continue
            meeting_id = len(meetings) + 1
            party_only = kind in (4, 7)
            expected = [m for m, c in present if c.party or not party_only]
            stamp = _stamp(day, "21:00")
            title = "" if kind == 1 else f"{day.month}月{day.day}日会议"
            meetings.append((meeting_id, kind, title, day, begins, "", "值班室", expected[0], expected[-1],
                             "", "", "", Meeting.FINAL, stamp, stamp, stamp))
            for m in expected:
                here = rng.random() < 0.88
                attendance.append((meeting_id, m, here, "" if here else rng.choice(ABSENCE)))
            for position, text in enumerate(rng.sample(TOPICS, 2)):
                topics.append((meeting_id, position, text))
            for position in range(2):
                line = rng.choice(NOTE_LINES).format(b=rng.randrange(1, 30))
                notes.append((meeting_id, position, f"{begins}:{position * 5:02d}", expected[0], line))
            if kind != 1:
                decisions.append((meeting_id, 0, rng.choice(DECISIONS), len(expected), 0, 0))
    _insert(Meeting, (Meeting.id, Meeting.meeting_type, Meeting.title, Meeting.date, Meeting.start_time,
                      Meeting.end_time, Meeting.place, Meeting.host, Meeting.recorder, Meeting.guests,
                      Meeting.study_content, Meeting.problems, Meeting.status, Meeting.finalized_at,
                      Meeting.created_at, Meeting.updated_at), meetings)
    _insert(MeetingAttendance, (MeetingAttendance.meeting, MeetingAttendance.member, MeetingAttendance.present,
                                MeetingAttendance.absence_reason), attendance)
    _insert(MeetingTopic, (MeetingTopic.meeting, MeetingTopic.position, MeetingTopic.text), topics)
    _insert(MeetingNote, (MeetingNote.meeting, MeetingNote.position, MeetingNote.said_at, MeetingNote.speaker,
                          MeetingNote.text), notes)
    _insert(MeetingDecision, (MeetingDecision.meeting, MeetingDecision.position, MeetingDecision.text,
                              MeetingDecision.votes_for, MeetingDecision.votes_against,
                              MeetingDecision.votes_abstain), decisions)


def _diaries(branch: BranchPlan, rng: random.Random, member_ids: list[int], on_duty: dict) -> None:
    entries, tags = [], []
    for number in range(DAYS):
        day = _day(number)
        for member, cadre in zip(member_ids, branch.cadres):
            if not _present(cadre, day) or rng.random() >= 0.4:
                continue
            duty = on_duty.get((member, day))
            fill = dict(b=rng.randrange(1, 30), n=rng.randrange(5, 300), k=rng.randrange(2, 12),
                        gate=duty[1] if duty else "东门卡口", shift=duty[2] if duty else "早班")
            chosen = ([DIARY_SENTENCES[0]] if duty else []) + rng.sample(DIARY_SENTENCES[1:], rng.randrange(1, 3))
            entry_id = len(entries) + 1
            stamp = _stamp(day, f"{rng.randrange(18, 24)}:{rng.randrange(60):02d}")
            entries.append((entry_id, member, day, "".join(s.format(**fill) for s, _ in chosen),
                            duty[0] if duty else None, stamp, stamp))
            tags.extend((entry_id, tag) for tag in sorted({t for _, t in chosen}))
    _insert(DiaryEntry, (DiaryEntry.id, DiaryEntry.member, DiaryEntry.date, DiaryEntry.text,
                         DiaryEntry.duty_assignment, DiaryEntry.created_at, DiaryEntry.updated_at), entries)
    _insert(DiaryEntryTag, (DiaryEntryTag.entry, DiaryEntryTag.tag), tags)


def _notes(branch: BranchPlan, rng: random.Random, member_ids: list[int]) -> None:
    stamp = _stamp(END, "20:00")
    rows = [("summary", None, START, END, section, text, stamp) for section, text in SUMMARY_TEXTS.items()]
    rows += [("cadre", m, START, END, "评价", rng.choice(ASSESSMENTS), stamp) for m in member_ids]
    _insert(ReportNote, (ReportNote.kind, ReportNote.member, ReportNote.period_from, ReportNote.period_to,
                         ReportNote.section, ReportNote.text, ReportNote.updated_at), rows)


# -- building and caching ---------------------------------------------------------------------

def file_name(number: int) -> str:
    return f"branch-{number + 1:03d}.sqlite3"


def build(folder: Path, branches: int = BRANCHES, seed: int = 1,
          progress: Callable[[str], None] = print) -> list[Path]:
    """Create *branches* branch databases in *folder* (must not hold them yet)."""
    folder.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    paths = []
    for branch in plan(branches, seed):
        path = folder / file_name(branch.number)
        open_database(path, Mode.WRITE, checked=False)
        try:
            fill(branch)
        finally:
            close()  # the last connection closing checkpoints the WAL into the file
        paths.append(path)
        if (branch.number + 1) % 10 == 0 or branch.number + 1 == branches:
            progress(f"  {time.perf_counter() - began:6.1f} s  {branch.number + 1}/{branches} 个支部")
    return paths


def cache_name(branches: int, seed: int = 1) -> str:
    return f"subdistrict-g{GENERATOR_VERSION}-schema{LATEST}-b{branches}-seed{seed}"


@contextlib.contextmanager
def _cache_lock(folder: Path) -> Iterator[None]:
    """Two benches may call ensure() at once: one builds, the other waits (bigdb.py does the same)."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock; a concurrent build only wastes time
        yield
        return
    with open(folder / ".subdistrict.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure(branches: int = BRANCHES, cache_dir: Path | None = None, progress: Callable[[str], None] = print,
           seed: int = 1) -> Path:
    """The cached folder of branch databases, built on first use; copy before exporting."""
    folder = Path(cache_dir) if cache_dir else CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / cache_name(branches, seed)
    with _cache_lock(folder):
        if target.exists():
            return target
        progress(f"生成 {branches} 个支部的数据库（仅首次）：{target}")
        partial = folder / f".building-subdistrict-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        began = time.perf_counter()
        build(partial, branches, seed, progress)
        os.replace(partial, target)
        for stale in folder.glob(f"subdistrict-*-b{branches}-seed{seed}"):  # older generator or schema
            if stale != target:
                shutil.rmtree(stale, ignore_errors=True)
        size = sum(p.stat().st_size for p in target.iterdir())
        progress(f"完成，用时 {time.perf_counter() - began:.1f} 秒，共 {size / 1e6:.0f} MB")
    return target


def copy_branches(source: Path, folder: Path) -> list[Path]:
    """Private copies of the cached branch files in *folder*, safe to export from."""
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for path in sorted(source.glob("branch-*.sqlite3")):
        shutil.copyfile(path, folder / path.name)
        copies.append(folder / path.name)
    return copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--branches", type=int, default=BRANCHES)
    args = parser.parse_args()
    folder = ensure(args.branches)
    print(f"{folder}：{len(list(folder.glob('branch-*.sqlite3')))} 个支部数据库")


if __name__ == "__main__":
    main()
