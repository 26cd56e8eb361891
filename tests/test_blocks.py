"""Shown code runs as shown, and every code page's download runs (issue 10).

Every Python block on the built site is taken from the HTML exactly as
Material's copy button copies it (the text of its ``<code>``), then:

- pyflakes finds no undefined name in it;
- it runs alone, from an empty folder, in a ``python -I`` with
  ``MPLBACKEND=Agg`` and this project hidden (``import snippets``, ``hooks``,
  ``tools``, ``tests``... raise ``ModuleNotFoundError``), as in a reader's
  Python that has only numpy and matplotlib. Each block runs in a child
  forked from one such Python that has already imported numpy and
  matplotlib, so that the test pays for the blocks, not for a hundred
  interpreters (see ``RUNNER``).

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
import json
import os
import re
import subprocess
import sys
import tempfile
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

# The reader's Python, started once per batch of blocks: it hides this
# project (installed editable into the venv, so isolation alone would still
# find snippets) and the rest of the venv, imports numpy and matplotlib (the
# two packages a reader has; what their import makes available is what a
# reader's own `import numpy` makes available), then, for each block file
# named on stdin, forks a child that runs it as __main__ from the block's own
# empty folder, its output in files beside that folder. A block pays for its own
# work, not for starting Python and importing numpy again (about 0.2 s each,
# most of this test's time when each block had its own interpreter).
# matplotlib.pyplot is not imported ahead: a block that uses it without
# importing it must fail here as it would for a reader.
RUNNER = f"""
import json, os, sys, traceback
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
import numpy, matplotlib
del numpy, matplotlib

def run(path):
    folder = os.path.dirname(path)      # the output goes beside it
    os.chdir(folder)
    for fd, name in ((1, folder + ".out"), (2, folder + ".err")):
        os.dup2(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
    sys.argv = [path]
    try:
        with open(path, encoding="utf-8") as f:
            code = compile(f.read(), path, "exec")
        exec(code, {{"__name__": "__main__", "__builtins__": __builtins__}})
        status = 0
    except SystemExit as stop:          # as the interpreter treats it
        status = stop.code if isinstance(stop.code, int) else (
            0 if stop.code is None else 1)
        if not isinstance(stop.code, (int, type(None))):
            print(stop.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)

for line in sys.stdin:
    path = line.rstrip("\\n")
    pid = os.fork()
    if pid == 0:
        run(path)
    _, status = os.waitpid(pid, 0)
    print(json.dumps([path, os.waitstatus_to_exitcode(status)]), flush=True)
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


# a page without this holds no highlighted code, and is not parsed at all
HAS_CODE = re.compile(r'<div class="[^"]*\bhighlight\b')


@functools.lru_cache(maxsize=4)
def page_soups(site: Path) -> tuple:
    """Every HTML page of a site that holds highlighted code, parsed once
    (several tests read them)."""
    texts = ((page, page.read_text(encoding="utf-8"))
             for page in sorted(site.rglob("*.html")))
    return tuple((page.relative_to(site).as_posix(),
                  BeautifulSoup(text, "html.parser"))
                 for page, text in texts if HAS_CODE.search(text))


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


def run_many(codes: list[tuple[str, str]], timeout: float = 600
             ) -> list[subprocess.CompletedProcess]:
    """Run each ``(code, file name)`` as a reader would: alone, from an
    empty folder of its own, in a Python that has numpy and matplotlib but
    cannot import this project (``RUNNER``). One result per code, in order."""
    with tempfile.TemporaryDirectory(prefix="obo-blocks-") as tmp:
        paths = []
        for k, (code, name) in enumerate(codes):
            folder = Path(tmp) / str(k)
            folder.mkdir()
            (folder / name).write_text(code, encoding="utf-8")
            paths.append(folder / name)
        done = subprocess.run(
            [sys.executable, "-I", "-c", RUNNER], cwd=tmp, env=reader_env(),
            input="".join(f"{p}\n" for p in paths), capture_output=True,
            text=True, timeout=timeout)
        assert done.returncode == 0, f"the block runner failed: {done.stderr}"
        status = dict(json.loads(line) for line in done.stdout.splitlines())
        results = []
        for path in paths:
            out, err = (Path(f"{path.parent}{ext}").read_text(
                encoding="utf-8", errors="replace")
                        for ext in (".out", ".err"))
            results.append(subprocess.CompletedProcess(
                [str(path)], status[str(path)], out, err))
        return results


def run_alone(code: str, name: str = "block.py") -> subprocess.CompletedProcess:
    """Run one ``code`` as a reader would (see ``run_many``)."""
    return run_many([(code, name)])[0]


def lint_failure(block: Block) -> str | None:
    """Why pyflakes rejects ``block`` as shown, or None."""
    try:
        names = undefined_names(block.code, block.where)
    except SyntaxError as err:
        return f"{block.where}: not valid Python: {err}"
    if names:
        return f"{block.where}: pyflakes: " + "; ".join(names)
    return None


def run_failure(block: Block, done: subprocess.CompletedProcess) -> str | None:
    """Why running ``block`` alone failed, or None."""
    if done.returncode:
        tail = done.stderr.strip().splitlines()[-1:] or ["(no message)"]
        return f"{block.where}: exit {done.returncode}: {tail[0]}"
    return None


def failures(blocks: list[Block]) -> list[str]:
    """Why each of ``blocks`` fails as shown: lint first, then the run."""
    found = [f for f in map(lint_failure, blocks) if f]
    runs = run_many([(b.code, "block.py") for b in blocks])
    return found + [f for b, done in zip(blocks, runs)
                    if (f := run_failure(b, done))]


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
    hidden = [f"import {name}\n" for name in HIDDEN[:4]] + [
        "from snippets.conv import conv2d\n"]
    # the rest of the venv is hidden too: a reader installed only numpy
    # and matplotlib
    others = [f"import {name}\n" for name in ("mkdocs", "pytest", "bs4")]
    runs = run_many([(code, "block.py") for code in hidden + others])
    for code, done in zip(hidden + others, runs):
        assert done.returncode != 0, code
        assert "ModuleNotFoundError" in done.stderr, (code, done.stderr)


def test_each_block_runs_as_a_reader_runs_it():
    cases = {
        # numpy and matplotlib are there, and the folder is empty
        "import os\nimport numpy, matplotlib.pyplot\nprint(os.listdir('.'))\n":
            (0, "['block.py']"),
        "assert 1 == 2\n": (1, ""),
        "import sys\nprint('before')\nsys.exit(3)\n": (3, "before"),
        "raise SystemExit('stopped')\n": (1, ""),
        # what numpy was imported with does not leak: the name must be
        # imported, and pyplot is not there until a block imports it
        "numpy.zeros(2)\n": (1, ""),
        "import matplotlib\nmatplotlib.pyplot.figure()\n": (1, ""),
        # one block's state does not reach the next
        "import numpy as np\nnp.LEAK = 1\nopen('left.txt', 'w').close()\n":
            (0, ""),
        "import os, numpy as np\nprint(hasattr(np, 'LEAK'), os.listdir('.'))\n":
            (0, "False ['block.py']"),
        "print(__name__)\n": (0, "__main__"),
    }
    runs = run_many([(code, "block.py") for code in cases])
    for (code, (status, printed)), done in zip(cases.items(), runs):
        assert done.returncode == status, (code, done.stderr)
        assert done.stdout.strip() == printed, (code, done.stdout)
    assert "stopped" in runs[3].stderr
    assert "NameError" in runs[4].stderr
    assert "AttributeError" in runs[5].stderr


def test_pyflakes_finds_undefined_names():
    assert undefined_names("import numpy as np\nnp.zeros(3)\n") == []
    assert undefined_names("y = relu(x)\n") == [
        "<block>:1:5: undefined name 'relu'",
        "<block>:1:10: undefined name 'x'"]
    bad = Block("p.html", 1, "", "out = np.zeros(3)\n")
    assert "undefined name 'np'" in lint_failure(bad)


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
    failed = failures(alone)
    summary = (f"Python blocks on the site: {len(blocks)}; run alone: "
               f"{len(alone)}, of which {len(alone) - len(failed)} pass; "
               f'marked "{CONTINUES}" (not run alone): {len(marked)}'
               + "".join(f"\n  marked: {b.where}" for b in marked))
    report(request, summary)
    assert not failed, summary + "\nFailing blocks:\n" + "\n".join(failed)


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

    runs = run_many([(path.read_text(encoding="utf-8"), path.name)
                     for path in scripts])
    failed = [f"{path.relative_to(built_site)}: exit {done.returncode}: "
              + (done.stderr.strip().splitlines()[-1:] or ["(no message)"])[0]
              for path, done in zip(scripts, runs)
              if done.returncode or "every assert held" not in done.stdout]
    report(request, f"Page scripts: {len(scripts)}; run to the end: "
                    f"{len(scripts) - len(failed)}")
    assert not failed, "\n".join(failed)


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
