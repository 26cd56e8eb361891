"""MkDocs hook: fill ``{{ name }}`` and ``{{ figure:name }}`` in pages.

Numbers and tables come from ``snippets.facts``; figures from
``snippets.figures`` (both palettes, alt text and caption from the
registry). An unknown name fails the build, so prose cannot cite a number
the code does not compute.
"""

from __future__ import annotations

import importlib
import re

from mkdocs.exceptions import PluginError

PLACEHOLDER = re.compile(r"\{\{\s*(figure:)?([a-z][a-z0-9_.-]*)\s*\}\}")

_cache: dict = {}


def on_pre_build(config, **kwargs):
    facts = importlib.import_module("snippets.facts")
    figures = importlib.import_module("snippets.figures")
    _cache["facts"] = facts.all_facts()
    _cache["figures"] = figures.registry()
    _cache["file_name"] = figures.file_name


def figure_markup(name: str, figure) -> str:
    light = _cache["file_name"](name, "light")
    dark = _cache["file_name"](name, "dark")
    alt = figure.alt.replace('"', "&quot;")
    return (
        f'<figure class="obo-figure" id="fig-{name}" markdown="span">\n'
        f'![{alt}](figures/{light}#only-light){{ loading=lazy }}\n'
        f'![{alt}](figures/{dark}#only-dark){{ loading=lazy }}\n'
        f"<figcaption>{figure.caption}</figcaption>\n"
        "</figure>"
    )


def on_page_markdown(markdown, page, config, files, **kwargs):
    depth = page.file.src_uri.count("/")
    prefix = "../" * depth

    def fill(match):
        is_figure, name = match.group(1), match.group(2)
        if is_figure:
            figure = _cache["figures"].get(name)
            if figure is None:
                raise PluginError(f"{page.file.src_uri}: unknown figure {name!r}")
            return figure_markup(name, figure).replace(
                "](figures/", f"]({prefix}figures/")
        if name not in _cache["facts"]:
            raise PluginError(f"{page.file.src_uri}: unknown fact {name!r}")
        return _cache["facts"][name]

    return PLACEHOLDER.sub(fill, markdown)
