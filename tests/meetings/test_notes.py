import subprocess
import sys

import pytest

from desktop.meetings import service as S
from desktop.models import MeetingDecision

from .conftest import DAY, at


def test_editing_moving_and_deleting_lines(people):
    meeting = S.start_meeting(on=DAY, now=at(DAY, "07:30"))
    a = S.add_note(meeting.id, "第一句", speaker_id=people.zhou.id, at="7:31")
    b = S.add_note(meeting.id, "第二句", speaker_name="物业经理")
    c = S.add_note(meeting.id, "第三句")
    assert a.said_at == "07:31:00"
    assert [S.speaker_label(n) for n in S.notes(meeting)] == ["周明", "物业经理", ""]

    S.update_note(b.id, speaker_id=people.bai.id)  # a roster speaker replaces the typed name
    S.update_note(a.id, speaker_name="街道干部")  # a typed name replaces the roster speaker
    S.update_note(c.id, text="  第三句（补全）\r\n下一行  ", said_at="07:40:05")
    lines = S.notes(meeting)
    assert [(S.speaker_label(n), n.speaker_id) for n in lines] == [
        ("街道干部", None), ("白云", people.bai.id), ("", None)]
    assert (lines[2].text, lines[2].said_at) == ("第三句（补全）\n下一行", "07:40:05")
    with pytest.raises(S.MeetingError, match="不能为空"):
        S.update_note(a.id, text="   ")
    with pytest.raises(S.MeetingError, match="不是有效的时间"):
        S.update_note(a.id, said_at="25:61")

    S.move_note(c.id, -2)
    assert [n.id for n in S.notes(meeting)] == [c.id, a.id, b.id]
    decision = S.note_to_decision(b.id)
    item = S.note_to_action(b.id, owner_id=people.an.id)
    assert S.note_to_action(b.id, owner_id=people.an.id).id == item.id
    assert S.note_to_action(b.id).id != item.id  # another owner (none): another item
    S.delete_note(b.id)
    assert [n.id for n in S.notes(meeting)] == [c.id, a.id]
    assert MeetingDecision.get_by_id(decision.id).text == "第二句"  # the decision stands on its own
    with pytest.raises(S.MeetingError, match="找不到该条发言记录"):
        S.update_note(b.id, text="已删除")


def test_the_meeting_package_does_not_load_qt():
    code = "import sys, desktop.meetings, desktop.demo.meetings; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
