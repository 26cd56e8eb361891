"""MkDocs hook: fill ``{{ name }}`` and ``{{ figure:name }}`` in pages.

Numbers and tables come from ``snippets.facts``; figures from
``snippets.figures`` (both palettes, alt text and caption from the
registry). An unknown name fails the build, so prose cannot cite a number
the code does not compute.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

PLACEHOLDER = re.compile(
    r"\{\{\s*(figure:|animation:)?([a-z][a-z0-9_.-]*)\s*\}\}")

_cache: dict = {}


SIZE = re.compile(r'<svg[^>]*?width="([\d.]+)(pt|px)?"[^>]*?height="([\d.]+)(pt|px)?"', re.S)


def svg_size(path: Path) -> tuple[int, int] | None:
    """Width and height in CSS pixels of an SVG file, from its root element
    (so the browser reserves the space before the image arrives)."""
    if not path.exists():
        return None
    match = SIZE.search(path.read_text("utf-8")[:2000])
    if not match:
        return None
    scale = 4 / 3 if match.group(2) == "pt" else 1
    return (round(float(match.group(1)) * scale),
            round(float(match.group(3)) * scale))


def on_pre_build(config, **kwargs):
    facts = importlib.import_module("snippets.facts")
    figures = importlib.import_module("snippets.figures")
    animations = importlib.import_module("snippets.animations")
    _cache["facts"] = facts.all_facts()
    _cache["animations"] = animations.registry()
    _cache["anim_files"] = animations.file_names
    _cache["figures_dir"] = Path(config.docs_dir) / "figures" if config else None
    _cache["figures"] = figures.registry()
    _cache["file_name"] = figures.file_name


def size_attributes(file: str, markdown: bool) -> str:
    folder = _cache.get("figures_dir")
    size = svg_size(folder / file) if folder else None
    if size is None:
        return ""
    return (f" width={size[0]} height={size[1]}" if markdown
            else f' width="{size[0]}" height="{size[1]}"')


def figure_markup(name: str, figure) -> str:
    light = _cache["file_name"](name, "light")
    dark = _cache["file_name"](name, "dark")
    alt = figure.alt.replace('"', "&quot;")
    return (
        f'<figure class="obo-figure" id="fig-{name}" markdown="span">\n'
        f'![{alt}](figures/{light}#only-light){{ loading=lazy'
        f'{size_attributes(light, True)} }}\n'
        f'![{alt}](figures/{dark}#only-dark){{ loading=lazy'
        f'{size_attributes(dark, True)} }}\n'
        f"<figcaption>{figure.caption}</figcaption>\n"
        "</figure>"
    )


def animation_markup(name: str, anim, prefix: str) -> str:
    """Both palettes; a still strip of frames for reduced motion."""
    alt = anim.alt.replace('"', "&quot;")
    parts = []
    for theme in ("light", "dark"):
        moving, still = _cache["anim_files"](name, theme)
        parts.append(
            "<picture>"
            '<source media="(prefers-reduced-motion: reduce)" '
            f'srcset="{prefix}figures/{still}">'
            f'<img src="{prefix}figures/{moving}#only-{theme}" alt="{alt}" '
            f'loading="lazy"{size_attributes(moving, False)}></picture>')
    return (f'<figure class="obo-figure obo-animation" id="anim-{name}">\n'
            + "\n".join(parts)
            + f"\n<figcaption>{anim.caption}</figcaption>\n</figure>")


def on_page_markdown(markdown, page, config, files, **kwargs):
    depth = page.file.src_uri.count("/")
    prefix = "../" * depth
    # raw HTML is not rewritten by MkDocs: make it relative to the page URL
    url_prefix = "../" * page.url.count("/")

    def fill(match):
        kind, name = match.group(1), match.group(2)
        if kind == "animation:":
            anim = _cache["animations"].get(name)
            if anim is None:
                raise PluginError(f"{page.file.src_uri}: unknown animation {name!r}")
            return animation_markup(name, anim, url_prefix)
        if kind == "figure:":
            figure = _cache["figures"].get(name)
            if figure is None:
                raise PluginError(f"{page.file.src_uri}: unknown figure {name!r}")
            return figure_markup(name, figure).replace(
                "](figures/", f"]({prefix}figures/")
        if name not in _cache["facts"]:
            raise PluginError(f"{page.file.src_uri}: unknown fact {name!r}")
        return _cache["facts"][name]

    return PLACEHOLDER.sub(fill, markdown)
