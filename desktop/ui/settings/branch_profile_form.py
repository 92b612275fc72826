"""The branch profile fields, with an inline message under each field that has a problem."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...branch_profile import DATE_FIELDS, DEFAULT_MAX_LENGTH, LABELS, MAX_LENGTH
from ...models.choices import BRANCH_KINDS
from ...roster.dates import DateParseError, parse_full_date

ORDER = (
    "name", "kind", "compound", "community", "subdistrict", "approving_org",
    "approval_doc_no", "approval_date", "founded_on", "dissolved_on", "notes",
)
PLACEHOLDERS = {
    "name": "××小区临时党支部",
    "compound": "如 ××小区",
    "community": "如 ××社区",
    "subdistrict": "如 ××街道",
    "approving_org": "如 中共××街道工作委员会",
    "approval_doc_no": "如 ××党发〔2022〕12号",
    "notes": "其他需要记录的情况",
}
DATE_HINT = "如 2022-04-13，可不填"


def _set_invalid(widget: QWidget, invalid: bool) -> None:
    # A dynamic property drives the red border in style.qss; re-polish to apply it.
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class BranchProfileForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setVerticalSpacing(6)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for key in ORDER:
            editor = self._make_editor(key)
            self.editors[key] = editor
            error = QLabel(self)
            error.setProperty("role", "error")
            error.setWordWrap(True)
            error.hide()
            self.errors[key] = error
            cell = QWidget(self)
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(error)
            # The label keeps the editor's height so it stays beside it when a message shows below.
            label = QLabel(LABELS[key] + "：", self)
            label.setFixedHeight(self.editors["name"].sizeHint().height())
            layout.addRow(label, cell)

    def _make_editor(self, key: str) -> QWidget:
        if key == "kind":
            combo = QComboBox(self)
            combo.setEditable(True)
            combo.addItems(BRANCH_KINDS)
            combo.lineEdit().setMaxLength(DEFAULT_MAX_LENGTH)
            combo.currentTextChanged.connect(lambda _t: self._edited(key))
            return combo
        if key == "notes":
            notes = QPlainTextEdit(self)
            notes.setPlaceholderText(PLACEHOLDERS[key])
            notes.setTabChangesFocus(True)
            notes.setFixedHeight(72)
            notes.textChanged.connect(lambda: self._edited(key))
            return notes
        line = QLineEdit(self)
        line.setMaxLength(MAX_LENGTH.get(key, DEFAULT_MAX_LENGTH))
        line.setPlaceholderText(DATE_HINT if key in DATE_FIELDS else PLACEHOLDERS.get(key, ""))
        line.textChanged.connect(lambda _t: self._edited(key))
        if key in DATE_FIELDS:
            line.setMaximumWidth(240)
            line.setToolTip("可写作 2022-04-13、2022.4.13 或 2022年4月13日")
            line.editingFinished.connect(lambda: self._tidy_date(key))
        return line

    # --- values ---------------------------------------------------------------

    def values(self) -> dict:
        """Text as typed (dates too); branch_profile parses and checks it."""
        result = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                result[key] = editor.currentText().strip()
            elif isinstance(editor, QPlainTextEdit):
                result[key] = editor.toPlainText().strip()
            else:
                result[key] = editor.text().strip()
        return result

    def set_values(self, values: dict) -> None:
        """Fill from stored values without announcing a change."""
        self.blockSignals(True)
        try:
            for key in self.editors:
                value = values.get(key)
                self.set_value(key, value.isoformat() if isinstance(value, dt.date) else (value or ""))
        finally:
            self.blockSignals(False)
        self.show_problems([])

    def set_value(self, key: str, text: str) -> None:
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            editor.setCurrentText(text)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        else:
            editor.setText(text)

    # --- problems -------------------------------------------------------------

    def show_problems(self, problems: list[tuple[str, str]]) -> None:
        messages: dict[str, list[str]] = {}
        for key, message in problems:
            messages.setdefault(key, []).append(message)
        for key, label in self.errors.items():
            text = "；".join(messages.get(key, []))
            label.setText(text)
            label.setVisible(bool(text))
            if isinstance(self.editors[key], QLineEdit):
                _set_invalid(self.editors[key], bool(text))

    def problem_text(self, key: str) -> str:
        return self.errors[key].text()

    def _edited(self, key: str) -> None:
        # The message refers to what was there before; drop it once the user edits.
        if self.errors[key].text():
            self.errors[key].clear()
            self.errors[key].hide()
            if isinstance(self.editors[key], QLineEdit):
                _set_invalid(self.editors[key], False)
        self.changed.emit()

    def _tidy_date(self, key: str) -> None:
        """Show a date the way it is stored, or say at once why it cannot be read."""
        editor = self.editors[key]
        try:
            day = parse_full_date(editor.text())
        except DateParseError as exc:
            self.show_problems([(k, t) for k, t in self._current_problems() if k != key] + [(key, str(exc))])
            return
        if day and editor.text() != day.isoformat():
            editor.setText(day.isoformat())

    def _current_problems(self) -> list[tuple[str, str]]:
        return [(key, label.text()) for key, label in self.errors.items() if label.text()]
