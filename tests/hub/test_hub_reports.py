"""The hub's reports (工作汇总, 下沉干部现实表现 by 派出单位, 支部报送情况) as PDF and Word, read back,
on SQLite and on a real PostgreSQL server; and `branch-desk hub report` as a person runs it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.hub import queries
from desktop.hub.hub_import import import_paths
from desktop.hub.keys import load_hub_private_key
from desktop.hub.package import open_package
from desktop.hub.reports import (
    build_cadre_reports_per_unit,
    build_hub_cadre_report,
    build_hub_summary,
    build_submission_report,
)
from desktop.hub.reports.cadres import UnitNotFound
from desktop.hub.store import is_postgresql
from desktop.reports.fontconvert import ENV_FONT_CACHE, cache_dir
from desktop.reports.fonts import FontSet
from desktop.roster.privacy import mask_phone
from tests.reports.pdftext import all_text as pdf_text
from tests.reports.wordtext import all_text as word_text
from tests.reports.wordtext import open_docx

from .helpers import make_hub
from .sub_district import MOVER, STALE_SEED, sub_district_of


@pytest.fixture(scope="session")
def sub_district(tmp_path_factory):
    return sub_district_of(tmp_path_factory)


@pytest.fixture(scope="session", autouse=True)
def font_cache():
    """The app's font cache, as tests/reports uses it: the Noto conversion runs once per machine."""
    path = Path(os.environ.get(ENV_FONT_CACHE) or cache_dir())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_FONT_CACHE, str(path))
        FontSet(use_system=False).prepare(parallel=True)
        yield path


@pytest.fixture
def fonts():
    return FontSet(use_system=False)


@pytest.fixture
def hub(hub_location, sub_district, tmp_path):
    hub = make_hub(hub_location, sub_district, tmp_path)
    import_paths(hub, sub_district.packages)
    yield hub
    hub.close()


def text_of(path: Path) -> str:
    """Every character of the file's text, line breaks and table cell borders left out."""
    if path.suffix == ".docx":
        return word_text(open_docx(path))
    return pdf_text(path).replace("\n", "")


def _people(sub_district):
    key = load_hub_private_key(sub_district.private_pem)
    return [m for path in sub_district.packages for m in open_package(path, key).tables["member"]]


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_summary_names_every_branch_with_its_figures_and_the_total(hub, sub_district, fonts, tmp_path, suffix):
    start, end = sub_district.period
    target = tmp_path / f"工作汇总{suffix}"

    result = build_hub_summary(hub, target, start, end, fonts=fonts)

    text = text_of(target)
    assert not result.missing_characters
    rows = queries.branches_overview(hub, start, end, today=end)
    total = queries.total_figures(rows)
    assert "临时党支部工作汇总" in text and "附表" in text
    for row in rows:
        assert row.name in text, row.name
    # The figures of the text are the hub's: meetings, attendance, shifts, handovers, diaries.
    assert (f"共召开会议{total.meetings}次，应到{total.expected}人次、实到{total.present}人次，"
            f"出席率{total.attendance_text}；安排值班{total.shifts}人次") in text.replace(" ", "")
    stale = sub_district.names[STALE_SEED]
    assert f"超过{queries.STALE_DAYS}天未报送数据包：{stale}" in text.replace(" ", "")
    if suffix == ".pdf":
        assert result.page_count >= 3  # text and charts, then the landscape 附表
        table_total = f"合计{sum(r.on_site for r in rows)}{total.meetings}{total.attendance_text}{total.shifts}"
        assert table_total in text.replace(" ", "")


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_cadre_report_names_every_units_cadres_with_phones_masked(hub, sub_district, fonts, tmp_path, suffix):
    start, end = sub_district.period
    target = tmp_path / f"下沉干部{suffix}"

    result = build_hub_cadre_report(hub, target, start, end, fonts=fonts)

    text = text_of(target)
    people = queries.cadres(hub, start, end)
    for unit in {p.unit for p in people}:
        assert f"{unit}下沉干部现实表现情况" in text, unit
    for person in people:
        assert person.name in text, person.name
    phones = [m["phone"] for m in _people(sub_district) if m["phone"]]
    ids = [m["id_number"] for m in _people(sub_district) if m["id_number"]]
    assert phones and ids
    for phone in phones:
        assert phone not in text
    for number in ids:
        assert number not in text
    assert any(mask_phone(p.phone) in text for p in people if p.phone)
    assert not result.missing_characters


def test_a_cadre_who_moved_between_branches_is_reported_once_with_both_branches(hub, sub_district, fonts, tmp_path):
    start, end = sub_district.period
    target = tmp_path / "审计局.pdf"

    build_hub_cadre_report(hub, target, start, end, unit=MOVER["unit"], fonts=fonts)

    text = text_of(target)
    assert text.count(MOVER["name"]) == 2  # once in the table, once as a heading
    assert sub_district.names[4] in text and sub_district.names[5] in text
    others = [p for p in queries.cadres(hub, start, end) if p.unit != MOVER["unit"]]
    assert others and not any(p.name in text for p in others)
    assert f"本期在岗{sub_district.mover_days}天" in text.replace(" ", "")


def test_an_unknown_unit_is_refused_with_the_units_there_are(hub, sub_district, fonts, tmp_path):
    start, end = sub_district.period
    with pytest.raises(UnitNotFound, match=MOVER["unit"]):
        build_hub_cadre_report(hub, tmp_path / "x.pdf", start, end, unit="不存在的单位", fonts=fonts)
    assert not (tmp_path / "x.pdf").exists()


def test_one_file_per_unit(hub, sub_district, fonts, tmp_path):
    start, end = sub_district.period
    folder = tmp_path / "按单位"

    results = build_cadre_reports_per_unit(hub, folder, start, end, fmt="docx", fonts=fonts)

    units = {p.unit for p in queries.cadres(hub, start, end)}
    assert sorted(r.path.name for r in results) == sorted(f"{u}下沉干部现实表现情况.docx" for u in units)
    mover_file = folder / f"{MOVER['unit']}下沉干部现实表现情况.docx"
    assert MOVER["name"] in text_of(mover_file)


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_submission_report_names_every_branch_and_the_late_one(hub, sub_district, fonts, tmp_path, suffix):
    start, end = sub_district.period
    target = tmp_path / f"报送情况{suffix}"

    build_submission_report(hub, target, start, end, fonts=fonts)

    text = text_of(target).replace(" ", "")
    for name in sub_district.names.values():
        assert name in text
    stale = sub_district.names[STALE_SEED]
    assert f"未报送数据包的支部1个：{stale}" in text
    assert text.count("逾期") >= 2  # the row, and the note that explains it
    assert "本期收到数据包3份" in text


def _report(hub_location, tmp_path, capsys, *argv):
    extra = ["--key", str(tmp_path / "hub-private.key")] if is_postgresql(hub_location) else []
    code = main(["hub", "report", *argv, "--hub", hub_location, *extra])
    return code, capsys.readouterr()


def test_cli_writes_each_report(hub, hub_location, sub_district, tmp_path, capsys, monkeypatch):
    from desktop.reports import font_choice

    monkeypatch.setattr(font_choice, "font_set", lambda: FontSet(use_system=False))
    start, end = (d.isoformat() for d in sub_district.period)
    period = ["--from", start, "--to", end]
    hub.close()

    for kind, name in (("summary", "汇总.pdf"), ("branches", "报送.docx"), ("cadres", "干部.pdf")):
        code, out = _report(hub_location, tmp_path, capsys, kind, *period, "-o", str(tmp_path / name))
        assert code == 0, out.err
        assert f"已生成 {tmp_path / name}" in out.out
        assert (tmp_path / name).stat().st_size > 0
    code, out = _report(hub_location, tmp_path, capsys, "cadres", *period, "--unit", MOVER["unit"],
                        "-o", str(tmp_path / "审计局.docx"))
    assert code == 0, out.err
    code, out = _report(hub_location, tmp_path, capsys, "cadres", *period, "-o", str(tmp_path / "各单位"))
    assert code == 0, out.err
    assert len(list((tmp_path / "各单位").glob("*.pdf"))) == out.out.count("已生成")


@pytest.mark.parametrize("argv, message", [
    (["summary", "-o", "汇总.txt"], ".pdf"),
    (["summary", "--unit", "市审计局", "-o", "汇总.pdf"], "--unit"),
    (["cadres", "--unit", "不存在的单位", "-o", "x.pdf"], "不存在的单位"),
])
def test_cli_refuses_what_it_cannot_write(hub, hub_location, sub_district, tmp_path, capsys, argv, message):
    start, end = (d.isoformat() for d in sub_district.period)
    hub.close()
    argv = [a if not a.endswith((".txt", ".pdf")) else str(tmp_path / a) for a in argv]

    code, out = _report(hub_location, tmp_path, capsys, argv[0], "--from", start, "--to", end, *argv[1:])

    assert code == 1
    assert message in out.err
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.txt"))


def test_cli_refuses_a_period_of_decades(tmp_path, capsys):
    code = main(["hub", "report", "summary", "--from", "1990-01-01", "--to", "2026-01-01", "-o",
                 str(tmp_path / "x.pdf"), "--hub", str(tmp_path / "none.sqlite3")])
    assert code == 1
    assert "超出了合理的年份" in capsys.readouterr().err


def _many_branches(count: int) -> list[str]:
    """*count* branches written straight into the hub's tables (what imports would leave)."""
    import datetime as dt

    from desktop.hub.hub_models import HubBranch, HubMeeting, HubMember

    now = dt.datetime.now().replace(microsecond=0)
    names = []
    for i in range(count):
        uid = f"many-{i:03d}"
        names.append(f"第{i + 1}号小区临时党支部")
        HubBranch.create(uid=uid, name=names[-1], community=f"第{i % 7 + 1}社区", subdistrict="和平街道",
                         signer_key="k", last_sequence=1, last_digest=uid, last_created_at=now, last_imported_at=now)
        HubMember.create(branch_uid=uid, source_id=1, name=f"干部{i + 1}", unit=f"单位{i % 20 + 1}", arrived_on=None)
        HubMeeting.create(branch_uid=uid, source_id=1, date=now.date(), expected=10, present=5 + i % 6)
    return names


def test_a_summary_of_many_branches_charts_distributions_and_lists_every_branch(hub_location, sub_district, fonts,
                                                                                tmp_path):
    from desktop.hub.reports.summary import CHART_BRANCHES

    hub = make_hub(hub_location, sub_district, tmp_path)
    names = _many_branches(CHART_BRANCHES + 5)
    target = tmp_path / "汇总.pdf"
    today = sub_district.today

    build_hub_summary(hub, target, today, today, fonts=fonts)

    hub.close()
    text = text_of(target)
    for name in names:
        assert name in text, name
    assert text.index(names[1]) < text.index(names[9])  # 第2号 before 第10号 in the table
    assert f"支部较多（{len(names)}个），以下按出席率分布作图" in text.replace(" ", "")
    assert "各支部值班（人次）" not in text  # bars per branch would no longer read
