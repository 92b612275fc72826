"""会议类型…: the meeting types as an editable list."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...meetings import service
from ..vocabulary_dialog import Vocabulary, VocabularyDialog

MEETING_TYPES = Vocabulary(
    title="会议类型",
    hint="停用的类型不再出现在“开会”菜单中，已有的会议记录不受影响。",
    items=service.meeting_types,
    add=service.add_meeting_type,
    rename=service.rename_meeting_type,
    set_active=service.set_meeting_type_active,
    error=service.MeetingError,
    move=service.move_meeting_type,
)


class TypeListDialog(VocabularyDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(MEETING_TYPES, parent)
