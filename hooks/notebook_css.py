"""The CSS of the notebook pages: one shared, purged stylesheet.

mkdocs-jupyter puts about 590 KB of JupyterLab CSS inside every notebook
page, in ``<style>`` blocks, so no two pages could share it from the
browser's cache. :class:`SharedSheet` takes those blocks out of each page,
keeps only the rules (and the custom properties they use) that can match
something on one of the notebook pages, and writes the result once, as
``assets/stylesheets/notebook.<hash>.css``; each notebook page links it
after the site's own stylesheets, where the blocks used to stand in the
cascade. The hash in the name changes with the content, so a browser never
keeps a stale copy.

Used by ``hooks/notebook_pages.py``; a module of its own so the purge can
be read and tested apart from the page clean-up.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import tinycss2

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

# Our own rules, after JupyterLab's: a plot drawn as inline SVG scales down
# with the column, as an <img> does.
OWN_RULES = ".jp-RenderedSVG svg{max-width:100%;height:auto}"


def take_styles(html: str) -> tuple[str, list[str]]:
    """The page without its ``<style>`` blocks, and the blocks' CSS."""
    return STYLE.sub("", html), [m.group(2) for m in STYLE.finditer(html)]


def lighten(html: str) -> str:
    """Purge every inline stylesheet of one page against that page (kept
    for a page that cannot link the shared sheet)."""
    body, sheets = take_styles(html)
    purged = iter(purge_css(sheets, body))
    return STYLE.sub(lambda m: m.group(1) + next(purged) + m.group(3), html)


class SharedSheet:
    """Collects the notebook pages' stylesheets and the names their content
    uses; :meth:`write` purges them once against all the pages together."""

    def __init__(self, cache: Path | None = None):
        self.sheets: list[str] = []          # distinct sheets, in page order
        self.pages: list[str] = []           # each page's content, unstyled
        self.cache = cache
        self.name: str | None = None

    def add(self, html: str) -> str:
        """Record a page's sheets; return the page without them."""
        body, sheets = take_styles(html)
        self.sheets.extend(s for s in sheets if s not in self.sheets)
        self.pages.append(body)
        return body

    def css(self) -> str:
        """The purged union, with our own rules last. Purging takes about a
        second, so the result is cached by what it is made of."""
        key = hashlib.sha256("\0".join(
            self.sheets + sorted(set(self.pages))
            + [Path(__file__).read_text("utf-8")]).encode()).hexdigest()[:24]
        cached = self.cache / f"{key}.css" if self.cache else None
        if cached is not None and cached.exists():
            return cached.read_text("utf-8")
        css = "".join(purge_css(self.sheets, "\n".join(self.pages))) + OWN_RULES
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(css, "utf-8")
        return css

    def write(self, site_dir: Path) -> str:
        """Write the sheet into ``site_dir``; return its path in the site."""
        css = self.css()
        digest = hashlib.sha256(css.encode()).hexdigest()[:8]
        self.name = f"assets/stylesheets/notebook.{digest}.css"
        path = Path(site_dir) / self.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(css, "utf-8")
        return self.name
