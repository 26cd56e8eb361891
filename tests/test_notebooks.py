"""Each notebook is a percent-format script that also runs with plain
python: tests/test_notebook_downloads.py runs the copy a reader downloads
(the same bytes, checked there) and checks what it prints."""

from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "docs" / "notebooks").glob("*.py"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_starts_with_a_title_cell(notebook):
    text = notebook.read_text("utf-8")
    assert text.startswith("# %% [markdown]\n# # "), "starts with a title cell"
