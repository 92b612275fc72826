"""The framed blocks of the 概览 page: a title, a body, and a grey line when there is nothing."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

WARNING = QColor("#B45309")   # 空缺: needs attention, not an error
OVERDUE = QColor("#B00020")

# Local to the page: style.qss is shared, these selectors only exist here.
CARD_STYLE = """
QFrame#overviewCard { background: #FFFFFF; border: 1px solid #DDE0E4; border-radius: 6px; }
QLabel#cardTitle { font-weight: bold; color: #1F2329; }
QLabel#cardEmpty { color: #6B7280; }
QLabel#figureValue { font-size: 20px; font-weight: bold; color: #1F2329; }
QLabel#figureLabel { color: #6B7280; }
QPushButton#cardLink { border: none; color: #C8102E; padding: 0 4px; background: transparent; }
QPushButton#cardLink:hover { text-decoration: underline; }
"""


class Card(QFrame):
    """A block with a title, an optional “前往…” link and a message for the empty case."""

    link_clicked = Signal()

    def __init__(self, title: str, empty_text: str, link_text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("overviewCard")
        self.title = QLabel(title, self)
        self.title.setObjectName("cardTitle")
        self.empty = QLabel(empty_text, self)
        self.empty.setObjectName("cardEmpty")
        self.empty.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        self.link = QPushButton(link_text, self)
        self.link.setObjectName("cardLink")
        self.link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.link.setVisible(bool(link_text))
        self.link.clicked.connect(self.link_clicked)
        head.addWidget(self.link)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 10, 12, 12)
        self.body.addLayout(head)
        self.body.addWidget(self.empty)

    def set_empty(self, empty: bool, content: QWidget | None = None) -> None:
        self.empty.setVisible(empty)
        if content is not None:
            content.setVisible(not empty)


def table(headers: list[str], parent: QWidget) -> QTableWidget:
    """A compact read-only table that stretches its last column."""
    widget = QTableWidget(0, len(headers), parent)
    widget.setHorizontalHeaderLabels(headers)
    widget.verticalHeader().hide()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setWordWrap(False)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return widget


def fill(widget: QTableWidget, rows: list[list[str]], colours: list[QColor | None] | None = None,
         tooltips: list[str] | None = None) -> None:
    """Replace the rows; *colours* per row tints its text (overdue, vacant)."""
    # A ResizeToContents header re-measures its column on every setItem: 300 duty slots took
    # seconds. Fill with fixed sections, then let each column measure itself once.
    header = widget.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(widget.columnCount())]
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if colours and colours[r] is not None:
                item.setForeground(QBrush(colours[r]))
            if tooltips:
                item.setToolTip(tooltips[r])
            widget.setItem(r, c, item)
    for column, mode in enumerate(modes):
        header.setSectionResizeMode(column, mode)


def figure(value: str, label: str, parent: QWidget) -> tuple[QWidget, QLabel]:
    """A big number over a grey caption; returns the tile and its value label."""
    tile = QWidget(parent)
    column = QVBoxLayout(tile)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    number = QLabel(value, tile)
    number.setObjectName("figureValue")
    caption = QLabel(label, tile)
    caption.setObjectName("figureLabel")
    column.addWidget(number)
    column.addWidget(caption)
    return tile, number
