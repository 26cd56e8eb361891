"""MkDocs hook: fewer elements in highlighted code, the same look.

Pygments wraps every token of a code block in its own ``<span>``; the
code-heavy pages carry 600 to 700 of them, two thirds of all their elements.
Material's start-up script restyles the whole document several times, and
part of what each restyle costs grows with the number of elements (measured:
about 15% less style time on positions/ without them). This hook drops the
spans that change nothing:

- ``n`` (names) and ``w`` (whitespace) are drawn in the code's own colour
  (``--md-code-hl-name-color`` is ``var(--md-code-fg-color)``; ``w`` has no
  rule), so their text can stand on its own;
- ``o`` (operators) and ``p`` (punctuation), half of what is left, are drawn
  in the code's own colour too (docs/stylesheets/extra.css sets both
  variables to ``var(--md-code-fg-color)`` in both palettes; tests check
  it), as in most editors' themes; operator words (``in``, ``and``, ``is``)
  keep a colour of their own, the keywords'. On notebook pages JupyterLab's
  style makes operators bold, so there they keep their spans;
- neighbouring spans of one class merge into one, spaces between them
  included (a line break ends a run).

The text, and so copying, search and the copy button, is unchanged.
"""

from __future__ import annotations

import re

CODE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.S)
TOKEN = re.compile(r'<span class="([\w-]+)">([^<]*)</span>|(<[^>]*>)')
# drawn in the code's own colour: names, whitespace, operators, punctuation
PLAIN = ("n", "w", "o", "p")
NOTEBOOK_PLAIN = ("n", "w")       # JupyterLab's operators are bold


def lean(code: str, plain_classes: tuple[str, ...] = PLAIN) -> str:
    """Highlighted code with the spans that change nothing taken out.

    Spans of ``plain_classes`` become bare text. A run of spans of one
    class on one line, with at most spaces between them, becomes one span; a line break or any other tag (a line highlight,
    an anchor) ends the run.
    """
    out: list[str] = []
    run_class, run_text = None, []          # the coloured span being built
    pending = ""                            # plain text after that span

    def close():
        nonlocal run_class, run_text
        if run_class is not None:
            out.append(f'<span class="{run_class}">{"".join(run_text)}</span>')
            run_class, run_text = None, []

    def plain(text: str):
        nonlocal pending
        pending += text

    def flush_pending():
        nonlocal pending
        close()
        out.append(pending)
        pending = ""

    position = 0
    for match in TOKEN.finditer(code):
        plain(code[position:match.start()])
        position = match.end()
        cls, text, other = match.groups()
        if other is not None:                # some other tag: keep it as it is
            flush_pending()
            out.append(other)
        elif cls in plain_classes:
            plain(text)
        else:
            if run_class == cls and not pending.strip(" \t"):
                run_text += [pending, text]  # same colour: extend the run
                pending = ""
            else:
                flush_pending()
                run_class, run_text = cls, [text]
    plain(code[position:])
    flush_pending()
    return "".join(out)


def lean_page(html: str) -> str:
    # notebook pages keep JupyterLab's code style, where operators are bold
    plain_classes = NOTEBOOK_PLAIN if "jp-Notebook" in html else PLAIN
    return CODE.sub(
        lambda m: m.group(1) + lean(m.group(2), plain_classes) + m.group(3), html)


def on_page_content(html, **kwargs):
    return lean_page(html)
