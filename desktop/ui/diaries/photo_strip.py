"""A row of photo thumbnails under the diary: 添加照片…, drop image files, double-click opens
the original, Delete removes (after asking). Originals are copied by the photos service."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...diaries import photos as photo_service
from ...diaries import service as diary_service
from ...diaries.service import DiaryError
from ..widgets import role_label

PhotoIdRole = Qt.ItemDataRole.UserRole + 1
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".heic", ".tif", ".tiff"}
THUMB = 96


def _image_files(urls) -> list[str]:
    paths = [url.toLocalFile() for url in urls if url.isLocalFile()]
    return [p for p in paths if Path(p).suffix.lower() in IMAGE_SUFFIXES]


class PhotoStrip(QWidget):
    """PhotoStrip(ensure_entry, parent): *ensure_entry()* saves the diary if needed and returns
    its id (a photo needs an entry), or None when there is nothing to attach to.
    load(entry) shows its photos; add_files(paths) attaches; changed after any change."""

    changed = Signal()
    failed = Signal(str)

    def __init__(self, ensure_entry: Callable[[], int | None], parent: QWidget | None = None):
        super().__init__(parent)
        self._ensure_entry = ensure_entry
        self._entry_id: int | None = None
        self.list = QListWidget(self)
        self.list.setObjectName("photoList")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 16, THUMB + 12))
        self.list.setFixedHeight(THUMB + 34)
        self.list.setDragDropMode(QListWidget.DragDropMode.NoDragDrop)
        self.list.setAcceptDrops(False)
        self.list.viewport().setAcceptDrops(False)  # drops land on the strip itself
        self.list.itemDoubleClicked.connect(self.open_item)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, keys, slot in (("打开原图", "Return", self._open_current), ("删除照片…", "Delete", self.remove_current)):
            action = QAction(text, self.list)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.list.addAction(action)
        self.add_button = QPushButton("添加照片…", self)
        self.add_button.setToolTip("选择一张或多张照片（也可以把图片文件拖到这里）")
        self.add_button.clicked.connect(self.choose_files)
        self.hint = role_label("拖入图片文件也可添加；双击查看原图，Delete 删除", "hint", self)
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # clip, don't widen
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.add_button)
        top.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.setAcceptDrops(True)

    # -- showing -----------------------------------------------------------------

    def load(self, entry) -> None:
        self._entry_id = entry.id if entry is not None else None
        self.list.clear()
        if entry is None:
            return
        for photo in diary_service.photos_of([entry.id]).get(entry.id, []):
            self._add_item(photo)

    def _add_item(self, photo) -> None:
        try:
            thumb = QPixmap(str(photo_service.thumbnail_path(photo, size=160)))
        except (OSError, DiaryError):
            thumb = QPixmap()
        item = QListWidgetItem(QIcon(thumb), "")
        item.setData(PhotoIdRole, photo.id)
        item.setData(Qt.ItemDataRole.UserRole + 2, photo)
        item.setToolTip(f"{photo.original_name}（{photo.width}×{photo.height}）")
        item.setSizeHint(QSize(THUMB + 12, THUMB + 8))
        self.list.addItem(item)

    def photo_ids(self) -> list[int]:
        return [self.list.item(i).data(PhotoIdRole) for i in range(self.list.count())]

    # -- adding ------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "添加照片", str(Path.home()), "图片 (*.png *.jpg *.jpeg *.bmp *.gif *.webp);;所有文件 (*)")
        if paths:
            self.add_files(paths)

    def add_files(self, paths) -> int:
        """Attach each file; problems are collected into one message. Returns how many were added."""
        entry_id = self._ensure_entry()
        if entry_id is None:
            self.failed.emit("请先选择成员和日期，并写几句日记，再添加照片")
            return 0
        self._entry_id = entry_id
        added, problems = 0, []
        for path in paths:
            try:
                photo = photo_service.attach_photo(entry_id, path)
                if photo.id not in self.photo_ids():  # the same picture twice is one photo
                    self._add_item(photo)
                    added += 1
            except (DiaryError, OSError) as exc:
                problems.append(f"{Path(path).name}：{exc}")
        if problems:
            self.failed.emit("以下文件未能添加：" + "；".join(problems))
        if added:
            self.changed.emit()
        return added

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and _image_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = _image_files(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # -- opening, removing -------------------------------------------------------

    def open_item(self, item: QListWidgetItem) -> None:
        photo = item.data(Qt.ItemDataRole.UserRole + 2)
        try:
            path = photo_service.photo_path(photo)  # refused when the stored name leads outside photos/
        except DiaryError as exc:
            self.failed.emit(str(exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _open_current(self) -> None:
        if self.list.currentItem() is not None:
            self.open_item(self.list.currentItem())

    def remove_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(self, "删除照片", "从这篇日记中删除这张照片吗？（原图文件也会从数据文件夹删除）",
                                      buttons.Yes | buttons.No, buttons.No)
        if answer != buttons.Yes:
            return
        photo_service.remove_photo(item.data(PhotoIdRole))
        self.list.takeItem(self.list.row(item))
        self.changed.emit()
