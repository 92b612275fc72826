"""Importing data packages (上报数据包) into a hub, one package per transaction.

- Idempotent: a package whose digest the hub already has changes nothing (未变化).
- Order-proof: a package older than (or as old as) the branch's newest is ignored with a note.
- All-or-nothing: the branch's earlier snapshot rows are replaced by the package's in one
  transaction; any failure leaves the hub as it was.
- A branch never seen is registered with the key that signed its package; a later package for
  that branch id signed by another key is refused and nothing is written.
- Several importers at once: on PostgreSQL each package takes an advisory lock on its branch id
  for its transaction (two imports of one branch run one after the other, of different branches
  side by side); on SQLite the transaction starts IMMEDIATE, so writers queue.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import DataError, IntegrityError

from .hub_models import SNAPSHOT_MODELS, HubBranch, HubPackage
from .snapshot_rows import day, moment, snapshot_rows
from .store import Hub, HubError

log = logging.getLogger(__name__)

PACKAGE_SUFFIX = ".bdpkg"

IMPORTED = "imported"
UNCHANGED = "unchanged"
IGNORED = "ignored"
REFUSED = "refused"
LABELS = {IMPORTED: "已导入", UNCHANGED: "未变化", IGNORED: "已忽略", REFUSED: "已拒绝"}


@dataclass(frozen=True)
class ImportOutcome:
    path: Path
    status: str
    branch_name: str = ""
    sequence: int | None = None
    note: str = ""

    def line(self) -> str:
        """One line per package for the CLI: 已导入 / 未变化 / 已忽略（原因） / 已拒绝（原因）."""
        who = f"{self.branch_name}，第 {self.sequence} 号" if self.branch_name and self.sequence is not None else ""
        text = f"{LABELS[self.status]}：{self.path.name}"
        if who:
            text += f"（{who}）"
        return text + (f"——{self.note}" if self.note else "")


def package_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a folder gives every .bdpkg inside it (sub-folders too), in name order."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob(f"*{PACKAGE_SUFFIX}") if p.is_file()))
        else:
            found.append(path)
    return found


def hub_private_key(hub: Hub):
    """The hub's X25519 private key from its key file, checked against the key the hub made at
    init; None when there is no key file (packages without personal data still import)."""
    if hub.key_path is None or not hub.key_path.exists():
        return None
    from .keys import KeyFileError, load_hub_private_key

    try:
        key = load_hub_private_key(hub.key_path.read_bytes())
    except KeyFileError as exc:
        raise HubError(f"{exc}（{hub.key_path}）") from None
    expected = hub.setting("receiving_public_key")
    if expected and public_fingerprint(key) != expected:
        raise HubError(f"私钥文件 {hub.key_path} 不属于这个汇总台（与汇总台初始化时生成的接收密钥不配对）。")
    return key


def public_fingerprint(private_key) -> str:
    """base64 of the raw public half: what the hub remembers of its own key pair."""
    from cryptography.hazmat.primitives import serialization

    raw = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def read_package(path: Path, private_key) -> Any:
    """The package as desktop/hub/package.py reads it: signature checked, sealed fields opened."""
    from .package import open_package

    return open_package(path, private_key)


def import_paths(hub: Hub, paths: Iterable[str | Path],
                 progress: Callable[[ImportOutcome], None] | None = None) -> list[ImportOutcome]:
    """Import every package in *paths* (files or folders), one transaction each."""
    key = hub_private_key(hub)
    outcomes = []
    for path in package_files(paths):
        outcome = import_package(hub, path, key)
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes


def import_package(hub: Hub, path: str | Path, private_key: Any = ...) -> ImportOutcome:
    """Read, verify and store one package; never raises for a bad package, says why instead.
    *private_key*: the hub's key as hub_private_key() gives it (read from the key file if left out)."""
    path = Path(path)
    if private_key is ...:
        private_key = hub_private_key(hub)
    if not path.is_file():
        return ImportOutcome(path, REFUSED, note=f"找不到数据包文件：{path}")
    from .keys import KeyFileError
    from .package import PackageError

    try:
        package = read_package(path, private_key)
    except (PackageError, KeyFileError) as exc:  # a changed byte, another format …: the message says why
        return ImportOutcome(path, REFUSED, note=str(exc))
    return store_package(hub, package, path, have_key=private_key is not None)


def _advisory_key(uid: str) -> int:
    """A stable signed 64-bit number for pg_advisory_xact_lock, from the branch id."""
    return int.from_bytes(hashlib.sha256(uid.encode("utf-8")).digest()[:8], "big", signed=True)


def store_package(hub: Hub, package: Any, path: Path, have_key: bool = True) -> ImportOutcome:
    """Write an opened package into the hub: one transaction, the branch locked throughout."""
    from ..models.migrations import LATEST

    manifest = package.manifest
    uid = str(manifest.get("branch_uid") or "")
    name = str(manifest.get("branch_name") or "")
    sequence = manifest.get("sequence")
    if not uid or len(uid) > 64 or not isinstance(sequence, int) or not manifest.get("signer_key"):
        return ImportOutcome(path, REFUSED, name, note="数据包缺少支部编号、序号或签名密钥，无法导入。")
    if int(manifest.get("schema_version") or 0) > LATEST:
        return ImportOutcome(path, REFUSED, name, sequence,
                             f"数据包来自较新版本的支部工作台（数据库版本 {manifest.get('schema_version')}），"
                             "请先升级汇总台的程序。")
    if manifest.get("personal") == "sealed" and not have_key:
        return ImportOutcome(path, REFUSED, name, sequence,
                             "数据包中的身份证号和手机号是加密给汇总台的，但没有找到汇总台的私钥文件"
                             "（SQLite 汇总台放在数据库旁，PostgreSQL 汇总台用 --key 指定）。")
    try:
        rows = snapshot_rows(uid, package.tables)  # before the transaction: a bad row refuses, writes nothing
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return ImportOutcome(path, REFUSED, name, sequence,
                             f"数据包中的记录格式不对（{type(exc).__name__}: {exc}），未导入。")
    try:
        return _store(hub, package, path, uid, name, sequence, rows)
    except (DataError, IntegrityError) as exc:  # rolled back whole: the hub is as it was
        log.warning("package %s not stored: %s", path, exc)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return ImportOutcome(path, REFUSED, name, sequence, f"数据包中有汇总台无法保存的内容（{first}），未导入。")


def _store(hub: Hub, package: Any, path: Path, uid: str, name: str, sequence: int, rows: dict) -> ImportOutcome:
    with hub.write_transaction():
        if hub.is_postgresql:
            hub.database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_advisory_key(uid),))
        branch = HubBranch.get_or_none(HubBranch.uid == uid)
        verdict = _verdict(branch, package, path, name, sequence)
        if verdict is not None:
            return verdict
        for model in SNAPSHOT_MODELS:
            model.delete().where(model.branch_uid == uid).execute()
            _insert(model, rows[model._meta.table_name])
        _register(branch, uid, package, rows, path)
    log.info("imported %s (branch %s, sequence %s)", path, uid, sequence)
    return ImportOutcome(path, IMPORTED, name, sequence)


def _verdict(branch: HubBranch | None, package: Any, path: Path, name: str, sequence: int) -> ImportOutcome | None:
    """Why this package must not replace what the hub has, or None to go ahead."""
    if HubPackage.select().where(HubPackage.digest == package.digest).exists():
        return ImportOutcome(path, UNCHANGED, name, sequence, "汇总台已有这个数据包")
    if branch is None:
        return None
    if package.manifest.get("signer_key") != branch.signer_key:
        return ImportOutcome(path, REFUSED, name, sequence,
                             f"支部“{branch.name}”此前的数据包由另一把密钥签名，这个数据包的签名密钥不同，"
                             "可能不是该支部发出的，未导入。如支部确实换了电脑或密钥，请与支部核实后再处理。")
    if sequence <= branch.last_sequence:
        relation = "与已导入的同号" if sequence == branch.last_sequence else "比已导入的旧"
        return ImportOutcome(path, IGNORED, name, sequence,
                             f"{relation}（汇总台已有第 {branch.last_sequence} 号），保留较新的数据")
    return None


def _insert(model, rows: list[dict]) -> None:
    if not rows:
        return
    size = max(1, 30000 // len(rows[0]))  # under SQLite's and PostgreSQL's parameter limits
    for start in range(0, len(rows), size):
        model.insert_many(rows[start:start + size]).as_rowcount().execute()


def _register(branch: HubBranch | None, uid: str, package: Any, rows: dict, path: Path) -> None:
    manifest = package.manifest
    profile = (package.tables.get("branch") or [{}])[0]
    now = dt.datetime.now().replace(microsecond=0)
    fields = {
        "name": str(manifest.get("branch_name") or profile.get("name") or ""),
        "community": str(profile.get("community") or ""), "compound": str(profile.get("compound") or ""),
        "subdistrict": str(profile.get("subdistrict") or ""),
        "approving_org": str(profile.get("approving_org") or ""), "org_code": str(profile.get("org_code") or ""),
        "last_sequence": manifest["sequence"], "last_digest": package.digest,
        "last_created_at": moment(manifest.get("created_at")), "last_imported_at": now,
        "period_from": day(manifest.get("period_from")), "period_to": day(manifest.get("period_to")),
        "personal": str(manifest.get("personal") or ""),
        "member_count": len(rows["hub_member"]), "meeting_count": len(rows["hub_meeting"]),
        "duty_count": len(rows["hub_duty"]), "handover_count": len(rows["hub_handover"]),
        "diary_count": len(rows["hub_diary"]),
        "counts": json.dumps(manifest.get("counts") or {}, ensure_ascii=False, sort_keys=True),
    }
    if branch is None:
        HubBranch.create(uid=uid, signer_key=str(manifest.get("signer_key") or ""), **fields)
    else:
        HubBranch.update(**fields).where(HubBranch.id == branch.id).execute()
    HubPackage.create(
        branch_uid=uid, sequence=manifest["sequence"], digest=package.digest, file_name=path.name,
        created_at=moment(manifest.get("created_at")), imported_at=now,
        period_from=day(manifest.get("period_from")), period_to=day(manifest.get("period_to")))
