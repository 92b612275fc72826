"""`python3 dev.py test` lints (ruff) and type-checks (mypy) before pytest; either failing fails the run."""
from __future__ import annotations

from pathlib import Path

from tests.test_dev_bench import ROOT, load_dev

PYTHON = "/venv/bin/python"


def run_test_command(monkeypatch, failing: str | None = None, pytest_code: int = 0):
    """dev.main(["test", ...]) with subprocess.call recorded; *failing* names the module that fails."""
    dev = load_dev()
    calls = []

    def call(args, **kw):
        calls.append((args, kw))
        module = args[2]
        if module == failing:
            return 1
        return pytest_code if module == "pytest" else 0

    monkeypatch.setattr(dev, "ensure_environment", lambda: Path(PYTHON))
    monkeypatch.setattr(dev.subprocess, "call", call)
    return dev.main(["test", "-q", "tests/x.py"]), calls


def test_ruff_and_mypy_run_from_the_venv_before_pytest(monkeypatch):
    code, calls = run_test_command(monkeypatch)
    assert code == 0
    assert [args for args, _ in calls] == [
        [PYTHON, "-m", "ruff", "check", "."],
        [PYTHON, "-m", "mypy"],
        [PYTHON, "-m", "pytest", "-q", "tests/x.py"],
    ]
    assert all(kw.get("cwd") == ROOT for _, kw in calls)  # where pyproject.toml configures them


def test_a_failing_ruff_fails_the_run_and_says_so(monkeypatch, capsys):
    code, calls = run_test_command(monkeypatch, failing="ruff")
    assert code != 0
    assert [args[2] for args, _ in calls] == ["ruff"]  # no tests run on a tree that fails lint
    err = capsys.readouterr().err
    assert "代码检查" in err and "ruff failed" in err


def test_a_failing_mypy_fails_the_run_and_says_so(monkeypatch, capsys):
    code, calls = run_test_command(monkeypatch, failing="mypy")
    assert code != 0
    assert [args[2] for args, _ in calls] == ["ruff", "mypy"]
    err = capsys.readouterr().err
    assert "类型检查" in err and "mypy failed" in err


def test_pytest_collecting_nothing_still_fails(monkeypatch, capsys):
    code, _ = run_test_command(monkeypatch, pytest_code=5)
    assert code == 1
    assert "no tests collected" in capsys.readouterr().err


def test_a_failing_pytest_passes_its_code_on(monkeypatch):
    code, _ = run_test_command(monkeypatch, pytest_code=3)
    assert code == 3


def test_ruff_and_mypy_are_in_the_test_extra():
    import tomllib

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    test = extra["project"]["optional-dependencies"]["test"]
    assert any(r.startswith("ruff") for r in test) and any(r.startswith("mypy") for r in test)
