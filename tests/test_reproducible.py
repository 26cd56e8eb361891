"""Builds are reproducible: a second build gives the same bytes as the
session's build, file for file.

In CI (a clean clone) the session's build starts from empty caches and this
one reuses what it cached, so the comparison is "from nothing" against
"from the caches": a cache that changed any byte would show here. What the
caches hold is checked afresh elsewhere, so a warm machine loses nothing by
not emptying them (a build from empty caches costs about three times as
much as one from warm caches, most of it running the notebooks):

- executed notebooks: tests/test_notebook_downloads.py runs each one again
  and gets the very bytes the build shipped;
- cards: tests/test_previews.py (the same text gives the same bytes, and
  the cache returns them);
- figures: tests/test_figures.py draws each one twice, byte for byte.
"""

import filecmp

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


def test_differing_names_every_kind_of_difference(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for side in (a, b):
        (side / "sub").mkdir(parents=True)
        (side / "same.txt").write_text("x")
    (a / "sub" / "page.html").write_text("one")
    (b / "sub" / "page.html").write_text("two")
    (a / "only-here.png").write_bytes(b"")
    assert differing(a, a) == []
    assert sorted(differing(a, b)) == ["only-here.png (only on one side)",
                                       "sub/page.html"]


@pytest.mark.heavy
def test_a_second_build_is_byte_identical_to_the_session_build(
        built_site, tmp_path):
    again = build_site(tmp_path / "again")
    assert (again / "notebooks" / "positions" / "index.html").exists()
    assert not differing(built_site, again), differing(built_site, again)
