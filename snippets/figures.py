"""Shared drawing rules: two palettes, deterministic SVG, the figure registry.

Every figure is drawn twice, once per palette, and saved as SVG whose bytes
depend only on the code: matplotlib's random ids are salted with a constant,
the date is left out and text is stored as paths (no font lookup when shown).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Callable

import matplotlib

matplotlib.use("Agg")  # no display needed, ever

import matplotlib.pyplot as plt  # noqa: E402

# Colours chosen to keep at least 4.5:1 contrast on Material's light
# (white) and dark ("slate", #1e2129) backgrounds.
PALETTES = {
    "light": {
        "ink": "#1f2328",
        "muted": "#57606a",
        "line": "#8c959f",
        "face": "#ffffff",
        "cell": "#dde3ea",
        "accent": "#c2410c",
        "accent2": "#1d4ed8",
        "fill": "#fde2cf",
        "fill2": "#dbe6fd",
    },
    "dark": {
        "ink": "#e6edf3",
        "muted": "#b1bac4",
        "line": "#6e7681",
        "face": "#1e2129",
        "cell": "#3a404c",
        "accent": "#fb923c",
        "accent2": "#7aa2ff",
        "fill": "#5a2e12",
        "fill2": "#1f3266",
    },
}
THEMES = tuple(PALETTES)


@dataclass(frozen=True)
class Figure:
    """A figure of the site: the function that draws it and its words."""

    name: str
    draw: Callable[[dict], "matplotlib.figure.Figure"]
    alt: str
    caption: str


def save_svg(fig) -> bytes:
    """Serialise a matplotlib figure to SVG bytes that never change."""
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "one-by-one",
                                "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None},
                    transparent=True, bbox_inches="tight", pad_inches=0.04)
    plt.close(fig)
    return buf.getvalue()


def render(figure: Figure, theme: str) -> bytes:
    """Draw ``figure`` in palette ``theme`` ('light' or 'dark') as SVG bytes."""
    if theme not in PALETTES:
        raise ValueError(
            f"theme must be one of {', '.join(THEMES)}, got {theme!r}"
        )
    with plt.rc_context({"font.family": "DejaVu Sans", "font.size": 10}):
        return save_svg(figure.draw(PALETTES[theme]))


def registry() -> dict[str, Figure]:
    """Every figure of the site, by name (imported lazily: no work at import)."""
    from . import positions

    figures = [*positions.figures()]
    return {f.name: f for f in figures}


def file_name(name: str, theme: str) -> str:
    """The file a figure is written to, relative to ``docs/figures``."""
    return f"{name}-{theme}.svg"
