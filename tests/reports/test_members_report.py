"""党员花名册: title, masked and revealed numbers, departed members, counts, long rosters."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from desktop.demo import create_demo_database
from desktop.models import Branch, Member, open_store
from desktop.reports.fonts import BODY
from desktop.reports.layout import GEOMETRY
from desktop.reports.members import COLUMN_WIDTHS, FONT_SIZE, HEADER, build_members_report
from desktop.reports.tables import given_widths
from desktop.roster.privacy import mask_id_number, mask_phone
from desktop.roster.service import save_member

from .pdftext import all_text, lines, reader
from .test_document import PAGE_NUMBER, embedded_font_problems

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.sqlite3"
    create_demo_database(path, today=TODAY)
    open_store(path)
    return path


def column_edges(fonts) -> list[float]:
    geo = GEOMETRY["landscape"]
    widths = given_widths(COLUMN_WIDTHS, geo.width, fonts.font_name(BODY), FONT_SIZE)
    edges = [geo.left]
    for width in widths:
        edges.append(edges[-1] + width)
    return edges


def columns(path_or_lines, page, fonts) -> tuple[list[str], list[str]]:
    """(header cells, body text per column) of the roster table on *page*, lines joined per cell."""
    every = lines(path_or_lines) if not isinstance(path_or_lines, list) else path_or_lines
    found = [line for line in every if line.page == page and abs(line.size - FONT_SIZE) < 0.01]
    top = next(line for line in found if line.text == "序号").y
    edges = column_edges(fonts)
    header, body = [""] * len(HEADER), [""] * len(HEADER)
    for line in found:
        col = next((i for i in range(len(HEADER)) if edges[i] <= line.x < edges[i + 1]), None)
        if col is None:
            continue
        if abs(line.y - top) <= 10:
            header[col] += line.text
        elif line.y < top:
            body[col] += line.text
    return header, body


def _build(tmp_path, fonts, **options):
    path = tmp_path / "roster.pdf"
    result = build_members_report(path, today=TODAY, fonts=fonts, **options)
    assert result.path == path
    return result, path


def test_title_subtitle_and_landscape_pages(demo, tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    found = lines(path)
    title = next(line for line in found if line.text == "丰泽园小区临时党支部党员花名册")
    assert title.size == pytest.approx(22) and title.page == 1
    assert "制表日期：2026年11月22日" in [line.text for line in found]
    for page in reader(path).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    assert embedded_font_problems(path) == []
    assert result.missing_characters == []


def test_every_active_member_is_listed_and_departed_ones_are_not(demo, tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    text = all_text(path).replace("\n", "")
    active = Member.select().where(Member.departed_on.is_null())
    departed = Member.select().where(Member.departed_on.is_null(False))
    assert active.count() and departed.count()
    for member in active:
        assert member.name in text
    for member in departed:
        assert member.name not in text
    assert f"另有已撤离{departed.count()}人未列入本表。" in text


def test_departed_members_on_request_are_marked(demo, tmp_path, fonts):
    _, path = _build(tmp_path, fonts, include_departed=True)
    found = lines(path)
    marks = [line for line in found if line.text == "（已撤离）"]
    departed = Member.select().where(Member.departed_on.is_null(False))
    assert len(marks) == departed.count() > 0
    for member in departed:
        name = next(line for line in found if line.text == member.name)
        # The mark is the next line of the same cell.
        assert any(m.page == name.page and abs(m.x - name.x) < 16 and 0 < name.y - m.y < 15 for m in marks)


def test_dates_phones_and_id_numbers_never_wrap(demo, tmp_path, fonts):
    _, path = _build(tmp_path, fonts, reveal=True)
    texts = {line.text for line in lines(path)}
    for member in Member.select().where(Member.departed_on.is_null()):
        for value in (member.phone, member.id_number, f"{member.arrived_on:%Y.%m.%d}"):
            assert not value or value in texts, value


def test_phones_and_id_numbers_are_masked_by_default(demo, tmp_path, fonts):
    _, path = _build(tmp_path, fonts)
    text = all_text(path)
    members = [m for m in Member.select().where(Member.departed_on.is_null()) if m.phone and m.id_number]
    assert members
    for member in members:
        assert mask_phone(member.phone) in text and member.phone not in text
        assert mask_id_number(member.id_number) in text and member.id_number not in text
    assert "部分隐去" in text


def test_reveal_prints_them_in_full(demo, tmp_path, fonts):
    _, path = _build(tmp_path, fonts, reveal=True)
    text = all_text(path)
    for member in Member.select().where(Member.departed_on.is_null()):
        if member.phone:
            assert member.phone in text
        if member.id_number:
            assert member.id_number in text
    assert "部分隐去" not in text


def test_closing_line_counts_by_political_status(demo, tmp_path, fonts):
    _, path = _build(tmp_path, fonts)
    counts = Counter(m.political_status for m in Member.select().where(Member.departed_on.is_null()))
    text = all_text(path).replace("\n", "")
    assert f"共{sum(counts.values())}人，其中" in text
    for status, count in counts.items():
        assert f"{status}{count}人" in text


def test_counts_on_a_small_roster():
    for name, status in [("甲", "中共党员"), ("乙", "中共党员"), ("丙", "群众"), ("丁", "中共预备党员")]:
        save_member({"name": name, "political_status": status})
    result = build_members_report(None, today=TODAY)
    assert "共4人，其中中共党员2人、中共预备党员1人、群众1人。" in all_text(result.data)


def test_committee_comes_first(demo, tmp_path, fonts):
    _, path = _build(tmp_path, fonts)
    secretary = Member.get(Member.branch_role == "书记")
    first_row = [line.text for line in lines(path) if line.page == 1]
    assert first_row[first_row.index("1") + 1] == secretary.name


def test_empty_roster_says_so(tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    text = all_text(path)
    assert "临时党支部党员花名册" in text  # no branch name yet
    assert "党员花名册：暂无记录。" in text
    assert "序号" not in text
    assert result.empty_sections == ["党员花名册"] and result.page_count == 1


def test_rare_character_in_a_name_is_reported(tmp_path, fonts):
    Branch.current()
    save_member({"name": "李\U0002A6A5", "political_status": "中共党员"})
    result, path = _build(tmp_path, fonts)
    assert columns(path, 1, fonts)[1][HEADER.index("姓名")] == "李〔U+2A6A5〕"
    assert [(m.char, m.where) for m in result.missing_characters] == [("\U0002A6A5", "“姓名”：李\U0002A6A5")]


def test_long_roster_repeats_the_header_on_every_page(tmp_path, fonts):
    Member.insert_many([
        {"name": f"成员{i:03d}", "name_pinyin": f"cy{i:03d}", "gender": "男", "political_status": "中共党员",
         "unit": "市统计局", "unit_post": "科员", "phone": f"139{i:08d}", "branch_role": "党员"}
        for i in range(400)
    ]).execute()
    result, path = _build(tmp_path, fonts)
    assert result.page_count > 10
    found = lines(path)
    for page in range(1, result.page_count + 1):
        assert columns(found, page, fonts)[0] == list(HEADER), page
        numbers = [line.text for line in found if line.page == page and PAGE_NUMBER.match(line.text)]
        assert numbers == [f"— {page} —"]
    names = [line.text for line in found if line.text.startswith("成员")]
    assert names == [f"成员{i:03d}" for i in range(400)]


def test_in_memory_build(demo, fonts):
    result = build_members_report(None, today=TODAY, fonts=fonts)
    assert result.path is None and result.data.startswith(b"%PDF") and result.page_count >= 1
