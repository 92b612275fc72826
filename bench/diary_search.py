"""How fast is diary search on a big branch? ~50,000 entries, 400 members, one year.

    .venv/bin/python bench/diary_search.py [--runs 20] [--entries N]

Works on a copy of bench/bigdb.py's cached database (built on first use), or with
--entries on a throwaway database of N generated entries (bulk insert in one transaction;
the FTS triggers index as rows go in). Prints per query the median of search_diaries
(limit 200, newest first) and of a plain LIKE scan with the same order and limit, then
the medians of reading pages 1, 2 and 10 as the 查找 list does when scrolled to the end.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bigdb
from desktop.diaries.search import like_pattern, search_diaries
from desktop.models import DiaryEntry, Member, close, db
from desktop.safety.opening import Mode, open_database

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志远晓燕雅琴子豪立新"
FRAGMENTS = (
    "上午在{gate}值守，查验健康码和核酸证明，测温登记{n}人。",
    "组织{b}号楼居民核酸采样，维持一米线秩序，行动不便的老人安排上门采样。",
    "下午把蔬菜包送到{b}号楼，每户一份，共{n}件。",
    "给独居老人送药，{b}号楼{name}阿姨的降压药已送到。",
    "走访{b}号楼困难家庭{k}户，逐一记录需求。",
    "{name}家的孩子要复诊，帮忙联系了就医绿色通道。",
    "晚上巡查各楼栋单元门，{b}号楼单元门锁坏了，已报物业维修。",
    "在楼栋群转发防控通告，把重点内容贴在单元门口。",
    "{name}情绪比较焦虑，电话里陪她聊了半个小时。",
    "协助社区录入核酸采样信息，扫码枪没电，换上备用的。",
    "和{name}一起清点测温枪、登记簿和消毒液，写好交接记录。",
)
GATES = ("东门卡口", "西门卡口", "北门值守点", "南门临时通道")
QUERIES = (  # (label, query)
    ("2字人名", "{name}"),
    ("2字词", "送药"),
    ("4字短语", "核酸采样"),
    ("6字短语", "给独居老人送药"),
    ("无结果（4字）", "火星基地"),
    ("无结果（2字）", "鲸鱼"),
)
PAGE = 200  # the 查找 list's page (desktop/ui/diaries/search_results.py; not imported: no Qt here)
PAGED = (("2字人名", "{name}"), ("2字词", "送药"), ("4字短语", "核酸采样"), ("空查询（全部）", ""))


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def build(path: Path, entries: int, members: int, seed: int = 1) -> str:
    """Fill a new database; returns a 2-character name that occurs in the diaries."""
    rng = random.Random(seed)
    open_database(path, Mode.WRITE, checked=False)
    first = dt.date(2022, 1, 1)
    people = [_name(rng) for _ in range(members)]
    residents = [_name(rng) for _ in range(2000)]
    started = time.perf_counter()
    with db.atomic():
        Member.insert_many([{"name": n, "name_pinyin": "", "unit": "某局"} for n in people]).execute()
        ids = [m.id for m in Member.select(Member.id)]
        rows, seen = [], set()
        while len(rows) < entries:
            member, day = rng.choice(ids), first + dt.timedelta(days=rng.randrange(365))
            if (member, day) in seen:
                continue
            seen.add((member, day))
            text = "".join(rng.choice(FRAGMENTS).format(
                gate=rng.choice(GATES), n=rng.randrange(5, 300), b=rng.randrange(1, 30),
                k=rng.randrange(3, 20), name=rng.choice(residents)) for _ in range(rng.randrange(2, 6)))
            rows.append((member, day.isoformat(), text))
        for start in range(0, len(rows), 1000):
            DiaryEntry.insert_many(rows[start:start + 1000],
                                   fields=[DiaryEntry.member, DiaryEntry.date, DiaryEntry.text]).execute()
    print(f"建库：{entries} 篇日记，{members} 人，用时 {time.perf_counter() - started:.1f} 秒，"
          f"数据库 {path.stat().st_size / 1e6:.0f} MB")
    return residents[0]


def median_ms(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def like_scan(query: str) -> list:
    sql = ("SELECT id FROM diary_entry WHERE text LIKE ? ESCAPE '\\' ORDER BY date DESC, id DESC LIMIT 200")
    return db.execute_sql(sql, (like_pattern(query),)).fetchall()


def time_query(query: str, runs: int) -> dict:
    """One query on the open database: hits, and the medians of search_diaries and of the LIKE scan."""
    total = "SELECT count(*) FROM diary_entry WHERE text LIKE ? ESCAPE '\\'"
    hits = db.execute_sql(total, (like_pattern(query),)).fetchone()[0]
    ours = median_ms(lambda: search_diaries(query), runs)
    plain = median_ms(lambda: like_scan(query), runs)
    assert len(search_diaries(query)) == len(like_scan(query)) == min(hits, 200)
    return {"query": query, "hits": hits, "ours_ms": ours, "like_ms": plain}


def _cursor(query: str, page: int):
    """(found, after): whether *query* has a page number *page*, and the cursor it starts from."""
    after = None
    for _ in range(page - 1):
        hits = search_diaries(query, limit=PAGE, after=after)
        if len(hits) < PAGE:
            return False, None
        after = hits[-1].key
    return True, after


def time_next_page(query: str, runs: int) -> dict:
    """Medians (ms) of reading pages 1, 2 and 10 of *query* on the open database, each as the
    查找 list reads it (PAGE + 1 hits after the last one shown); None where there is no such page.
    Returns {"query", "hits" (up to 10 pages), "page1_ms", "page2_ms", "page10_ms"}."""
    first_ten = search_diaries(query, limit=10 * PAGE)
    paged, after = [], None
    for _ in range(10):  # the pages joined are the unlimited search
        page = search_diaries(query, limit=PAGE, after=after)
        paged += [hit.entry.id for hit in page]
        if len(page) < PAGE:
            break
        after = page[-1].key
    assert paged == [hit.entry.id for hit in first_ten], query
    result = {"query": query, "hits": len(first_ten)}
    for number in (1, 2, 10):
        found, after = _cursor(query, number)
        result[f"page{number}_ms"] = median_ms(
            lambda: search_diaries(query, limit=PAGE + 1, after=after), runs) if found else None
    return result


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, help="generate this many entries instead of using bigdb")
    parser.add_argument("--members", type=int, default=400)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.entries:
            name = build(Path(folder) / "bench.sqlite3", args.entries, args.members)
        else:
            open_database(bigdb.copy_to(Path(folder)), Mode.WRITE, checked=False)  # the app may write: never the cached file
            name = bigdb.resident_names()[0]
        print(f"{'查询':<12}{'内容':<10}{'命中':>8}{'search_diaries':>16}{'LIKE 扫描':>12}")
        for label, template in QUERIES:
            row = time_query(template.format(name=name), args.runs)
            print(f"{label:<12}{row['query']:<10}{row['hits']:>8}{row['ours_ms']:>14.1f}ms{row['like_ms']:>10.1f}ms")
        print(f"\n翻页（每页 {PAGE} 条）\n{'查询':<12}{'内容':<10}{'前10页命中':>8}{'第1页':>10}{'第2页':>10}{'第10页':>10}")
        for label, template in PAGED:
            row = time_next_page(template.format(name=name), args.runs)
            print(f"{label:<12}{row['query']:<10}{row['hits']:>8}{_ms(row['page1_ms']):>12}"
                  f"{_ms(row['page2_ms']):>12}{_ms(row['page10_ms']):>12}")
        close()


if __name__ == "__main__":
    main()
