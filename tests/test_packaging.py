"""The package layout rules: every subpackage ships, and Qt stays in desktop/ui."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "desktop").rglob("*.py")
    }
    assert found - listed == set()


def test_qt_is_imported_only_in_ui_and_app():
    pattern = re.compile(r"^\s*(from|import)\s+PySide6", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "desktop").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
        and not (path.relative_to(ROOT).parts[1] == "ui" or path.name == "app.py")
    ]
    assert offenders == []


def test_cli_module_imports_without_qt():
    import subprocess
    import sys

    code = "import sys, desktop.cli, desktop.models, desktop.roster.service; print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
