"""Small helpers for the hub tests: make a hub with the session's key pair, read it back whole."""
from __future__ import annotations

from pathlib import Path

from desktop.hub.hub_init import init_hub
from desktop.hub.hub_models import HUB_MODELS, SNAPSHOT_MODELS, HubBranch, HubMember
from desktop.hub.store import Hub, is_postgresql


def make_hub(location: str, demo, tmp_path: Path) -> Hub:
    """A new hub holding the key pair the demo packages were sealed to."""
    key = tmp_path / "hub-private.key" if is_postgresql(location) else None
    return init_hub(location, key_path=key, keys=(demo.private_pem, demo.public_text)).hub


def dump(hub: Hub) -> dict[str, list[tuple]]:
    """Every row of every hub table (ids included), in id order: 'nothing written' is equality."""
    tables = {}
    for model in HUB_MODELS:
        order = model._meta.primary_key
        tables[model._meta.table_name] = [tuple(row.values()) for row in model.select().order_by(order).dicts()]
    return tables


def totals(hub: Hub) -> dict[str, object]:
    """What the hub's pages and reports will add up, independent of row ids and of the database."""
    result: dict[str, object] = {model._meta.table_name: model.select().count() for model in SNAPSHOT_MODELS}
    result["branches"] = sorted(
        (b.name, b.uid, b.member_count, b.meeting_count, b.duty_count, b.handover_count, b.diary_count, b.last_sequence)
        for b in HubBranch.select())
    result["members"] = sorted(
        (m.branch_uid, m.name, m.unit, m.phone or "", m.id_number or "", str(m.arrived_on)) for m in HubMember.select())
    return result


def crafted_package(path: Path, source: Path, change, private_pem: bytes) -> Path:
    """A validly signed package of a new branch made from *source*'s records after *change*
    (a function of the tables): what a branch program with a bug could send."""
    import uuid

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.hub.keys import load_hub_private_key
    from desktop.hub.package import open_package, package_bytes

    opened = open_package(source, load_hub_private_key(private_pem))
    tables = {name: [dict(row) for row in rows] for name, rows in opened.tables.items()}
    for row in tables.get("member", []):
        row["phone"] = row["id_number"] = None
    change(tables)
    kept = ("schema_version", "branch_name", "sequence", "period_from", "period_to", "created_at", "counts")
    manifest = {key: opened.manifest.get(key) for key in kept}
    manifest["branch_uid"] = uuid.uuid4().hex
    # package_bytes takes tables.json's layout: columns once, then rows of values
    layout = {}
    for name, rows in tables.items():
        columns = list(rows[0]) if rows else []
        layout[name] = {"columns": columns, "rows": [[row.get(c) for c in columns] for row in rows]}
    path.write_bytes(package_bytes(manifest, layout, Ed25519PrivateKey.generate()))
    return path
