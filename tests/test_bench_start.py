"""bench/suite.py times the start to two markers of one process: the window painted, then the
first page painted with its data; a missing marker is an error, not a figure."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import suite

PRINTS = "import sys; print('noise'); print(sys.argv[1], flush=True); print(sys.argv[2], flush=True)"


def test_both_markers_are_timed_in_order():
    shown, ready = suite.time_to_markers([sys.executable, "-c", PRINTS, suite.SHOWN_MARKER, suite.READY_MARKER],
                                         dict(os.environ), (suite.SHOWN_MARKER, suite.READY_MARKER))
    assert 0 < shown <= ready


def test_a_missing_marker_is_an_error():
    with pytest.raises(RuntimeError, match=suite.READY_MARKER):
        suite.time_to_markers([sys.executable, "-c", PRINTS, suite.SHOWN_MARKER, "SOMETHING_ELSE"],
                              dict(os.environ), (suite.SHOWN_MARKER, suite.READY_MARKER))


def test_the_start_rows_pair_each_run_with_its_reference():
    runs = suite.ColdStarts(shown=[0.2, 0.3, 0.12], ready=[0.5, 0.6, 0.4], bare=[0.1, 0.2, 0.1])
    assert runs.paired(runs.shown) == pytest.approx(1.5)
    assert runs.paired(runs.ready) == pytest.approx(4.0)
