"""Every character printed must have a glyph: borrow it, or name it.

A character missing from a role's font is taken from another font that has it
(wrapped in <font name=...> in the paragraph markup). A character no font has
is never left as an empty box: it prints as a visible marker such as
〔U+2A6A5〕 and is listed in ReportResult.missing_characters with where it was.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .fonts import FontSet

# Invisible by design: variation selectors, zero-width joiners, BOM.
_DROP_CATEGORIES = {"Cf", "Cc"}
_VARIATION_SELECTORS = set(range(0xFE00, 0xFE10)) | set(range(0xE0100, 0xE01F0))
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


@dataclass(frozen=True)
class MissingCharacter:
    """A character no available font can draw, and the text it occurred in."""

    char: str
    where: str

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    def __str__(self) -> str:
        return f"{self.char}（{self.where}）" if self.where else self.char


def marker(char: str) -> str:
    """The visible stand-in for a character without a glyph."""
    return f"〔U+{ord(char):04X}〕"


def escape(text: str) -> str:
    """Plain text made safe for reportlab's paragraph markup."""
    return "".join(_ESCAPES.get(c, c) for c in text)


def missing_message(missing: list[MissingCharacter]) -> str:
    """The sentence a caller shows the user; '' when nothing is missing."""
    if not missing:
        return ""
    return "以下字符在所有可用字体中都没有字形，已在文中以编码标出：" + "、".join(str(m) for m in missing)


class GlyphResolver:
    """Turns plain text into markup whose every character some font can draw."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self.missing: list[MissingCharacter] = []
        self.borrowed: dict[str, str] = {}  # char -> font name it was borrowed from
        self._seen: set[tuple[str, str]] = set()
        self._borrow_cache: dict[tuple[int, str], str | None] = {}
        self._own: dict[str, set[str]] = {}  # role -> characters its font prints as they are

    def _borrow(self, code: int, role: str) -> str | None:
        key = (code, role)
        if key not in self._borrow_cache:
            self._borrow_cache[key] = self.fonts.borrow(code, role)
        return self._borrow_cache[key]

    def _note_missing(self, char: str, where: str) -> None:
        if (char, where) not in self._seen:
            self._seen.add((char, where))
            self.missing.append(MissingCharacter(char, where))

    def markup(self, text: object, role: str, where: str = "", line_breaks: bool = True) -> str:
        """Paragraph markup for *text* in *role*'s font; *where* names it if a glyph is missing."""
        text = "" if text is None else str(text)
        cmap = self.fonts.role_coverage(role)
        parts: list[str] = []
        for char in text:
            code = ord(char)
            if char == "\n":
                parts.append("<br/>" if line_breaks else " ")
                continue
            if char in "\t\xa0":
                parts.append(" ")
                continue
            if code in _VARIATION_SELECTORS or unicodedata.category(char) in _DROP_CATEGORIES:
                continue
            if char == " " or cmap.get(code):
                parts.append(_ESCAPES.get(char, char))
                continue
            borrowed = self._borrow(code, role)
            if borrowed:
                self.borrowed[char] = borrowed
                parts.append(f'<font name="{borrowed}">{escape(char)}</font>')
            else:
                self._note_missing(char, where or _snippet(text))
                parts.append(marker(char))
        return "".join(parts)

    def drawable(self, text: str, role: str) -> bool:
        """True when every character of *text* prints as itself in *role*'s font: nothing to
        borrow, mark, drop or replace (newlines excepted: callers split lines themselves)."""
        own = self._own.setdefault(role, set())
        if own.issuperset(text):
            return True
        cmap = self.fonts.role_coverage(role)
        for char in set(text) - own:
            code = ord(char)
            if char == "\n":
                continue
            if char in "\t\xa0" or code in _VARIATION_SELECTORS \
                    or unicodedata.category(char) in _DROP_CATEGORIES:
                return False
            if char != " " and not cmap.get(code):
                return False
            own.add(char)
        return True

    def visible(self, text: object, role: str) -> str:
        """*text* as it will print (markers in place), for measuring; records nothing."""
        text = "" if text is None else str(text)
        cmap = self.fonts.role_coverage(role)
        return "".join(c if c in " \n" or cmap.get(ord(c)) or self._borrow(ord(c), role) else marker(c)
                       for c in text)

    def plain(self, text: object, role: str, where: str = "") -> str:
        """Like markup() but for canvas strings (page numbers): markers only, no font switches."""
        text = "" if text is None else str(text)
        cmap = self.fonts.role_coverage(role)
        out = []
        for char in text:
            if char == " " or cmap.get(ord(char)):
                out.append(char)
            else:
                self._note_missing(char, where or _snippet(text))
                out.append(marker(char))
        return "".join(out)


def _snippet(text: str, limit: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
