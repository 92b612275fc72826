"""The rota picture for a phone: 1080 px wide, 38 px names, Chinese drawn with the bundled font."""
from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image, ImageChops, ImageDraw

from desktop.duty import setup as S
from desktop.duty.export import export_duty
from desktop.duty.rota_sheet import rota_sheet
from desktop.exporters import rota_picture
from desktop.exporters.tabular import ExportError
from desktop.models import Branch, DutyAssignment
from desktop.roster import service as roster

MONDAY = dt.date(2026, 12, 7)


@pytest.fixture
def week():
    branch = Branch.current()
    branch.name = "丰泽园小区临时党支部"
    branch.save()
    pattern = S.ensure_default_pattern()
    east = S.create_post("东门卡口", pattern.id, people_needed=2, party_member_required=True)
    early, middle, night = S.shifts_of(pattern.id)
    zhang = roster.save_member({"name": "张建国", "political_status": "中共党员"})
    li = roster.save_member({"name": "李晓燕", "political_status": "群众"})
    DutyAssignment.create(date=MONDAY, post=east, shift=early, member=zhang)
    DutyAssignment.create(date=MONDAY, post=east, shift=early, member=li)
    DutyAssignment.create(date=MONDAY + dt.timedelta(days=1), post=east, shift=night, member=li)
    return east


def test_the_picture_is_phone_wide_with_large_type(week, tmp_path):
    # Stated sizes: 1080 px wide (a phone screen's pixels), names in 38 px, title in 56 px.
    assert (rota_picture.WIDTH, rota_picture.BODY_PX, rota_picture.TITLE_PX) == (1080, 38, 56)
    path = tmp_path / "本周值班.png"
    assert export_duty(path, MONDAY, MONDAY + dt.timedelta(days=6)) == 3
    with Image.open(path) as image:
        assert image.format == "PNG" and image.width == 1080
        assert image.height > image.width  # a long picture a phone scrolls, not a shrunken table
        inked = image.convert("L").point(lambda v: 255 if v < 128 else 0).getbbox()
        assert inked is not None


def test_chinese_is_drawn_with_the_bundled_font_not_boxes(week):
    """A Chinese character and a missing glyph must differ: the bundled font has the glyphs."""
    font = rota_picture._font(rota_picture.BODY_PX)

    def ink(text):
        image = Image.new("L", (200, 60), 255)
        ImageDraw.Draw(image).text((5, 5), text, font=font, fill=0)
        return image

    assert ImageChops.difference(ink("张"), ink("李")).getbbox() is not None
    assert ImageChops.difference(ink("张"), ink("\uffff")).getbbox() is not None
    import pylopdf_fonts_zh_cn

    assert font.path == str(pylopdf_fonts_zh_cn.sans_path())


def test_the_title_names_the_branch_and_period_and_a_missing_person_shows(week):
    sheet = rota_sheet(MONDAY, MONDAY + dt.timedelta(days=6))
    assert sheet.title == "丰泽园小区临时党支部值班表"
    assert sheet.period == "2026年12月7日—12月13日"
    first = sheet.rows[0].cells[0]
    assert first.names == ["李晓燕", "★张建国"] and first.missing == 0  # pinyin order
    assert sheet.rows[1].cells[0].lines() == ["待定", "待定"]
    before = rota_picture.render_picture(sheet)
    DutyAssignment.delete().where(DutyAssignment.member == week_member("李晓燕")).execute()
    after = rota_picture.render_picture(rota_sheet(MONDAY, MONDAY + dt.timedelta(days=6)))
    assert before != after, "the names are drawn from the rota"


def week_member(name):
    from desktop.models import Member

    return Member.get(Member.name == name).id


def test_a_picture_holds_one_week(week, tmp_path):
    with pytest.raises(ExportError, match="7 天"):
        export_duty(tmp_path / "x.png", MONDAY, MONDAY + dt.timedelta(days=7))
    with pytest.raises(ExportError, match="开始日期"):
        export_duty(tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()
