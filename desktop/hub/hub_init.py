"""`hub init`: the hub's schema and its receiving key pair (接收密钥).

The private key never goes into the hub database (a dump or a copy of the server must not
carry what opens the packages in transit): it is a file, 600, beside a SQLite hub
(``<hub file>.hub-key``) or where ``--key`` / BRANCH_DESK_HUB_KEY says for a PostgreSQL hub.
The database remembers only the public half, so a wrong key file is recognised, and the
public 接收密钥 text, so it can be written out again for a new branch at any time.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .store import (
    RECEIVING_KEY_SUFFIX,
    Hub,
    HubError,
    default_key_path,
    is_postgresql,
    open_hub,
    resolve_hub_location,
)


@dataclass
class HubInit:
    hub: Hub
    created: bool
    key_path: Path | None
    receiving_key_path: Path | None
    lines: list[str] = field(default_factory=list)


def default_receiving_key_path(location: str, key_path: Path) -> Path:
    """Beside the hub file for SQLite (``汇总台.sqlite3.接收密钥.json``), beside the key file otherwise."""
    if is_postgresql(location):
        return key_path.with_name(key_path.stem + RECEIVING_KEY_SUFFIX)
    hub_file = Path(location)
    return hub_file.with_name(hub_file.name + RECEIVING_KEY_SUFFIX)


def init_hub(location: str | None, key_path: str | os.PathLike[str] | None = None,
             receiving_out: str | os.PathLike[str] | None = None,
             keys: tuple[bytes, bytes] | None = None) -> HubInit:
    """Create the hub (schema and key pair); on a hub that exists, change nothing and write its
    接收密钥 again where asked. *keys* (private PEM, public file content) instead of a new pair
    is for moving a hub's existing key to a new database."""
    from .hub_import import public_fingerprint
    from .keys import load_hub_private_key, new_hub_keys, write_receiving_key

    location = resolve_hub_location(location)
    private_path = default_key_path(location, key_path)
    if private_path is None:
        raise HubError("PostgreSQL 汇总台的私钥不放在数据库里：请用 --key 指定保存私钥的文件"
                       "（或设置环境变量 BRANCH_DESK_HUB_KEY），并妥善保管该文件。")
    hub = open_hub(location, create=True, key_path=private_path)
    try:
        stored = hub.setting("receiving_key")
        if stored:
            result = HubInit(hub, False, private_path, None, [f"汇总台已存在：{hub.shown}（未做改动）"])
            if receiving_out:
                write_receiving_key(Path(receiving_out), stored.encode("utf-8"))
                result.receiving_key_path = Path(receiving_out)
                result.lines.append(f"已写出接收密钥：{receiving_out}")
            return result
        if private_path.exists():
            raise HubError(f"私钥文件已存在：{private_path}\n为免覆盖其他汇总台的私钥，请另选一个路径（--key）。")
        private_pem, public_text = keys or new_hub_keys()
        fingerprint = public_fingerprint(load_hub_private_key(private_pem))
        receiving_path = Path(receiving_out) if receiving_out else default_receiving_key_path(location, private_path)
        _write_new_private(private_path, private_pem)
        try:
            with hub.database.atomic():
                hub.set_setting("receiving_public_key", fingerprint)
                hub.set_setting("receiving_key", public_text.decode("utf-8"))
        except BaseException:
            private_path.unlink(missing_ok=True)  # no key file for a hub that does not know it
            raise
        write_receiving_key(receiving_path, public_text)
        return HubInit(hub, True, private_path, receiving_path, [
            f"已建立汇总台：{hub.shown}",
            f"汇总台私钥（请妥善保管，不要发给别人）：{private_path}",
            f"接收密钥（发给各支部，导出数据包时选择它）：{receiving_path}",
        ])
    except BaseException:
        hub.close()
        raise


def _write_new_private(path: Path, data: bytes) -> None:
    from ..safety.permissions import write_private

    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, data)
