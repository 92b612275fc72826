"""Hub fixtures: a real PostgreSQL server for the session, hubs on SQLite and on PostgreSQL,
and packages exported from three demo branches (made once per session)."""
from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.models import close, open_store

from .postgres_server import PostgresServer, find_bin_dir


@pytest.fixture(scope="session")
def postgres_server():
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("本机没有 PostgreSQL 程序（找不到 initdb 和 pg_ctl：/usr/lib/postgresql/*/bin 或 PATH），"
                    "跳过 PostgreSQL 汇总台的测试；Debian 上安装 postgresql 软件包即可。")
    server = PostgresServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_location(request, tmp_path):
    """Where a new, empty hub lives: a SQLite file, or a fresh database on the test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "汇总台.sqlite3")
        return
    server = request.getfixturevalue("postgres_server")
    name = f"hub_{uuid.uuid4().hex[:12]}"
    url = server.create_database(name)
    yield url
    from desktop.hub.hub_models import hub_db

    if hub_db.obj is not None and not hub_db.obj.is_closed():
        hub_db.obj.close()
    server.drop_database(name)


@pytest.fixture
def pg_hub_location(postgres_server):
    """A fresh database on the test server (for the tests that are about PostgreSQL only)."""
    name = f"hub_{uuid.uuid4().hex[:12]}"
    yield postgres_server.create_database(name)
    postgres_server.drop_database(name)


@dataclass
class DemoPackages:
    """Packages of three demo branches, all sealed to one hub key pair (``hub_keys``)."""

    folder: Path
    first: list[Path]  # one package per branch, sequence 1
    newer: Path  # branch 0 exported again: sequence 2
    other_key: Path  # branch 0's records and id, signed by a key the hub never saw
    private_pem: bytes
    public_text: bytes
    receiving_key: Path


@pytest.fixture(scope="session")
def demo_packages(tmp_path_factory) -> DemoPackages:
    from desktop.demo import create_demo_database
    from desktop.hub.keys import new_hub_keys, write_receiving_key

    folder = tmp_path_factory.mktemp("demo-packages")
    private_pem, public_text = new_hub_keys()
    receiving = folder / "接收密钥.json"
    write_receiving_key(receiving, public_text)
    first = []
    for seed in (1, 2, 3):
        db_path = folder / f"branch{seed}.sqlite3"
        create_demo_database(db_path, branch_seed=seed)  # three different branches of one sub-district
        open_store(db_path)
        try:
            first.append(_export(folder / f"branch{seed}-1.bdpkg", receiving))
        finally:
            close()
    open_store(folder / "branch1.sqlite3")
    try:
        newer = _export(folder / "branch1-2.bdpkg", receiving)
    finally:
        close()
    # The same branch (same uid, same records) on another computer without its key file.
    stranger = folder / "stranger" / "branch1.sqlite3"
    stranger.parent.mkdir()
    shutil.copy2(folder / "branch1.sqlite3", stranger)
    open_store(stranger)
    try:
        other_key = _export(folder / "branch1-other-key.bdpkg", receiving)
    finally:
        close()
    return DemoPackages(folder, first, newer, other_key, private_pem, public_text, receiving)


def _export(target: Path, receiving: Path) -> Path:
    from desktop.hub.export import export_package

    export_package(target, receiving)
    return target
