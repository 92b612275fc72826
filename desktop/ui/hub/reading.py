"""Reading the hub for a page: a database fault becomes a Chinese sentence, never a crash."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from peewee import DatabaseError, InterfaceError

from ...hub.store import Hub, HubError

log = logging.getLogger(__name__)

T = TypeVar("T")


class HubReadError(HubError):
    """The hub could not be read (server gone, file locked or damaged); the message says so."""


def read_hub(hub: Hub, what: str, query: Callable[[], T]) -> T:
    """query() or HubReadError naming *what* was being read and where."""
    try:
        return query()
    except (DatabaseError, InterfaceError) as exc:  # peewee's: OperationalError is a DatabaseError
        log.warning("reading %s from %s failed", what, hub.shown, exc_info=True)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if not hub.database.is_closed():
            hub.database.close()  # the next attempt connects afresh (a restarted server)
        raise HubReadError(f"无法读取汇总台的{what}（{hub.shown}）：{first}。请检查数据库连接后按 F5 刷新。") from None
