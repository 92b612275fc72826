"""Qt-free draft storage: one draft per form and record, newest first, never a crash."""
from __future__ import annotations

import datetime as dt

from desktop.models import Draft
from desktop.safety.drafts import discard_draft, list_drafts, load_draft, save_draft

T1 = dt.datetime(2026, 11, 22, 20, 31, 5)
T2 = dt.datetime(2026, 11, 22, 20, 45)


def test_save_load_replace_discard():
    assert load_draft("member", "new") is None
    save_draft("member", "new", {"fields": {"name": "安𪚥", "notes": "😀\n'; DROP TABLE draft; --"}}, now=T1)
    draft = load_draft("member", "new")
    assert draft.payload == {"fields": {"name": "安𪚥", "notes": "😀\n'; DROP TABLE draft; --"}}
    assert draft.updated_at == T1
    save_draft("member", "new", {"fields": {"name": "白雪"}}, now=T2)
    assert Draft.select().count() == 1
    assert load_draft("member", "new").payload["fields"]["name"] == "白雪"
    discard_draft("member", "new")
    assert load_draft("member", "new") is None
    discard_draft("member", "new")  # twice is fine


def test_kinds_and_keys_are_separate_and_listed_newest_first():
    save_draft("member", 7, {"n": 1}, now=T1)
    save_draft("meeting", "new", {"n": 2}, now=T2)
    save_draft("member", "new", {"n": 3}, now=T1 - dt.timedelta(hours=1))
    assert [(d.kind, d.key) for d in list_drafts()] == [("meeting", "new"), ("member", "7"), ("member", "new")]
    assert [d.key for d in list_drafts("member")] == ["7", "new"]
    assert load_draft("member", "7").payload == {"n": 1}


def test_an_unreadable_draft_is_skipped_not_raised():
    Draft.create(kind="member", key="3", payload="{half a json", updated_at=T1)
    Draft.create(kind="member", key="4", payload='"not a dict"', updated_at=T1)
    assert load_draft("member", "3") is None and load_draft("member", "4") is None
    assert list_drafts("member") == []
