"""The 包保日记 page: per-member calendar, keyboard-first editor, photos, paste import, search."""
