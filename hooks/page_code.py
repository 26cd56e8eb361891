"""MkDocs hook: every page that shows Python offers it as one script.

For each page with Python blocks (notebook pages aside: they have their own
downloads), the hook writes ``<page>/<name>.py`` next to the page's
``index.html``: every Python block of the page, in order, each under a
comment naming its section, after a docstring that names the page and what
the script needs (numpy and matplotlib). The blocks' ``assert`` lines are the
page's claims, so running the script re-checks them.

The blocks are read from the page's HTML exactly as Material's copy button
copies them (the text of each ``<code>``), so the script holds what a reader
sees. The page gets a "Download this page's code" link, placed before its
first section heading.
"""

from __future__ import annotations

import html as htmllib
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

LANGUAGES = {"language-python", "language-py"}
LINK_CLASS = "obo-page-code"


@dataclass(frozen=True)
class Block:
    """One Python block as the page shows it."""

    heading: str   # the section it stands in ("" before the first heading)
    title: str     # the fence's title, e.g. "Continues the block above"
    code: str      # the text the copy button copies


class _Blocks(HTMLParser):
    """Collects the Python blocks of a page and the heading above each."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.heading = ""
        self._in_heading = False
        self._heading_text: list[str] = []
        self._skip = 0             # depth inside a heading's permalink
        self._div = 0              # depth inside a Python block's div
        self._in_title = False
        self._in_code = False
        self._title: list[str] = []
        self._code: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if self._div:
            if tag == "div":
                self._div += 1
            elif tag == "span" and "filename" in classes:
                self._in_title = True
            elif tag == "code":
                self._in_code = True
            return
        if tag == "div" and "highlight" in classes and classes & LANGUAGES:
            self._div, self._title, self._code = 1, [], []
        elif tag in ("h1", "h2", "h3", "h4"):
            self._in_heading, self._heading_text = True, []
        elif self._in_heading and tag == "a" and "headerlink" in classes:
            self._skip = 1
        elif self._skip and tag == "a":
            self._skip += 1

    def handle_endtag(self, tag):
        if self._div:
            if tag == "span":
                self._in_title = False
            elif tag == "code":
                self._in_code = False
            elif tag == "div":
                self._div -= 1
                if not self._div:
                    self.blocks.append(Block(
                        self.heading, "".join(self._title).strip(),
                        "".join(self._code)))
            return
        if self._skip and tag == "a":
            self._skip -= 1
        elif self._in_heading and tag in ("h1", "h2", "h3", "h4"):
            self._in_heading = False
            self.heading = " ".join("".join(self._heading_text).split())

    def handle_data(self, data):
        if self._div:
            if self._in_code:
                self._code.append(data)
            elif self._in_title:
                self._title.append(data)
        elif self._in_heading and not self._skip:
            self._heading_text.append(data)


def python_blocks(html: str) -> list[Block]:
    """The Python blocks of a page's HTML, in order."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


def script_name(src_uri: str, site_name: str) -> str:
    """``positions.md`` -> ``positions.py``; the home page is named after
    the site (``one_by_one.py``)."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    if stem == "index":
        stem = site_name
    return re.sub(r"\W+", "_", stem.lower()).strip("_") + ".py"


def script(blocks: list[Block], title: str, address: str, name: str) -> str:
    """The page's blocks as one script that runs top to bottom."""
    title = title.replace('"""', "'''")
    n = len(blocks)
    lines = [
        f'"""Every Python block of the page "{title}", in order.',
        "",
        f"From One by One: {address}",
        "Needs Python 3.11 or newer with numpy and matplotlib:",
        "",
        "    pip install numpy matplotlib",
        f"    python {name}",
        "",
        "Each block also runs on its own, as the page shows it; here they run",
        "one after another. Their asserts are the page's claims, so a run that",
        "reaches the last line has checked every one of them.",
        '"""',
    ]
    for k, block in enumerate(blocks, 1):
        lines += ["", ""]
        where = block.heading or "top of the page"
        note = f" ({block.title})" if block.title else ""
        lines.append(f"# --- block {k} of {n}: {where}{note} ---")
        lines.append(block.code.rstrip("\n"))
    lines += ["", "", f'print("All {n} blocks of the page ran; every assert held.")']
    return "\n".join(lines) + "\n"


def download_link(name: str) -> str:
    return (f'<p class="{LINK_CLASS}"><a href="{htmllib.escape(name)}" '
            f'download="{htmllib.escape(name)}">Download this page\'s code</a>'
            ": every Python block on this page in one script that re-checks "
            "the page's claims as it runs (needs numpy and matplotlib).</p>")


def on_page_content(html, page, config, **kwargs):
    if "jp-Notebook" in html:
        return html
    blocks = python_blocks(html)
    if not blocks:
        return html
    name = script_name(page.file.src_uri, config.site_name)
    folder = posixpath.dirname(page.file.dest_uri)
    address = ((config.site_url or "").rstrip("/") + "/" + page.url
               if config.site_url else f"the page {page.url or '(home)'}")
    text = script(blocks, page.title or name, address, name)
    target = Path(config.site_dir) / folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    link = download_link(name)
    first = html.find("<h2")
    if first < 0:
        return html + "\n" + link
    return html[:first] + link + "\n" + html[first:]
