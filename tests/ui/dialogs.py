"""Qt's modal dialogs replaced by recorders, so GUI tests never block."""
from __future__ import annotations

import types

from PySide6.QtWidgets import QInputDialog, QMessageBox


def patch_message_boxes(monkeypatch, **extra) -> types.SimpleNamespace:
    """QMessageBox.question answers Yes (or the next of state.answers) and records the text in
    state.asked; information/warning record theirs in state.told; QInputDialog.getItem and getText
    answer the next of state.items / state.texts, else cancel. *extra* adds fields to the state."""
    state = types.SimpleNamespace(asked=[], told=[], answers=[], items=[], texts=[], **extra)

    def question(parent, title, text, *args, **kwargs):
        state.asked.append(text)
        return state.answers.pop(0) if state.answers else QMessageBox.StandardButton.Yes

    def tell(parent, title, text, *args, **kwargs):
        state.told.append(text)
        return QMessageBox.StandardButton.Ok

    def get_item(parent, title, label, items, *args, **kwargs):
        state.asked.append(label)
        return state.items.pop(0) if state.items else ("", False)

    def get_text(parent, title, label, *args, **kwargs):
        state.asked.append(label)
        return state.texts.pop(0) if state.texts else ("", False)

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", tell)
    monkeypatch.setattr(QMessageBox, "warning", tell)
    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return state
