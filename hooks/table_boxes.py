"""MkDocs hook: each table of a page sits in a box of its own.

At start-up Material's script moves every table without a class into a
scrolling wrapper (``div.md-typeset__scrollwrap``). Taking a table out of the
article and putting the wrapper in its place makes the browser restyle the
whole article, every paragraph, list and code span of it, just after it
styled all of it for the first paint (Material's rule
``.md-typeset table:not([class]) + *`` makes each element's style depend on
its previous sibling; see hooks/copy_buttons.py). When the table already
sits in a ``div`` of its own, only that box's contents are restyled.

Measured with ``benchmarks/load_work.py`` (elements restyled while Material
starts, a count that does not depend on the machine's speed): positions/
786 to 382, fully-connected/ 1655 to 828, errata/ 949 to 294, shapes/ 974
to 517.

The box (``div.obo-table``) has no style: margins collapse through it, so
the page looks the same. Tables with a class (which Material leaves
alone) are left alone here too.
"""

from __future__ import annotations

import re

# Python-Markdown writes its tables as a bare <table>; only those are moved
# (one already in its box is left as it is)
BARE_TABLE = re.compile(r'(?<!<div class="obo-table">)<table>.*?</table>', re.S)


def box_tables(html: str) -> str:
    """``html`` with every bare ``<table>`` in a ``div`` of its own."""
    return BARE_TABLE.sub(lambda m: f'<div class="obo-table">{m.group(0)}</div>', html)


def on_page_content(html, **kwargs):
    return box_tables(html)
