"""MkDocs hook: each code block's copy button is in the page as built.

Material's ``content.code.copy`` adds the button at start-up, putting a
``<nav>`` into every ``<pre>`` of the page. Because of one of Material's own
rules (``.md-typeset table:not([class]) + *``, which makes every element's
style depend on its previous sibling), each insertion restyles every span of
the code it precedes, so the start-up restyles most of the page's code a
second time, just after the first paint. Written into the HTML here, the
same button costs nothing at start-up.

Measured with ``benchmarks/load_work.py`` (elements restyled while Material
starts, a count that does not depend on the machine's speed): positions/
382 to 165, fully-connected/ 828 to 197, folding/ 685 to 146 (with the
tables already boxed, hooks/table_boxes.py).

The button is Material's own markup (mkdocs-material 9.8.1: a
``nav.md-code__nav`` before the ``<code>``, a ``button.md-code__button``
with ``data-md-type="copy"``), so it looks and behaves the same: Material's
script handles every ``[data-clipboard-target]`` on the page whether or not
``content.code.copy`` is on (its clipboard code starts unconditionally),
copies the target's text and shows "Copied to clipboard". Material points
the button at the ``<pre>``'s id, which its start-up rewrites; this points
at a numbered ``data-obo-code`` attribute of the ``<code>``, which nothing
rewrites. A test clicks the button and reads the clipboard.
"""

from __future__ import annotations

import itertools
import re

# a highlighted block as Pygments writes it (the only <pre><code> the
# site has; Material adds its button to every "pre > code")
BLOCK = re.compile(r"<pre><span></span><code>")
NAV = ('<nav class="md-code__nav"><button class="md-code__button" '
       'title="Copy to clipboard" data-clipboard-target="[data-obo-code=\'{n}\']" '
       'data-md-type="copy"></button></nav>')


def add_buttons(html: str) -> str:
    """``html`` with a copy button in each highlighted block, the blocks
    numbered 1, 2, ... in page order."""
    number = itertools.count(1)

    def button(match: re.Match) -> str:
        n = next(number)
        return f'<pre><span></span>{NAV.format(n=n)}<code data-obo-code="{n}">'
    return BLOCK.sub(button, html)


def on_page_content(html, **kwargs):
    return add_buttons(html)
