"""Getting a built PDF out of the app: a file, the system viewer, or the printer."""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, QSize, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from ...safety.permissions import write_private

MAX_PRINT_DPI = 300  # enough for text; higher only costs memory (A4 at 1200 dpi is ~0.5 GB)


def default_dir() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


FILTERS = {"pdf": "PDF 文件 (*.pdf)", "docx": "Word 文档 (*.docx)"}


def ask_save_path(parent: QWidget, stem: str, fmt: str = "pdf") -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "保存报表", str(Path(default_dir()) / f"{stem}.{fmt}"),
                                          FILTERS[fmt])
    if not path:
        return None
    path = Path(path)
    return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")


def write_pdf(path: Path, data: bytes) -> None:
    """Private to this account (a --full roster holds ID numbers and phones) and through a
    temporary file, so a failed write never leaves half a PDF (OSError on failure)."""
    write_private(path, data)


def open_in_viewer(data: bytes, stem: str) -> Path:
    """Write to a fresh temp folder (the system viewer may keep the file open) and open it."""
    path = Path(tempfile.mkdtemp(prefix="branch-desk-")) / f"{stem}.pdf"
    write_private(path, data)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


def print_document(parent: QWidget, document: QPdfDocument, title: str) -> bool:
    """Ask for a printer, then draw each chosen page as an image at the printer's resolution."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)  # the PDF pages carry their own GB/T 9704 margins
    pages = document.pageCount()
    printer.setFromTo(1, pages)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, pages)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    first, last = printer.fromPage(), printer.toPage()
    if first == 0:  # "all pages"
        first, last = 1, pages
    render_pages(printer, document, range(first - 1, min(last, pages)))
    return True


def render_pages(printer: QPrinter, document: QPdfDocument, pages) -> None:
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter(printer)
    try:
        for n, page in enumerate(pages):
            if n:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
            # Fit the page into the printable area, keeping its proportions.
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
    finally:
        painter.end()
