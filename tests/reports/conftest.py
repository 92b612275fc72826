"""Report tests share the app's font cache (dev.py fills it at setup), so the Noto
conversion (about 30 s) runs at most once per machine, not once per test run.

Set BRANCH_DESK_FONT_CACHE to use another directory.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.reports.fontconvert import ENV_FONT_CACHE, cache_dir
from desktop.reports.fonts import FontSet


@pytest.fixture(scope="session", autouse=True)
def font_cache():
    existing = os.environ.get(ENV_FONT_CACHE)
    path = Path(existing) if existing else cache_dir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_FONT_CACHE, str(path))
        FontSet(use_system=False).prepare(parallel=True)
        yield path


@pytest.fixture
def fonts():
    """Only the bundled Noto fonts: the same result on every machine."""
    return FontSet(use_system=False)
