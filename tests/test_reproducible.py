"""Builds are reproducible: a build from empty caches gives the same bytes
as the session's build, notebooks (executed afresh), cards and figures
included."""

import filecmp
import os

import pytest

from tests.conftest import build_site


def differing(a, b, rel=""):
    cmp = filecmp.dircmp(a, b)
    out = [f"{rel}{n} (only on one side)" for n in cmp.left_only + cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    out += [f"{rel}{n}" for n in mismatch + errors]
    for sub in cmp.common_dirs:
        out += differing(a / sub, b / sub, f"{rel}{sub}/")
    return out


@pytest.mark.heavy
def test_a_build_from_empty_caches_is_byte_identical_to_the_session_build(
        built_site, tmp_path, monkeypatch):
    """The session's build (from whatever caches this checkout has: none in
    CI) and a build whose notebooks, cards and pages are made afresh from
    empty caches give the same bytes, file for file. One build fewer than
    comparing two fresh builds, and a stronger check on a machine with warm
    caches: a cache that changed any byte would show here."""
    monkeypatch.setenv("OBO_CACHE_DIR", str(tmp_path / "cache"))
    fresh = build_site(tmp_path / "fresh")
    assert os.listdir(tmp_path / "cache")             # notebooks ran afresh
    assert not differing(built_site, fresh), differing(built_site, fresh)
    assert (fresh / "notebooks" / "positions" / "index.html").exists()
