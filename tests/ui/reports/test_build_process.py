"""Reports are built in a child process: the page stays usable, shows progress, can cancel."""
from __future__ import annotations

import dataclasses
import os
import sys

import pytest
from PySide6.QtCore import Qt

from desktop.reports.kinds import kind
from desktop.ui.reports.build_process import BuildProcess


@pytest.fixture
def stand_in(monkeypatch, page):
    """A setter: later builds run tests/ui/reports/stand_in_child.py with that behaviour."""

    def behave(key: str) -> None:
        monkeypatch.setattr(BuildProcess, "CHILD_MODULE", "tests.ui.reports.stand_in_child")
        monkeypatch.setattr(page, "report", lambda: dataclasses.replace(kind("members"), key=key))

    return behave


def test_a_build_runs_beside_the_ui_and_shows_its_pages(qtbot, page, stand_in):
    stand_in("slow")
    page.build_preview()
    assert page.building()  # build_preview returned while the child is still working
    assert page.cancel_button.isVisible() and not page.build_button.isEnabled()
    page.include_departed.setChecked(True)  # the page answers meanwhile
    qtbot.waitUntil(lambda: "已生成 3 页" in page.preview.status.text(), timeout=20000)
    assert page.preview.progress.isVisible()
    folder = page.job.folder
    assert folder.is_dir()

    qtbot.keyClick(page.kinds, Qt.Key.Key_Escape)  # Esc cancels
    qtbot.waitUntil(lambda: not page.building(), timeout=10000)
    assert "已取消生成" in page.preview.status.text()
    assert not page.cancel_button.isVisible() and page.build_button.isEnabled()
    assert not page.save_button.isEnabled()  # nothing was shown, nothing to save
    assert not folder.exists()


def test_a_child_that_dies_is_reported_not_hung(qtbot, page, stand_in, dialogs):
    stand_in("crash")
    page.build_preview()
    qtbot.waitUntil(lambda: not page.building(), timeout=20000)
    (message,) = dialogs.told
    assert "意外退出" in message and "something broke" in message
    assert message in page.preview.status.text()


@pytest.mark.skipif(sys.platform == "win32", reason="os.kill(pid, 0) is POSIX")
def test_closing_the_page_ends_the_child(qtbot, page, stand_in):
    stand_in("slow")
    page.build_preview()
    qtbot.waitUntil(lambda: page.job is not None and page.job.pages == 3, timeout=20000)
    pid = page.job.process.processId()
    assert pid > 0
    page.close()
    qtbot.waitUntil(lambda: not page.building(), timeout=10000)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone (and reaped), not left running in the background


def test_cancelling_keeps_the_earlier_preview(qtbot, page, people, stand_in):
    from tests.ui.reports.conftest import build

    build(qtbot, page, "members")  # the real child
    shown = page.preview.data
    assert shown and shown.startswith(b"%PDF")
    stand_in("slow")
    page.build_preview()
    qtbot.waitUntil(lambda: page.job is not None and page.job.pages == 3, timeout=20000)
    page.cancel_button.click()
    qtbot.waitUntil(lambda: not page.building(), timeout=10000)
    assert page.preview.data == shown and page.save_button.isEnabled()
    assert "仍显示之前生成的“党员花名册”" in page.preview.status.text()


def test_opening_the_page_does_not_load_the_pdf_engine():
    """Report modules (and reportlab, 0.1–0.4 s) load in the child that builds, not in the page."""
    import subprocess

    code = ("import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
            "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
            "from desktop.models import open_store; open_store(os.environ['BRANCH_DESK_DB'])\n"
            "from desktop.reports.kinds import KINDS\n"
            "from desktop.ui.reports.reports_page import ReportsPage\n"
            "page = ReportsPage()\n"
            "for report in KINDS: page.choose(report.key)\n"
            "print(page.unavailable.text() == '', 'reportlab' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-2:] == ["True", "False"]


def test_a_first_report_says_it_is_preparing_fonts(qtbot, page, stand_in):
    """After install the first build converts fonts first: the page says what, how long, and
    how far, then returns to the pages once the fonts are ready."""
    from desktop.ui.safety.font_prep import PER_FONT_SECONDS

    stand_in("fonts")
    page.build_preview()
    qtbot.waitUntil(lambda: "已准备 1/2 个字体" in page.preview.status.text(), timeout=20000)
    text = page.preview.status.text()
    assert text.startswith(f"正在准备打印用字体（仅首次，约 {PER_FONT_SECONDS} 秒），完成后自动开始生成")
    assert "“党员花名册”" in text and "正在生成" not in text
    bar = page.preview.progress
    assert bar.isVisible() and (bar.value(), bar.maximum()) == (1, 2)

    page.job.fonts_preparing.emit(0)  # the last font is ready: building proper starts
    page.job.progress.emit(1)
    assert "正在生成“党员花名册”" in page.preview.status.text()
    assert "字体" not in page.preview.status.text() and bar.maximum() == 0  # a plain busy bar again
    page.cancel_build()
    qtbot.waitUntil(lambda: not page.building(), timeout=10000)
