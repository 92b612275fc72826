"""A diary save that fails: the text always survives as a draft; a refusal or a database that
cannot be written is said on the page, a bug goes on to the crash dialog instead of being
passed off as database trouble."""
from __future__ import annotations

import datetime as dt

import peewee
import pytest

from desktop.diaries import service

from ..roster.roster_typing import type_text
from .helpers import click_day, click_member

DAY = dt.date(2022, 11, 20)


def failing_save(exc):
    def save_entry(*args, **kwargs):
        raise exc
    return save_entry


def test_a_locked_database_is_said_and_the_text_kept(qtbot, page, people, monkeypatch):
    click_member(qtbot, page, "王芳")
    click_day(qtbot, page.calendar, DAY)
    monkeypatch.setattr(service, "save_entry", failing_save(peewee.OperationalError("database is locked")))
    type_text(qtbot, page.editor.text, "卡口值守")
    page.editor.flush()
    assert page.editor.saved_label.text() == "未能保存：数据库暂时无法写入（已存为草稿）"
    assert service.load_editor_draft(people.wang.id, DAY).payload["text"] == "卡口值守"


def test_a_bug_is_not_passed_off_as_database_trouble(qtbot, page, people, monkeypatch):
    click_member(qtbot, page, "王芳")
    click_day(qtbot, page.calendar, DAY)
    monkeypatch.setattr(service, "save_entry", failing_save(TypeError("unexpected keyword 'tags'")))
    type_text(qtbot, page.editor.text, "卡口值守")
    page.editor.autosaver.drop("entry")  # the timer's save would raise inside Qt: save by hand
    with pytest.raises(TypeError):
        page.editor._save()
    assert "数据库" not in page.editor.saved_label.text()
    assert service.load_editor_draft(people.wang.id, DAY).payload["text"] == "卡口值守"  # typing survives
