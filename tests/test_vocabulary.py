"""The two editable name lists (meeting types, diary tags) behave alike through desktop/vocabulary.py."""
from __future__ import annotations

import pytest

from desktop.diaries import service as diaries
from desktop.meetings import service as meetings
from desktop.meetings.meeting_types import MEETING_TYPES
from desktop.vocabulary import VocabularyTable

LISTS = {
    "meeting types": (meetings.meeting_types, meetings.add_meeting_type, meetings.rename_meeting_type,
                      meetings.set_meeting_type_active, meetings.MeetingError, "会议类型"),
    "diary tags": (diaries.tags, diaries.add_tag, diaries.rename_tag, diaries.set_tag_active,
                   diaries.DiaryError, "工作类别"),
}


@pytest.fixture(params=list(LISTS))
def vocabulary(request):
    return LISTS[request.param]


def test_names_are_tidied_unique_and_never_empty(vocabulary):
    items, add, rename, _set_active, error, noun = vocabulary
    added = add("  新名称 ")
    assert added.name == "新名称" and items()[-1].id == added.id  # appended at the end, active
    with pytest.raises(error, match=f"^{noun}名称不能为空。$"):
        add("   ")
    with pytest.raises(error, match=f"^已有名为“新名称”的{noun}。$"):
        add("新名称")
    existing = items()[0]
    with pytest.raises(error, match=f"^已有名为“{existing.name}”的{noun}。$"):
        rename(added.id, existing.name)
    assert rename(added.id, "新名称").name == "新名称"  # its own name is no clash


def test_unknown_id_and_deactivation(vocabulary):
    items, add, rename, set_active, error, noun = vocabulary
    with pytest.raises(error, match=f"^找不到该{noun}。$"):
        rename(99999, "随便")
    with pytest.raises(error, match=f"^找不到该{noun}。$"):
        set_active(99999, False)
    added = add("临时")
    set_active(added, False)  # a row works as well as an id
    assert "临时" not in [row.name for row in items()]
    assert "临时" in [row.name for row in items(include_inactive=True)]


def test_each_list_keeps_its_own_length_rule():
    with pytest.raises(meetings.MeetingError, match="不能超过 40 字"):
        meetings.add_meeting_type("会" * 41)
    assert meetings.add_meeting_type("会" * 40)
    with pytest.raises(diaries.DiaryError, match="最多 20 个字"):
        diaries.add_tag("类" * 21)
    assert diaries.add_tag("类 " * 3).name == "类 类 类"  # inner white space folded


def test_move_renumbers_the_whole_list_inactive_rows_included():
    kinds = meetings.meeting_types(include_inactive=True)
    meetings.set_meeting_type_active(kinds[1].id, False)
    meetings.move_meeting_type(kinds[2].id, -1)
    meetings.move_meeting_type(kinds[0].id, -5)  # clamped at the top
    moved = meetings.meeting_types(include_inactive=True)
    assert [k.id for k in moved] == [kinds[0].id, kinds[2].id, kinds[1].id] + [k.id for k in kinds[3:]]
    assert [k.sort_order for k in moved] == list(range(1, len(kinds) + 1))


def test_tables_are_one_shape():
    assert isinstance(diaries.TAGS, VocabularyTable) and isinstance(MEETING_TYPES, VocabularyTable)
