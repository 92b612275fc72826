"""A second launch on the same database brings the first window forward instead.

The running app listens on a local socket named after the database path; a second
process that finds the database locked sends 'activate' there and exits.
"""
from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
REPLY = b"ok\n"


def server_name(db_path: Path) -> str:
    """Stable per database file (case-insensitive on Windows), short enough for a socket path."""
    key = os.path.normcase(str(Path(db_path).resolve()))
    return "branch-desk-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def activate_running(db_path: Path, timeout_ms: int = 1500) -> bool:
    """Ask the app holding *db_path* to come forward; True once it confirmed.

    Runs a local event loop rather than the blocking waitFor* calls: those hold Python's
    GIL, and an event loop also lets a server in this very process answer (tests)."""
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
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class InstanceServer(QObject):
    """Listens for 'activate' from later launches; emits activated for each."""

    activated = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(db_path)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening. Call only while holding the database lock: a socket left by a
        crashed run is then known to be stale and is removed first."""
        QLocalServer.removeServer(self.name)
        if not self.server.listen(self.name):
            log.warning("single-instance server failed: %s", self.server.errorString())
            return False
        return True

    def close(self) -> None:
        self.server.close()

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
