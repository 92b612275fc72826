"""The command line is one package, desktop/cli/: one module per group, each registering the
same way, report commands made from the report kinds, and nothing else reaching into it."""
from __future__ import annotations

import argparse
import ast

from desktop.cli import GROUPS, build_parser
from desktop.reports.kinds import KINDS
from tests.test_import_cycles import ROOT, modules


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_no_module_outside_the_cli_package_imports_it():
    """Deferred imports included: a group's handler once imported the private cli._open."""
    reaches = []
    for name, path in modules().items():
        if name == "desktop.cli" or name.startswith("desktop.cli.") or name == "desktop.__main__":
            continue
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
            elif isinstance(node, ast.Import):
                target = " ".join(alias.name for alias in node.names)
            else:
                continue
            if target == "desktop.cli" or target.startswith("desktop.cli."):
                reaches.append(f"{name}:{node.lineno}")
    assert reaches == []


def test_every_group_module_registers_the_same_way():
    for group in GROUPS:
        assert (ROOT / "cli" / f"{group}.py").exists(), group
    found = {path.stem for path in (ROOT / "cli").glob("*.py")} - {"__init__", "common"}
    assert found == set(GROUPS)


def test_report_commands_are_the_report_kinds_with_their_options():
    reports = _subcommands(_subcommands(build_parser())["report"])
    assert list(reports) == [k.key for k in KINDS]
    for kind in KINDS:
        flags = {flag for action in reports[kind.key]._actions for flag in action.option_strings}
        assert ({"--from", "--to"} <= flags) == (kind.period == "range"), kind.key
        assert ("--date" in flags) == (kind.period == "day"), kind.key
        assert ("--member" in flags) == (kind.member == "optional"), kind.key
        assert ("--full" in flags) == ("reveal" in kind.options), kind.key
        assert ("--departed" in flags) == ("departed" in kind.options), kind.key
        assert ("--no-people" in flags) == ("no_people" in kind.options), kind.key


def test_the_earlier_name_import_diary_still_works_unlisted(capsys):
    parser = build_parser()
    imports = _subcommands(_subcommands(parser)["import"])
    assert imports["diary"] is imports["diaries"]
    args = parser.parse_args(["import", "diary", "日记.txt", "--member", "王志远"])
    assert (args.kind, args.member) == ("diary", "王志远")  # the lock message names what was typed
    _subcommands(parser)["import"].print_help()
    listed = capsys.readouterr().out
    assert "diaries" in listed and " diary " not in listed
