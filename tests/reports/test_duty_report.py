"""值班表 PDF: landscape A4, fonts embedded, every name printed, header repeated, empty periods."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from reportlab.lib.pagesizes import A4, landscape

from desktop.duty import setup as S
from desktop.models import Branch, DutyAssignment, Member
from desktop.reports.duty import (
    LEGEND,
    PARTY_MARK,
    build_duty_report,
    build_person_schedule,
    day_label,
    period_text,
    weeks,
)
from desktop.roster.pinyin import pinyin_key

from .pdftext import all_text, lines, reader
from .test_document import embedded_font_problems

MON = dt.date(2026, 11, 16)
NAMES = ("王志远", "李晓燕", "张建国", "刘海波", "陈雅琴", "杨立新", "赵文静", "黄振宇", "周红梅")


def make_rota(posts: int = 3, days: int = 7, start: dt.date = MON) -> set[str]:
    """A hand-made rota: round-robin over NAMES (the last three are not Party members)."""
    branch = Branch.current()
    branch.name = "丰泽园小区临时党支部"
    branch.save()
    pattern = S.ensure_default_pattern()
    shifts = S.shifts_of(pattern.id)
    members = [Member.create(name=n, name_pinyin=pinyin_key(n),
                             political_status="群众" if i >= 6 else "中共党员") for i, n in enumerate(NAMES)]
    cycle = itertools.cycle(members)
    used = set()
    for p in range(posts):
        post = S.create_post(f"{p + 1}号卡口" if posts > 3 else ("东门卡口", "西门卡口", "北门值守点")[p],
                             pattern.id, people_needed=2 if p == 0 else 1, party_member_required=p == 0)
        for d in range(days):
            for shift in shifts:
                for _ in range(post.people_needed):
                    member = next(cycle)
                    DutyAssignment.insert(date=start + dt.timedelta(days=d), post=post, shift=shift,
                                          member=member).on_conflict_ignore().execute()
                    used.add(member.name)
    return used


def test_helpers():
    assert day_label(MON) == "11月16日\n周一"
    assert period_text(MON, MON + dt.timedelta(days=6)) == "2026年11月16日至11月22日"
    wed = MON + dt.timedelta(days=2)
    assert [len(w) for w in weeks(wed, wed + dt.timedelta(days=9))] == [7, 3]
    assert weeks(MON, MON + dt.timedelta(days=13))[1][0] == MON + dt.timedelta(days=7)
    assert [len(w) for w in weeks(wed, wed + dt.timedelta(days=6))] == [7]


def test_week_rota_landscape_with_every_name(fonts, tmp_path):
    names = make_rota()
    path = tmp_path / "值班表.pdf"
    result = build_duty_report(path, MON, MON + dt.timedelta(days=6), fonts=fonts)
    assert result.missing_characters == [] and result.empty_sections == []
    pdf = reader(path)
    for page in pdf.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(landscape(A4), abs=0.01)
    assert embedded_font_problems(path) == []
    text = all_text(path)
    assert "丰泽园小区临时党支部值班表" in text and "2026年11月16日至11月22日" in text
    for name in names:
        assert name in text
    assert f"{PARTY_MARK}王志远" in text and f"{PARTY_MARK}赵文静" not in text  # 赵文静 is not a member
    assert "（党员带班）" in text and "早班 08:00–16:00" in text and "中班 16:00–24:00" in text
    assert "11月16日" in text and "周日" in text
    assert LEGEND[:10] in text.replace("\n", "")
    assert "个人值班安排" in text


def test_header_repeats_on_every_page_of_a_long_table(fonts, tmp_path):
    make_rota(posts=12, days=3)
    path = tmp_path / "长表.pdf"
    result = build_duty_report(path, MON, MON + dt.timedelta(days=2), fonts=fonts, include_people=False)
    assert result.page_count >= 2
    every = lines(path)
    for page in range(1, result.page_count + 1):
        texts = [line.text for line in every if line.page == page]
        assert "值守点" in texts and "班次" in texts, f"page {page} has no header"
    assert "12号卡口" in all_text(path)


def test_more_than_a_week_makes_one_table_per_week(fonts, tmp_path):
    wed = MON + dt.timedelta(days=2)
    make_rota(days=10, start=wed)
    path = tmp_path / "两周.pdf"
    build_duty_report(path, wed, wed + dt.timedelta(days=9), fonts=fonts, include_people=False)
    text = all_text(path)
    assert "2026年11月18日至11月24日" in text and "2026年11月25日至11月27日" in text
    headers = [line for line in lines(path) if line.text == "值守点"]
    assert len({line.page for line in headers}) == 2


def test_empty_period_says_so(fonts, tmp_path):
    result = build_duty_report(None, MON, MON + dt.timedelta(days=6), fonts=fonts)
    assert result.empty_sections == ["值班表"]
    assert "值班表：暂无记录。" in all_text(result.data)


def test_unfilled_and_inactive_cells_are_marked(fonts):
    pattern = S.ensure_preset(S.EVENING_PATTERN)
    S.create_post("南门卡口", pattern.id, active_from=MON + dt.timedelta(days=1))
    result = build_duty_report(None, MON, MON + dt.timedelta(days=1), fonts=fonts)
    text = all_text(result.data)
    assert "—" in text.split("\n") and "待定" in text


def test_person_schedule_for_one_member(fonts, tmp_path):
    make_rota(days=2)
    li = Member.get(Member.name == "李晓燕")
    mine = DutyAssignment.select().where(DutyAssignment.member == li).count()
    result = build_person_schedule(None, MON, MON + dt.timedelta(days=1), member_id=li.id, fonts=fonts)
    page = reader(result.data).pages[0]
    assert float(page.mediabox.width) < float(page.mediabox.height)  # portrait, to hand out
    text_lines = all_text(result.data).split("\n")
    assert "李晓燕值班安排" in text_lines
    assert sum(1 for t in text_lines if t == f"{PARTY_MARK}李晓燕") == mine
    assert "王志远" not in "".join(text_lines)


def test_demo_duty_rota_and_report(fonts, tmp_path):
    from desktop.demo import create_demo_database
    from desktop.duty.stats import unfilled_shifts
    from desktop.models import Handover, HandoverPerson, Post, open_store

    today = dt.date(2026, 11, 22)
    path = tmp_path / "demo.sqlite3"
    summary = "\n".join(create_demo_database(path, today=today))  # the demo includes the duty part
    open_store(path)
    first, last = today - dt.timedelta(days=7), today + dt.timedelta(days=6)
    assert "3 个值守点" in summary
    assert [(p.name, p.people_needed, p.party_member_required) for p in Post.select().order_by(Post.position)] == [
        ("东门卡口", 2, True), ("西门卡口", 1, False), ("北门值守点", 1, False)]
    assert len(unfilled_shifts(first, last)) <= 3  # the solver fills (nearly) every slot
    records = list(Handover.select())
    assert len(records) == 3 * 3 * 7 and all(h.date < today for h in records)  # past shifts only
    assert all(h.people_checked >= 0 and h.items_handed for h in records)
    assert HandoverPerson.select().count() >= len(records)
    assert any(h.open_matters for h in records)
    result = build_duty_report(tmp_path / "demo.pdf", first, last, fonts=fonts)
    text = all_text(tmp_path / "demo.pdf")
    for a in DutyAssignment.select(DutyAssignment, Member).join(Member):
        assert a.member.name in text
    assert result.missing_characters == []
