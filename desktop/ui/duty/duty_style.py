"""Looks of the duty page that the app stylesheet does not cover; applied on the page itself."""
from __future__ import annotations

from ..widgets import STATE_STYLE

DUTY_STYLE = STATE_STYLE + """
QLabel#sectionTitle { font-weight: bold; color: #1F2329; padding: 2px 0 1px 0; }
QLabel#rotaSummary { color: #1F2329; padding: 2px 2px; }
QTableView#rotaGrid { background: #FFFFFF; gridline-color: #E5E7EB; }
QTableView#rotaGrid QHeaderView::section:vertical { padding: 2px 8px; text-align: left; }
QLabel#openMatters { background: #FFF8E1; border: 1px solid #F0C48A; border-radius: 3px; padding: 6px 8px;
                     color: #5C3B00; }
QLabel#openMatters[empty="true"] { background: #F7F7F8; border: 1px solid #E5E7EB; color: #6B7280; }
QLabel#handoverSaved { color: #6B7280; }
QLabel#generateStatus { font-weight: bold; color: #1F2329; }
QLabel#fieldLabel { color: #4B5563; }
QScrollArea#handoverScroll, QScrollArea#handoverScroll > QWidget#qt_scrollarea_viewport,
QWidget#handoverPanel { background: #FFFFFF; }
"""
