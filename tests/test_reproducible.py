"""Two clean builds with the same SOURCE_DATE_EPOCH are byte-identical,
notebooks (executed afresh, with empty caches) and figures included."""

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
def test_two_clean_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    sites = []
    for run in ("first", "second"):
        monkeypatch.setenv("OBO_CACHE_DIR", str(tmp_path / f"cache-{run}"))
        sites.append(build_site(tmp_path / run))
        assert os.listdir(tmp_path / f"cache-{run}")      # notebooks ran afresh
    assert not differing(*sites), differing(*sites)
    assert (sites[0] / "notebooks" / "positions" / "index.html").exists()
