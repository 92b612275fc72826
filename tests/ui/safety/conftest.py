"""Locks taken with hold() last for the process; each test gives its own back."""
from __future__ import annotations

import pytest

from desktop.safety.lock import release_all


@pytest.fixture(autouse=True)
def _release_locks():
    yield
    release_all()
