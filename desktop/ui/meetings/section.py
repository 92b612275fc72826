"""A titled block of the live view: a small bold title, optional tool buttons, then the content."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ..widgets import role_label


class Section(QWidget):
    """Section(title, content, parent). set_count(n) shows '决议 3'; add_button() adds to the title row."""

    def __init__(self, title: str, content: QWidget, parent: QWidget | None = None, hint: str = ""):
        super().__init__(parent)
        self._title = title
        self.title = QLabel(title, self)
        self.title.setObjectName("sectionTitle")
        self.hint = role_label(hint, "hint", self)
        self.content = content
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        self._row.addWidget(self.title)
        self._row.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(self._row)
        layout.addWidget(content, 1)

    def set_count(self, count: int | None) -> None:
        self.title.setText(self._title if not count else f"{self._title} {count}")

    def add_button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        self._row.addWidget(button)
        return button
