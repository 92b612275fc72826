"""Photos under a diary: 添加照片…, drag-and-drop, open the original, remove after asking."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.diaries import photos, service

from ..roster.roster_typing import type_text
from .conftest import make_png
from .helpers import click_day, click_member

DAY = dt.date(2022, 11, 20)


def written(qtbot, page, name="王芳", text="给3号楼送药"):
    click_member(qtbot, page, name)
    click_day(qtbot, page.calendar, DAY)
    type_text(qtbot, page.editor.text, text)
    return page.editor.photos


def test_adding_a_photo_copies_it_and_shows_a_thumbnail(qtbot, page, people, dialogs, tmp_path):
    strip = written(qtbot, page)
    dialogs.files = [str(make_png(tmp_path / "送药.png"))]
    qtbot.mouseClick(strip.add_button, Qt.MouseButton.LeftButton)  # saves the typing first
    entry = service.entry_for(people.wang.id, DAY)
    assert entry.text == "给3号楼送药"
    (photo,) = service.photos_of([entry.id])[entry.id]
    assert strip.photo_ids() == [photo.id]
    assert not strip.list.item(0).icon().isNull()
    copy = photos.photo_path(photo)
    assert copy.is_file() and photos.photos_dir() in copy.parents  # copied into the data folder
    assert (photo.width, photo.height, photo.original_name) == (64, 48, "送药.png")
    # The same file again is the same photo, not a second thumbnail.
    qtbot.mouseClick(strip.add_button, Qt.MouseButton.LeftButton)
    assert strip.photo_ids() == [photo.id]


def test_several_files_at_once_and_a_non_image_is_refused(qtbot, page, people, dialogs, tmp_path):
    strip = written(qtbot, page)
    notes = tmp_path / "名单.png"
    notes.write_text("不是图片", encoding="utf-8")
    dialogs.files = [str(make_png(tmp_path / "a.png")), str(notes), str(make_png(tmp_path / "b.png", "#2E7D32"))]
    qtbot.mouseClick(strip.add_button, Qt.MouseButton.LeftButton)
    assert len(strip.photo_ids()) == 2
    assert "名单.png" in page.editor.saved_label.text()
    assert page.editor.saved_label.property("failed") is True


def test_dropping_image_files_attaches_them(qtbot, page, people, tmp_path):
    strip = written(qtbot, page)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(make_png(tmp_path / "drop.png"))),
                  QUrl.fromLocalFile(str(tmp_path / "readme.txt"))])  # not an image: ignored
    where, action = QPointF(strip.list.geometry().center()), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where, action, mime, buttons, keys)
    QApplication.sendEvent(strip, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(strip, QDropEvent(where, action, mime, buttons, keys))
    assert len(strip.photo_ids()) == 1


def test_double_click_opens_the_original_and_delete_asks_first(qtbot, page, people, dialogs, tmp_path):
    strip = written(qtbot, page)
    dialogs.files = [str(make_png(tmp_path / "卡口.png"))]
    qtbot.mouseClick(strip.add_button, Qt.MouseButton.LeftButton)
    (photo_id,) = strip.photo_ids()
    rect = strip.list.visualItemRect(strip.list.item(0))
    qtbot.mouseClick(strip.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(strip.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialogs.opened and dialogs.opened[0].endswith(photos.photo_path(
        service.photos_of([page.editor.entry_id()])[page.editor.entry_id()][0]).name)

    strip.list.setCurrentRow(0)
    strip.list.setFocus()
    dialogs.answers = [QMessageBox.StandardButton.No]
    qtbot.keyClick(strip.list, Qt.Key.Key_Delete)
    assert strip.photo_ids() == [photo_id]
    qtbot.keyClick(strip.list, Qt.Key.Key_Delete)  # Yes
    assert strip.photo_ids() == []
    assert service.photos_of([page.editor.entry_id()])[page.editor.entry_id()] == []
    assert len(dialogs.asked) == 2


def test_a_photo_needs_some_text_first(qtbot, page, people, dialogs, tmp_path):
    click_member(qtbot, page, "张伟")
    click_day(qtbot, page.calendar, DAY)
    dialogs.files = [str(make_png(tmp_path / "x.png"))]
    qtbot.mouseClick(page.editor.photos.add_button, Qt.MouseButton.LeftButton)
    assert page.editor.photos.photo_ids() == []
    assert service.entry_for(people.zhang.id, DAY) is None
    assert "写几句日记" in page.editor.saved_label.text()


def test_a_photo_whose_stored_name_leads_outside_is_not_opened(qtbot, page, people, dialogs, tmp_path):
    from desktop.models import DiaryPhoto

    strip = written(qtbot, page)
    dialogs.files = [str(make_png(tmp_path / "卡口.png"))]
    qtbot.mouseClick(strip.add_button, Qt.MouseButton.LeftButton)
    DiaryPhoto.update(stored_name="../../卡口.png").execute()  # a crafted database
    strip.load(service.entry_for(people.wang.id, DAY))
    failures = []
    strip.failed.connect(failures.append)
    rect = strip.list.visualItemRect(strip.list.item(0))
    qtbot.mouseClick(strip.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(strip.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialogs.opened == []
    assert failures == ["照片的存放位置“../../卡口.png”不在照片文件夹内，已拒绝读取。数据库中的这条照片记录可能被改动过。"]
