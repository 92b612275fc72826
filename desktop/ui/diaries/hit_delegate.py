"""Draws a search hit as two lines of rich text: who and when, then the snippet with the
matches in bold red (a plain delegate cannot mix colours within one line)."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

HtmlRole = Qt.ItemDataRole.UserRole + 10
PADDING = 6
SIZES_KEPT = 10_000  # measured hits remembered; then forgotten all at once


class HitDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        # The list lays out every row again when a page is appended: measure each hit once.
        self._sizes: dict[tuple[str, int, str], QSize] = {}

    def _document(self, option: QStyleOptionViewItem, html: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(html)
        doc.setTextWidth(max(50, option.rect.width() - 2 * PADDING))
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        html = index.data(HtmlRole) or ""
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(opt, html)
        painter.save()
        painter.translate(opt.rect.left() + PADDING, opt.rect.top() + PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, QColor("#1F2329"))
        context.clip = QRectF(0, 0, opt.rect.width() - 2 * PADDING, opt.rect.height() - 2 * PADDING)
        doc.documentLayout().draw(painter, context)
        painter.setPen(QColor("#F0F1F3"))
        painter.restore()
        painter.save()
        painter.setPen(QColor("#ECEDEF"))
        painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        width = option.widget.viewport().width() if option.widget is not None else 400
        html = index.data(HtmlRole) or ""
        key = (html, width, option.font.key())
        size = self._sizes.get(key)
        if size is None:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.rect.setWidth(width)
            size = QSize(width, int(self._document(opt, html).size().height()) + 2 * PADDING)
            if len(self._sizes) >= SIZES_KEPT:
                self._sizes.clear()
            self._sizes[key] = size
        return size
