"""Report tests share one font cache: the Noto conversion (about 30 s) runs once per session.

Set BRANCH_DESK_FONT_CACHE to a directory of your own to keep the cache between runs.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.reports.fontconvert import ENV_FONT_CACHE
from desktop.reports.fonts import FontSet


@pytest.fixture(scope="session", autouse=True)
def font_cache(tmp_path_factory):
    existing = os.environ.get(ENV_FONT_CACHE)
    path = Path(existing) if existing else tmp_path_factory.mktemp("font-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_FONT_CACHE, str(path))
        FontSet(use_system=False).prepare(parallel=True)
        yield path


@pytest.fixture
def fonts():
    """Only the bundled Noto fonts: the same result on every machine."""
    return FontSet(use_system=False)
