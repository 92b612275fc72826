"""One door to the database: outside tests, only desktop/safety/connection.py connects.

An AST walk over desktop/**/*.py looks for every way of making a database connection
(sqlite3.connect, peewee's *Database classes, binding the models' proxy) and finds exactly
one module, the one safety.opening.open_database() opens through."""
from __future__ import annotations

import ast
from pathlib import Path

import desktop

ROOT = Path(desktop.__file__).resolve().parent
DOOR = "desktop/safety/connection.py"

# peewee and playhouse database classes, and DatabaseProxy.initialize (binding the models)
OPENERS = {"SqliteDatabase", "SqliteExtDatabase", "CSqliteExtDatabase", "SqlCipherDatabase", "APSWDatabase",
           "PostgresqlDatabase", "PostgresqlExtDatabase", "MySQLDatabase", "initialize"}


def connects_in(source: str) -> list[str]:
    """What in *source* opens a database connection, as 'line: code'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "sqlite3" and any(
                alias.name == "connect" for alias in node.names):
            found.append(f"{node.lineno}: from sqlite3 import connect")
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        sqlite_connect = (isinstance(func, ast.Attribute) and func.attr == "connect"
                          and isinstance(func.value, ast.Name) and func.value.id == "sqlite3")
        if name in OPENERS or sqlite_connect:
            found.append(f"{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def database_connects() -> dict[str, list[str]]:
    places = {}
    for path in sorted(ROOT.rglob("*.py")):
        hits = connects_in(path.read_text(encoding="utf-8"))
        if hits:
            places[path.relative_to(ROOT.parent).as_posix()] = hits
    return places


def test_the_walk_sees_each_way_of_connecting():
    source = ("import sqlite3\nfrom peewee import SqliteDatabase\n"
              "a = sqlite3.connect('x')\nb = SqliteDatabase('x')\ndb.initialize(b)\n"
              "button.clicked.connect(slot)\n")  # a Qt signal is not a database
    assert [hit.split(":")[0] for hit in connects_in(source)] == ["3", "4", "5"]


def test_only_the_door_connects_to_a_database():
    places = database_connects()
    assert list(places) == [DOOR], "database connects outside the door:\n" + "\n".join(
        f"{place}  {hit}" for place, hits in places.items() if place != DOOR for hit in hits)
