"""The kept log: a rotating file in the user's log folder, so a failure in the field leaves
something to read (the app usually runs without a console).

WARNING and above by default, everything with --verbose. Every record passes through
PersonalDataFilter first: ID numbers and mobile numbers never reach the file, whichever
logger wrote them (peewee logs each query with its parameters at DEBUG).

The file is opened on the first record that reaches it, and platformdirs and logging.handlers
are imported only then: a start that logs nothing pays nothing (the start is benchmarked).
Qt-free: the command line and the window share it.
"""
from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path

from .paths import APP_NAME

ENV_LOG_DIR = "BRANCH_DESK_LOG_DIR"  # tests and portable installs point the log elsewhere
LOG_FILENAME = "branch-desk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5  # branch-desk.log plus .1 … .5: at most 6 MB
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d %(threadName)s]: %(message)s"

# 18-digit resident ID (the last character may be X) and mainland mobile numbers, also with a
# +86 prefix or written 139-1234-5678 / 139 1234 5678 as spreadsheets often hold them.
ID_NUMBER = r"(?<!\d)\d{17}[\dXx](?!\d)"
MOBILE = r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)"
ID_MASK = "〔身份证号〕"
MOBILE_MASK = "〔手机号〕"


@functools.cache
def _patterns() -> tuple[dict[int, int], tuple[tuple[re.Pattern[str], str], ...]]:
    # Compiled on first use: a start that logs nothing does not pay for it (start is timed).
    # Full-width digits (typed with a Chinese IME) are matched as ASCII: one character for
    # one, so a match in the translated text is the same span in the original.
    half_width = str.maketrans("０１２３４５６７８９Ｘｘ＋－　", "0123456789Xx+- ")
    return half_width, ((re.compile(ID_NUMBER), ID_MASK), (re.compile(MOBILE), MOBILE_MASK))


def mask_personal_data(text: str) -> str:
    """*text* with every ID number and mobile number replaced by a placeholder."""
    half_width, patterns = _patterns()
    for pattern, mask in patterns:
        pieces, last = [], 0
        for found in pattern.finditer(text.translate(half_width)):
            pieces += [text[last:found.start()], mask]
            last = found.end()
        if pieces:
            text = "".join(pieces) + text[last:]
    return text


def log_dir() -> Path:
    """BRANCH_DESK_LOG_DIR, else the user's log folder (Windows %LOCALAPPDATA%\\BranchDesk\\Logs,
    Linux ~/.local/state/BranchDesk/log, macOS ~/Library/Logs/BranchDesk)."""
    from_env = os.environ.get(ENV_LOG_DIR)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # here: the start imports this module; most starts never log

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_FILENAME


class PersonalDataFilter(logging.Filter):
    """Masks ID and mobile numbers in the message, the traceback and the stack of a record.

    The record is rewritten in place (message formatted once, args dropped), so every handler
    after this one sees the masked text too."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call (args not matching): keep it, masked
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = mask_personal_data(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
        return True


def _private(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)  # the log names people: the user's account only (POSIX)


class KeptLog(logging.Handler):
    """The rotating log file, opened on the first record (folder created then).

    A log that cannot be written must never disturb the program: the failure is remembered in
    *failure* and the record dropped quietly. A file that cannot be opened (read-only profile)
    ends the log for this run; a record that cannot be written (full disk, a rotation another
    process blocks on Windows) is lost alone, and the next one tries again."""

    def __init__(self, level: int = logging.WARNING):
        super().__init__(level)
        self.addFilter(PersonalDataFilter())
        self.setFormatter(logging.Formatter(FORMAT))
        self.path: Path | None = None
        self.failure: str | None = None
        self._file: logging.Handler | None = None

    def _open(self) -> logging.Handler:
        from logging.handlers import RotatingFileHandler

        class PrivateRotatingFile(RotatingFileHandler):
            def _open(self):  # overrides FileHandler._open: every file of the set mode 600
                return open(self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors,
                            opener=_private)

            def handleError(self, record):  # overrides Handler.handleError: no traceback on stderr
                raise

        self.path = log_path()
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = PrivateRotatingFile(self.path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        handler.setFormatter(self.formatter)
        return handler

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None and self.failure is not None:
            return  # could not be opened: not again for every record
        try:
            if self._file is None:
                self._file = self._open()
            self._file.emit(record)
            self.failure = None
        except Exception as exc:  # noqa: BLE001 - whatever stops the log must not stop the program
            self.failure = f"{type(exc).__name__}: {exc}"

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        super().close()


class _Terminal(logging.StreamHandler):
    """Warnings on stderr for the command line: one line each, never a traceback (that is in
    the kept log), and nothing the user was already told in their own words (extra SHOWN)."""

    def __init__(self):
        super().__init__()
        self.addFilter(lambda record: not getattr(record, "shown", False))

    def format(self, record: logging.LogRecord) -> str:  # overrides Handler.format
        return f"{record.levelname} {record.name}: {record.getMessage()}"


SHOWN = {"shown": True}  # extra= for a record whose gist the user has already seen
_root_level: int | None = None  # the root logger's level before configure() first ran


def configure(verbose: bool = False, terminal: bool = False) -> KeptLog:
    """Send records to the kept log (DEBUG with *verbose*, else WARNING and above) and, with
    *terminal*, warnings to stderr unless a host (pytest) already handles the root logger.
    Safe to call again: the handlers of an earlier call are replaced."""
    global _root_level
    root = logging.getLogger()
    if _root_level is None:
        _root_level = root.level
    for handler in [h for h in root.handlers if isinstance(h, (KeptLog, _Terminal))]:
        root.removeHandler(handler)
        handler.close()
    if terminal and not root.handlers:
        console = _Terminal()
        console.setLevel(logging.WARNING)
        root.addHandler(console)
    kept = KeptLog(logging.DEBUG if verbose else logging.WARNING)
    root.addHandler(kept)
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    return kept


def reset() -> None:
    """Remove what configure() added and restore the root level (tests, in-process runs)."""
    global _root_level
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, (KeptLog, _Terminal))]:
        root.removeHandler(handler)
        handler.close()
    if _root_level is not None:
        root.setLevel(_root_level)
        _root_level = None


def kept_log() -> KeptLog | None:
    return next((h for h in logging.getLogger().handlers if isinstance(h, KeptLog)), None)


def where_logged() -> str:
    """'详情已记录在 <path>' when the log took the record, else why it could not."""
    kept = kept_log()
    if kept is None:
        return "未启用日志，没有记录详情"
    kept.flush()
    if kept.failure is not None:
        return f"无法写入日志文件 {kept.path or log_path()}（{kept.failure}），详情未能记录"
    return f"详情已记录在 {kept.path or log_path()}"


def internal_error_text(exc: BaseException) -> str:
    """The short Chinese line for an unexpected exception (log it first: it names the file)."""
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return f"内部错误：{what}，{where_logged()}"
