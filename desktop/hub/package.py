"""The data package file (上报数据包, .bdpkg): its layout, how it is sealed and signed, and
open_package() that checks and reads it. export.py builds one from a branch database.

Layout (every byte is covered by the signature, so one changed byte anywhere is refused)::

    8 bytes    MAGIC  b"BDPKG\\x01\\r\\n" (the CR LF shows damage by a text-mode transfer)
    32 bytes   the branch's Ed25519 public key (raw), the key that signed the package
    n bytes    a ZIP archive (deflated) holding
                 manifest.json   format, schema version, branch id and name, sequence, period,
                                 creation time, record counts, signer key, personal, photos
                 tables.json     {table: {"columns": [name, ...], "rows": [[value, ...], ...]}}:
                                 every column as stored in SQLite (dates as ISO text, foreign
                                 keys as the branch's integer ids); personal values are null
                                 here. open_package() gives each row as a dict.
                 sealed.bin      only when personal == "sealed": the personal values
                 photos/<name>   diary photo files, only when photos is true
    64 bytes   Ed25519 signature over everything before it

Personal values are every ID number and phone column, and any other text that contains a
roster member's phone or ID number (a note saying "联系张三 139…"): they never appear in
the clear. sealed.bin = ephemeral X25519 public key (32) | nonce (12) | AES-256-GCM
ciphertext of JSON [[table, row id, column, value], ...]; the AES key is HKDF-SHA256 of the
X25519 shared secret with the hub's receiving key (salt: both public keys), and the
SHA-256 of manifest.json is the associated data, so the seal cannot be moved to another
package. Only the holder of the hub's private key can open it. Without a hub key the
branch exports with those values left out (personal == "omitted") and says so.

The signature proves that the package is whole and which key made it; which key belongs
to which branch is the hub's memory (manifest["signer_key"] against what it registered).
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import UserError
from .keys import KeyFileError, load_hub_private_key, raw_public

FORMAT = 1
MAGIC = b"BDPKG\x01\r\n"
KEY_BYTES = 32
SIGNATURE_BYTES = 64
SEAL_INFO = b"branch-desk package personal fields v1"
MAX_FILE_BYTES = 4 * 1024 ** 3  # a branch's records with photos stay far below this
MAX_UNPACKED_BYTES = 8 * 1024 ** 3
SEALED = "sealed"
OMITTED = "omitted"
_PARTS = ("manifest.json", "tables.json")


class PackageError(UserError):
    """A package that cannot be used; the message is Chinese and safe to show."""


@dataclass(frozen=True)
class Package:
    manifest: dict
    tables: dict[str, list[dict]]
    digest: str  # sha256 hex of the whole file: the same package imported twice is the same
    photos: dict[str, bytes] = field(default_factory=dict)  # "photos/<stored name>" -> file content


def key_fingerprint(public: X25519PublicKey) -> str:
    """A short name for a receiving key, stored in the manifest: which hub a package is for."""
    return hashlib.sha256(raw_public(public)).hexdigest()[:16]


# --- sealing --------------------------------------------------------------------------------

def _seal_key(shared: bytes, ephemeral: bytes, receiving: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + receiving, info=SEAL_INFO).derive(shared)


def seal(fields: list, receiving: X25519PublicKey, manifest_bytes: bytes) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = raw_public(ephemeral.public_key())
    key = _seal_key(ephemeral.exchange(receiving), ephemeral_raw, raw_public(receiving))
    nonce = os.urandom(12)
    plain = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return ephemeral_raw + nonce + AESGCM(key).encrypt(nonce, plain, hashlib.sha256(manifest_bytes).digest())


def unseal(blob: bytes, private: X25519PrivateKey, manifest_bytes: bytes) -> list:
    if len(blob) < 32 + 12 + 16:
        raise PackageError("数据包中加密的个人信息不完整。")
    ephemeral_raw, nonce, ciphertext = blob[:32], blob[32:44], blob[44:]
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
        key = _seal_key(shared, ephemeral_raw, raw_public(private.public_key()))
        plain = AESGCM(key).decrypt(nonce, ciphertext, hashlib.sha256(manifest_bytes).digest())
    except (InvalidTag, ValueError):
        raise PackageError("数据包中的身份证号和手机号是加密给另一个汇总台的，用本汇总台的密钥无法读取。"
                           "请支部用本汇总台的接收密钥重新导出。") from None
    return json.loads(plain.decode("utf-8"))


# --- writing --------------------------------------------------------------------------------

def _zip_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))  # no clock in the bytes
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    archive.writestr(info, data)


def package_bytes(manifest: dict, tables: dict[str, dict], signer: Ed25519PrivateKey,
                  sealed_fields: list | None = None, receiving: X25519PublicKey | None = None,
                  photos: dict[str, bytes] | None = None) -> bytes:
    """The whole signed file. *tables* ({table: {"columns", "rows"}}) must already hold None
    for every personal value;
    *sealed_fields* ([[table, id, column, value], ...]) are sealed to *receiving* if given."""
    signer_raw = raw_public(signer.public_key())
    manifest = dict(manifest, format=FORMAT, signer_key=base64.b64encode(signer_raw).decode("ascii"),
                    personal=SEALED if receiving is not None else OMITTED, photos=bool(photos))
    if receiving is not None:
        manifest["sealed_to"] = key_fingerprint(receiving)
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _zip_entry(archive, "manifest.json", manifest_bytes)
        _zip_entry(archive, "tables.json",
                   json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        if receiving is not None:
            _zip_entry(archive, "sealed.bin", seal(sealed_fields or [], receiving, manifest_bytes))
        for name, data in sorted((photos or {}).items()):
            _zip_entry(archive, name, data)
    signed = MAGIC + signer_raw + buffer.getvalue()
    return signed + signer.sign(signed)


def write_atomically(target: Path, data: bytes) -> None:
    """The package appears whole or not at all: written beside the target, then renamed."""
    target = Path(target)
    partial = target.with_name(f".~{target.name}.part")
    try:
        with open(partial, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


# --- reading --------------------------------------------------------------------------------

def _verified_body(data: bytes) -> tuple[bytes, bytes]:
    """(signer key, zip body) once the signature over the whole file holds."""
    if not data.startswith(MAGIC[:5]):
        raise PackageError("这不是支部工作台的上报数据包（.bdpkg）。")
    if data[:len(MAGIC)] != MAGIC:
        raise PackageError("数据包的文件头已损坏，或它来自更新版本的支部工作台。")
    if len(data) < len(MAGIC) + KEY_BYTES + SIGNATURE_BYTES + 22:
        raise PackageError("数据包不完整（文件被截断）。")
    signed, signature = data[:-SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]
    signer_raw = data[len(MAGIC):len(MAGIC) + KEY_BYTES]
    try:
        Ed25519PublicKey.from_public_bytes(signer_raw).verify(signature, signed)
    except (InvalidSignature, ValueError):
        raise PackageError("数据包签名校验失败：文件在传送中被改动或损坏，已拒收。请支部重新导出后再报送。") from None
    return signer_raw, signed[len(MAGIC) + KEY_BYTES:]


def read_manifest(path) -> dict:
    """The manifest of a package whose signature holds, without reading its records: the
    hub can see the branch and sequence first, the branch can check what it wrote."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PackageError(f"无法读取数据包：{path}（{exc.strerror or exc}）") from None
    signer_raw, body = _verified_body(data)
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            manifest = json.loads(_read_part(archive, "manifest.json").decode("utf-8"))
    except (zipfile.BadZipFile, EOFError, UnicodeDecodeError, ValueError, OSError) as exc:
        raise PackageError(f"数据包内容无法读取（{type(exc).__name__}），已拒收。") from None
    _check_manifest(manifest, signer_raw)
    return manifest


def _dict_tables(stored) -> dict[str, list[dict]]:
    """tables.json's columns-and-rows layout as the rows the hub reads."""
    if not isinstance(stored, dict):
        raise PackageError("数据包的表格部分格式不对，已拒收。")
    tables = {}
    for name, content in stored.items():
        columns = content.get("columns") if isinstance(content, dict) else None
        rows = content.get("rows") if isinstance(content, dict) else None
        if not (isinstance(columns, list) and all(isinstance(c, str) for c in columns) and isinstance(rows, list)
                and all(isinstance(row, list) and len(row) == len(columns) for row in rows)):
            raise PackageError(f"数据包中表格“{name}”的格式不对，已拒收。")
        tables[name] = [dict(zip(columns, row)) for row in rows]
    return tables


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise PackageError(f"数据包缺少“{name}”部分，无法导入。") from None


def _hub_key(hub_private_key) -> X25519PrivateKey | None:
    if hub_private_key is None or isinstance(hub_private_key, X25519PrivateKey):
        return hub_private_key
    try:
        return load_hub_private_key(bytes(hub_private_key))
    except KeyFileError as exc:
        raise PackageError(str(exc)) from None


def open_package(path, hub_private_key=None) -> Package:
    """Check the signature over the whole file, then read it. With the hub's private key
    (X25519PrivateKey or its PEM bytes) the sealed personal values are filled in; without,
    they stay None. PackageError for anything wrong, nothing else."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise PackageError(f"数据包过大，不像是支部工作台导出的文件：{path.name}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise PackageError(f"找不到数据包文件：{path}") from None
    except IsADirectoryError:
        raise PackageError(f"这是一个文件夹，不是数据包：{path}") from None
    except PermissionError:
        raise PackageError(f"没有权限读取数据包：{path}") from None
    signer_raw, body = _verified_body(data)
    private = _hub_key(hub_private_key)
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise PackageError("数据包解压后过大，已拒收。")
            manifest_bytes = _read_part(archive, "manifest.json")
            manifest = json.loads(manifest_bytes.decode("utf-8"))
            _check_manifest(manifest, signer_raw)
            tables = _dict_tables(json.loads(_read_part(archive, "tables.json").decode("utf-8")))
            sealed = archive.read("sealed.bin") if "sealed.bin" in archive.namelist() else None
            photos = {name: archive.read(name) for name in archive.namelist() if name.startswith("photos/")}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, UnicodeDecodeError, json.JSONDecodeError,
            ValueError, OSError) as exc:
        raise PackageError(f"数据包内容无法读取（{type(exc).__name__}），已拒收。") from None
    if manifest["personal"] == SEALED and sealed is None:
        raise PackageError("数据包缺少“sealed.bin”部分（加密的个人信息），无法导入。")
    if sealed is not None and private is not None:
        try:
            _fill_in(tables, unseal(sealed, private, manifest_bytes))
        except (ValueError, TypeError):
            raise PackageError("数据包中加密的个人信息格式不对，已拒收。") from None
    return Package(manifest=manifest, tables=tables, digest=hashlib.sha256(data).hexdigest(), photos=photos)


def _check_manifest(manifest, signer_raw: bytes) -> None:
    if not isinstance(manifest, dict):
        raise PackageError("数据包清单格式不对，已拒收。")
    version = manifest.get("format")
    if not isinstance(version, int):
        raise PackageError("数据包清单缺少格式版本，已拒收。")
    if version > FORMAT:
        raise PackageError(f"数据包来自更新版本的支部工作台（格式 {version}，本程序读到 {FORMAT}），请先升级汇总台。")
    missing = [key for key in ("schema_version", "branch_uid", "branch_name", "sequence", "created_at",
                               "counts", "signer_key", "personal") if key not in manifest]
    if missing:
        raise PackageError(f"数据包清单缺少：{'、'.join(missing)}，已拒收。")
    if manifest["signer_key"] != base64.b64encode(signer_raw).decode("ascii"):
        raise PackageError("数据包清单中的签名密钥与实际签名的密钥不一致，已拒收。")
    if manifest["personal"] not in (SEALED, OMITTED):
        raise PackageError("数据包清单中的个人信息标记无法识别，已拒收。")


def _fill_in(tables: dict[str, list[dict]], fields: list) -> None:
    rows_by_id = {name: {row.get("id"): row for row in rows} for name, rows in tables.items()}
    for table, row_id, column, value in fields:
        row = rows_by_id.get(table, {}).get(row_id)
        if row is None or column not in row:
            raise PackageError("数据包中加密的个人信息与表格对不上，已拒收。")
        row[column] = value
