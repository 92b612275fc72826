"""A small sub-district for the hub's pages and reports: three seeded demo branches, one cadre
who served in two of them (same ID number, another phone), two different people of one name
without ID numbers, and one branch whose newest package is weeks old (stale, late).

A test module makes its fixture with ``sub_district_of(tmp_path_factory)``: built once per
test run, whichever module asks first."""
from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from pathlib import Path

from desktop.models import close, open_store

STALE_SEED = 6
MOVER = {"name": "沈立群", "id_number": "110199198203150016", "unit": "市审计局", "gender": "男",
         "political_status": "中共党员", "unit_post": "四级调研员", "home_org": "中共市审计局机关支部委员会"}
NAMESAKE = "韩同名"  # one name, two people: different phones, no ID number
STALE_AGE_DAYS = 20


@dataclass
class SubDistrict:
    packages: list[Path]  # seeds 4, 5 and the stale 6
    names: dict[int, str]  # seed -> branch name
    private_pem: bytes
    public_text: bytes
    today: dt.date
    mover_days: int  # days on site of the mover in [today - 60, today], overlaps once
    mover_diaries: int

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return self.today - dt.timedelta(days=60), self.today


def _add_people(seed: int, today: dt.date) -> int:
    """The mover (first in seed 4, then in seed 5) and a namesake; returns the mover's diaries."""
    from desktop.models import DiaryEntry, Member

    if seed == 4:
        arrived, departed, phone = today - dt.timedelta(days=40), today - dt.timedelta(days=25), "13800000401"
    else:
        arrived, departed, phone = today - dt.timedelta(days=24), None, "13900000501"
    mover = Member.create(phone=phone, arrived_on=arrived, departed_on=departed, **MOVER)
    for day in range(3 if seed == 4 else 2):
        DiaryEntry.create(member=mover, date=arrived + dt.timedelta(days=day), text=f"第{seed}号支部包保日记{day}")
    Member.create(name=NAMESAKE, unit="市档案馆", phone=f"1370000{seed:04d}", arrived_on=today - dt.timedelta(days=10))
    return 3 if seed == 4 else 2


def _export(target: Path, receiving: Path, made_at: dt.datetime | None = None) -> None:
    from desktop.hub import export

    if made_at is None:
        export.export_package(target, receiving)
        return
    old = type("OldDatetime", (dt.datetime,), {"now": classmethod(lambda cls, tz=None: made_at)})
    real = export.dt
    export.dt = types.SimpleNamespace(**{**vars(dt), "datetime": old})
    try:
        export.export_package(target, receiving)
    finally:
        export.dt = real


_built: SubDistrict | None = None


def sub_district_of(tmp_path_factory) -> SubDistrict:
    """The sub-district, built on the first call of the test run (a few seconds) and kept."""
    global _built
    if _built is None:
        _built = _build(tmp_path_factory)
    return _built


def _build(tmp_path_factory) -> SubDistrict:
    from desktop.demo import create_demo_database
    from desktop.hub.keys import new_hub_keys, write_receiving_key
    from desktop.models import Branch

    folder = tmp_path_factory.mktemp("sub-district")
    private_pem, public_text = new_hub_keys()
    receiving = folder / "接收密钥.json"
    write_receiving_key(receiving, public_text)
    today = dt.date.today()
    packages, names, diaries = [], {}, 0
    for seed in (4, 5, STALE_SEED):
        db_path = folder / f"branch{seed}.sqlite3"
        create_demo_database(db_path, branch_seed=seed)
        open_store(db_path)
        try:
            if seed != STALE_SEED:
                diaries += _add_people(seed, today)
            names[seed] = Branch.get().name
            made = dt.datetime.now() - dt.timedelta(days=STALE_AGE_DAYS) if seed == STALE_SEED else None
            target = folder / f"branch{seed}.bdpkg"
            _export(target, receiving, made)
            packages.append(target)
        finally:
            close()
    mover_days = (40 - 25 + 1) + (24 + 1)  # two stints, no overlap, both inside the period
    return SubDistrict(packages, names, private_pem, public_text, today, mover_days, diaries)
