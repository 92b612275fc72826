"""Keys of the data packages: the branch's signing key and the hub's receiving key (接收密钥).

- The branch signs every package with an Ed25519 key made on its first export and kept beside
  the database as ``<db file name>.branch-key`` (PKCS#8 PEM, mode 600). The hub remembers the
  public half of the first package it sees from a branch and refuses a later one signed by
  another key, so the file must travel with the database (a backup restored on a new laptop
  without it makes a new key, and the hub then says so).
- The hub holds an X25519 key pair. Its public half is the 接收密钥 file it gives each branch
  once (a small JSON text file, below); personal fields in a package are sealed to it, so only
  that hub can read them. The private half stays with the hub (load_hub_private_key).

No Qt; nothing here touches the database.
"""
from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from ..errors import UserError

BRANCH_KEY_SUFFIX = ".branch-key"
RECEIVING_KEY_KIND = "branch-desk-hub-receiving-key"
RECEIVING_KEY_VERSION = 1


class KeyFileError(UserError):
    """A key file that cannot be used; the message is Chinese and safe to show."""


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


# --- the branch's signing key ---------------------------------------------------------------

def branch_key_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + BRANCH_KEY_SUFFIX)


def _write_private(path: Path, data: bytes) -> None:
    """Create *path* readable by this account only; never overwrite an existing key."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


def load_branch_key(db_path: Path) -> Ed25519PrivateKey | None:
    """The branch's signing key, or None before its first export."""
    path = branch_key_path(db_path)
    if not path.exists():
        return None
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise KeyFileError(f"支部签名密钥文件已损坏，无法读取：{path}\n请从备份中找回这个文件；"
                           "改用新密钥时，汇总台会拒收，需与汇总台联系。") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"支部签名密钥文件不是 Ed25519 密钥：{path}")
    return key


def ensure_branch_key(db_path: Path) -> tuple[Ed25519PrivateKey, bool]:
    """The signing key, made on first use; returns (key, created_now)."""
    key = load_branch_key(db_path)
    if key is not None:
        return key, False
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    try:
        _write_private(branch_key_path(db_path), pem)
    except FileExistsError:  # another export made it a moment ago: use that one
        return load_branch_key(db_path), False  # type: ignore[return-value]
    return key, True


# --- the hub's receiving key ----------------------------------------------------------------

def new_hub_keys() -> tuple[bytes, bytes]:
    """A new X25519 pair: (private key PEM, content of the public 接收密钥 file)."""
    private = X25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return pem, receiving_key_text(private.public_key())


def receiving_key_text(public: X25519PublicKey) -> bytes:
    document = {"kind": RECEIVING_KEY_KIND, "version": RECEIVING_KEY_VERSION, "algorithm": "X25519",
                "public_key": _b64(raw_public(public)),
                "note": "支部工作台汇总台的接收密钥：导出上报数据包时选择此文件，身份证号和手机号只有该汇总台能读取。"}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_receiving_key(path: Path, public_bytes: bytes) -> None:
    """Write the 接收密钥 file (public: anyone may read it)."""
    parse_receiving_key(public_bytes)  # never write a file nobody can load
    Path(path).write_bytes(public_bytes)


def parse_receiving_key(data: bytes, where: str = "") -> X25519PublicKey:
    label = f"：{where}" if where else ""
    try:
        document = json.loads(data.decode("utf-8-sig"))
        if document.get("kind") != RECEIVING_KEY_KIND:
            raise ValueError("kind")
        raw = base64.b64decode(document["public_key"], validate=True)
        if len(raw) != 32:
            raise ValueError("length")
        return X25519PublicKey.from_public_bytes(raw)
    except (ValueError, TypeError, AttributeError, KeyError, UnicodeDecodeError):
        raise KeyFileError(f"这不是汇总台的接收密钥文件，或文件已损坏{label}") from None


def load_receiving_key(path: Path) -> X25519PublicKey:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"找不到接收密钥文件：{path}") from None
    except IsADirectoryError:
        raise KeyFileError(f"接收密钥应是一个文件，这是文件夹：{path}") from None
    if len(data) > 64 * 1024:
        raise KeyFileError(f"这不是汇总台的接收密钥文件（文件过大）：{path}")
    return parse_receiving_key(data, str(path))


def load_hub_private_key(pem_bytes: bytes) -> X25519PrivateKey:
    """The hub's private receiving key from the PEM new_hub_keys() returned."""
    try:
        key = serialization.load_pem_private_key(pem_bytes, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise KeyFileError("汇总台的私钥无法读取（文件已损坏或不是私钥）。") from None
    if not isinstance(key, X25519PrivateKey):
        raise KeyFileError("汇总台的私钥不是 X25519 接收密钥。")
    return key
