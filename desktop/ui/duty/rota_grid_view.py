"""The rota grid on screen: names drawn one per line, ★ in red for Party members, a small
钉 badge on pinned ones, conflict cells tinted red with the message as tooltip."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from .rota_grid_model import RecordRole, RotaGridModel, cell_background, is_party

RED = QColor("#C8102E")
TEXT = QColor("#1F2329")
SHORT = QColor("#B35C00")
BADGE_BG = QColor("#E5E7EB")
CONFLICT_EDGE = QColor("#C8102E")
SELECTED_BG = QColor("#FBEAEC")
PAD = 4


class RotaCellDelegate(QStyledItemDelegate):
    """Draws a Cell; text widths are measured once per name and font (sizing a week of a
    hundred posts asks for thousands of them)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._font_key = None
        self._widths: dict[str, int] = {}
        self._metrics: QFontMetrics | None = None

    def metrics(self, font: QFont) -> QFontMetrics:
        key = font.key()
        if key != self._font_key:
            self._font_key, self._widths, self._metrics = key, {}, QFontMetrics(font)
        return self._metrics

    def advance(self, font: QFont, text: str) -> int:
        metrics = self.metrics(font)
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = metrics.horizontalAdvance(text)
        return width

    def line_height(self, font: QFont) -> int:
        return self.metrics(font).height() + 1

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        cell = index.data(RecordRole)
        if cell is None:
            return super().paint(painter, option, index)
        painter.save()
        rect = option.rect
        background = cell_background(cell)
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
        font = option.font
        line_h = self.line_height(font)
        star = self.advance(font, "★")
        y = rect.top() + PAD
        for a in cell.assignments:
            x = rect.left() + PAD + 2
            if is_party(a.member):
                painter.setPen(RED)
                painter.drawText(QRect(x, y, rect.width(), line_h), Qt.AlignmentFlag.AlignVCenter, "★")
            x += star
            painter.setPen(TEXT)
            painter.drawText(QRect(x, y, rect.right() - x, line_h), Qt.AlignmentFlag.AlignVCenter, a.member.name)
            x += self.advance(font, a.member.name) + 3
            if a.pinned:
                self._badge(painter, QRect(x, y + 2, self.advance(font, "钉") + 4, line_h - 4), font)
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

    def cell_size(self, font: QFont, cell) -> tuple[int, int]:
        """(width, height) a Cell needs; sizeHint() and the view's row and column hints."""
        return self.sizer(font)(cell)

    def sizer(self, font: QFont):
        """cell_size() for many cells in one font (the font's key is looked up once)."""
        metrics, widths = self.metrics(font), self._widths
        line_h = metrics.height() + 1
        badge = self.advance(font, "钉") + 7

        def size(cell) -> tuple[int, int]:
            if cell is None:
                return 60, metrics.height() + 2 * PAD
            lines = max(cell.needed, len(cell.assignments) + (1 if cell.missing else 0), 1)
            widest = 0
            for a in cell.assignments:
                text = "★" + a.member.name
                width = widths.get(text)
                if width is None:
                    width = widths[text] = metrics.horizontalAdvance(text)
                widest = max(widest, width + (badge if a.pinned else 0))
            return max(56, widest + 2 * PAD + 4), lines * line_h + 2 * PAD

        return size

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        return QSize(*self.cell_size(option.font, index.data(RecordRole)))


class RotaGridView(QTableView):
    """Enter or double-click edits the current cell (edit_requested); the page wires the keys."""

    edit_requested = Signal(object)  # the Cell

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("rotaGrid")
        self.delegate = RotaCellDelegate(self)
        self.setItemDelegate(self.delegate)
        self._hints: tuple[list[int], list[int]] | None = None  # row heights, column widths
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultSectionSize(86)
        self.horizontalHeader().setMinimumSectionSize(60)
        # Rows fit their contents, sized by fit_rows() after each reset: in ResizeToContents mode the
        # header re-measured all 300 lanes (4 headerData calls each) on every show and resize.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.doubleClicked.connect(self._activated)

    def setModel(self, model) -> None:
        super().setModel(model)
        # "about to": the view's own reset handling already asks for the new sizes
        for signal in (model.modelAboutToBeReset, model.dataChanged, model.layoutAboutToBeChanged):
            signal.connect(self._forget_hints)
        for signal in (model.modelReset, model.dataChanged, model.layoutChanged):
            signal.connect(self.fit_rows)

    def grid_model(self) -> RotaGridModel:
        return self.model()

    # -- sizes -------------------------------------------------------------------
    # Qt sizes ResizeToContents rows and resizeColumnsToContents() by asking the delegate about
    # every cell, each through several data() calls; a week of 100 posts × 3 shifts is 2,100
    # cells and it asks more than once. Worked out here once per reset from the cells instead.

    def _forget_hints(self, *_) -> None:
        self._hints = None

    def _cell_hints(self) -> tuple[list[int], list[int]]:
        if self._hints is None:
            model, size = self.model(), self.delegate.sizer(self.font())
            rows, columns = [0] * model.rowCount(), [0] * model.columnCount()
            for r in range(len(rows)):
                for c in range(len(columns)):
                    width, height = size(model.cell(r, c))
                    rows[r] = max(rows[r], height)
                    columns[c] = max(columns[c], width)
            grid = 1 if self.showGrid() else 0  # as QTableView's own hints add
            self._hints = ([h + grid for h in rows], [w + grid for w in columns])
        return self._hints

    def sizeHintForRow(self, row: int) -> int:
        rows = self._cell_hints()[0]
        return rows[row] if 0 <= row < len(rows) else -1

    def sizeHintForColumn(self, column: int) -> int:
        columns = self._cell_hints()[1]
        return columns[column] if 0 <= column < len(columns) else -1

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hints = None
            self.fit_rows()

    def fit_rows(self, *_) -> None:
        """Each lane as tall as its fullest day and its two-line header, as ResizeToContents
        would make it; the header is measured once per number of lines."""
        model, header = self.model(), self.verticalHeader()
        if model is None:
            return
        rows = self._cell_hints()[0]
        by_lines: dict[int, int] = {}
        low, high = header.minimumSectionSize(), header.maximumSectionSize()
        for row, height in enumerate(rows):
            lines = str(model.headerData(row, Qt.Orientation.Vertical) or "").count("\n")
            label = by_lines.get(lines)
            if label is None:
                label = by_lines[lines] = header.sectionSizeHint(row)
            header.resizeSection(row, min(high, max(low, height, label)))

    def current_cell(self):
        index = self.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def selected_cells(self) -> list:
        indexes = sorted(self.selectionModel().selectedIndexes(), key=lambda i: (i.column(), i.row()))
        return [i.data(RecordRole) for i in indexes if i.data(RecordRole) is not None]

    def fit_columns(self) -> None:
        """Wide enough for the longest name in each day, never narrower than the header.
        (Rows fit themselves after every reset, see fit_rows().)"""
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        self.content_widths = [max(header.sectionSize(c), 60) for c in range(self.model().columnCount())]
        self.spread_columns()

    def spread_columns(self) -> None:
        """The day columns share the view's whole width (a week fills a 1280-px window) and are
        never narrower than their contents; a long period scrolls instead."""
        widths = getattr(self, "content_widths", None)
        if not widths:
            return
        spare = self.viewport().width() - sum(widths)
        extra, rest = divmod(max(0, spare), len(widths))
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            header.resizeSection(column, width + extra + (1 if column < rest else 0))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.spread_columns()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activated(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _activated(self, index) -> None:
        cell = index.data(RecordRole)
        if cell is not None:
            self.edit_requested.emit(cell)
