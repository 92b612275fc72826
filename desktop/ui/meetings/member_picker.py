"""Choosing a person by typing: name, full pinyin or initials ('zjg' -> 张建国)."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ...models import Member
from ...roster.pinyin import name_key

KeyRole = Qt.ItemDataRole.UserRole + 1     # 'name quanpin initials', what the completer matches
MemberRole = Qt.ItemDataRole.UserRole + 2  # the Member


def match_key(member: Member) -> str:
    """'张建国 zhangjianguo zjg'."""
    pinyin = member.name_pinyin or name_key(member.name)
    syllables = ["".join(c for c in s if not c.isdigit()) for s in pinyin.split()]
    return f"{member.name} {''.join(syllables)} {''.join(s[:1] for s in syllables)}".lower()


def rank_members(members: Iterable[Member], text: str) -> list[Member]:
    """Members matching *text*, best first: exact name, then prefixes, then anywhere."""
    text = (text or "").strip().lower()
    if not text:
        return []
    scored = []
    for order, member in enumerate(members):
        name, full, initials = match_key(member).split(" ")
        if text == name:
            score = 0
        elif text == initials or name.startswith(text):
            score = 1
        elif initials.startswith(text) or full.startswith(text):
            score = 2
        elif text in name or text in full or text in initials:
            score = 3
        else:
            continue
        scored.append((score, order, member))
    return [m for _s, _o, m in sorted(scored, key=lambda t: (t[0], t[1]))]


class NameCompleter(QCompleter):
    """Matches on the pinyin key but inserts the plain name."""

    def pathFromIndex(self, index: QModelIndex) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


def member_model(members: Iterable[Member], parent=None) -> QStandardItemModel:
    model = QStandardItemModel(parent)
    for member in members:
        item = QStandardItem(member.name)
        item.setData(match_key(member), KeyRole)
        item.setData(member, MemberRole)
        item.setEditable(False)
        model.appendRow(item)
    return model


class MemberPicker(QLineEdit):
    """A line edit that resolves to a roster member. Enter (or Tab) takes the best match.

    chosen(member_or_None) is emitted when the user settles on a name; None means the text
    names nobody on the roster (a guest, for a speaker) or was cleared.
    """

    chosen = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None, allow_guest: bool = False):
        super().__init__(parent)
        self._members: list[Member] = []
        self._member: Member | None = None
        self._allow_guest = allow_guest
        self._completer = NameCompleter(self)
        self._completer.setCompletionRole(KeyRole)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(8)
        self.setCompleter(self._completer)
        self._completer.activated[QModelIndex].connect(self._on_activated)
        self.textEdited.connect(self._forget_member)

    # -- content ---------------------------------------------------------------

    def set_members(self, members: Iterable[Member]) -> None:
        self._members = list(members)
        self._completer.setModel(member_model(self._members, self._completer))

    def members(self) -> list[Member]:
        return list(self._members)

    def member(self) -> Member | None:
        return self._member

    def set_member(self, member: Member | None, name: str = "") -> None:
        """Show *member* (or a guest *name*) without emitting chosen."""
        self._member = member
        self.setText(member.name if member is not None else name)

    def popup_visible(self) -> bool:
        popup = self._completer.popup()
        return popup is not None and popup.isVisible()

    # -- resolving -------------------------------------------------------------

    def resolve(self) -> Member | None:
        """The member the current text means: the completion the user moved to, else the best
        ranked match (so Enter right after typing 'zjg' takes 张建国)."""
        if self.popup_visible():
            index = self._completer.popup().currentIndex()
            if index.isValid():
                return index.data(MemberRole)
        text = self.text().strip()
        if self._member is not None and text == self._member.name:
            return self._member
        ranked = rank_members(self._members, text)
        return ranked[0] if ranked else None

    def commit(self) -> bool:
        """Settle on the typed text; False when it names nobody and guests are not allowed."""
        member = self.resolve()
        self._completer.popup().hide()
        text = self.text().strip()
        if member is None and text and not self._allow_guest:
            return False
        self._member = member
        if member is not None:
            self.setText(member.name)
        self.chosen.emit(member)
        return True

    def is_valid(self) -> bool:
        text = self.text().strip()
        return not text or self._allow_guest or self._member is not None or bool(rank_members(self._members, text))

    # -- keys ------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Handled here whether or not the popup is open: one Enter picks.
            self.commit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self._completer.popup().hide()
            self.cancelled.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if self.popup_visible():
            return  # focus went to the completer's popup, not away
        if self.text().strip() and self._member is None and not self._allow_guest:
            member = self.resolve()
            if member is not None:
                self._member = member
                self.setText(member.name)
                self.chosen.emit(member)

    def _on_activated(self, index: QModelIndex) -> None:
        member = index.data(MemberRole)
        if member is not None:
            self._member = member
            self.setText(member.name)
            self.chosen.emit(member)

    def _forget_member(self, text: str) -> None:
        if self._member is not None and text.strip() != self._member.name:
            self._member = None
            if not text.strip():
                self.chosen.emit(None)  # clearing the field is a choice too
