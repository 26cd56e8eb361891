"""MkDocs hook: typeset math at build time as MathML (no JavaScript).

``pymdownx.arithmatex`` in generic mode protects ``$...$`` and ``$$...$$``
from Markdown and wraps them in ``\\(...\\)`` / ``\\[...\\]``; this hook turns
each into MathML with latex2mathml, which browsers render natively.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
BLOCK = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)


def to_mathml(latex: str, display: str) -> str:
    return convert(html.unescape(latex).strip(), display=display)


def on_page_content(content, **kwargs):
    content = BLOCK.sub(
        lambda m: '<div class="obo-math" tabindex="0">'
        + to_mathml(m.group(1), "block")
        + "</div>", content)
    return INLINE.sub(lambda m: to_mathml(m.group(1), "inline"), content)
