"""A second launch on the same database brings the first window forward instead.

The running app listens on a local socket named after the database path; a second
process that finds the database locked sends 'activate' there and exits.
lock_database() is the check, taken before the first window is shown; QtNetwork is
loaded only when a socket is needed (the start is timed against a bare window).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ...safety.lock import DatabaseBusy, DatabaseLock

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
REPLY = b"ok\n"


def server_name(db_path: Path) -> str:
    """Stable per database file (case-insensitive on Windows), short enough for a socket path."""
    import hashlib  # here: OpenSSL takes milliseconds to load, and the first lock needs none of it

    key = os.path.normcase(str(Path(db_path).resolve()))
    return "branch-desk-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def lock_database(db_path: Path, parent: QWidget | None = None) -> DatabaseLock | int:
    """The one-writer lock, or the exit code when another window has the file (it was
    asked to come forward) or the lock cannot be made."""
    db_path = Path(db_path)
    lock = DatabaseLock(db_path)
    try:
        lock.acquire()
    except DatabaseBusy as busy:
        if activate_running(db_path):
            return 0  # the running window came forward; nothing written here
        QMessageBox.information(parent, "支部工作台已在运行", str(busy))
        return 1
    except OSError as exc:  # a read-only folder, say: the lock file cannot be made
        from ...safety.errors import fault_message

        reason = fault_message(exc, db_path.parent) or f"{exc.strerror or exc}"
        QMessageBox.critical(parent, "无法打开数据库",
                             f"支部工作台需要在数据库所在的文件夹中创建锁文件，以防两个程序同时修改数据，但现在不能：\n{reason}")
        return 1
    return lock


def activate_running(db_path: Path, timeout_ms: int = 1500) -> bool:
    """Ask the app holding *db_path* to come forward; True once it confirmed.

    Runs a local event loop rather than the blocking waitFor* calls: those hold Python's
    GIL, and an event loop also lets a server in this very process answer (tests)."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    loop = QEventLoop()
    reply = bytearray()
    confirmed: list[bool] = []

    def connected() -> None:
        socket.write(ACTIVATE)
        socket.flush()

    def ready() -> None:
        reply.extend(bytes(socket.readAll().data()))
        if reply.endswith(b"\n") or len(reply) > 64:
            confirmed.append(bytes(reply) == REPLY)
            loop.quit()

    socket.connected.connect(connected)
    socket.readyRead.connect(ready)
    socket.errorOccurred.connect(lambda *_: loop.quit())
    QTimer.singleShot(timeout_ms, loop, loop.quit)
    socket.connectToServer(server_name(db_path))
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        loop.exec()
    socket.abort()
    return confirmed == [True]


def bring_to_front(window: QWidget) -> None:
    from PySide6.QtCore import Qt

    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class InstanceServer(QObject):
    """Listens for 'activate' from later launches; emits activated for each."""

    activated = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None):
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = server_name(db_path)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening. Call only while holding the database lock: a socket left by a
        crashed run is then known to be stale and is removed first."""
        self.server.removeServer(self.name)
        if not self.server.listen(self.name):
            log.warning("single-instance server failed: %s", self.server.errorString())
            return False
        return True

    def close(self) -> None:
        self.server.close()

    stop = close  # Claim.stop_services()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.setParent(self)
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket, buffer)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(socket.readAll().data())
        if len(buffer) > 64:  # not one of ours
            socket.abort()
            return
        if bytes(buffer) == ACTIVATE:
            buffer.clear()
            self.activated.emit()
            socket.write(REPLY)
            socket.flush()
