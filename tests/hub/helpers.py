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
