"""包保日记汇编: diaries made through the service, read back from the PDF, and rendered."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from desktop.diaries import service as S
from desktop.diaries.photos import attach_photo
from desktop.models import Branch, Member
from desktop.reports.diaries import build_diary_report
from desktop.roster.pinyin import pinyin_key

from .pdftext import all_text, reader
from .test_document import embedded_font_problems

TODAY = dt.date(2022, 4, 20)
FROM, TO = dt.date(2022, 4, 3), dt.date(2022, 4, 9)
SHOTS = Path("/tmp/shots/diaries")
FIRST_DAY = "今天，是受单位指派，到丰泽园小区开展下沉包保工作的第一天。上午在东门卡口协助扫码测温。"


def person(name: str, unit: str) -> Member:
    return Member.create(name=name, name_pinyin=pinyin_key(name), unit=unit, arrived_on=dt.date(2022, 4, 1))


@pytest.fixture
def record(tmp_path):
    branch = Branch.current()
    branch.name = "丰泽园小区临时党支部"
    branch.save()
    wang, an = person("王志远", "市统计局"), person("安然", "区教育局")
    S.save_entry(wang.id, dt.date(2022, 4, 3), FIRST_DAY + "\n下午给3号楼独居老人送降压药。", tags=["值守", "送药"],
                 figures=[("走访户数", 12, "户")], today=TODAY)
    photo = tmp_path / "gate.jpg"
    image = Image.new("RGB", (800, 600), (200, 40, 40))
    for x in range(0, 800, 40):
        for y in range(300, 600):
            image.putpixel((x, y), (255, 255, 255))
    image.save(photo, quality=90)
    entry = S.save_entry(wang.id, dt.date(2022, 4, 5), "协助核酸采样，维持一米线秩序。", tags=["核酸检测"],
                         figures=[("走访户数", 8, "户"), ("配送物资件数", 30, "件")], today=TODAY)
    attach_photo(entry.id, photo)
    S.save_entry(an.id, dt.date(2022, 4, 4), "物资配送：蔬菜包送到8号楼。", tags=["物资配送"], today=TODAY)
    S.save_entry(an.id, dt.date(2022, 4, 12), "期间之外的日记。", today=TODAY)
    return wang, an


def images(pdf) -> int:
    count = 0
    for page in reader(pdf).pages:
        xobjects = page["/Resources"].get_object().get("/XObject", {})
        count += sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")
    return count


def test_report_reads_back(record, fonts, tmp_path):
    path = tmp_path / "日记.pdf"
    result = build_diary_report(path, FROM, TO, fonts=fonts)
    assert result.page_count >= 2 and not result.missing_characters and not result.warnings
    text = all_text(path).replace("\n", "")
    assert "丰泽园小区临时党支部包保日记汇编" in text
    assert "2022年4月3日至2022年4月9日" in text
    assert "本期共有2名同志记录包保日记3篇。" in text
    assert "数字合计：走访户数 20 户，配送物资件数 30 件。" in text
    # 安然 (an) before 王志远 (wang): pinyin order, each with the unit.
    assert text.index("一、安然（区教育局）") < text.index("二、王志远（市统计局）")
    assert text.index("4月3日（星期日）") < text.index("4月5日（星期二）")
    assert FIRST_DAY in text and "下午给3号楼独居老人送降压药。" in text
    assert "〔工作类别：值守、送药；走访户数 12 户〕" in text
    assert "期间之外" not in text
    assert images(path) == 1
    assert embedded_font_problems(path) == []
    render(path, "all")


def test_one_member_and_empty_period(record, fonts, tmp_path):
    wang, _ = record
    path = tmp_path / "wang.pdf"
    build_diary_report(path, FROM, TO, member_id=wang.id, fonts=fonts)
    text = all_text(path).replace("\n", "")
    assert "王志远" in text and "安然" not in text and "本期共有1名同志记录包保日记2篇。" in text
    empty = tmp_path / "empty.pdf"
    result = build_diary_report(empty, dt.date(2022, 3, 1), dt.date(2022, 3, 2), fonts=fonts)
    assert "包保日记：暂无记录。" in all_text(empty) and result.empty_sections == ["包保日记"]
    render(empty, "empty")


def test_missing_photo_file_is_a_warning(record, fonts, tmp_path):
    from desktop.diaries.photos import photos_dir

    shutil.rmtree(photos_dir())
    result = build_diary_report(None, FROM, TO, fonts=fonts)
    assert result.warnings and "图片文件不存在" in result.warnings[0]
    assert images(result.data) == 0


def render(pdf: Path, name: str) -> None:
    """PNGs to look at (tests do not fail without pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(SHOTS / name)], check=True)
