"""Each notebook is a percent-format script that also runs with plain python."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "docs" / "notebooks").glob("*.py"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_as_a_script(notebook, tmp_path):
    text = notebook.read_text("utf-8")
    assert text.startswith("# %% [markdown]\n# # "), "starts with a title cell"
    env = dict(os.environ, MPLBACKEND="Agg")
    done = subprocess.run([sys.executable, str(notebook)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # A printed rounding residue (say 5.3e-15) depends on the BLAS kernel and
    # on memory alignment, so it differs between runs and machines, and the
    # built page would too: print a comparison instead.
    residue = re.findall(r"\d(?:\.\d+)?e-(?:0?[89]|\d\d)\b", done.stdout)
    assert not residue, f"{notebook.name} prints rounding residue {residue}"
    negative_zero = re.findall(r"-0\.0+\b(?![.\d])", done.stdout)
    assert not negative_zero, f"{notebook.name} prints {negative_zero}: a sign of noise"
