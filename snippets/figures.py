"""Shared drawing rules: two palettes, deterministic SVG, the figure registry.

Every figure is drawn twice, once per palette, and saved as SVG whose bytes
depend only on the code: matplotlib's random ids are salted with a constant,
the date is left out and text is stored as paths (no font lookup when shown).
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from typing import Callable



def pyplot():
    """matplotlib.pyplot on the Agg backend, imported on first use (it takes
    about a second, which a build that draws nothing should not pay)."""
    import matplotlib

    matplotlib.use("Agg")  # no display needed, ever
    import matplotlib.pyplot as plt

    return plt

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
    draw: Callable[[dict], object]       # palette -> matplotlib Figure
    alt: str
    caption: str
    # photographs: store their pixels as JPEG of this quality inside the SVG
    # (matplotlib embeds PNG, several times larger for a photo)
    jpeg_quality: int | None = None


def save_svg(fig) -> bytes:
    """Serialise a matplotlib figure to SVG bytes that never change."""
    plt = pyplot()
    buf = io.BytesIO()
    with plt.rc_context({"svg.hashsalt": "one-by-one",
                                "svg.fonttype": "none"}):
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
    plt = pyplot()
    with plt.rc_context({"font.family": "DejaVu Sans", "font.size": 10}):
        svg = save_svg(figure.draw(PALETTES[theme]))
    if figure.jpeg_quality is not None:
        svg = png_to_jpeg(svg, figure.jpeg_quality)
    return svg


EMBEDDED_PNG = re.compile(rb"data:image/png;base64,([A-Za-z0-9+/=\s]+)")


def png_to_jpeg(svg: bytes, quality: int) -> bytes:
    """Re-encode every PNG embedded in ``svg`` as a JPEG of ``quality``
    (1-95): same pixels to the eye, a fraction of the bytes for a photo.
    Pillow writes no date or software name, so the bytes stay the same
    from build to build."""
    if isinstance(quality, bool) or not isinstance(quality, int):
        raise TypeError(f"quality must be an integer, got {quality!r}")
    if not 1 <= quality <= 95:
        raise ValueError(f"quality must be between 1 and 95, got {quality}")
    from PIL import Image

    def convert(match) -> bytes:
        data = base64.b64decode(b"".join(match.group(1).split()))
        image = Image.open(io.BytesIO(data))
        grey = image.mode in ("L", "LA") or (
            image.mode in ("RGB", "RGBA")
            and _all_grey(image.convert("RGB")))
        image = image.convert("L" if grey else "RGB")
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=quality, optimize=False)
        return b"data:image/jpeg;base64," + base64.b64encode(out.getvalue())

    return EMBEDDED_PNG.sub(convert, svg)


def _all_grey(image) -> bool:
    r, g, b = image.split()
    return r.tobytes() == g.tobytes() == b.tobytes()


def registry() -> dict[str, Figure]:
    """Every figure of the site, by name (imported lazily: no work at import)."""
    import importlib

    from .facts import PAGE_MODULES

    found: dict[str, Figure] = {}
    for module_name in PAGE_MODULES:
        module = importlib.import_module(f"{__package__}.{module_name}")
        for figure in module.figures():
            if figure.name in found:
                raise ValueError(f"figure {figure.name!r} is defined twice")
            found[figure.name] = figure
    return found


def source_digest() -> str:
    """A hash of every module of this package: figures, animations and
    notebooks only need redrawing or re-running when it changes."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_name(name: str, theme: str) -> str:
    """The file a figure is written to, relative to ``docs/figures``."""
    return f"{name}-{theme}.svg"


def draw_volume(ax, x, y, h, w, c, p, label, scale=0.12, depth_scale=0.02,
                colour="cell", edge="line"):
    """Draw an H x W x C volume as an oblique box with its front face at (x, y).

    Height and width are drawn at ``scale`` per pixel, depth at
    ``depth_scale`` per channel, so boxes of one figure compare by size.
    """
    from matplotlib.patches import Polygon

    fh, fw, d = h * scale, w * scale, c * depth_scale
    dx, dy = d * 0.7, d * 0.5
    face, line = p[colour], p[edge]
    ax.add_patch(Polygon([(x, y), (x + fw, y), (x + fw, y + fh), (x, y + fh)],
                         closed=True, facecolor=face, edgecolor=line, lw=1))
    ax.add_patch(Polygon([(x, y + fh), (x + fw, y + fh),
                          (x + fw + dx, y + fh + dy), (x + dx, y + fh + dy)],
                         closed=True, facecolor=face, edgecolor=line, lw=1))
    ax.add_patch(Polygon([(x + fw, y), (x + fw + dx, y + dy),
                          (x + fw + dx, y + fh + dy), (x + fw, y + fh)],
                         closed=True, facecolor=face, edgecolor=line, lw=1))
    ax.text(x + (fw + dx) / 2, y - 0.5, label, ha="center", va="top",
            color=p["ink"], fontsize=9)
    return x + fw + dx, y + fh / 2


def style_chart(ax, p: dict, legend: dict | None = None) -> None:
    """The site's look for a chart with axes: palette colours, no top and
    right frame, a transparent face and, if asked, a frameless legend."""
    ax.tick_params(colors=p["muted"], which="both")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(p["line"])
    ax.set_facecolor("none")
    if legend is not None:
        box = ax.legend(frameon=False, **legend)
        for text in box.get_texts():
            text.set_color(p["ink"])
