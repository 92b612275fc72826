"""Crash safety for typing: the member dialog keeps a draft and offers it back."""
from __future__ import annotations

import re

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from desktop.models import Draft, Member
from desktop.roster.service import save_member
from desktop.safety.drafts import load_draft, save_draft
from desktop.ui.main_window import MainWindow
from desktop.ui.roster.member_dialog import MemberDialog
from desktop.ui.safety.draft_autosave import DraftAutosave
from desktop.ui.safety.startup import resume_drafts

from ..roster.roster_typing import type_text

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
OFFER = re.compile(r"^发现未保存的草稿（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）")


@pytest.fixture(autouse=True)
def questions(monkeypatch):
    """QMessageBox.question answered from a queue (default Yes), every question recorded."""
    asked: list[str] = []
    answers: list = []

    def fake(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answers.pop(0) if answers else Yes

    monkeypatch.setattr(QMessageBox, "question", fake)
    fake.asked, fake.answers = asked, answers
    return fake


def open_dialog(qtbot, member=None, crashes: bool = False) -> MemberDialog:
    dialog = MemberDialog(member)
    if not crashes:  # pytest-qt would close it afterwards, and a crashed one is gone
        qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def crash(dialog: MemberDialog) -> None:
    """Gone without reject() or accept(): what a crash or power cut leaves behind."""
    shiboken6.delete(dialog)
    QApplication.processEvents()


def type_and_wait_for_draft(qtbot, dialog, key: str) -> None:
    type_text(qtbot, dialog.inputs["name"], "张𪚥")
    type_text(qtbot, dialog.inputs["notes"], "夜里十点还在录入；'; DROP TABLE member; --")
    qtbot.waitUntil(lambda: load_draft("member", key) is not None, timeout=10000)


def test_typing_survives_a_crash_and_is_offered_back(qtbot, questions):
    dialog = open_dialog(qtbot, crashes=True)
    assert questions.asked == []  # nothing to offer on a clean start
    type_and_wait_for_draft(qtbot, dialog, "new")
    qtbot.wait(200)
    crash(dialog)
    assert Member.select().count() == 0
    assert load_draft("member", "new").payload["fields"]["name"] == "张𪚥"

    again = open_dialog(qtbot)
    qtbot.waitUntil(lambda: len(questions.asked) == 1)
    assert OFFER.match(questions.asked[0]) and questions.asked[0].endswith("是否恢复？")
    assert again.inputs["name"].text() == "张𪚥"
    assert again.inputs["notes"].toPlainText() == "夜里十点还在录入；'; DROP TABLE member; --"
    assert again.is_dirty()

    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert Member.get(Member.name == "张𪚥").notes.startswith("夜里十点")
    assert Draft.select().count() == 0  # saved: the draft is gone


def test_the_draft_belongs_to_one_member(qtbot, questions):
    wang = save_member({"name": "王志远"})
    li = save_member({"name": "李晓燕"})
    dialog = open_dialog(qtbot, wang, crashes=True)
    dialog.inputs["name"].clear()
    type_and_wait_for_draft(qtbot, dialog, str(wang.id))
    crash(dialog)

    other = open_dialog(qtbot, li)
    qtbot.wait(50)
    assert questions.asked == [] and other.inputs["name"].text() == "李晓燕"
    other.reject()
    fresh = open_dialog(qtbot)
    qtbot.wait(50)
    assert questions.asked == [] and fresh.inputs["name"].text() == ""
    fresh.reject()

    again = open_dialog(qtbot, Member.get_by_id(wang.id))
    qtbot.waitUntil(lambda: len(questions.asked) == 1)
    assert again.inputs["name"].text() == "张𪚥"


def test_declining_the_offer_discards_the_draft(qtbot, questions):
    save_draft("member", "new", {"fields": {"name": "草稿里的人"}})
    questions.answers.append(No)
    dialog = open_dialog(qtbot)
    qtbot.waitUntil(lambda: len(questions.asked) == 1)
    assert dialog.inputs["name"].text() == ""
    assert load_draft("member", "new") is None


def test_cancel_keeps_the_draft_until_the_discard_is_confirmed(qtbot, questions):
    dialog = open_dialog(qtbot)
    type_and_wait_for_draft(qtbot, dialog, "new")
    questions.answers.append(No)  # 放弃修改？ -> No: keep editing
    dialog.reject()
    assert dialog.isVisible() and load_draft("member", "new") is not None
    dialog.reject()  # -> Yes
    assert not dialog.isVisible() and load_draft("member", "new") is None


def test_typing_back_to_the_saved_values_leaves_no_draft(qtbot):
    dialog = open_dialog(qtbot)
    type_and_wait_for_draft(qtbot, dialog, "new")
    dialog.inputs["name"].clear()
    dialog.inputs["notes"].clear()
    qtbot.waitUntil(lambda: load_draft("member", "new") is None, timeout=3000)


def test_debounce_waits_for_a_quiet_second():
    form = QWidget()
    edit = QLineEdit(form)
    QVBoxLayout(form).addWidget(edit)
    autosave = DraftAutosave(form, "note", "1", lambda: {"text": edit.text()}, lambda p: edit.setText(p["text"]),
                             delay_ms=300, offer_on_show=False)
    for char in "abc":
        edit.setText(edit.text() + char)
        assert autosave.pending() and load_draft("note", "1") is None
    autosave.save_now()
    assert load_draft("note", "1").payload == {"text": "abc"} and not autosave.pending()
    autosave.discard()
    edit.setText("after discard")
    assert not autosave.pending() and load_draft("note", "1") is None
    form.deleteLater()


def test_at_start_the_draft_is_offered_and_the_form_reopens(qtbot, questions, tmp_path, database):
    zhang = save_member({"name": "张建国", "unit": "市统计局"})
    save_draft("member", str(zhang.id), {"fields": {"name": "张建国", "unit": "市统计局（草稿）"}})
    from PySide6.QtCore import QSettings

    window = MainWindow(database.database, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert resume_drafts(window)
    assert len(questions.asked) == 1 and "成员“张建国”" in questions.asked[0]
    roster = window.page_by_key("roster")
    qtbot.waitUntil(lambda: roster.member_dialog() is not None)
    dialog = roster.member_dialog()
    qtbot.waitUntil(lambda: dialog.inputs["unit"].currentText() == "市统计局（草稿）")
    assert len(questions.asked) == 1  # not asked twice
    dialog.autosave.discard()
    dialog.done(0)


def test_a_draft_for_a_deleted_member_is_dropped_at_start(qtbot, questions, tmp_path, database):
    save_draft("member", "999", {"fields": {"name": "已删除"}})
    from PySide6.QtCore import QSettings

    window = MainWindow(database.database, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert not resume_drafts(window)
    assert questions.asked == [] and Draft.select().count() == 0
