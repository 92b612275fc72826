"""The rota grid on screen: names drawn one per line, ★ in red for Party members, a small
钉 badge on pinned ones, conflict cells tinted red with the message as tooltip."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView,
)

from .rota_grid_model import RecordRole, RotaGridModel, is_party

RED = QColor("#C8102E")
TEXT = QColor("#1F2329")
SHORT = QColor("#B35C00")
BADGE_BG = QColor("#E5E7EB")
CONFLICT_EDGE = QColor("#C8102E")
SELECTED_BG = QColor("#FBEAEC")
PAD = 4


class RotaCellDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        cell = index.data(RecordRole)
        if cell is None:
            return super().paint(painter, option, index)
        painter.save()
        rect = option.rect
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, SELECTED_BG)
        elif background is not None:
            painter.fillRect(rect, background)
        if cell.conflicts:
            painter.setPen(QPen(CONFLICT_EDGE, 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(QColor("#8A9099"), 1, Qt.PenStyle.DotLine))
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        font = QFont(option.font)
        metrics = QFontMetrics(font)
        line_h = metrics.height() + 1
        y = rect.top() + PAD
        for a in cell.assignments:
            x = rect.left() + PAD + 2
            if is_party(a.member):
                painter.setPen(RED)
                painter.drawText(QRect(x, y, rect.width(), line_h), Qt.AlignmentFlag.AlignVCenter, "★")
            x += metrics.horizontalAdvance("★")
            painter.setPen(TEXT)
            painter.drawText(QRect(x, y, rect.right() - x, line_h), Qt.AlignmentFlag.AlignVCenter, a.member.name)
            x += metrics.horizontalAdvance(a.member.name) + 3
            if a.pinned:
                self._badge(painter, QRect(x, y + 2, metrics.horizontalAdvance("钉") + 4, line_h - 4), option.font)
            y += line_h
        if cell.missing:
            painter.setPen(SHORT)
            painter.drawText(QRect(rect.left() + PAD + 2, y, rect.width(), line_h),
                             Qt.AlignmentFlag.AlignVCenter, f"缺{cell.missing}人")
        painter.restore()

    @staticmethod
    def _badge(painter: QPainter, rect: QRect, font: QFont) -> None:
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BADGE_BG)
        painter.drawRoundedRect(rect, 2, 2)
        painter.setFont(small)
        painter.setPen(QColor("#4B5563"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "钉")
        painter.setFont(font)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        cell = index.data(RecordRole)
        metrics = QFontMetrics(option.font)
        if cell is None:
            return QSize(60, metrics.height() + 2 * PAD)
        lines = max(cell.needed, len(cell.assignments) + (1 if cell.missing else 0), 1)
        badge = metrics.horizontalAdvance("钉") + 7
        widest = max([metrics.horizontalAdvance("★" + a.member.name) + (badge if a.pinned else 0)
                      for a in cell.assignments] + [0])
        return QSize(max(56, widest + 2 * PAD + 4), lines * (metrics.height() + 1) + 2 * PAD)


class RotaGridView(QTableView):
    """Enter or double-click edits the current cell (edit_requested); the page wires the keys."""

    edit_requested = Signal(object)  # the Cell

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("rotaGrid")
        self.setItemDelegate(RotaCellDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultSectionSize(86)
        self.horizontalHeader().setMinimumSectionSize(60)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.doubleClicked.connect(self._activated)

    def grid_model(self) -> RotaGridModel:
        return self.model()

    def current_cell(self):
        index = self.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def selected_cells(self) -> list:
        indexes = sorted(self.selectionModel().selectedIndexes(), key=lambda i: (i.column(), i.row()))
        return [i.data(RecordRole) for i in indexes if i.data(RecordRole) is not None]

    def fit_columns(self) -> None:
        """Wide enough for the longest name in each day, never narrower than the header."""
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for column in range(self.model().columnCount()):
            header.resizeSection(column, max(header.sectionSize(column), 60))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activated(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _activated(self, index) -> None:
        cell = index.data(RecordRole)
        if cell is not None:
            self.edit_requested.emit(cell)
