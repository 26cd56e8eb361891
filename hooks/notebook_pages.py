"""MkDocs hook: make mkdocs-jupyter's pages cacheable, reproducible and light.

- Key the execution cache on ``snippets`` too: our notebooks import it, and
  mkdocs-jupyter only hashes the notebook itself.
- Number the cells ``cell-1``, ``cell-2``... instead of the random ids
  jupytext gives on every read, and show a cell's printed text as one block
  however many messages the kernel split it into, so two builds give the
  same bytes.
- Drop what these pages never use and would fetch from elsewhere: the empty
  MathJax ``<script src="">`` and its configuration, and the Mermaid loader
  that imports from a CDN.
- Keep only the CSS rules (and the custom properties they use) that can
  match something on the page: about 590 KB of JupyterLab CSS per page
  shrinks to what the cells need, with the same look.
- Give every plot its alt text, written in the notebook as a ``# Alt text:``
  comment in the cell that draws it (nbconvert's default says "No
  description has been provided"), and its size, so nothing shifts as it
  loads. A plot with no such comment fails the build.
"""

from __future__ import annotations

import base64
import hashlib
import html as htmllib
import os
import re
import struct
from pathlib import Path

import tinycss2
from mkdocs.exceptions import PluginError


_cache: dict[str, Path] = {}


def on_config(config, **kwargs):
    from snippets.figures import source_digest

    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        return config
    root = Path(config.config_file_path).parent
    # OBO_CACHE_DIR lets a test build with an empty cache of its own
    base = Path(os.environ.get("OBO_CACHE_DIR") or plugin.config["cache_dir"])
    if not base.is_absolute():
        base = root / base
    plugin.config["cache_dir"] = str(base / source_digest())
    _cache["pages"] = base / "pages"
    return config


# --- reproducible ids -----------------------------------------------------------

CELL_ID = re.compile(r'id="cell-id=[0-9a-f-]+"')


def number_cells(html: str) -> str:
    counter = iter(range(1, 1_000_000))
    return CELL_ID.sub(lambda m: f'id="cell-{next(counter)}"', html)


# --- scripts these pages do not need --------------------------------------------

UNUSED_SCRIPTS = [
    re.compile(r'<!-- Load mathjax -->\s*<script src="">\s*</script>', re.S),
    re.compile(r'<!-- MathJax configuration -->\s*<script type="text/x-mathjax-config">'
               r".*?</script>\s*<!-- End of mathjax configuration -->", re.S),
    re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*?</script>',
               re.S),
]


# --- one stream, one block --------------------------------------------------------

STDOUT = ('<div class="jp-RenderedText jp-OutputArea-output" '
          'data-mime-type="text/plain"[^>]*>\n<pre>')
# a cell's printed text that reached nbconvert in two messages: the kernel
# sends stdout when its timer fires, which can fall between print()'s text
# and its newline, so the same notebook gave one block on one run and two on
# another (and two builds differed)
SPLIT_STREAM = re.compile(
    f"({STDOUT})((?:(?!</pre>).)*)</pre>\n</div>\n</div>\n"
    f'<div class="jp-OutputArea-child">\n{STDOUT}', re.S)


def merge_streams(html: str) -> str:
    """Consecutive stdout blocks of a cell as one, as JupyterLab shows them."""
    while True:
        merged = SPLIT_STREAM.sub(r"\1\2", html)
        if merged == html:
            return html
        html = merged


def drop_unused_scripts(html: str) -> str:
    for pattern in UNUSED_SCRIPTS:
        html = pattern.sub("", html)
    return html


# --- CSS: keep what can match -----------------------------------------------------

# Attributes Material sets on <html>/<body>, outside the notebook content.
PAGE_ATTRIBUTES = {"data-md-color-scheme", "data-md-color-primary",
                   "data-md-color-accent", "dir", "lang"}
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
ATTRIBUTE = re.compile(r"\[\s*([\w-]+)")
VAR = re.compile(r"var\(\s*(--[\w-]+)")


def used_names(html: str) -> tuple[set[str], set[str]]:
    classes: set[str] = set()
    for value in re.findall(r'class="([^"]*)"', html):
        classes.update(value.split())
    attributes = set(re.findall(r"\s([\w-]+)=", html)) | PAGE_ATTRIBUTES
    return classes, attributes


def split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return [p for p in parts if p]


def can_match(selector: str, classes: set[str], attributes: set[str]) -> bool:
    # :not(...) may mention classes the page lacks and still match
    positive = re.sub(r":not\([^)]*\)", "", selector)
    return (set(CLASS.findall(positive)) <= classes
            and set(ATTRIBUTE.findall(positive)) <= attributes)


def _keep_rules(rules, classes, attributes):
    """Yield (selector text, declarations) and at-rules that can apply."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(tinycss2.serialize(rule.prelude))
                         if can_match(s, classes, attributes)]
            if selectors:
                decls = [d for d in tinycss2.parse_declaration_list(
                    rule.content, skip_comments=True, skip_whitespace=True)
                    if d.type == "declaration"]
                kept.append(("rule", ",".join(selectors), decls))
        elif rule.type == "at-rule" and rule.at_keyword == "media":
            inner = _keep_rules(tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True),
                classes, attributes)
            if inner:
                kept.append(("media", tinycss2.serialize(rule.prelude).strip(),
                             inner))
        elif rule.type == "at-rule" and rule.at_keyword.endswith("keyframes"):
            kept.append(("raw", rule.serialize(), None))
    return kept


def _walk(kept):
    for kind, head, body in kept:
        if kind == "rule":
            yield head, body
        elif kind == "media":
            yield from _walk(body)


def _serialize(kept, wanted_vars) -> str:
    out = []
    for kind, head, body in kept:
        if kind == "raw":
            out.append(head)
        elif kind == "media":
            inner = _serialize(body, wanted_vars)
            if inner:
                out.append(f"@media {head}{{{inner}}}")
        else:
            decls = [d for d in body
                     if not d.name.startswith("--") or d.name in wanted_vars]
            if decls:
                text = ";".join(
                    f"{d.name}:{tinycss2.serialize(d.value).strip()}"
                    + ("!important" if d.important else "") for d in decls)
                out.append(f"{head}{{{text}}}")
    return "".join(out)


def purge_css(sheets: list[str], html: str) -> list[str]:
    """The rules of each stylesheet that can match ``html``, minus the custom
    properties that no kept rule uses (across all sheets: a variable defined
    in one may be used in another)."""
    classes, attributes = used_names(html)
    kept_sheets = [_keep_rules(tinycss2.parse_stylesheet(
        css, skip_comments=True, skip_whitespace=True), classes, attributes)
        for css in sheets]
    defined: dict[str, set[str]] = {}
    wanted: set[str] = set()
    for kept in kept_sheets:
        for _, decls in _walk(kept):
            for d in decls:
                refs = set(VAR.findall(tinycss2.serialize(d.value)))
                if d.name.startswith("--"):
                    defined.setdefault(d.name, set()).update(refs)
                else:
                    wanted |= refs
    todo = list(wanted)
    while todo:  # variables used by variables
        for ref in defined.get(todo.pop(), ()):
            if ref not in wanted:
                wanted.add(ref)
                todo.append(ref)
    return [_serialize(kept, wanted) for kept in kept_sheets]


STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)


def lighten(html: str) -> str:
    """Purge every inline stylesheet of a notebook page against the page."""
    body = STYLE.sub("", html)
    sheets = [m.group(2) for m in STYLE.finditer(html)]
    purged = iter(purge_css(sheets, body))
    return STYLE.sub(lambda m: m.group(1) + next(purged) + m.group(3), html)


def focusable_code(html: str) -> str:
    """Code cells scroll sideways: give them a tab stop (WCAG 2.1.1)."""
    return re.sub(r'<div class="highlight-ipynb([^"]*)"',
                  r'<div class="highlight-ipynb\1" tabindex="0"', html)


NO_ALT = 'alt="No description has been provided for this image"'
ALT_COMMENT = re.compile(r'<span class="c1">#\s*Alt text:\s*(.*?)</span>')
PNG = re.compile(r'<img {alt} class="([^"]*)" src="data:image/png;base64,([^"]+)"'
                 .format(alt=re.escape(NO_ALT)))


def png_size(data: str) -> tuple[int, int]:
    """Width and height from a base64 PNG's IHDR chunk."""
    head = base64.b64decode(data[:44])
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise PluginError("notebook image is not a PNG")
    return struct.unpack(">II", head[16:24])


def alt_text(html: str, end: int) -> str:
    """The ``# Alt text:`` comment of the last code cell before ``end``:
    the comment may run over several lines, each a comment of its own."""
    cell = html.rfind('<div class="jp-Cell ', 0, end)
    found = []
    for match in ALT_COMMENT.finditer(html, cell if cell >= 0 else 0, end):
        found = [match]                   # the last "Alt text" of the cell
    if not found:
        raise PluginError("a notebook plot has no '# Alt text:' comment in the "
                          "cell that draws it")
    text = [found[0].group(1)]
    pos = found[0].end()
    more = re.compile(r'\n<span class="c1">#\s*(.*?)</span>')
    while (line := more.match(html, pos, end)) and line.group(1).strip():
        text.append(line.group(1))
        pos = line.end()
    return htmllib.unescape(" ".join(t.strip() for t in text)).strip()


def describe_images(html: str) -> str:
    out, last = [], 0
    for match in PNG.finditer(html):
        w, h = png_size(match.group(2))
        alt = htmllib.escape(alt_text(html, match.start()), quote=True)
        out.append(html[last:match.start()])
        out.append(f'<img alt="{alt}" class="{match.group(1)}" width="{w}" '
                   f'height="{h}" src="data:image/png;base64,{match.group(2)}"')
        last = match.end()
    out.append(html[last:])
    return "".join(out)


def process(html: str) -> str:
    return lighten(focusable_code(describe_images(
        drop_unused_scripts(merge_streams(number_cells(html))))))


def on_page_content(html, page, **kwargs):
    if "jp-Notebook" not in html:
        return html
    folder = _cache.get("pages")
    if folder is None:
        return process(html)
    # purging ~600 KB of CSS takes a second: do it once per distinct page
    # keyed on this hook's code too: a change here must not serve old pages
    key = hashlib.sha256(html.encode() + Path(__file__).read_bytes()).hexdigest()[:24]
    cached = folder / f"{key}.html"
    if cached.exists():
        return cached.read_text("utf-8")
    result = process(html)
    folder.mkdir(parents=True, exist_ok=True)
    cached.write_text(result, "utf-8")
    return result
