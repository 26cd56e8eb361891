"""The site's three animations of a 1x1 convolution, and their words.

Each is a :class:`~snippets.svg_animation.Scene` drawn from the 6x6x4
example below (or the blog's 7x7 picture) in a palette of
:mod:`snippets.figures`; :mod:`snippets.svg_animation` writes it as an
animated SVG and as the still strip shown to readers who ask for less
motion. ``hooks/build_figures.py`` writes them into ``docs/figures`` and
``hooks/page_facts.py`` puts them on the pages, by name (:func:`registry`,
:func:`file_names`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .conv import conv1x1_matmul
from .costs import conv_output_size
from .figures import PALETTES
from .svg_animation import Scene, grid, label, mark, strip_svg, to_svg

# The example: a 6x6x4 input of small integers and three 1x1x4 filters, so
# every dot product can be read off the frame.
H = W = 6
C_IN, C_OUT = 4, 3


def example():
    """Input ``(6, 6, 4)`` of digits 0..3 and weights ``(4, 3)`` in -1..2."""
    rng = np.random.default_rng(11)
    x = rng.integers(0, 4, size=(H, W, C_IN))
    w = np.array([[1, 0, -1], [2, 1, 0], [0, -1, 1], [1, 1, 2]])
    return x, w



def conv_scene(p: dict, stride: int) -> Scene:
    """A 1x1 conv on the 6x6x4 example with ``stride``, one frame per
    visited position plus a final frame."""
    x, w = example()
    y = conv1x1_matmul(x, w)[::stride, ::stride]            # (H', W', 3)
    rows = conv_output_size(H, 1, stride)
    cols = conv_output_size(W, 1, stride)
    scene = Scene(720, 320, p)
    cell_in = 18
    in_xy = [(12 + (k % 2) * 122, 30 + (k // 2) * 138) for k in range(C_IN)]
    skipped = None
    if stride > 1:
        skipped = np.ones((H, W), bool)
        skipped[::stride, ::stride] = False
    for k, (gx, gy) in enumerate(in_xy):
        grid(scene, gx, gy, x[:, :, k], cell_in, f"input channel {k + 1}",
             skipped=skipped)
    cell_out = 108 / max(rows, cols) if stride > 1 else 16
    out_xy = [(488 + (k % 2) * 118, 30 + (k // 2) * 138) for k in range(C_OUT)]
    order = np.arange(rows * cols).reshape(rows, cols)
    for f, (gx, gy) in enumerate(out_xy):
        grid(scene, gx, gy, y[:, :, f], cell_out, f"output channel {f + 1}",
             reveal_from=order)
    shape = f"{H}x{W}x{C_IN} → {rows}x{cols}x{C_OUT}"
    if stride > 1:
        shape += f", stride {stride}"
    scene.background.append(scene.text(360, 310, shape, size=11))
    steps = [divmod(step, cols) for step in range(rows * cols)]
    steps.append(steps[-1])                      # the final frame stays put
    scene.movers.append(([mark(scene, gx, gy, cell_in, 0, 0)
                          for gx, gy in in_xy],
                         [(c * stride * cell_in, r * stride * cell_in)
                          for r, c in steps]))
    scene.movers.append(([mark(scene, gx, gy, cell_out, 0, 0, "accent2")
                          for gx, gy in out_xy],
                         [(c * cell_out, r * cell_out) for r, c in steps]))
    for step in range(rows * cols):
        r, c = divmod(step, cols)
        i, j = r * stride, c * stride
        items = [label(360, 40, f"position ({i + 1}, {j + 1})", "v")]
        column = x[i, j]
        items.append(label(360, 58, "channel values ("
                           + ", ".join(f"{v}" for v in column) + ")", "u"))
        for f in range(C_OUT):
            terms = " + ".join(f"{a}·{b:g}" if b >= 0 else f"{a}·({b:g})"
                               for a, b in zip(column, w[:, f]))
            items.append(label(360, 84 + f * 62, f"filter {f + 1}", "t"))
            items.append(label(360, 102 + f * 62,
                               f"{terms} = {column @ w[:, f]:g}", "q"))
        scene.frames.append(items)
    done = [scene.text(360, 140, f"all {rows * cols} positions done", size=12,
                       fill=p["accent"], weight="bold"),
            scene.text(360, 160, "the output keeps one cell per position",
                       size=10.5)]
    scene.frames.append(done)
    return scene


def blog_fix_scene(p: dict) -> Scene:
    """The blog's 7x7 -> 5x5 '1x1' picture beside the correct 7x7 -> 7x7."""
    n, wrong = 7, 5
    values = (np.arange(n * n).reshape(n, n) * 7) % 10      # (7, 7) digits
    out = values * 2                                        # a 1x1 filter of 2
    scene = Scene(720, 230, p)
    cell = 20
    left_in, left_out = (10, 36), (170, 56)  # the 5x5 drawn level with rows 2-6
    right_in, right_out = (380, 36), (545, 36)
    grid(scene, *left_in, values, cell, "as drawn: 7x7 input")
    grid(scene, *left_out, out[1:6, 1:6], cell, "5x5 output: wrong",
         reveal_from=np.arange(wrong * wrong).reshape(wrong, wrong))
    grid(scene, *right_in, values, cell, "correct: 7x7 input")
    grid(scene, *right_out, out, cell, "7x7 output",
         reveal_from=np.arange(n * n).reshape(n, n))
    x0, y0 = left_out
    scene.background.append(scene.line(x0, y0, x0 + 100, y0 + 100,
                                       p["accent"], 2))
    scene.background.append(scene.line(x0, y0 + 100, x0 + 100, y0,
                                       p["accent"], 2))
    scene.background.append(scene.text(
        360, 222, "a 1x1 filter of value 2, stride 1: the output keeps the "
        "input's height and width", size=11))
    left = [divmod(min(step, wrong * wrong - 1), wrong) for step in range(n * n)]
    right = [divmod(step, n) for step in range(n * n)]
    scene.movers.append(([mark(scene, *left_in, cell, 1, 1),
                          mark(scene, *left_out, cell, 0, 0, "accent2")],
                         [(c * cell, r * cell) for r, c in left]))
    scene.movers.append(([mark(scene, *right_in, cell, 0, 0),
                          mark(scene, *right_out, cell, 0, 0, "accent2")],
                         [(c * cell, r * cell) for r, c in right]))
    scene.frames.extend([] for _ in range(n * n))   # only the squares move
    return scene


@dataclass(frozen=True)
class Animation:
    """An animation of the site: how to build its scene, and its words."""

    name: str
    scene: Callable[[dict], Scene]
    strip_steps: tuple[int, ...]
    alt: str
    caption: str
    frame_ms: int = 700


def animations() -> list[Animation]:
    s1 = H * W
    s2 = conv_output_size(H, 1, 2) * conv_output_size(W, 1, 2)
    return [
        Animation(
            name="conv1x1",
            scene=lambda p: conv_scene(p, 1),
            strip_steps=(0, 1, W, s1 - 1),
            alt=(f"Animation: four 6x6 input channels with one position "
                 f"outlined, moving across all {s1} positions row by row. "
                 "At each position the four channel values are multiplied "
                 "by each of three filters and summed, and the three sums "
                 "fill the same position of three 6x6 output channels."),
            caption=(f"A 1x1 convolution, 6x6x4 to 6x6x3 (no bias or ReLU, "
                     f"to keep the numbers readable): one dot product per "
                     f"filter at each of the {s1} positions."),
        ),
        Animation(
            name="conv1x1-stride2",
            scene=lambda p: conv_scene(p, 2),
            strip_steps=(0, 1, 3, s2 - 1),
            alt=(f"Animation: the same 6x6x4 input, but the outline jumps "
                 f"two cells at a time and visits only {s2} positions; the "
                 "cells it skips are hatched. The output is 3x3x3."),
            caption=(f"With stride 2 the 1x1 convolution visits {s2} of "
                     f"{s1} positions; the hatched ones are never read."),
        ),
        Animation(
            name="blog-fix",
            scene=blog_fix_scene,
            strip_steps=(0, 8, 30, 48),
            frame_ms=450,
            alt=("Animation in two panels. Left, crossed out: the blog's "
                 "drawing, a 7x7 input whose outline only visits the inner "
                 "5x5 cells, giving a 5x5 output. Right: the correct 1x1 "
                 "convolution visits all 49 cells and gives a 7x7 output."),
            caption=("The blog's 1x1 animation (7x7 to 5x5, crossed out) "
                     "against the correct 1x1 convolution, 7x7 to 7x7."),
        ),
    ]


def render_svg(anim: Animation, theme: str) -> bytes:
    """The animated SVG in palette ``theme``."""
    if theme not in PALETTES:
        raise ValueError(f"theme must be one of light, dark, got {theme!r}")
    return to_svg(anim.scene(PALETTES[theme]), anim.frame_ms).encode()


def render_strip(anim: Animation, theme: str) -> bytes:
    """A still SVG: the frames ``strip_steps`` two per row, numbered."""
    if theme not in PALETTES:
        raise ValueError(f"theme must be one of light, dark, got {theme!r}")
    return strip_svg(anim.scene(PALETTES[theme]), anim.strip_steps).encode()


def registry() -> dict[str, Animation]:
    """Every animation of the site, by name."""
    return {a.name: a for a in animations()}


def file_names(name: str, theme: str) -> tuple[str, str]:
    """Files of an animation and of its still strip, in ``docs/figures``."""
    return f"{name}-{theme}.anim.svg", f"{name}-{theme}.strip.svg"
