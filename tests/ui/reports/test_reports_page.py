"""The 报表 page: choices, a preview built off the UI thread, saving, opening, printing."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog

from tests.ui.plain_chinese import OS_FAULTS, english_in
from tests.ui.reports.conftest import build


def test_roster_preview_is_built_and_shown(qtbot, page, people):
    page.choose("members")
    assert page.reveal.isVisible() and not page.date_from.isVisible()
    assert not page.save_button.isEnabled()
    with qtbot.waitSignal(page.preview.document.statusChanged, timeout=60000):
        page.build_preview()
    qtbot.waitUntil(lambda: not page.building(), timeout=60000)
    assert page.preview.document.status() == QPdfDocument.Status.Ready
    assert page.preview.page_count() >= 1
    assert page.preview.view.document() is page.preview.document
    assert not page.preview.progress.isVisible()
    assert "党员花名册" in page.preview.status.text() and page.save_button.isEnabled()


def test_save_writes_the_pdf_to_the_chosen_path(qtbot, page, people, dialogs):
    build(qtbot, page, "members")
    page.save_button.click()
    data = dialogs.save_to.read_bytes()
    assert data.startswith(b"%PDF") and data == page.preview.data
    assert str(dialogs.save_to) in page.preview.status.text()


def test_save_cancelled_writes_nothing(qtbot, page, people, dialogs):
    build(qtbot, page, "members")
    target = dialogs.save_to
    dialogs.save_to = None
    page.save_button.click()
    assert not target.exists()


def test_open_in_system_viewer_writes_a_temp_copy(qtbot, page, people, dialogs):
    build(qtbot, page, "members")
    page.open_button.click()
    (url,) = dialogs.opened
    path = url.toLocalFile()
    assert path.endswith(".pdf") and Path(path).read_bytes() == page.preview.data


def test_print_asks_first_and_renders_every_page(qtbot, page, people, dialogs, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    build(qtbot, page, "members")
    page.print_button.click()  # rejected: nothing happens
    assert len(dialogs.printed) == 1
    dialogs.print_answer = QPrintDialog.DialogCode.Accepted
    target = tmp_path / "printed.pdf"
    original = QPrintDialog.exec

    def to_file(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(target))
        return original(dialog)

    QPrintDialog.exec = to_file
    try:
        page.print_button.click()
    finally:
        QPrintDialog.exec = original
    printed = QPdfDocument()
    printed.load(str(target))
    assert printed.pageCount() == page.preview.page_count()


def test_choosing_kinds_shows_the_right_options(page):
    page.choose("signin")
    assert page.date_from.isVisible() and not page.date_to.isVisible() and not page.member_combo.isVisible()
    page.choose("diaries")
    assert page.date_to.isVisible() and page.member_combo.isVisible() and not page.reveal.isVisible()
    page.choose("duty")
    assert page.period_combo.currentText() == "本周"
    assert page.choices().date_from == dt.date(2022, 4, 11) and page.choices().date_to == dt.date(2022, 4, 17)
    page.period_combo.setCurrentText("本月")
    assert (page.choices().date_from, page.choices().date_to) == (dt.date(2022, 4, 1), dt.date(2022, 4, 30))
    page.date_from.setDate(page.date_from.date().addDays(3))
    assert page.period_combo.currentText() == "自定义"


def test_duty_preview_of_an_empty_week_still_builds(qtbot, page):
    build(qtbot, page, "duty")
    assert page.preview.page_count() >= 1


def test_work_report_text_boxes_persist(qtbot, page):
    notes = pytest.importorskip("desktop.reports.notes")
    page.choose("summary")
    assert set(page.notes.boxes) == {"成效", "问题", "下一步"} and page.notes.isVisible()
    page.notes.boxes["成效"].setFocus()
    qtbot.keyClicks(page.notes.boxes["成效"], "ok")
    page.notes.boxes["问题"].setPlainText("物资不足")
    qtbot.waitUntil(lambda: not page.notes.has_unsaved(), timeout=3000)  # autosave
    week = (dt.date(2022, 4, 11), dt.date(2022, 4, 17))
    assert notes.report_text("summary", *week, "成效") == "ok"
    assert notes.report_text("summary", *week, "问题") == "物资不足"
    page.period_combo.setCurrentText("上周")  # another period: its own (empty) texts
    assert page.notes.boxes["成效"].toPlainText() == ""
    page.period_combo.setCurrentText("本周")
    assert page.notes.boxes["问题"].toPlainText() == "物资不足"


def test_cadre_assessment_box_belongs_to_the_chosen_member(qtbot, page, people):
    notes = pytest.importorskip("desktop.reports.notes")
    page.choose("cadre")
    assert not page.notes.isVisible()  # 全体人员: no single assessment
    page.on_shown()
    page.member_combo.setCurrentIndex(page.member_combo.findData(people.li.id))
    assert page.notes.isVisible() and set(page.notes.boxes) == {"评价"}
    page.notes.boxes["评价"].setPlainText("工作认真负责")
    page.member_combo.setCurrentIndex(page.member_combo.findData(people.zhang.id))  # saves on switching
    assert notes.report_text("cadre", dt.date(2022, 4, 11), dt.date(2022, 4, 17), "评价",
                             member_id=people.li.id) == "工作认真负责"
    assert page.notes.boxes["评价"].toPlainText() == ""


@pytest.fixture
def fake_notes(monkeypatch):
    """An in-memory stand-in for desktop.reports.notes, so the panel is tested either way."""
    import sys
    import types

    import desktop.reports

    store = {}
    fake = types.SimpleNamespace(
        report_text=lambda kind, f, t, section, member_id=None: store.get((kind, f, t, section, member_id), ""),
        set_report_text=lambda kind, f, t, section, text, member_id=None: store.__setitem__(
            (kind, f, t, section, member_id), text),
    )
    monkeypatch.setitem(sys.modules, "desktop.reports.notes", fake)
    monkeypatch.setattr(desktop.reports, "notes", fake, raising=False)
    return store


def test_notes_panel_autosaves_under_the_period_it_was_typed_for(qtbot, page, fake_notes):
    page.choose("summary")
    page.notes.boxes["下一步"].setPlainText("加强夜间巡查")
    page.period_combo.setCurrentText("上周")  # pending text goes to 本周, not 上周
    this_week = ("summary", dt.date(2022, 4, 11), dt.date(2022, 4, 17), "下一步", None)
    assert fake_notes[this_week] == "加强夜间巡查"
    assert page.notes.boxes["下一步"].toPlainText() == ""
    qtbot.keyClicks(page.notes.boxes["成效"], "abc")
    qtbot.waitUntil(lambda: not page.notes.has_unsaved(), timeout=3000)
    assert fake_notes[("summary", dt.date(2022, 4, 4), dt.date(2022, 4, 10), "成效", None)] == "abc"


@pytest.mark.parametrize("fault", sorted(OS_FAULTS))
def test_a_failed_save_is_said_in_chinese(qtbot, page, people, dialogs, monkeypatch, fault):
    """A PDF open in a viewer, a full disk, a write-protected stick: one Chinese sentence."""
    from desktop.ui.reports import pdf_output

    def refuse(path, data):
        raise OS_FAULTS[fault]()

    build(qtbot, page, "members")
    monkeypatch.setattr(pdf_output, "write_private", refuse)
    page.save_button.click()
    text = dialogs.told[-1]
    assert str(dialogs.save_to) in text and english_in(text, dialogs.save_to) == [], text
    assert {"no_permission": "PDF 阅读器", "disk_full": "磁盘空间已满", "read_only": "只读"}[fault] in text
    assert not dialogs.save_to.exists() and "已保存" not in page.preview.status.text()

    page.open_button.click()  # the copy for the system viewer meets the same fault
    assert "无法写出供查看的临时文件" in dialogs.told[-1] and english_in(dialogs.told[-1]) == []
