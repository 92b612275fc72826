"""The preview: a QPdfView over the bytes of the last build, with its warnings above it."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from ..widgets import role_label


class PreviewPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data: bytes | None = None
        self.title = ""  # the report shown, for file names and messages
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # indeterminate, but while fonts are prepared (busy())
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()
        self.status = role_label("选择报表和时间范围，然后点击“生成预览”。", "hint", self)
        self.status.setWordWrap(True)
        self.messages = QLabel(self)
        self.messages.setObjectName("reportMessages")
        self.messages.setWordWrap(True)
        self.messages.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.messages.hide()
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self._buffer: QBuffer | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.messages)
        layout.addWidget(self.view, 1)

    def busy(self, text: str, done: int = 0, total: int = 0) -> None:
        """Working: *done* of *total* steps on the bar when the steps are known, else a busy bar."""
        self.progress.setRange(0, max(total, 0))
        if total:
            self.progress.setValue(min(done, total))
        self.progress.show()
        self.status.setText(text)

    def idle(self, text: str) -> None:
        self.progress.hide()
        self.status.setText(text)

    def show_pdf(self, data: bytes, title: str) -> bool:
        """Load *data* into the view; False when QtPdf cannot read it."""
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)  # reads from the buffer as it renders: keep it alive
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        if self.document.status() != QPdfDocument.Status.Ready:
            self.data, self.title = None, ""
            return False
        self.data, self.title = data, title
        return True

    def show_messages(self, lines: list[str]) -> None:
        self.messages.setText("\n".join(lines))
        self.messages.setVisible(bool(lines))

    def clear(self) -> None:
        self.document.close()
        self.data, self.title = None, ""
        self.show_messages([])

    def page_count(self) -> int:
        return self.document.pageCount()
