"""Every notebook page offers its notebook as .ipynb (run, with outputs) and
as a percent-format .py, and both run in a fresh Python that cannot import
this project: what a reader downloads is what made the page."""

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import load_hook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.stem for p in (ROOT / "docs" / "notebooks").glob("*.py"))
LINKS = {"ipynb": "Download the notebook (.ipynb)",
         "py": "Download as a Python script (.py)"}
# first thing the downloaded code runs: importing this project fails, as
# on a reader's machine (the project is installed in the test environment)
BLOCK_PROJECT = (
    "import sys\n"
    "class _NoProject:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name.split('.')[0] in ('snippets', 'hooks', 'tests'):\n"
    "            raise ImportError(f'{name} is not on a reader\\'s machine')\n"
    "sys.meta_path.insert(0, _NoProject())\n")


def reader_env():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "COV_", "COVERAGE"))}
    env["MPLBACKEND"] = "Agg"
    return env


def test_every_notebook_is_checked():
    assert NOTEBOOKS == ["fully_connected", "nonlinearity", "positions"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_page_links_both_downloads(built_site, name):
    html = (built_site / "notebooks" / name / "index.html").read_text("utf-8")
    for ext, text in LINKS.items():
        link = re.search(rf'<a href="([^"]+)" download>{re.escape(text)}</a>', html)
        assert link, f"{name}: no link '{text}'"
        assert link.group(1) == f"{name}.{ext}"
        assert (built_site / "notebooks" / name / link.group(1)).is_file()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_downloaded_script_runs(built_site, name, tmp_path):
    """The .py a reader downloads is the notebook's source, byte for byte,
    and runs with plain python where this project cannot be imported."""
    script = built_site / "notebooks" / name / f"{name}.py"
    assert script.read_bytes() == (ROOT / "docs" / "notebooks"
                                   / f"{name}.py").read_bytes()
    runner = tmp_path / "run.py"
    runner.write_text(BLOCK_PROJECT + "import runpy\n"
                      f"runpy.run_path({str(script)!r}, run_name='__main__')\n")
    done = subprocess.run([sys.executable, str(runner)], cwd=tmp_path,
                          env=reader_env(), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    # A printed rounding residue (say 5.3e-15) depends on the BLAS kernel and
    # on memory alignment, so it differs between runs and machines, and the
    # built page would too: print a comparison instead.
    residue = re.findall(r"\d(?:\.\d+)?e-(?:0?[89]|\d\d)\b", done.stdout)
    assert not residue, f"{name} prints rounding residue {residue}"
    negative_zero = re.findall(r"-0\.0+\b(?![.\d])", done.stdout)
    assert not negative_zero, f"{name} prints {negative_zero}: a sign of noise"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_downloaded_notebook_has_outputs_and_runs(built_site, name, tmp_path):
    """The download holds its outputs, runs in Jupyter where this project
    cannot be imported, and run afresh gives the very bytes it holds (after
    the hook's clean-up): so the executed notebook the build caches is what
    a fresh run gives, and a build from empty caches would not differ
    (tests/test_reproducible.py relies on this)."""
    path = built_site / "notebooks" / name / f"{name}.ipynb"
    nb = nbformat.read(path, 4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count == k for k, c in enumerate(code, 1))
    assert any(c.outputs for c in code), "executed: it has outputs"
    assert any("image/svg+xml" in o.get("data", {})
               for c in code for o in c.outputs), "its plot is in it"
    fresh = nbformat.reads(path.read_text("utf-8"), 4)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    fresh.cells.insert(0, nbformat.v4.new_code_cell(BLOCK_PROJECT))
    client = NotebookClient(fresh, kernel_name="python3", timeout=300,
                            resources={"metadata": {"path": str(tmp_path)}})
    old = dict(os.environ)
    try:
        os.environ.clear()
        # a reader opens it in Jupyter: the inline backend, not Agg
        os.environ.update({k: v for k, v in reader_env().items()
                           if k != "MPLBACKEND"})
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    assert not fresh.cells[0].outputs, fresh.cells[0].outputs
    del fresh.cells[0]
    assert load_hook("notebook_pages").normalise(fresh) == path.read_text("utf-8")
