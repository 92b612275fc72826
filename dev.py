"""Set up a virtual environment for Branch Desk and start the app, run the tests or the benchmarks.

    python3 dev.py start [app arguments]   # create .venv, install, start the app
    python3 dev.py test  [pytest arguments] # create .venv, install, lint (ruff), type-check (mypy), run every test
    python3 dev.py bench [--runs N] [--quick] [--only NAME,...]  # the figures of bench/suite.py

Safe to run again: the install step is skipped while pyproject.toml is unchanged.
Works with the standard library only, on Windows (py dev.py ...) and POSIX alike.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".branch-desk-installed"
# Run before pytest by `dev.py test`; their configuration is in pyproject.toml.
CHECKS = (("代码检查", ("ruff", "check", ".")), ("类型检查", ("mypy",)))
PREPARE_FONTS = "from desktop.reports.fonts import FontSet; FontSet(use_system=False).prepare(parallel=True)"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):
        sys.exit("需要 Python 3.11 或更高版本 (Python 3.11+ is required).")
    python = venv_python()
    if not python.exists():
        print("创建虚拟环境 .venv …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("安装依赖 …", flush=True)
        _pip(python, "install", "--upgrade", "pip")
        _pip(python, "install", "-e", f"{ROOT}[test]")
        print("准备打印用字体（仅首次，约半分钟）…", flush=True)
        # reportlab embeds TrueType only: convert the bundled fonts once, now, rather
        # than make the first PDF export wait.
        subprocess.run([str(python), "-c", PREPARE_FONTS], check=True)
        STAMP.write_text(wanted)
    return python


def _pip(python: Path, *args: str) -> None:
    """Run pip quietly; show its whole output only when it fails."""
    result = subprocess.run(
        [str(python), "-m", "pip", *args], capture_output=True, text=True, errors="replace"
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"安装失败 (pip exited {result.returncode}).")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"start", "test", "bench"}:
        print(__doc__)
        return 2
    python = ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "start":
        return subprocess.call([str(python), "-m", "desktop", *rest])
    if command == "bench":
        # Builds the large database once (bench/.cache/), then prints one table of figures.
        return subprocess.call([str(python), str(ROOT / "bench" / "suite.py"), *rest], cwd=ROOT)
    # Lint and types first, as CI runs them: either failing fails the run before the tests.
    for step, args in CHECKS:
        if subprocess.call([str(python), "-m", *args], cwd=ROOT) != 0:
            print(f"错误：{step}未通过 ({args[0]} failed).", file=sys.stderr)
            return 1
    code = subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)
    if code == 5:
        print("错误：没有收集到任何测试 (pytest exit 5: no tests collected).", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
