"""Looks of the meetings page that the app stylesheet does not cover; applied on the page itself."""
from __future__ import annotations

from ..widgets import STATE_STYLE

MEETING_STYLE = STATE_STYLE + """
QLabel#sectionTitle { font-weight: bold; color: #1F2329; padding: 2px 0 1px 0; }
QLabel#meetingHeading { font-weight: bold; font-size: 11pt; color: #1F2329; padding: 0 4px; }
QLabel#meetingState { border-radius: 3px; padding: 1px 8px; color: #FFFFFF; background: #C8102E; }
QLabel#meetingState[state="locked"] { background: #4B5563; }
QLabel#meetingState[state="correcting"] { background: #B35C00; }
QLabel#quorumLine { padding: 4px 8px; border-radius: 3px; color: #1F5130; background: #EEF7F0;
                    border: 1px solid #CFE5D6; }
QLabel#quorumLine[ok="false"] { color: #8A3A00; background: #FFF1DB; border: 1px solid #F0C48A;
                                font-weight: bold; }
QLabel#attendanceCounts { color: #1F2329; }
QLabel#absentLine { color: #B00020; }
QToolButton#startMeetingButton { background: #C8102E; color: #FFFFFF; border: 1px solid #C8102E;
                                 border-radius: 3px; padding: 4px 26px 4px 14px; font-weight: bold; }
QToolButton#startMeetingButton:hover { background: #A90D26; }
QToolButton#startMeetingButton::menu-button { border-left: 1px solid #E8B4BC; width: 16px; }
QLabel#fieldLabel { color: #4B5563; }
QLineEdit#noteEntry { padding: 5px 8px; border: 1px solid #8A9099; }
QLineEdit#noteEntry:focus { border: 1px solid #C8102E; }
QLineEdit#speakerPicker { padding: 5px 6px; font-weight: bold; color: #1F2329; }
QTableView#notesTable { background: #FFFFFF; }
QTableView#notesTable::item, QTableWidget#carriedTable::item, QTableWidget#actionsTable::item,
QTableWidget#decisionsTable::item { padding: 2px 0; border-bottom: 1px solid #F0F1F3; }
QTableView#notesTable::item:selected, QTableWidget::item:selected { background: #FBEAEC; color: #1F2329; }
QListWidget#rollList { border: 1px solid #DDE0E4; }
QFrame#absencePopup { background: #FFFFFF; border: 1px solid #8A9099; }
QFrame#actionEditBar { background: #F7F7F8; }
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] { background: #F7F7F8; color: #333840; }
"""
