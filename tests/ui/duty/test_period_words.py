"""The period list keeps naming the week (本周/上周/下周) while stepping; no solver words shown."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.ui.duty import generate_dialog
from desktop.ui.duty.duty_page import DutyPage

from .conftest import MONDAY, shown


def test_stepping_keeps_naming_the_week(qtbot, people, posts):
    page = shown(qtbot, DutyPage(today=MONDAY + dt.timedelta(days=2)))
    bar = page.period_bar
    assert bar.period_name() == "本周"
    qtbot.mouseClick(bar.back_button, Qt.MouseButton.LeftButton)
    assert bar.period() == (MONDAY - dt.timedelta(days=7), MONDAY - dt.timedelta(days=1))
    assert bar.period_name() == "上周"
    qtbot.keyClick(page.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert bar.period_name() == "本周"
    qtbot.mouseClick(bar.forward_button, Qt.MouseButton.LeftButton)
    assert bar.period_name() == "下周"
    qtbot.mouseClick(bar.forward_button, Qt.MouseButton.LeftButton)
    assert bar.period_name() == "2周后" and bar.period()[0] == MONDAY + dt.timedelta(days=14)
    for _ in range(4):
        qtbot.mouseClick(bar.back_button, Qt.MouseButton.LeftButton)
    assert bar.period_name() == "2周前"
    bar.to_edit.setDate(generate_dialog.to_qdate(MONDAY - dt.timedelta(days=5)))  # not a whole week
    assert bar.period_name() == "自定义"


def test_generate_dialog_speaks_as_a_secretary(qtbot, people, posts):
    page = shown(qtbot, DutyPage(today=MONDAY))
    qtbot.keyClick(page.grid, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    dialog.limit_spin.setValue(5)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    texts = [w.text() for w in dialog.findChildren(generate_dialog.QLabel)]
    texts += [dialog.limit_spin.toolTip(), dialog.limit_spin.suffix(), dialog.status_label.text(),
              dialog.progress_label.text(), *dialog.progress_texts]
    shown_text = "\n".join(texts)
    assert dialog.progress_texts, "progress was shown"
    for word in ("求解", "目标值", "最优", "可行", "时限"):
        assert word not in shown_text, word
