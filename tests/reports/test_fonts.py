"""Font discovery, the user's choices, the character grid, fallback of single characters."""
from __future__ import annotations

import shutil

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.reports import fontfind
from desktop.reports.fontfind import BODY, HEI, KAI, TITLE, FontFile
from desktop.reports.fonts import FontSet, FontUnavailable

from .tinyfonts import build_font


def test_bundled_set_names_noto_for_each_role(fonts):
    lines = fonts.describe()
    assert any(line.startswith("正文（仿宋）：Noto Serif SC") for line in lines)
    assert any(line.startswith("一级标题、表头（黑体）：Noto Sans SC") for line in lines)
    assert all("程序自带" in line for line in lines[:4])


def test_user_choice_wins_and_is_described(tmp_path):
    chosen = build_font(tmp_path / "mine.ttf", "党支部", cff=False, family="Mine")
    fonts = FontSet({BODY: chosen}, use_system=False)
    assert fonts.font_file(BODY).path == chosen
    assert "设置中选择的字体" in fonts.describe()[0]
    assert fonts.font_file(TITLE).path.name.startswith("NotoSerif")


def test_user_choice_that_is_gone_falls_back_with_a_note(tmp_path):
    fonts = FontSet({BODY: tmp_path / "gone.ttf"}, use_system=False)
    assert fonts.font_file(BODY).path.name.startswith("NotoSerif")
    assert any("gone.ttf" in note and "不存在" in note for note in fonts.notes)


def test_user_choice_that_is_not_a_font_falls_back_with_a_note(tmp_path):
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all")
    fonts = FontSet({HEI: junk}, use_system=False)
    assert fonts.font_file(HEI).path.name.startswith("NotoSans")
    assert any("junk.ttf" in note and "无法使用" in note for note in fonts.notes)


def test_user_choice_of_a_cff_font_is_converted(tmp_path):
    chosen = build_font(tmp_path / "mine.otf", "党支部", cff=True, family="MineCFF")
    fonts = FontSet({KAI: chosen}, use_system=False)
    name = fonts.font_name(KAI)
    assert ord("党") in fonts.role_coverage(KAI)
    assert name != fonts.font_name(BODY)


def test_no_font_at_all_is_a_clear_error():
    fonts = FontSet(use_system=False, use_bundled=False)
    with pytest.raises(FontUnavailable, match="设置"):
        fonts.font_name(BODY)


def test_unknown_role_is_rejected(tmp_path):
    with pytest.raises(ValueError):
        FontSet({"bold": tmp_path / "x.ttf"}, use_system=False)


def test_28_characters_of_3hao_fill_the_156mm_line(fonts):
    body = fonts.font_name(BODY)
    assert stringWidth("党" * 28, body, 16) <= 156 * mm
    assert stringWidth("党" * 29, body, 16) > 156 * mm
    # Half-width digits keep their own width.
    assert stringWidth("1", body, 16) < 10


def test_missing_character_is_borrowed_from_another_font(tmp_path):
    chosen = build_font(tmp_path / "mine.ttf", "党支部", cff=False, family="Mine")
    fonts = FontSet({BODY: chosen}, use_system=False)
    lender = fonts.borrow(ord("书"), BODY)
    assert lender is not None and lender != fonts.font_name(BODY)
    assert fonts.borrow(0x2A6A5, BODY) is None  # 𪚥: in none of the bundled fonts


# -- discovery -------------------------------------------------------------------------------


def test_windows_file_names_are_matched_ignoring_case(tmp_path):
    folder = tmp_path / "Fonts"
    folder.mkdir()
    build_font(folder / "simfang.ttf", "党", cff=False)
    build_font(folder / "FZXBSJW.TTF", "党", cff=False)
    build_font(folder / "simsunb.ttf", "党", cff=False)
    found = fontfind._by_file_name([folder])
    assert found.roles[BODY].path.name == "simfang.ttf"
    assert found.roles[TITLE].path.name == "FZXBSJW.TTF"
    assert HEI not in found.roles
    assert [f.path.name for f in found.fallbacks] == ["simsunb.ttf"]


def test_cff_files_are_not_accepted_as_system_fonts(tmp_path):
    folder = tmp_path / "Fonts"
    folder.mkdir()
    build_font(folder / "simhei.ttf", "党", cff=True)  # misnamed CFF: reportlab could not embed it
    assert HEI not in fontfind._by_file_name([folder]).roles


def test_fontconfig_families_map_to_roles(tmp_path, monkeypatch):
    fang = build_font(tmp_path / "fang.ttf", "党", cff=False)
    kai_cff = build_font(tmp_path / "kai.otf", "党", cff=True)
    other = build_font(tmp_path / "other.ttf", "党", cff=False)
    monkeypatch.setattr(fontfind, "_fc_list", lambda: [
        (fang, 0, ["FangSong", "仿宋"]), (kai_cff, 0, ["KaiTi"]), (other, 0, ["Some Sans"])])
    found = fontfind._by_fontconfig()
    assert found.roles == {BODY: FontFile(fang, 0, "FangSong")}
    assert {f.path for f in found.fallbacks} == {fang, other}


@pytest.mark.skipif(not shutil.which("fc-list"), reason="fontconfig not installed")
def test_fc_list_output_is_parsed():
    for path, index, families in fontfind._fc_list():
        assert path.is_absolute() and index >= 0 and isinstance(families, list)
