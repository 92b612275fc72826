"""The GB/T 9704 page: size, text block, type sizes, fonts, page numbers, content kinds."""
from __future__ import annotations

import os
import re

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.reports import document as document_module
from desktop.reports.document import ReportDocument, ReportWriteError
from desktop.reports.fonts import BODY, HEI, KAI
from desktop.reports.linebreak import NO_LINE_START

from .pdftext import lines, reader, runs

A4 = (595.28, 841.89)
BLOCK = dict(left=28 * mm, right=(28 + 156) * mm, top=(297 - 37) * mm, bottom=(297 - 37 - 225) * mm)
PAGE_NUMBER = re.compile(r"^— (\d+) —$")
TEXT = ("按照区委组织部关于选派机关干部下沉社区参与疫情防控工作的统一部署，支部于2026年11月1日成立，"
        "现有成员18人。支部坚持“三会一课”制度，每周召开一次支委会，研究部署防控任务；")


def _long_document(fonts, path=None, paragraphs=12):
    doc = ReportDocument(path, title="关于疫情防控工作情况的报告", fonts=fonts)
    doc.title()
    doc.subtitle("丰泽园小区临时党支部")
    for i in range(paragraphs):
        doc.heading(1 + i % 4, f"第{i + 1}部分")
        doc.paragraph(TEXT * 2)
    return doc


def embedded_font_problems(pdf) -> list[str]:
    problems = []
    for number, page in enumerate(reader(pdf).pages, start=1):
        fonts = page["/Resources"].get_object().get("/Font", {})
        for key, ref in fonts.items():
            font = ref.get_object()
            base = str(font.get("/BaseFont"))
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                problems.append(f"page {number} {key} {base}: not embedded")
            if not re.match(r"^/[A-Z]{6}\+", base):
                problems.append(f"page {number} {key} {base}: not a subset")
    return problems


@pytest.fixture
def long_pdf(fonts, tmp_path):
    path = tmp_path / "long.pdf"
    result = _long_document(fonts, path).build()
    assert result.path == path and result.page_count >= 3
    return path


def test_page_is_a4_portrait(long_pdf):
    for page in reader(long_pdf).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.01)


def test_every_font_is_an_embedded_subset(long_pdf):
    assert embedded_font_problems(long_pdf) == []
    assert not [r for r in runs(long_pdf) if "Helvetica" in r.font or not r.font]


def test_body_text_is_16pt_inside_the_text_block(long_pdf, fonts):
    body_font = fonts.font_name(BODY)
    body = [line for line in lines(long_pdf) if line.size == pytest.approx(16)]
    assert len(body) > 40
    for line in body:
        assert BLOCK["bottom"] <= line.y <= BLOCK["top"] - 16 + 0.01, line
        assert line.x >= BLOCK["left"] - 0.01, line
        width = stringWidth(line.text, body_font, 16)
        hang = 16 if line.text[-1] in NO_LINE_START else 0  # one mark may hang in the margin
        assert line.x + width <= BLOCK["right"] + hang + 0.01, line


def test_22_lines_of_28_characters(fonts):
    doc = ReportDocument(None, title="版心", fonts=fonts)
    doc.paragraph("党" * 28 * 30, indent_first_line=False)
    data = doc.build().data
    body = [line for line in lines(data) if line.page == 1 and line.size == pytest.approx(16)]
    assert len(body) == 22
    assert {len(line.text) for line in body} == {28}
    pitch = [a.y - b.y for a, b in zip(body, body[1:])]
    assert pitch == pytest.approx([225 * mm / 22] * 21, abs=0.01)


def test_title_is_22pt_and_centred(long_pdf, fonts):
    title = next(line for line in lines(long_pdf) if line.text == "关于疫情防控工作情况的报告")
    assert title.size == pytest.approx(22)
    assert title.page == 1
    width = stringWidth(title.text, fonts.font_name("title"), 22)
    centre = (BLOCK["left"] + BLOCK["right"]) / 2
    assert title.x + width / 2 == pytest.approx(centre, abs=0.5)


def test_headings_number_themselves_in_their_fonts(fonts):
    doc = ReportDocument(None, title="标题", fonts=fonts)
    for level, text in [(1, "基本情况"), (2, "组织建设"), (3, "先锋岗"), (4, "设立"), (4, "运行"),
                        (2, "作风建设"), (1, "下步打算"), (2, "继续")]:
        doc.heading(level, text)
    found = [line for line in lines(doc.build().data) if line.size == pytest.approx(16)]
    assert [line.text for line in found] == [
        "一、基本情况", "（一）组织建设", "1.先锋岗", "（1）设立", "（2）运行", "（二）作风建设",
        "二、下步打算", "（一）继续"]
    hei = fonts.font_file(HEI).path.stem
    kai = fonts.font_file(KAI).path.stem
    assert {r.font for r in found[0].runs} == {hei}
    assert {r.font for r in found[1].runs} == {kai}


def test_heading_without_automatic_number(fonts):
    doc = ReportDocument(None, title="标题", fonts=fonts)
    assert doc.heading(1, "一、已编号", numbered=False) == ""
    assert doc.heading(1, "下一个") == "一、"


def _page_numbers(pdf):
    return [line for line in lines(pdf) if PAGE_NUMBER.match(line.text)]


def test_page_numbers_alternate_sides_below_the_block(long_pdf, fonts):
    numbers = _page_numbers(long_pdf)
    pages = len(reader(long_pdf).pages)
    assert [int(PAGE_NUMBER.match(n.text).group(1)) for n in numbers] == list(range(1, pages + 1))
    one_char = 14
    for n in numbers:
        assert n.size == pytest.approx(14)
        assert n.y < BLOCK["bottom"] - 7 * mm + 1  # the dashes are 7 mm below the block
        width = stringWidth(n.text, fonts.font_name(BODY), 14)
        if n.page % 2:
            assert n.x + width == pytest.approx(BLOCK["right"] - one_char, abs=0.5)
        else:
            assert n.x == pytest.approx(BLOCK["left"] + one_char, abs=0.5)


def test_landscape_pages_turn_the_block(fonts):
    doc = ReportDocument(None, title="横排", orientation="landscape", fonts=fonts)
    doc.table(["序号", "姓名"], [[i, f"成员{i}"] for i in range(80)])
    doc.page_break("portrait")
    doc.paragraph("竖排一页。")
    data = doc.build().data
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader(data).pages]
    assert sizes[0] == (842, 595) and sizes[-1] == (595, 842)
    first = next(n for n in _page_numbers(data) if n.page == 1)
    assert first.x > 842 / 2  # odd page: right-hand side of the landscape page


def test_table_repeats_its_header_on_every_page(fonts):
    doc = ReportDocument(None, title="长表", fonts=fonts)
    doc.table(["序号", "姓名", "联系电话"], [[i, f"成员{i:03d}", "139****5678"] for i in range(1, 121)])
    result = doc.build()
    assert result.page_count >= 3
    found = lines(result.data)
    for page in range(1, result.page_count + 1):
        texts = [line.text for line in found if line.page == page]
        assert texts[:3] == ["序号", "姓名", "联系电话"], page
    names = [line.text for line in found if line.text.startswith("成员")]
    assert names == [f"成员{i:03d}" for i in range(1, 121)]


def test_table_cells_fit_the_block(fonts):
    doc = ReportDocument(None, title="宽表", fonts=fonts)
    doc.table(["单位"] * 3, [["市自然资源和规划局一级主任科员" * 3, "13912345678", "备注"]])
    cells = [line for line in lines(doc.build().data) if line.size == pytest.approx(10.5)]
    assert all(BLOCK["left"] <= c.x < BLOCK["right"] for c in cells)
    assert "13912345678" in [c.text for c in cells]  # the number is not broken


def test_empty_section_says_so(fonts):
    doc = ReportDocument(None, title="空", fonts=fonts)
    doc.heading(1, "会议记录")
    doc.note_empty("会议记录")
    result = doc.build()
    assert "会议记录：暂无记录。" in [line.text for line in lines(result.data)]
    assert result.empty_sections == ["会议记录"]


def test_empty_table_prints_a_no_records_row(fonts):
    doc = ReportDocument(None, title="空表", fonts=fonts)
    doc.table(["序号", "姓名"], [])
    assert "暂无记录" in [line.text for line in lines(doc.build().data)]


def test_line_breaks_in_text_are_kept(fonts):
    doc = ReportDocument(None, title="换行", fonts=fonts)
    doc.paragraph("第一行\n第二行")
    texts = [line.text for line in lines(doc.build().data) if line.size == pytest.approx(16)]
    assert texts == ["第一行", "第二行"]


def test_markup_characters_print_as_text(fonts):
    doc = ReportDocument(None, title="转义", fonts=fonts)
    doc.paragraph("A&B <b>不是标签</b> x<y")
    texts = [line.text for line in lines(doc.build().data)]
    assert "A&B <b>不是标签</b> x<y" in texts


def test_missing_character_is_named_and_marked(fonts):
    doc = ReportDocument(None, title="缺字", fonts=fonts)
    doc.table(["姓名"], [["李\U0002A6A5"]])
    doc.paragraph("成员李\U0002A6A5到岗。", where="会议记录")
    result = doc.build()
    texts = [line.text for line in lines(result.data)]
    assert "李〔U+2A6A5〕" in texts
    assert "成员李〔U+2A6A5〕到岗。" in texts
    assert [(m.char, m.where) for m in result.missing_characters] == [
        ("\U0002A6A5", "“姓名”：李\U0002A6A5"), ("\U0002A6A5", "会议记录")]
    assert "𪚥（“姓名”：李𪚥）" in result.missing_message


def test_character_missing_from_the_body_font_is_borrowed(fonts):
    biang = "\U00030EDE"  # in Noto Sans SC (the 黑体 role), not in Noto Serif SC (the body)
    assert ord(biang) not in fonts.role_coverage(BODY)
    doc = ReportDocument(None, title="借字", fonts=fonts)
    doc.paragraph(f"{biang}{biang}面")
    result = doc.build()
    line = next(line for line in lines(result.data) if "面" in line.text)
    assert line.text == f"{biang}{biang}面"
    lender = next(r.font for r in line.runs if biang in r.text)
    assert lender == fonts.font_file(HEI).path.stem
    assert result.missing_characters == []


def test_signature_lines_share_one_line(fonts):
    doc = ReportDocument(None, title="签名", fonts=fonts)
    doc.signature_lines(["主持人", "记录人："], names=["王志远"])
    found = {line.text: line for line in lines(doc.build().data)}
    assert found["主持人："].y == found["记录人："].y == found["王志远"].y
    assert found["主持人："].x < found["王志远"].x < found["记录人："].x


def test_image_keeps_its_aspect_and_upright(fonts, tmp_path):
    from PIL import Image

    from desktop.reports.images import prepared_photo

    path = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: viewers rotate it 90°
    Image.new("RGB", (400, 200), "red").save(path, exif=exif)
    photo, problem = prepared_photo(path, 300, 300, 200)
    assert problem == ""
    assert photo[1:] == pytest.approx((150, 300))

    doc = ReportDocument(None, title="照片", fonts=fonts)
    doc.image(path, max_width_mm=100, max_height_mm=60)
    doc.image(tmp_path / "gone.jpg", 100, 60)
    result = doc.build()
    assert result.warnings == ["图片文件不存在：gone.jpg"]
    assert "〔图片文件不存在：gone.jpg〕" in [line.text for line in lines(result.data)]


def test_in_memory_build_returns_pdf_bytes(fonts):
    result = _long_document(fonts, paragraphs=1).build()
    assert result.path is None and result.data.startswith(b"%PDF")
    assert result.page_count == 1


def test_file_open_elsewhere_gives_a_clear_error(fonts, tmp_path, monkeypatch):
    def locked(src, dst):
        raise PermissionError("in use")

    monkeypatch.setattr(document_module.os, "replace", locked)
    folder = tmp_path / "reports"
    with pytest.raises(ReportWriteError, match="正被其他程序"):
        _long_document(fonts, folder / "out.pdf", paragraphs=1).build()
    assert os.listdir(folder) == []  # no temporary file left behind


def test_document_builds_once(fonts):
    doc = _long_document(fonts, paragraphs=1)
    doc.build()
    with pytest.raises(RuntimeError):
        doc.build()
