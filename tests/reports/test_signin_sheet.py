"""会议签到表: who is listed, the header, tall rows, and the header row on every page."""
from __future__ import annotations

import datetime as dt

import pytest
from reportlab.lib.units import mm

from desktop.meetings import service as S
from desktop.models import Branch, Member
from desktop.reports.fonts import BODY
from desktop.reports.layout import GEOMETRY
from desktop.reports.signin import COLUMN_WIDTHS, FONT_SIZE, HEADER, build_signin_sheet
from desktop.reports.tables import given_widths
from desktop.roster import service as roster

from .pdftext import all_text, lines, reader
from .test_document import A4, embedded_font_problems

DAY = dt.date(2022, 11, 16)
BRANCH = "丰泽园小区临时党支部"


def add_member(name: str, status: str = "中共党员", arrived=dt.date(2022, 11, 1), departed=None):
    return roster.save_member({"name": name, "political_status": status, "arrived_on": arrived,
                               "departed_on": departed, "unit": "市统计局", "unit_post": "科员"},
                              today=dt.date(2022, 12, 31))


@pytest.fixture
def people():
    """Six in the branch on DAY (three on the committee); one not yet arrived, one departed."""
    branch = Branch.current()
    branch.name = BRANCH
    branch.save()
    found = {name: add_member(name) for name in ("周明", "安然", "白云", "陈晨")}
    found["丁宁"] = add_member("丁宁", "中共预备党员")
    found["方圆"] = add_member("方圆", "群众")
    found["郭峰"] = add_member("郭峰", arrived=dt.date(2022, 11, 20))
    found["何静"] = add_member("何静", departed=dt.date(2022, 11, 10))
    roster.set_committee({found["周明"].id: "书记", found["安然"].id: "组织委员", found["白云"].id: "宣传委员"})
    return found


def column_of(x: float, fonts) -> int | None:
    geo = GEOMETRY["portrait"]
    edges = [geo.left]
    for width in given_widths(COLUMN_WIDTHS, geo.width, fonts.font_name(BODY), FONT_SIZE):
        edges.append(edges[-1] + width)
    return next((i for i in range(len(HEADER)) if edges[i] <= x < edges[i + 1]), None)


def table_rows(pdf, fonts) -> tuple[dict[int, list[str]], list[tuple[int, float, str]]]:
    """(header cells per page, [(page, baseline, name)] of the member rows), read below
    each page's first header row and above the 列席人员 table."""
    found = lines(pdf)
    headers, names = {}, []
    for page in sorted({line.page for line in found}):
        on_page = [line for line in found if line.page == page]
        head = [line for line in on_page if line.text == "序号"]
        if not head:
            continue
        top = max(head, key=lambda line: line.y).y
        guests = next((line.y for line in on_page if line.text == "列席人员"), -1.0)
        headers[page] = [line.text for line in on_page if abs(line.y - top) < 1]
        names += [(page, line.y, line.text) for line in on_page
                  if guests < line.y < top - 1 and column_of(line.x, fonts) == 1]
    return headers, names


def form_value(pdf, label: str) -> str:
    """The text beside *label* in the header block (same baseline, next cell)."""
    found = lines(pdf)
    cell = next(line for line in found if line.text == label)
    row = [line for line in found if line.page == cell.page and abs(line.y - cell.y) < 1 and line.x > cell.x]
    return row[0].text if row else ""


def _build(tmp_path, fonts, on=DAY, **options):
    path = tmp_path / "signin.pdf"
    result = build_signin_sheet(path, on, fonts=fonts, **options)
    assert result.path == path and result.page_count == len(reader(path).pages)
    return result, path


def test_a4_embedded_fonts_and_title(people, tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    for page in reader(path).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.01)
    assert embedded_font_problems(path) == []
    assert result.missing_characters == []
    assert lines(path)[0].text == f"{BRANCH}会议签到表"


def test_without_a_meeting_everyone_in_the_branch_is_listed_and_the_header_is_blank(people, tmp_path, fonts):
    _, path = _build(tmp_path, fonts)
    headers, names = table_rows(path, fonts)
    assert [name for _, _, name in names] == ["安然", "白云", "陈晨", "丁宁", "方圆", "周明"]  # pinyin order
    assert headers[1] == list(HEADER)
    assert form_value(path, "会议名称") == "" and form_value(path, "地点") == ""
    assert form_value(path, "时间") == "" and form_value(path, "实到人数") == ""
    assert form_value(path, "日期") == "2022年11月16日"
    assert form_value(path, "应到人数") == "6 人"


def test_a_committee_meeting_lists_the_committee(people, tmp_path, fonts):
    meeting = S.start_meeting("支部委员会", on=DAY, now=dt.datetime(2022, 11, 16, 20, 0))
    S.update_meeting(meeting.id, place="文昌社区党群服务中心")
    result, path = _build(tmp_path, fonts)
    _, names = table_rows(path, fonts)
    assert [name for _, _, name in names] == ["安然", "白云", "周明"]
    assert form_value(path, "会议名称") == meeting.title
    assert form_value(path, "地点") == "文昌社区党群服务中心"
    assert form_value(path, "时间") == "20:00"
    assert form_value(path, "应到人数") == "3 人"
    assert result.warnings == []


def test_the_meetings_own_expected_list_wins(people, tmp_path, fonts):
    meeting = S.start_meeting("支部党员大会", on=DAY, now=dt.datetime(2022, 11, 16, 19, 30))
    S.remove_expected(meeting.id, people["陈晨"].id)  # e.g. away on 公差 the whole week
    _, path = _build(tmp_path, fonts)
    _, names = table_rows(path, fonts)
    assert [name for _, _, name in names] == ["安然", "白云", "丁宁", "周明"]  # no 群众, no 陈晨
    assert form_value(path, "应到人数") == "4 人"


def test_several_meetings_that_day_warn_and_meeting_id_chooses(people, tmp_path, fonts):
    daily = S.start_meeting("每日例会", on=DAY, now=dt.datetime(2022, 11, 16, 7, 30))
    committee = S.start_meeting("支部委员会", on=DAY, now=dt.datetime(2022, 11, 16, 20, 0))
    result, path = _build(tmp_path, fonts)
    assert form_value(path, "会议名称") == committee.title
    assert len(result.warnings) == 1 and daily.title in result.warnings[0]
    result, path = _build(tmp_path, fonts, on=dt.date(2022, 1, 1), meeting_id=daily.id)
    assert form_value(path, "会议名称") == daily.title and form_value(path, "日期") == "2022年11月16日"
    assert len(table_rows(path, fonts)[1]) == 6


def test_long_list_repeats_the_header_and_rows_are_tall_enough_to_sign(tmp_path, fonts):
    Member.insert_many([
        {"name": f"成员{i:02d}", "name_pinyin": f"cy{i:02d}", "political_status": "中共党员",
         "unit": "市统计局", "unit_post": "科员", "branch_role": "党员"}
        for i in range(40)
    ]).execute()
    result, path = _build(tmp_path, fonts)
    headers, names = table_rows(path, fonts)
    assert result.page_count >= 3
    assert [name for _, _, name in names] == [f"成员{i:02d}" for i in range(40)]
    assert set(headers) == set(range(1, result.page_count + 1))
    assert all(cells == list(HEADER) for cells in headers.values())
    for (page_a, y_a, _), (page_b, y_b, _) in zip(names, names[1:]):
        if page_a == page_b:
            assert y_a - y_b >= 12 * mm - 0.5
    assert form_value(path, "应到人数") == "40 人"
    last = [line for line in lines(path) if line.page == result.page_count]
    guests = next(line for line in last if line.text == "列席人员")
    assert guests.y < min(y for page, y, _ in names if page == result.page_count)


def test_nobody_expected_says_so(tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    assert "应到人员：暂无记录。" in all_text(path)
    assert result.empty_sections == ["应到人员"]
