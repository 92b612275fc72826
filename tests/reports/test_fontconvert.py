"""CFF to TrueType conversion and its cache."""
from __future__ import annotations

import pytest

from desktop.reports import fontconvert
from desktop.reports.fontconvert import cached_truetype_path, is_truetype, truetype_for

from .tinyfonts import build_font


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(fontconvert.ENV_FONT_CACHE, str(folder))
    return folder


def test_cff_font_is_converted_into_the_cache(tmp_path, cache):
    source = build_font(tmp_path / "tiny.otf", "党支部", cff=True)
    assert not is_truetype(source)

    result = truetype_for(source)

    assert result.parent == cache
    assert is_truetype(result)
    assert list(cache.glob("*.tmp")) == []  # written atomically, nothing left behind


def test_converted_font_keeps_every_character(tmp_path, cache):
    from fontTools.ttLib import TTFont

    source = build_font(tmp_path / "tiny.otf", "党支部书记", cff=True)
    with TTFont(str(truetype_for(source))) as font:
        assert {ord(c) for c in "党支部书记"} <= set(font.getBestCmap())
        assert "CFF " not in font and "glyf" in font


def test_second_call_uses_the_cache(tmp_path, cache, monkeypatch):
    source = build_font(tmp_path / "tiny.otf", "党", cff=True)
    first = truetype_for(source)

    def fail(*args):
        raise AssertionError("converted twice")

    monkeypatch.setattr(fontconvert, "convert_cff_to_truetype", fail)
    assert truetype_for(source) == first


def test_changed_source_is_converted_again(tmp_path, cache):
    source = build_font(tmp_path / "tiny.otf", "党", cff=True)
    first = truetype_for(source)
    build_font(source, "党支", cff=True)
    second = truetype_for(source)
    assert second != first
    assert second == cached_truetype_path(source)


def test_truetype_font_is_used_as_it_is(tmp_path, cache):
    source = build_font(tmp_path / "tiny.ttf", "党", cff=False)
    assert truetype_for(source) == source
    assert not cache.exists()


def test_failed_conversion_leaves_no_partial_file(tmp_path, cache, monkeypatch):
    source = build_font(tmp_path / "tiny.otf", "党", cff=True)

    def broken(src, target, index=0):
        target.write_bytes(b"half a font")
        raise RuntimeError("disk full")

    monkeypatch.setattr(fontconvert, "convert_cff_to_truetype", broken)
    with pytest.raises(RuntimeError):
        truetype_for(source)
    assert list(cache.iterdir()) == []
