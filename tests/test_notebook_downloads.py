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

NOTEBOOKS = sorted(p.stem for p in (Path(__file__).resolve().parents[1]
                                    / "docs" / "notebooks").glob("*.py"))
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
    script = built_site / "notebooks" / name / f"{name}.py"
    runner = tmp_path / "run.py"
    runner.write_text(BLOCK_PROJECT + "import runpy\n"
                      f"runpy.run_path({str(script)!r}, run_name='__main__')\n")
    done = subprocess.run([sys.executable, str(runner)], cwd=tmp_path,
                          env=reader_env(), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_downloaded_notebook_has_outputs_and_runs(built_site, name, tmp_path):
    nb = nbformat.read(built_site / "notebooks" / name / f"{name}.ipynb", 4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count == k for k, c in enumerate(code, 1))
    assert any(c.outputs for c in code), "executed: it has outputs"
    assert any("image/svg+xml" in o.get("data", {})
               for c in code for o in c.outputs), "its plot is in it"
    fresh = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        BLOCK_PROJECT)] + [nbformat.v4.new_code_cell(c.source) for c in code],
        metadata=nb.metadata)
    client = NotebookClient(fresh, kernel_name="python3", timeout=300,
                            resources={"metadata": {"path": str(tmp_path)}})
    old = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(reader_env())
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    printed = [o.get("text", "") for c in fresh.cells[1:] for o in c.outputs
               if o.output_type == "stream"]
    shipped = [o.get("text", "") for c in code for o in c.outputs
               if o.output_type == "stream"]
    assert "".join(printed) == "".join(shipped), "same printed output"
