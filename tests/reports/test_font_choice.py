"""Font files picked in 设置 → 报表字体: stored per machine, checked, used by every report."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import reportlab

from desktop import cli
from desktop.reports import font_choice
from desktop.reports.fontfind import BODY, HEI, bundled_fonts
from desktop.roster import service as roster
from tests.reports.pdftext import runs

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # a Latin-only TrueType font


def test_nothing_chosen_at_first_and_choices_round_trip():
    assert font_choice.load_choices() == {}
    sans = bundled_fonts()[HEI]
    font_choice.set_choice(BODY, font_choice.check_font(BODY, sans.path))
    chosen = font_choice.load_choices()
    assert list(chosen) == [BODY] and chosen[BODY].path == sans.path and chosen[BODY].family == "Noto Sans SC"
    font_choice.set_choice(BODY, None)
    assert font_choice.load_choices() == {}


def test_a_damaged_choices_file_means_the_defaults(tmp_path):
    font_choice.choices_path().parent.mkdir(parents=True, exist_ok=True)
    font_choice.choices_path().write_text("{not json", encoding="utf-8")
    assert font_choice.load_choices() == {}
    font_choice.choices_path().write_text('{"body": {"path": 3}, "nonsense": {"path": "x"}}', encoding="utf-8")
    assert font_choice.load_choices() == {}


def test_a_font_without_chinese_is_refused_with_the_reason():
    with pytest.raises(font_choice.FontChoiceError, match="缺少常用汉字"):
        font_choice.check_font(BODY, VERA)


def test_a_file_that_is_no_font_is_refused(tmp_path):
    fake = tmp_path / "仿宋.ttf"
    fake.write_text("not a font", encoding="utf-8")
    with pytest.raises(font_choice.FontChoiceError, match="无法读取"):
        font_choice.check_font(BODY, fake)
    text = tmp_path / "说明.txt"
    text.write_text("x", encoding="utf-8")
    with pytest.raises(font_choice.FontChoiceError, match="不是字体文件"):
        font_choice.check_font(BODY, text)
    with pytest.raises(font_choice.FontChoiceError, match="找不到"):
        font_choice.check_font(BODY, tmp_path / "nowhere.ttf")


def test_the_chosen_font_prints_the_body_of_reports_from_the_command_line(tmp_path, capsys):
    roster.save_member({"name": "张三", "political_status": "中共党员", "arrived_on": dt.date(2022, 4, 1)})
    sans = bundled_fonts()[HEI]
    font_choice.set_choice(BODY, font_choice.check_font(BODY, sans.path))
    assert any("设置中选择的字体" in line for line in font_choice.font_set().describe())
    target = tmp_path / "花名册.pdf"
    assert cli.main(["report", "members", "-o", str(target)]) == 0
    body_fonts = {run.font for run in runs(target) if "张三" in run.text}
    assert body_fonts and all("NotoSansSC" in font for font in body_fonts)
