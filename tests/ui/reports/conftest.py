"""Dialogs that never block, and a reports page on a fixed day."""
from __future__ import annotations

import datetime as dt
import types

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.roster import service as roster
from desktop.ui.reports.reports_page import ReportsPage

TODAY = dt.date(2022, 4, 13)  # a Wednesday


@pytest.fixture(autouse=True)
def dialogs(monkeypatch, tmp_path):
    """QMessageBox records and says Ok; QFileDialog returns *save_to*; openUrl is recorded."""
    state = types.SimpleNamespace(told=[], save_to=tmp_path / "out" / "报表.pdf", opened=[], printed=[],
                                  print_answer=QPrintDialog.DialogCode.Rejected)
    state.save_to.parent.mkdir()

    def tell(parent, title, text, *args, **kwargs):
        state.told.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", tell)
    monkeypatch.setattr(QMessageBox, "information", tell)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(state.save_to) if state.save_to else "", "PDF 文件 (*.pdf)"))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: state.opened.append(url) or True)

    def exec_dialog(dialog):
        state.printed.append(dialog.printer())
        return state.print_answer

    monkeypatch.setattr(QPrintDialog, "exec", exec_dialog)
    return state


@pytest.fixture
def people():
    return types.SimpleNamespace(
        zhang=roster.save_member({"name": "张三", "political_status": "中共党员", "arrived_on": TODAY}),
        li=roster.save_member({"name": "李四", "political_status": "中共党员", "arrived_on": TODAY}),
    )


@pytest.fixture
def page(qtbot):
    widget = ReportsPage(today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1130, 760)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.wait_for_build()


def build(qtbot, page, key):
    """Choose *key*, click 生成预览, wait for the worker to finish."""
    page.choose(key)
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.building(), timeout=60000)
