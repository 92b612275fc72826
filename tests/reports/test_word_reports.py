"""Every report kind as a Word document: the same GB/T 9704 page and the same content as its PDF.

Built from the demo branch through the same entry point as the 报表 page (kinds.KINDS),
read back with python-docx, and compared with the PDF built from the same data.
"""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from desktop.demo import create_demo_database
from desktop.models import Member, close, open_store
from desktop.reports.kinds import KINDS, Choices
from desktop.roster.privacy import mask_phone

from .pdftext import all_text as pdf_text
from .wordtext import all_text, east_asian_font, field_instructions, open_docx, styled

TODAY = dt.date(2026, 12, 5)
PERIOD = (dt.date(2026, 11, 30), dt.date(2026, 12, 5))
MEETING_DAY = dt.date(2026, 12, 4)
MARGINS = {WD_ORIENT.PORTRAIT: (37, 28, 35, 26), WD_ORIENT.LANDSCAPE: (28, 37, 26, 35)}  # top left bottom right


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    create_demo_database(path, today=TODAY)
    return path


@pytest.fixture
def demo(demo_file, tmp_path, database):
    """The demo branch as this test's database (a copy: no test sees another's changes)."""
    close()
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, copy)
    open_store(copy)
    return copy


def choices(report, fonts, reveal=False) -> Choices:
    start = MEETING_DAY if report.period == "day" else PERIOD[0]
    return Choices(start, PERIOD[1], reveal=reveal, fonts=fonts)


def build_both(report, fonts, tmp_path, reveal=False):
    word, pdf = tmp_path / f"{report.key}.docx", tmp_path / f"{report.key}.pdf"
    result = report.build(choices(report, fonts, reveal), word)
    report.build(choices(report, fonts, reveal), pdf)
    return result, word, pdf


@pytest.mark.parametrize("report", KINDS, ids=[k.key for k in KINDS])
def test_every_kind_as_word(report, demo, fonts, tmp_path):
    result, word, pdf = build_both(report, fonts, tmp_path)
    assert result.format == "docx" and result.path == word
    document = open_docx(word)

    for section in document.sections:  # A4 and the GB/T 9704 margins, turned with the page
        assert sorted(round(side.mm) for side in (section.page_width, section.page_height)) == [210, 297]
        top, left, bottom, right = MARGINS[section.orientation]
        assert [round(m.mm) for m in (section.top_margin, section.left_margin, section.bottom_margin,
                                      section.right_margin)] == [top, left, bottom, right]
        text_block = sorted((section.page_width - section.left_margin - section.right_margin,
                             section.page_height - section.top_margin - section.bottom_margin))
        assert [round(Length(side).mm) for side in text_block] == [156, 225]

    body = document.styles["Normal"]
    assert body.font.size == Pt(16)
    assert "仿宋" in east_asian_font(body)  # 仿宋_GB2312, as offices name it
    spacing = body.paragraph_format
    assert spacing.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert int(Mm(225) / spacing.line_spacing) == 22  # a fixed line spacing giving 22 lines

    titles = styled(document, "公文标题")
    assert titles and titles[0].style.font.size == Pt(22)
    assert "小标宋" in east_asian_font(titles[0].style)

    # "— N —" as a PAGE field, in both the odd and the even page footer.
    assert document.settings.odd_and_even_pages_header_footer
    first = document.sections[0]
    for footer in (first.footer, first.even_page_footer):
        assert "PAGE" in field_instructions(footer) and "—" in footer.paragraphs[0].text

    # Every member named in the PDF is named in the Word file, and no one else.
    names = [m.name for m in Member.select()]
    in_pdf = {n for n in names if n in pdf_text(pdf).replace("\n", "")}
    in_word = {n for n in names if n in all_text(document)}
    assert in_pdf and in_word == in_pdf


def test_headings_tables_and_charts_of_the_work_report(demo, fonts, tmp_path):
    report = next(k for k in KINDS if k.key == "summary")
    _result, word, _pdf = build_both(report, fonts, tmp_path)
    document = open_docx(word)
    headings = styled(document, "一级标题")
    assert [p.text for p in headings][:5] == ["一、支部基本情况", "二、组织生活开展情况", "三、值班值守情况",
                                              "四、包保工作成效", "五、发现的问题和整改情况"]
    assert east_asian_font(headings[0].style) == "黑体"
    assert document.tables, "tables must be real Word tables"
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None  # repeated on each page
    action = next(t for t in document.tables if t.rows[0].cells[0].text == "尚未完成事项")
    assert [c.text for c in action.rows[0].cells] == ["尚未完成事项", "责任人", "完成时限", "提出日期"]
    assert len(document.inline_shapes) == 2  # the PDF's two charts, as pictures


def test_phones_masked_unless_asked(demo, fonts, tmp_path):
    report = next(k for k in KINDS if k.key == "members")
    phones = [m.phone for m in Member.select() if m.phone and not m.departed_on]
    assert phones
    masked = all_text(open_docx(build_both(report, fonts, tmp_path)[1]))
    assert not [p for p in phones if p in masked]
    assert all(mask_phone(p) in masked for p in phones)  # masked exactly as in the PDF
    assert all(mask_phone(p) in pdf_text(tmp_path / "members.pdf") for p in phones)
    (tmp_path / "full").mkdir()
    full = all_text(open_docx(build_both(report, fonts, tmp_path / "full", reveal=True)[1]))
    assert all(p in full for p in phones)


def test_in_memory_word_build(fonts):
    from desktop.reports.document import ReportDocument

    doc = ReportDocument(None, title="测试", fonts=fonts, fmt="docx")
    doc.title()
    doc.paragraph("正文")
    result = doc.build()
    assert result.data[:2] == b"PK" and "正文" in all_text(open_docx(result.data))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (for looking only) is not installed")
def test_libreoffice_opens_the_word_file(demo, fonts, tmp_path):
    """The .docx is a valid Word file for another office suite too (the pages were looked at
    as PNGs next to the PDF's; see the README's figures)."""
    report = next(k for k in KINDS if k.key == "signin")
    _result, word, _pdf = build_both(report, fonts, tmp_path)
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(out), str(word)], check=True, capture_output=True,
                   timeout=180)
    text = pdf_text(out / "signin.pdf").replace("\n", "")
    assert "会议签到表" in text and "列席人员" in text


def test_every_block_kind_in_word(fonts, tmp_path):
    """Form, photo, chart, signatures, closing and a turn to landscape, as Word has them."""
    from PIL import Image

    from desktop.reports.charts import bar_chart
    from desktop.reports.document import ReportDocument
    from desktop.reports.fonts import BODY

    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (400, 200), "red").save(photo)
    doc = ReportDocument(tmp_path / "all.docx", title="全部", fonts=fonts)
    doc.title()
    doc.form([[("会议类型", "支部委员会"), ("时间", "07:30")], [("地点", "二楼会议室")]])
    doc.heading(2, "学习传达")
    doc.image(photo, max_width_mm=100, max_height_mm=60)
    doc.drawing(bar_chart("图1　测试", ["甲", "乙"], [1, 2], fonts.font_name(BODY), doc.width * 0.8))
    doc.signature_lines(["主持人", "记录人"], names=["王志远"])
    doc.page_break("landscape")
    doc.table(["姓名", "电话"], [])
    doc.closing(["丰泽园小区临时党支部", "2026年12月5日"])
    doc.build()
    document = open_docx(tmp_path / "all.docx")
    form = document.tables[0]
    assert form.rows[1].cells[1].text == "二楼会议室" and form.rows[1].cells[3].text == "二楼会议室"  # spans
    assert styled(document, "二级标题")[0].text == "（一）学习传达"
    assert "楷体" in east_asian_font(styled(document, "二级标题")[0].style)
    assert len(document.inline_shapes) == 2  # the photo and the chart
    signature = next(p for p in document.paragraphs if p.text.startswith("主持人："))
    assert signature.text.replace("\t", "") == "主持人：王志远记录人：" and signature.runs[1].font.underline
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert document.tables[1].rows[1].cells[0].text == "暂无记录"
    closing = [p for p in document.paragraphs if p.text in ("丰泽园小区临时党支部", "2026年12月5日")]
    assert len(closing) == 2 and all(p.paragraph_format.right_indent > 0 for p in closing)


def test_signatures_keep_with_the_table_before_them(fonts):
    from desktop.reports.document import ReportDocument

    doc = ReportDocument(None, title="签名", fonts=fonts, fmt="docx")
    doc.table(["事项", "责任人"], [["甲", "张三"], ["乙", "李四"]])
    doc.signature_lines(["主持人", "记录人"])
    table = open_docx(doc.build().data).tables[0]
    assert all(p.paragraph_format.keep_with_next for p in table.rows[-1].cells[0].paragraphs)
    assert not table.rows[1].cells[0].paragraphs[0].paragraph_format.keep_with_next  # only the last row



def test_every_kind_builds_word(demo, fonts, tmp_path):
    """A loop over KINDS: a kind added later whose builder cannot write Word is named here."""
    without_word = []
    for report in KINDS:
        target = tmp_path / f"{report.key}.docx"
        try:
            result = report.build(choices(report, fonts), target)
        except Exception as exc:  # noqa: BLE001 - collected, so every kind is tried and named
            without_word.append(f"{report.title}: {exc!r}")
            continue
        if result.format != "docx" or target.read_bytes()[:2] != b"PK":
            without_word.append(report.title)
    assert without_word == []


def test_handover_signatures_in_pdf_and_word(demo, fonts, tmp_path):
    """交接班记录: each record's 交班人/接班人 lines, with the chosen names, in both formats."""
    from desktop.duty import handover as H
    from desktop.models import Handover

    records = Handover.select().where(Handover.date.between(*PERIOD)).order_by(Handover.date, Handover.id)
    assert records.count() > 1, "the demo branch has handovers in the period"
    first = next(h for h in records if H.signers(h.id).outgoing and H.signers(h.id).incoming)
    allowed = H.signers(first.id)
    giver, taker = allowed.outgoing[0], allowed.incoming[0]
    H.set_signers(first.id, giver.id, taker.id)  # the others keep blank lines, to sign by hand
    report = next(k for k in KINDS if k.key == "handover")
    _result, word, pdf = build_both(report, fonts, tmp_path)
    document = open_docx(word)
    lines = [p.text.replace("\t", "") for p in document.paragraphs if p.text.startswith("交班人：")]
    records = Handover.select().where(Handover.date.between(*PERIOD)).count()
    assert len(lines) == records and all("接班人：" in line for line in lines)
    pdf_lines = pdf_text(pdf).replace("\n", "").replace(" ", "")
    assert pdf_lines.count("交班人：") == records and pdf_lines.count("接班人：") == records
    assert f"交班人：{giver.name}接班人：{taker.name}" in lines
    assert f"交班人：{giver.name}" in pdf_lines and f"接班人：{taker.name}" in pdf_lines
    assert sum(line == "交班人：接班人：" for line in lines) == records - 1  # blank, to sign by hand
    # Each record's form stays on one page with its signatures, as in the PDF.
    for form in document.tables:
        assert all(p.paragraph_format.keep_with_next for row in form.rows for cell in row.cells
                   for p in cell.paragraphs)
