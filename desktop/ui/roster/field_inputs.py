"""Text inputs that read what the user types as it is typed: partial dates, dates, ID numbers."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from ...roster.dates import DateParseError, parse_full_date, parse_partial_date
from ...roster.validation import id_birth_month, id_gender, id_number_problem, normalize_id_number
from ..widgets import role_label, set_label_role

WEEKDAYS = "一二三四五六日"
TODAY_WORDS = {"今天", "今日", "today"}


def describe_partial(partial: str) -> str:
    year, month = int(partial[:4]), int(partial[5:7])
    if len(partial) == 10:
        return f"{year}年{month}月{int(partial[8:])}日"
    return f"{year}年{month}月"


def describe_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


class HintedLineEdit(QWidget):
    """A line edit with a note beside it: how the text was read, or why it can't be."""

    def __init__(self, placeholder: str = "", width_chars: int = 12, parent: QWidget | None = None):
        super().__init__(parent)
        self.line_edit = QLineEdit(self)
        self.line_edit.setPlaceholderText(placeholder)
        # Sized for the longest valid text; the note takes the rest of the row.
        self.line_edit.setFixedWidth(self.fontMetrics().horizontalAdvance("0") * width_chars + 20)
        self.hint = role_label("", "hint", self)
        self.hint.setWordWrap(True)
        policy = self.hint.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # hiding the note must not move the field
        policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
        self.hint.setSizePolicy(policy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.hint, 1)
        self.setFocusProxy(self.line_edit)
        self.line_edit.textChanged.connect(self._update_hint)

    def text(self) -> str:
        return self.line_edit.text()

    def setText(self, text: str) -> None:
        self.line_edit.setText(text)

    def hint_text(self) -> str:
        return self.hint.text()

    def hint_ok(self) -> bool:
        return self.hint.property("role") != "error"

    def describe(self, text: str) -> tuple[str, bool]:
        """(note, ok) for *text*; subclasses read it."""
        return "", True

    def _update_hint(self, text: str) -> None:
        note, ok = self.describe(text.strip())
        self.hint.setText(note)
        set_label_role(self.hint, "hint" if ok else "error")


class PartialDateInput(HintedLineEdit):
    """出生年月, 入党时间: '1968.05', '1968年5月', '1968-05-12' ... stored as 'YYYY-MM[-DD]'."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("如 1968.05", 11, parent)

    def value(self) -> str:
        """'YYYY-MM[-DD]' or ''; raises DateParseError."""
        return parse_partial_date(self.text())

    def describe(self, text: str) -> tuple[str, bool]:
        if not text:
            return "", True
        try:
            return "即 " + describe_partial(parse_partial_date(text)), True
        except DateParseError as exc:
            return str(exc), False


class FullDateInput(HintedLineEdit):
    """到岗 / 撤离日期: '2022-04-13', '2022.4.13', '20220413', '今天'; empty allowed."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        self._today = today
        super().__init__("如 2022.04.13", 12, parent)
        self.line_edit.setToolTip("可直接输入“今天”；留空表示未填")

    def value(self) -> dt.date | None:
        """The date or None when empty; raises DateParseError."""
        text = self.text().strip()
        if text.lower() in TODAY_WORDS:
            return self._today or dt.date.today()
        return parse_full_date(text)

    def describe(self, text: str) -> tuple[str, bool]:
        if not text:
            return "", True
        try:
            return "即 " + describe_date(self.value()), True
        except DateParseError as exc:
            return str(exc), False


class IdNumberInput(HintedLineEdit):
    """身份证号; emits recognized(number) when the user finishes typing a valid one."""

    recognized = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("18 位公民身份号码", 20, parent)
        self.line_edit.setMaxLength(24)  # room for spaces pasted from a document
        self.line_edit.textEdited.connect(self._on_edited)

    def value(self) -> str:
        return normalize_id_number(self.text())

    def describe(self, text: str) -> tuple[str, bool]:
        number = normalize_id_number(text)
        if not number:
            return "", True
        if len(number) < 18:
            return f"已输入 {len(number)} 位，共 18 位", True
        problem = id_number_problem(number)
        if problem:
            return problem, False
        return f"出生 {id_birth_month(number).replace('-', '.')}，{id_gender(number)}", True

    def _on_edited(self, text: str) -> None:
        number = normalize_id_number(text)
        if len(number) == 18 and not id_number_problem(number):
            self.recognized.emit(number)
