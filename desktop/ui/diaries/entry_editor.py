"""One member's diary for one day: text, tags (Alt+1..8), figures, the day's shift, photos.

No save button: the first change starts an ~0.8 s timer (not restarted by later keys, see
meetings/autosave.py), then save_entry() writes everything. If that fails the text goes to
the editor draft, and the next open offers it back.
"""
from __future__ import annotations

import datetime as dt
import logging
import sqlite3

from peewee import PeeweeException
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...diaries import service
from ...errors import UserError
from ..meetings.autosave import Autosaver
from ..widgets import repolish, role_label
from .diary_format import day_heading, shift_line
from .figures_table import FiguresTable
from .photo_strip import PhotoStrip

log = logging.getLogger(__name__)

TAG_KEYS = 8


def _draft_text(draft) -> str:
    """load_editor_draft may hand back the text or a saved-draft record; take the text."""
    if draft is None:
        return ""
    payload = getattr(draft, "payload", draft)
    return payload.get("text", "") if isinstance(payload, dict) else str(payload)


class EntryEditor(QWidget):
    """EntryEditor(parent, today=None). set_target(member_id, name, day) flushes and loads;
    saved(member_id, day) after each write; flush() writes now."""

    saved = Signal(int, object)

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self._today = today
        self._member_id: int | None = None
        self._name = ""
        self._day: dt.date | None = None
        self._entry_id: int | None = None
        self._shift = None
        self._loading = False
        self.autosaver = Autosaver(self)

        self.heading = QLabel(self)
        self.heading.setObjectName("entryHeading")
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("savedLabel")
        self.shift_check = QCheckBox(self)
        self.shift_check.setObjectName("shiftLink")
        # As wide as its text: a click in the empty row beyond it must not toggle it.
        self.shift_check.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.shift_check.toggled.connect(self._picked)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("diaryText")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("今天的工作：走访了哪些住户、处理了什么事、发现了什么问题……\n写完不用保存，会自动保存。")
        self.text.textChanged.connect(self._changed)
        self.tag_row = QHBoxLayout()
        self.tag_row.setContentsMargins(0, 0, 0, 0)
        self.tag_row.setSpacing(6)
        self.tag_buttons: list[QToolButton] = []
        self.figures = FiguresTable(self)
        self.figures.changed.connect(self._changed)
        self.photos = PhotoStrip(self.ensure_entry, self)
        self.photos.failed.connect(self._show_problem)
        self.photos.changed.connect(self._photos_changed)
        self._build_layout()
        self._make_actions()
        self.set_target(None, "", None)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.saved_label)
        # The tag row may be clipped on a narrow screen rather than widen the whole page;
        # Alt+1..8 still reach every button.
        tags_box = QWidget(self)
        tags_box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        tags = QHBoxLayout(tags_box)
        tags.setContentsMargins(0, 0, 0, 0)
        tags.setSpacing(6)
        title = QLabel("标签", self)
        title.setObjectName("sectionTitle")
        tags.addWidget(title)
        tags.addLayout(self.tag_row)
        tags.addStretch(1)
        tags.addWidget(role_label("Alt+1…8 切换", "hint", self))

        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(self._titled("数字", self.figures))
        bottom.addWidget(self._titled("照片", self.photos))
        bottom.setChildrenCollapsible(False)
        bottom.setHandleWidth(10)
        bottom.setSizes([300, 520])
        bottom.setFixedHeight(self.photos.sizeHint().height() + 26)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.shift_check)
        layout.addWidget(self.text, 1)
        layout.addWidget(tags_box)
        layout.addWidget(bottom)


    def _titled(self, title: str, content: QWidget) -> QWidget:
        """*content* under a section title, for the splitter below the text."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        label = QLabel(title, box)
        label.setObjectName("sectionTitle")
        column.addWidget(label)
        column.addWidget(content, 1)
        return box
    def _make_actions(self) -> None:
        for number in range(1, TAG_KEYS + 1):
            action = QAction(f"切换标签 {number}", self)
            action.setShortcut(QKeySequence(f"Alt+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, n=number: self.toggle_tag(n - 1))
            self.addAction(action)
        save = QAction("立即保存", self)
        save.setShortcut(QKeySequence("Ctrl+S"))
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(self.flush)
        self.addAction(save)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # -- loading -----------------------------------------------------------------

    def set_target(self, member_id: int | None, name: str, day: dt.date | None) -> None:
        self.flush()
        self._member_id, self._name, self._day = member_id, name, day
        self._load()

    def target(self) -> tuple[int | None, dt.date | None]:
        return self._member_id, self._day

    def reload(self) -> None:
        self._load()

    def _load(self) -> None:
        ready = self._member_id is not None and self._day is not None
        entry = service.entry_for(self._member_id, self._day) if ready else None
        self._entry_id = entry.id if entry is not None else None
        self._shift = service.shift_that_day(self._member_id, self._day) if ready else None
        self._loading = True
        try:
            self.heading.setText(f"{self._name} · {day_heading(self._day)}" if ready else "请选择成员和日期")
            self.text.setPlainText(entry.text if entry is not None else "")
            self.text.setEnabled(ready)
            ids = [entry.id] if entry is not None else []
            chosen = set(service.tags_of(ids).get(self._entry_id, []))
            self._build_tags(chosen)
            self.figures.set_figures([(f.label, f.value, f.unit) for f in service.figures_of(ids).get(self._entry_id, [])])
            self.figures.setEnabled(ready)
            self.shift_check.setVisible(self._shift is not None)
            if self._shift is not None:
                self.shift_check.setText(shift_line(self._shift))
                self.shift_check.setChecked(entry is not None and entry.duty_assignment_id == self._shift.id)
            self.photos.load(entry)
            self.photos.setEnabled(ready)
        finally:
            self._loading = False
        self._set_saved_text("" if entry is None else f"上次修改 {entry.updated_at:%m-%d %H:%M}")
        if ready:
            self._offer_draft(entry)

    def _build_tags(self, chosen: set[str]) -> None:
        names = [t.name for t in service.tags()]
        names += sorted(chosen - set(names))  # a retired tag still shows where it was used
        ready = self._member_id is not None and self._day is not None
        if names == [b.property("tag") for b in self.tag_buttons]:
            for button in self.tag_buttons:  # the usual case: same tags, new day
                button.setChecked(button.property("tag") in chosen)
                button.setEnabled(ready)
            return
        for button in self.tag_buttons:
            self.tag_row.removeWidget(button)
            button.hide()  # until deleteLater runs it would float over the heading
            button.deleteLater()
        self.tag_buttons = []
        for number, name in enumerate(names, start=1):
            button = QToolButton(self)
            button.setObjectName("tagButton")
            button.setCheckable(True)
            button.setChecked(name in chosen)
            button.setText(f"{number} {name}" if number <= TAG_KEYS else name)
            button.setProperty("tag", name)
            if number <= TAG_KEYS:
                button.setToolTip(f"Alt+{number}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes text → figures; tags by Alt+n
            button.toggled.connect(self._picked)
            self.tag_row.addWidget(button)
            self.tag_buttons.append(button)
        for button in self.tag_buttons:
            button.setEnabled(ready)

    def _offer_draft(self, entry) -> None:
        text = _draft_text(service.load_editor_draft(self._member_id, self._day))
        if not text or (entry is not None and text == entry.text):
            if text:
                service.discard_editor_draft(self._member_id, self._day)
            return
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, "恢复草稿", f"{self._name} {day_heading(self._day)} 有一段未能保存的日记草稿，是否恢复？",
            buttons.Yes | buttons.No, buttons.Yes)
        if answer == buttons.Yes:
            self.text.setPlainText(text)  # marks it unsaved: the timer writes it
        else:
            service.discard_editor_draft(self._member_id, self._day)

    # -- reading the form ----------------------------------------------------------

    def checked_tags(self) -> list[str]:
        return [b.property("tag") for b in self.tag_buttons if b.isChecked()]

    def toggle_tag(self, index: int) -> None:
        if 0 <= index < len(self.tag_buttons) and self.tag_buttons[index].isEnabled():
            self.tag_buttons[index].toggle()

    def entry_id(self) -> int | None:
        return self._entry_id

    # -- saving ------------------------------------------------------------------

    def _changed(self) -> None:
        if not self._loading and self._member_id is not None and self._day is not None:
            self.autosaver.mark("entry", self._save)

    def _picked(self, *_) -> None:
        """A tag or the shift link: a pick, not typing, so it is written at once."""
        if not self._loading and self._member_id is not None and self._day is not None:
            self.autosaver.mark("entry", self._save)
            self.autosaver.flush()

    def _save(self, force: bool = False) -> bool:
        text = self.text.toPlainText()
        tags, figures = self.checked_tags(), self.figures.figures()
        link = self._shift.id if self._shift is not None and self.shift_check.isChecked() else None
        if not text.strip() and not (self._entry_id is not None and self.photos.photo_ids()):
            # save_entry refuses an empty diary; nothing is lost, the old text stays saved
            if self._entry_id is not None or tags or figures or link is not None or force:
                self._set_saved_text("先写几句日记，内容为空时不保存", failed=True)
            return False
        try:
            entry = service.save_entry(self._member_id, self._day, text, tags=tags, figures=figures,
                                       duty_assignment_id=link, today=self.today())
        except Exception as exc:
            service.save_editor_draft(self._member_id, self._day, text)
            if isinstance(exc, UserError):
                reason = str(exc)
            elif isinstance(exc, (PeeweeException, sqlite3.Error, OSError)):
                log.warning("saving the diary entry failed", exc_info=True)
                reason = "数据库暂时无法写入"
            else:
                raise  # a bug: the crash dialog and the log say so, the draft keeps the text
            self._set_saved_text(f"未能保存：{reason}（已存为草稿）", failed=True)
            return False
        self._entry_id = entry.id
        service.discard_editor_draft(self._member_id, self._day)
        self._set_saved_text(f"已自动保存 {dt.datetime.now():%H:%M:%S}")
        self.saved.emit(self._member_id, self._day)
        return True

    def ensure_entry(self) -> int | None:
        """The entry's id, creating it (with whatever is typed) if needed: photos hang on it."""
        if self._member_id is None or self._day is None:
            return None
        pending = self.autosaver.has_pending()
        self.autosaver.drop("entry")
        if self._entry_id is None or pending:
            self._save(force=True)
        return self._entry_id

    def flush(self) -> None:
        self.autosaver.flush()

    def _photos_changed(self) -> None:
        self.saved.emit(self._member_id, self._day)

    def _show_problem(self, text: str) -> None:
        self._set_saved_text(text, failed=True)

    def _set_saved_text(self, text: str, failed: bool = False) -> None:
        self.saved_label.setText(text)
        if bool(self.saved_label.property("failed")) != failed:
            self.saved_label.setProperty("failed", failed)
            repolish(self.saved_label)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)
