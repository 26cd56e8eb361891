"""Shown code runs as shown, and every code page's download runs (issue 10).

Every Python block on the built site is taken from the HTML exactly as
Material's copy button copies it (the text of its ``<code>``), then:

- pyflakes finds no undefined name in it;
- it runs alone in a fresh ``python -I`` from an empty folder, with
  ``MPLBACKEND=Agg`` and this project hidden (``import snippets``, ``hooks``,
  ``tools``, ``tests``... raise ``ModuleNotFoundError``), as in a reader's
  Python that has only numpy and matplotlib.

A block that cannot run alone must say so on the page with the title
"Continues the block above"; such blocks are counted and listed, not run
alone (the page's download runs them after the blocks before them).

Every page with Python blocks links to one script of all its blocks
(hooks/page_code.py); the script must exist, hold the blocks in order and
run to the end under the same isolation.
"""

from __future__ import annotations

import ast
import functools
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup
from pyflakes import checker, messages

CONTINUES = "Continues the block above"
LANGUAGES = ("language-python", "language-py")
# top-level names of this project: a reader's Python has none of them
HIDDEN = ("snippets", "hooks", "tools", "tests", "benchmarks", "docs")
# besides the standard library, a reader's Python has numpy and matplotlib
# (with what matplotlib needs); the rest of this venv is hidden too
READER_HAS = ("numpy", "matplotlib", "mpl_toolkits", "pylab", "contourpy",
              "cycler", "fontTools", "kiwisolver", "packaging", "PIL",
              "pyparsing", "dateutil", "six")
ROOT = Path(__file__).resolve().parents[1]
WORKERS = 2

# Runs first in the fresh interpreter: hide this project (it is installed
# editable into the venv, so isolation alone would still find snippets),
# then run the block file named on the command line as __main__.
PRELUDE = f"""
import sys
HIDDEN = {HIDDEN!r}
KNOWN = set(sys.stdlib_module_names) | set({READER_HAS!r})
ROOT = {str(ROOT)!r}
sys.path[:] = [p for p in sys.path if p.rstrip("/") != ROOT]

class HideProject:
    @staticmethod
    def find_spec(name, path=None, target=None):
        top = name.partition(".")[0]
        if top in HIDDEN or (top not in KNOWN and not top.startswith("_")):
            raise ModuleNotFoundError(
                f"No module named {{name!r}} (a reader does not have it)",
                name=name)
        return None

sys.meta_path.insert(0, HideProject)
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    code = compile(f.read(), path, "exec")
exec(code, {{"__name__": "__main__", "__builtins__": __builtins__}})
"""


@dataclass(frozen=True)
class Block:
    page: str          # the page's HTML file, relative to the site
    number: int        # 1, 2, ... on its page
    title: str
    code: str

    @property
    def where(self) -> str:
        return f"{self.page} block {self.number}"

    @property
    def continues(self) -> bool:
        return self.title == CONTINUES


@functools.lru_cache(maxsize=4)
def page_soups(site: Path) -> tuple:
    """Every HTML page of a site, parsed once (several tests read them)."""
    return tuple((page.relative_to(site).as_posix(), BeautifulSoup(
        page.read_text(encoding="utf-8"), "html.parser"))
        for page in sorted(site.rglob("*.html")))


def python_blocks(site: Path) -> list[Block]:
    """Every Python block of the built site, as the copy button copies it."""
    found = []
    for name, soup in page_soups(site):
        divs = [div for div in soup.select("div.highlight")
                if set(div.get("class", ())) & set(LANGUAGES)]
        for k, div in enumerate(divs, 1):
            title = div.find("span", class_="filename")
            found.append(Block(name, k,
                               title.get_text().strip() if title else "",
                               div.find("code").get_text()))
    return found


def undefined_names(code: str, filename: str = "<block>") -> list[str]:
    """What pyflakes calls undefined in ``code``, one message each."""
    tree = ast.parse(code, filename=filename)
    found = checker.Checker(tree, filename=filename).messages
    kinds = (messages.UndefinedName, messages.UndefinedLocal,
             messages.UndefinedExport)
    return [str(m) for m in found if isinstance(m, kinds)]


def reader_env() -> dict[str, str]:
    """This environment without Python or coverage settings, plus Agg."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "COV_", "COVERAGE"))}
    env["MPLBACKEND"] = "Agg"
    return env


def run_alone(code: str, name: str = "block.py",
              timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``code`` as a reader would: a fresh, isolated Python in an empty
    folder that cannot import this project."""
    with tempfile.TemporaryDirectory(prefix="obo-block-") as tmp:
        path = Path(tmp) / name
        path.write_text(code, encoding="utf-8")
        return subprocess.run(
            [sys.executable, "-I", "-c", PRELUDE, str(path)], cwd=tmp,
            env=reader_env(), capture_output=True, text=True, timeout=timeout)


def failure(block: Block) -> str | None:
    """Why ``block`` fails as shown, or None."""
    try:
        names = undefined_names(block.code, block.where)
    except SyntaxError as err:
        return f"{block.where}: not valid Python: {err}"
    if names:
        return f"{block.where}: pyflakes: " + "; ".join(names)
    done = run_alone(block.code)
    if done.returncode:
        tail = done.stderr.strip().splitlines()[-1:] or ["(no message)"]
        return f"{block.where}: exit {done.returncode}: {tail[0]}"
    return None


def report(request, text: str) -> None:
    """Show ``text`` in the run's summary (or its output under xdist)."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(text)
    print(text)


@pytest.fixture(scope="module")
def blocks(built_site) -> list[Block]:
    return python_blocks(built_site)


# --- the runner itself ------------------------------------------------------

def test_the_runner_hides_this_project():
    for name in HIDDEN[:4]:
        done = run_alone(f"import {name}\n")
        assert done.returncode != 0, name
        assert "ModuleNotFoundError" in done.stderr, done.stderr
    done = run_alone("from snippets.conv import conv2d\n")
    assert "ModuleNotFoundError" in done.stderr
    # ...while numpy and matplotlib are there, and the cwd is empty
    done = run_alone("import os\nimport numpy, matplotlib.pyplot\n"
                     "print(os.listdir('.'))\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['block.py']"
    # the rest of the venv is hidden too: a reader installed only those two
    for name in ("mkdocs", "pytest", "bs4"):
        assert "ModuleNotFoundError" in run_alone(f"import {name}\n").stderr
    assert run_alone("assert 1 == 2\n").returncode != 0


def test_pyflakes_finds_undefined_names():
    assert undefined_names("import numpy as np\nnp.zeros(3)\n") == []
    assert undefined_names("y = relu(x)\n") == [
        "<block>:1:5: undefined name 'relu'",
        "<block>:1:10: undefined name 'x'"]
    bad = Block("p.html", 1, "", "out = np.zeros(3)\n")
    assert "undefined name 'np'" in failure(bad)


def test_the_copy_button_text_is_what_is_extracted(tmp_path):
    (tmp_path / "index.html").write_text(
        '<div class="language-python highlight"><span class="filename">'
        f'{CONTINUES}</span><pre><span></span><code><span class="n">x</span>'
        ' <span class="o">&lt;</span> 2 &amp; y\n</code></pre></div>'
        '<div class="language-console highlight"><pre><code>$ ls\n'
        '</code></pre></div>')
    assert python_blocks(tmp_path) == [
        Block("index.html", 1, CONTINUES, "x < 2 & y\n")]


# --- the site ---------------------------------------------------------------

def test_every_code_block_says_its_language(built_site):
    """pymdownx.highlight's pygments_lang_class: tools tell Python from
    console text by the class, not by guessing."""
    unnamed = [f"{name}: {str(div)[:80]}"
               for name, soup in page_soups(built_site)
               for div in soup.select("div.highlight")
               if not any(c.startswith("language-")
                          for c in div.get("class", ()))
               and div.find("code") is not None]
    assert not unnamed, "\n".join(unnamed)


def test_every_python_block_runs_alone(blocks, request):
    assert len(blocks) > 20, "the site shows fewer Python blocks than expected"
    marked = [b for b in blocks if b.continues]
    alone = [b for b in blocks if not b.continues]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        failures = [f for f in pool.map(failure, alone) if f]
    summary = (f"Python blocks on the site: {len(blocks)}; run alone: "
               f"{len(alone)}, of which {len(alone) - len(failures)} pass; "
               f'marked "{CONTINUES}" (not run alone): {len(marked)}'
               + "".join(f"\n  marked: {b.where}" for b in marked))
    report(request, summary)
    assert not failures, summary + "\nFailing blocks:\n" + "\n".join(failures)


# --- one download per code page ----------------------------------------------

def code_pages(site: Path) -> dict[str, list[Block]]:
    pages: dict[str, list[Block]] = {}
    for block in python_blocks(site):
        pages.setdefault(block.page, []).append(block)
    return pages


def test_every_code_page_links_its_script(built_site):
    pages = code_pages(built_site)
    assert pages
    problems = []
    for page, page_blocks in pages.items():
        soup = dict(page_soups(built_site))[page]
        links = [a for a in soup.select("a[download]")
                 if a.get_text() == "Download this page's code"]
        if len(links) != 1:
            problems.append(f"{page}: {len(links)} download links")
            continue
        href = links[0]["href"]
        target = built_site / PurePosixPath(page).parent / href
        if not href.endswith(".py") or not target.is_file():
            problems.append(f"{page}: {href} is not a script of the site")
            continue
        text = target.read_text(encoding="utf-8")
        position = 0
        for block in page_blocks:
            found = text.find(block.code.rstrip("\n"), position)
            if found < 0:
                problems.append(f"{block.where} is missing from {href}, "
                                "or out of order")
                break
            position = found
    assert not problems, "\n".join(problems)


def test_every_page_script_runs(built_site, request):
    pages = sorted(code_pages(built_site))
    scripts = []
    for page in pages:
        soup = dict(page_soups(built_site))[page]
        link = soup.select_one("a[download]")
        if link is not None and link["href"].endswith(".py"):
            scripts.append(built_site / PurePosixPath(page).parent
                           / link["href"])
    assert scripts, "no page links its code"

    def run(path: Path) -> str | None:
        done = run_alone(path.read_text(encoding="utf-8"), path.name)
        if done.returncode == 0 and "every assert held" in done.stdout:
            return None
        tail = done.stderr.strip().splitlines()[-1:] or ["(no message)"]
        return (f"{path.relative_to(built_site)}: exit {done.returncode}: "
                f"{tail[0]}")

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        failures = [f for f in pool.map(run, scripts) if f]
    report(request, f"Page scripts: {len(scripts)}; run to the end: "
                    f"{len(scripts) - len(failures)}")
    assert not failures, "\n".join(failures)


def test_the_hook_writes_one_script_and_links_it(tmp_path):
    from types import SimpleNamespace

    from tests.conftest import load_hook

    hook = load_hook("page_code")
    config = SimpleNamespace(site_dir=str(tmp_path), site_name="One by One",
                             site_url=None)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a-b.md",
                                                dest_uri="a-b/index.html"),
                           url="a-b/", title="A & B")
    html = ('<p>Short answer.</p><h2 id="s">Sec<a class="headerlink" '
            'href="#s">#</a></h2><div class="language-python highlight">'
            '<span class="filename">Continues the block above</span><pre>'
            '<code>x = 1 &lt; 2\n</code></pre></div>')
    out = hook.on_page_content(html, page=page, config=config)
    assert out.index("obo-page-code") < out.index("<h2")
    assert 'href="a_b.py" download="a_b.py"' in out
    script = (tmp_path / "a-b" / "a_b.py").read_text()
    assert '"A & B"' in script and "numpy and matplotlib" in script
    assert "# --- block 1 of 1: Sec (Continues the block above) ---\n" \
           "x = 1 < 2\n" in script
    # notebook pages and pages without Python are left alone
    for other in ('<div class="jp-Notebook">' + html, "<p>no code</p>"):
        assert hook.on_page_content(other, page=page, config=config) == other
    home = SimpleNamespace(file=SimpleNamespace(src_uri="index.md",
                                                dest_uri="index.html"),
                           url="", title="Home")
    assert 'href="one_by_one.py"' in hook.on_page_content(
        html.replace("<h2", "<h3").replace("</h2>", "</h3>"), page=home,
        config=config)
    assert (tmp_path / "one_by_one.py").exists()
