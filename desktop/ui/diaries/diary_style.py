"""Looks of the diary page that the app stylesheet does not cover; applied on the page itself."""
from __future__ import annotations

from ..widgets import STATE_STYLE

ACCENT = "#C8102E"

DIARY_STYLE = STATE_STYLE + """
QLabel#sectionTitle { font-weight: bold; color: #1F2329; padding: 2px 0 1px 0; }
QLabel#entryHeading { font-weight: bold; font-size: 12pt; color: #1F2329; }
QLabel#savedLabel { color: #1F5130; }
QLabel#savedLabel[failed="true"] { color: #B00020; font-weight: bold; }
QPlainTextEdit#diaryText { font-size: 11pt; padding: 6px; border: 1px solid #C9CDD3; }
QPlainTextEdit#diaryText:focus { border: 1px solid #C8102E; }
QToolButton#tagButton { border: 1px solid #C9CDD3; border-radius: 11px; padding: 2px 10px;
                        color: #333840; background: #FFFFFF; }
QToolButton#tagButton:hover { border-color: #8A9099; }
QToolButton#tagButton:checked { background: #FBEAEC; color: #C8102E; border-color: #C8102E;
                                font-weight: bold; }
QCheckBox#shiftLink { color: #1F2329; padding: 3px 0; }
QListWidget#memberList { border: 1px solid #DDE0E4; outline: 0; }
QListWidget#memberList::item { padding: 4px 6px; }
QListWidget#memberList::item:selected { background: #FBEAEC; color: #C8102E; }
QListWidget#photoList { border: 1px dashed #C9CDD3; background: #FAFAFB; }
QListWidget#photoList::item:selected { background: #FBEAEC; color: #1F2329; }
QListView#searchResults { border: 1px solid #DDE0E4; }
QTableWidget#figuresTable { border: 1px solid #DDE0E4; }
QCalendarWidget QWidget#qt_calendar_navigationbar { background: #F3F4F6; }
QCalendarWidget QToolButton { color: #1F2329; background: transparent; border: none; padding: 2px 6px; }
QCalendarWidget QToolButton:hover { background: #E8EAED; }
"""
