"""`python3 dev.py bench` runs bench/suite.py with the venv's Python and passes the arguments on."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_dev():
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_runs_the_suite_with_the_arguments(monkeypatch):
    dev = load_dev()
    calls = []
    monkeypatch.setattr(dev, "ensure_environment", lambda: Path("/venv/bin/python"))
    monkeypatch.setattr(dev.subprocess, "call", lambda args, **kw: calls.append((args, kw)) or 0)
    assert dev.main(["bench", "--runs", "3", "--quick"]) == 0
    args, kw = calls[0]
    assert args == ["/venv/bin/python", str(ROOT / "bench" / "suite.py"), "--runs", "3", "--quick"]
    assert kw.get("cwd") == ROOT


def test_usage_names_the_bench_command(capsys):
    dev = load_dev()
    assert dev.main([]) == 2
    assert "dev.py bench" in capsys.readouterr().out
