"""Cadres diaries (包保日记): entries, paste import, Chinese full-text search. Qt-free."""
