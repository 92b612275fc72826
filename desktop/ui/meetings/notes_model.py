"""The 发言记录 lines as a table: time, speaker, text. Rows come from service.notes(); no queries here."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...models import MeetingNote
from .meeting_format import short_time

COL_TIME = 0
COL_SPEAKER = 1
COL_TEXT = 2
HEADERS = ("时间", "发言人", "内容")

SortRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2

TIME_COLOR = QColor("#6B7280")


def speaker_of(note: MeetingNote) -> str:
    return note.speaker.name if note.speaker_id else (note.speaker_name or "")


class NotesModel(QAbstractTableModel):
    """Editable text column: an edit is reported by text_edited(note, text), never written here."""

    text_edited = Signal(object, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[MeetingNote] = []
        self._editable = True

    def set_rows(self, notes: list[MeetingNote]) -> None:
        self.beginResetModel()
        self._rows = list(notes)
        self.endResetModel()

    def append(self, note: MeetingNote) -> None:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(note)
        self.endInsertRows()

    def replace(self, note: MeetingNote) -> None:
        row = self.row_of(note.id)
        if row >= 0:
            self._rows[row] = note
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def remove(self, note_id: int) -> None:
        row = self.row_of(note_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def notes(self) -> list[MeetingNote]:
        return list(self._rows)

    def row_of(self, note_id: int) -> int:
        return next((i for i, n in enumerate(self._rows) if n.id == note_id), -1)

    # -- Qt model API ------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self._editable and index.column() == COL_TEXT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        note = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == COL_TIME:
                return short_time(note.said_at)
            if column == COL_SPEAKER:
                return speaker_of(note)
            return note.text
        if role == SortRole:
            return (note.position, note.id)
        if role == RecordRole:
            return note
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TIME:
            return f"记于 {note.said_at}"
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_TIME:
            return QBrush(TIME_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole:  # wrapped lines read from the top
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != COL_TEXT or not index.isValid():
            return False
        note = self._rows[index.row()]
        text = str(value).strip()
        if not text or text == note.text:
            return False
        self.text_edited.emit(note, text)
        return True
