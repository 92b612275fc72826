"""Bad input never crashes and never writes half a record: the member service with hostile
text in every field, and the command line with hostile arguments."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import desktop.cli as cli
from desktop.models import Member, Team
from desktop.models.choices import ETHNICITIES, GENDERS, HEALTH_STATUSES
from desktop.roster.fields import FIELDS
from desktop.roster.names import normalize_name_dots
from desktop.roster.service import ValidationFailed, member_values, save_member

TODAY = dt.date(2026, 11, 22)
HOSTILE = [
    "'; DROP TABLE member; --", "\" OR 1=1 --", "Robert'); DELETE FROM team;--", "=cmd|' /C calc'!A0",
    "😀👨‍👩‍👧", "\U0002A6A5", "\x00", "a\x00b", "\x07\x1b[31m", "\u200b\ufeff", "\r\n", "\t", "‮反向",
    "长" * 5000, "x" * 100_000, " 前后空格 ", "NULL", "None", "%s%s%n", "{0}", "\\", "../..",
    "中共党员", "男", "书记", "健康", "汉族", "13912345678", "1968-05",
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
)
TEXT_KEYS = [f.key for f in FIELDS if f.kind != "date"]
DATE_KEYS = [f.key for f in FIELDS if f.kind == "date"]
# Partial dates reach the service already parsed ('YYYY-MM[-DD]'): the dialog and the
# importer parse them. Raw text there must be refused cleanly too.
PARTIAL_KEYS = [f.key for f in FIELDS if f.kind == "partial_date"]
partial_date = st.one_of(
    st.just(""),
    st.dates(min_value=dt.date(1900, 1, 1)).map(lambda d: d.isoformat()),
    st.dates(min_value=dt.date(1900, 1, 1)).map(lambda d: d.isoformat()[:7]),
)
# Fields with a closed vocabulary or a format: mostly a valid value, sometimes hostile,
# so that both outcomes (saved exactly / refused cleanly) are exercised.
CHECKED = {
    "gender": ["", *GENDERS], "ethnicity": ["", *ETHNICITIES[:5], "其他"],
    "political_status": ["", "群众", "共青团员"], "branch_role": ["", "志愿者"],
    "health_status": ["", *HEALTH_STATUSES], "phone": ["", "13912345678", "0436-1234567"],
    "id_number": ["", "11010519491231002X"],
}


@st.composite
def values_strategy(draw) -> dict:
    values = {key: draw(hostile_text) for key in TEXT_KEYS if key not in CHECKED and key not in PARTIAL_KEYS}
    spoiled = draw(st.sets(st.sampled_from(sorted(CHECKED)), max_size=2))
    for key, valid in CHECKED.items():
        values[key] = draw(hostile_text) if key in spoiled else draw(st.sampled_from(valid))
    for key in PARTIAL_KEYS:
        values[key] = draw(partial_date) if key == "birth_date" else ""
    for key in DATE_KEYS:
        values[key] = draw(st.one_of(st.none(), st.dates(min_value=dt.date(2000, 1, 1), max_value=TODAY)))
    return values


def note(text: str) -> None:
    try:
        event(text)
    except Exception:  # noqa: BLE001 - outside a hypothesis run (the parametrized tests)
        pass


def expected(values: dict) -> dict:
    """What reading the record back must give: the service trims the name and the team only,
    and writes a name's middle dot one way (no spaces around it)."""
    result = {key: values[key] for key in TEXT_KEYS + DATE_KEYS}
    result["name"] = normalize_name_dots(values["name"].strip())
    result["team"] = values["team"].strip()
    return result


def table_counts() -> tuple[int, int]:
    return Member.select().count(), Team.select().count()


def check_saved_or_refused(values: dict, member_id: int | None) -> None:
    before_counts = table_counts()
    before = member_values(Member.get_by_id(member_id)) if member_id else None
    try:
        member = save_member(values, member_id, today=TODAY)
    except ValidationFailed as exc:
        note("refused")
        assert exc.problems and all(re.search(r"[\u4e00-\u9fff]", p.message) for p in exc.problems)
        assert table_counts() == before_counts  # not a row, not a team
        if member_id:
            assert member_values(Member.get_by_id(member_id)) == before
        return
    note("saved")
    stored = member_values(Member.get_by_id(member.id))
    assert stored == expected(values)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=values_strategy())
def test_hostile_text_in_every_field_is_saved_exactly_or_refused_cleanly(values):
    check_saved_or_refused(values, None)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=values_strategy())
def test_hostile_edits_of_an_existing_member(values):
    member = Member.get_or_none(Member.name == "已有成员") or save_member({"name": "已有成员"}, today=TODAY)
    check_saved_or_refused(values, member.id)


@pytest.mark.parametrize("field", [k for k in TEXT_KEYS if k not in PARTIAL_KEYS])
@pytest.mark.parametrize("text", ["'; DROP TABLE member; --", "😀👨‍👩‍👧", "a\x00b\x07", "长" * 100_000])
def test_each_field_alone_round_trips_or_is_refused(field, text):
    values = {"name": "测试", field: text} if field != "name" else {"name": text}
    values = {**{k: "" for k in TEXT_KEYS}, **{k: None for k in DATE_KEYS}, **values}
    check_saved_or_refused(values, None)


@pytest.mark.parametrize("field", PARTIAL_KEYS)
def test_unparsed_partial_date_text_is_refused_cleanly(field):
    check_saved_or_refused({"name": "测试", field: "'; DROP TABLE member; --"}, None)


# --- the command line ---------------------------------------------------------

def _safe_path_text(text: str) -> str:
    """Hostile, but inside the test's folder: no separators, no home-directory tilde."""
    text = text.replace("/", "_").replace("\\", "_")
    return "x" + text if text.startswith("~") else text


argument = st.one_of(
    st.sampled_from(["", "-", "--", "-x", "--db", "-o", "--reveal", "--dry-run", "--skip-invalid", "..", ".",
                     "members", "花名册.xlsx", "a.csv", "b.pdf", "'; DROP TABLE member; --", "😀", "a\x00b",
                     "长" * 3000, "\u202e", "--db=", "-o=", "--from", "2022-02-30", "99999-01-01"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
).map(_safe_path_text)
# Each '{}' takes a hostile argument; then up to two more arguments follow anywhere.
TEMPLATES = [
    [], ["{}"], ["demo", "--db", "{}"], ["import", "members", "{}"], ["import", "members", "{}", "--dry-run"],
    ["import", "{}"], ["export", "members", "{}"], ["export", "members", "out.csv", "--db", "{}"],
    ["backup"], ["backup", "-o", "{}"], ["backup", "--db", "{}"], ["restore", "{}"],
    ["restore", "{}", "--db", "{}"], ["check", "--db", "{}"], ["report", "{}"], ["--db", "{}", "check"],
]


@pytest.fixture
def quiet_gui(monkeypatch):
    monkeypatch.setattr(cli, "_start_app", lambda args: 0)  # no window from a bare `branch-desk`


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=st.sampled_from(TEMPLATES), fills=st.lists(argument, min_size=2, max_size=2),
       rest=st.lists(argument, max_size=2))
def test_hostile_arguments_exit_0_or_1_in_chinese_never_a_traceback(
    template, fills, rest, tmp_path, monkeypatch, capsys, quiet_gui,
):
    monkeypatch.chdir(tmp_path)
    values = iter(fills)
    argv = [next(values) if part == "{}" else part for part in template] + rest
    try:
        code = cli.main(argv)
    except SystemExit as exit_info:  # argparse: --help (0) or a usage error (1)
        code = exit_info.code
    out, err = capsys.readouterr()
    event(f"exit {code}")
    assert code in (0, 1)
    assert "Traceback" not in err and "Traceback" not in out
    if code == 1:
        assert re.search(r"[\u4e00-\u9fff]", err), err
