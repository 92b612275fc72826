"""The one family of failures a user can be told about.

A UserError's message is a complete Chinese sentence, safe to show as it is: what went wrong
and, where there is one, what to do. The command line prints it (exit 1, no traceback) and the
window shows it in a message box. Anything that is not a UserError is a bug or an unforeseen
fault: the command line exits 2 and the window shows the crash dialog, both pointing at the log
(desktop/logs.py). Callers tell the two apart by type, never by reading the message.

Qt-free and import-free: every layer, the app's start included, can import it for nothing.
"""
from __future__ import annotations


class UserError(Exception):
    """A failure with a Chinese message for the user (str(exc)); not a bug."""
