"""MkDocs hook: a page's own scripts load only on the pages that use them.

``extra_javascript`` in mkdocs.yml puts a script on every page. Three of
ours serve a few pages each (issue 12: they loaded on all sixteen), so this
hook adds each one, deferred as before, to the pages whose HTML holds what
it works on:

- ``javascripts/calculator.js``: the calculator's forms (``form.obo-calc``);
- ``javascripts/cite.js``: the "Copy link" links (``a.obo-copy-link``);
- ``javascripts/scroll-regions.js``: a table Material wraps in a sideways
  scrolling box (it wraps ``table:not([class])`` in the page's content).

The tag goes where Material writes ``extra_javascript``: after its bundle,
at the end of ``<body>``, with the path relative to the page, so the site
works from any sub-path and from disk.
"""

from __future__ import annotations

import re

from mkdocs.utils import get_relative_url

# script (in docs/) -> what in a page's HTML it works on
SCRIPTS = {
    "javascripts/calculator.js": re.compile(
        r'<form\b[^>]*\bclass="(?:[^"]*\s)?obo-calc[\s"]'),
    "javascripts/cite.js": re.compile(
        r'<a\b[^>]*\bclass="(?:[^"]*\s)?obo-copy-link[\s"]'),
    "javascripts/scroll-regions.js": re.compile(r"<table(?![^>]*\bclass=)[\s>]"),
}
END = "</body>"


def scripts_for(html: str) -> list[str]:
    """The scripts of ``SCRIPTS`` this page's HTML needs, in their order."""
    return [path for path, used in SCRIPTS.items() if used.search(html)]


def add_scripts(html: str, page_url: str) -> str:
    """``html`` with a deferred ``<script>`` before ``</body>`` for each
    script it needs; ``page_url`` is the page's own (as ``page.url``)."""
    needed = scripts_for(html)
    if not needed:
        return html
    if html.count(END) != 1:
        raise ValueError(f"page {page_url or '/'!r}: expected one {END}, "
                         f"found {html.count(END)}")
    tags = "".join(f'<script src="{get_relative_url(path, page_url)}" defer></script>\n'
                   for path in needed)
    return html.replace(END, tags + END)


def on_post_page(output: str, page, config) -> str:
    return add_scripts(output, page.url)
