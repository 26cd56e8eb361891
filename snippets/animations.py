"""Animations of a 1x1 convolution, written as animated SVG by this code.

Each animation is a list of frames over a static background. The SVG shows
one frame group at a time with SMIL ``<set>`` elements (so nothing slides,
and the browser works only when a frame changes), and reveals each output
number from the frame that computes it.
The same frames laid side by side make the still "strip" shown to readers
who ask for less motion. Plain strings, no randomness: same code, same bytes.

Why SVG rather than GIF: the text stays sharp at any zoom, a whole
animation weighs a few tens of KB, and it builds in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .conv import conv1x1_matmul, conv_output_size
from .figures import PALETTES

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"

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


def _num(v: float) -> str:
    """Coordinates without float noise: '12', '12.5'."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _esc(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;"))


@dataclass
class Scene:
    """SVG elements: a static background, then one list per frame, and
    output cells revealed from a given frame on."""

    width: int
    height: int
    p: dict
    background: list[str] = field(default_factory=list)
    frames: list[list[str]] = field(default_factory=list)
    reveals: list[tuple[int, str]] = field(default_factory=list)
    # highlight squares drawn once and moved frame by frame: (elements,
    # one (dx, dy) per frame); far smaller than redrawing them every frame
    movers: list[tuple[list[str], list[tuple[float, float]]]] = field(
        default_factory=list)

    def text(self, x, y, s, size=11, fill=None, anchor="middle",
             weight=None):
        wt = f' font-weight="{weight}"' if weight else ""
        return (f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" '
                f'fill="{fill or self.p["ink"]}" text-anchor="{anchor}"'
                f'{wt}>{_esc(s)}</text>')

    def line(self, x1, y1, x2, y2, stroke, sw=2):
        return (f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" '
                f'y2="{_num(y2)}" stroke="{stroke}" stroke-width="{sw}"/>')


def grid(scene: Scene, x0, y0, values, cell, label, skipped=None,
         reveal_from=None):
    """Draw a grid of numbers into the background; with ``reveal_from``
    (an array of frame numbers) each number appears only from its frame.

    Few elements, because a browser styles and lays out every element of
    an SVG image on the page's main thread: one rectangle and one path of
    lines per grid (a rectangle per cell only where it is hatched), and
    one ``<text>`` per row of one-character numbers, each character placed
    by its own ``x`` (SVG centres each on its x, as it would a text of its
    own)."""
    rows, cols = values.shape
    bg = scene.background
    bg.append(scene.text(x0 + cols * cell / 2, y0 - 5, label, size=10.5))
    width, height = cols * cell, rows * cell
    bg.append(f'<rect class="c" x="{_num(x0)}" y="{_num(y0)}" '
              f'width="{_num(width)}" height="{_num(height)}"/>')
    lines = "".join(f"M{_num(x0 + c * cell)} {_num(y0)}v{_num(height)}"
                    for c in range(1, cols))
    lines += "".join(f"M{_num(x0)} {_num(y0 + r * cell)}h{_num(width)}"
                     for r in range(1, rows))
    if lines:
        bg.append(f'<path class="l" d="{lines}"/>')
    size = f'width="{_num(cell)}" height="{_num(cell)}"'
    for r in range(rows):
        for c in range(cols):
            if skipped is not None and skipped[r, c]:
                bg.append(f'<rect class="h" x="{_num(x0 + c * cell)}" '
                          f'y="{_num(y0 + r * cell)}" {size}/>')
    for r in range(rows):
        y = _num(y0 + r * cell + cell / 2 + 3.8)
        if reveal_from is not None:
            for c in range(cols):
                scene.reveals.append((int(reveal_from[r, c]), (
                    f'<text class="n" x="{_num(x0 + c * cell + cell / 2)}" '
                    f'y="{y}">{values[r, c]:g}</text>')))
            continue
        for cls in ("n", "m"):
            cells = [c for c in range(cols)
                     if (skipped is not None and skipped[r, c]) == (cls == "m")]
            texts = [f"{values[r, c]:g}" for c in cells]
            xs = [_num(x0 + c * cell + cell / 2) for c in cells]
            if texts and all(len(t) == 1 for t in texts):
                bg.append(f'<text class="{cls}" x="{" ".join(xs)}" y="{y}">'
                          f'{"".join(texts)}</text>')
            else:
                bg.extend(f'<text class="{cls}" x="{x}" y="{y}">{t}</text>'
                          for x, t in zip(xs, texts))


def mark(scene: Scene, x0, y0, cell, r, c, colour="accent"):
    """A highlight square for one frame (styled by class: a small file)."""
    cls = "k" if colour == "accent" else "k2"
    return (f'<rect class="{cls}" x="{_num(x0 + c * cell)}" '
            f'y="{_num(y0 + r * cell)}" width="{_num(cell)}" '
            f'height="{_num(cell)}"/>')


def label(x, y, text, cls):
    """A centred line of text styled by a class of :func:`_classes`."""
    return f'<text class="{cls}" x="{_num(x)}" y="{_num(y)}">{_esc(text)}</text>'



def _classes(p: dict) -> str:
    """CSS for the grid cells and numbers, written once per file."""
    return (
        f"text{{font-family:{FONT}}}"
        f".c,.h,.l{{stroke:{p['line']};stroke-width:.6}}.c{{fill:{p['face']}}}"
        ".l{fill:none}"
        ".h{fill:url(#hatch)}"
        f".n,.m{{font-size:10px;text-anchor:middle}}.n{{fill:{p['ink']}}}"
        f".m{{fill:{p['muted']}}}"
        f".k,.k2{{fill:none;stroke-width:2.4}}.k{{stroke:{p['accent']}}}"
        f".k2{{stroke:{p['accent2']}}}"
        ".t,.q,.u,.v{text-anchor:middle;font-size:10.5px}"
        f".t{{fill:{p['accent2']}}}.q{{fill:{p['ink']}}}.u{{fill:{p['muted']}}}"
        f".v{{fill:{p['accent']};font-size:12px;font-weight:bold}}"
    )


def _defs(p: dict) -> str:
    """The hatch pattern that marks input cells a strided layer never reads."""
    return (
        '<defs><pattern id="hatch" width="5" height="5" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="5" height="5" fill="{p["face"]}"/>'
        f'<line x1="0" y1="0" x2="0" y2="5" stroke="{p["line"]}" '
        'stroke-width="1.4"/></pattern></defs>'
    )


def _seconds(ms: int) -> str:
    return _num(ms / 1000) + "s"


def _show(begin: str, *, dur: str = "", end: str = "", ident: str = "",
          to: str = "visible") -> str:
    """A SMIL ``<set>`` that switches its parent group's visibility."""
    attrs = f' id="{ident}"' if ident else ""
    attrs += f' attributeName="visibility" to="{to}" begin="{begin}"'
    attrs += f' dur="{dur}"' if dur else ""
    attrs += f' end="{end}"' if end else ""
    return f"<set{attrs}/>"


def to_svg(scene: Scene, frame_ms: int, hold: int = 5) -> str:
    """Serialise: frame k is visible during its slot; the last frame holds
    ``hold`` slots and is what shows with animation off.

    The timing is SMIL ``<set>``: frame k's set starts when frame k-1's
    ends and the first starts again when the last ends, so the file loops
    by itself. A ``<set>`` only wakes the browser when a frame changes,
    whereas CSS keyframes (even with ``steps``) restyle the image on every
    display refresh: measured in Chromium, about 80 ms of main-thread work
    per second against under 1 ms. So does a repeating ``<animate>``, even
    a discrete one: moving the highlight squares with one (instead of a
    ``<use>`` in every frame) cost 248 ms a second (make bench-animation)."""
    n = len(scene.frames)
    slot = _seconds(frame_ms)
    p = scene.p
    last = f"s{n - 1}"
    css = [
        _classes(p),
        # Opened on its own by a reader who asked for less motion: the last
        # frame, with every output number, and nothing moving. (Author
        # !important rules override SMIL-set values.)
        "@media (prefers-reduced-motion:reduce){"
        ".f{visibility:hidden!important}"
        ".f.last,.r{visibility:visible!important}}",
    ]
    defs = [_defs(p)[:-len("</defs>")]]
    for m, (items, _) in enumerate(scene.movers):
        defs.append(f'<g id="m{m}">' + "".join(items) + "</g>")
    defs.append("</defs>")
    body = []
    for k, items in enumerate(scene.frames):
        moved = "".join(
            f'<use href="#m{m}" x="{_num(moves[k][0])}" y="{_num(moves[k][1])}"/>'
            for m, (_, moves) in enumerate(scene.movers))
        if k < n - 1:
            begin = f"0s;{last}.end" if k == 0 else f"s{k - 1}.end"
            timing = _show(begin, dur=slot, ident=f"s{k}")
            body.append('<g class="f" visibility="hidden">' + timing
                        + moved + "".join(items) + "</g>")
        else:   # visible unless another frame is showing
            timing = (_show(f"s{k - 1}.end" if k else "0s",
                            dur=_seconds(hold * frame_ms), ident=last)
                      + (_show("s0.begin", dur=_seconds((n - 1) * frame_ms),
                               to="hidden") if n > 1 else ""))
            body.append('<g class="f last">' + timing + moved
                        + "".join(items) + "</g>")
    reveals: dict[int, list[str]] = {}
    for k, t in scene.reveals:
        reveals.setdefault(k, []).append(t)
    for k in sorted(reveals):
        body.append('<g class="r" visibility="hidden">'
                    + _show(f"s{k}.begin", end=f"{last}.end")
                    + "".join(reveals[k]) + "</g>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {scene.width} '
        f'{scene.height}" width="{scene.width}" height="{scene.height}">\n'
        f"<style>{''.join(css)}</style>\n{''.join(defs)}\n"
        f'<rect width="100%" height="100%" fill="{p["face"]}"/>'
        + "".join(scene.background) + "\n" + "\n".join(body) + "\n</svg>\n"
    )


# --- the three animations -------------------------------------------------------

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
    p = PALETTES[theme]
    scene = anim.scene(p)
    n = len(anim.strip_steps)
    rows = (n + 1) // 2
    # reveal numbers whose frame has come, per panel
    panels = []
    for k, step in enumerate(anim.strip_steps):
        dx, dy = (k % 2) * scene.width, (k // 2) * (scene.height + 24)
        shown = [t for frame, t in scene.reveals if frame <= step]
        moved = [f'<g transform="translate({_num(moves[step][0])} '
                 f'{_num(moves[step][1])})">' + "".join(items) + "</g>"
                 for items, moves in scene.movers]
        title = scene.text(dx + 10, dy + 16, f"frame {step + 1}", size=11,
                           fill=p["muted"], anchor="start")
        panels.append(
            f'<g transform="translate({dx} {dy + 24})">'
            + "".join(scene.background) + "".join(shown) + "".join(moved)
            + "".join(scene.frames[step]) + "</g>" + title)
    width, height = 2 * scene.width, rows * (scene.height + 24)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}">\n'
        f"<style>{_classes(p)}</style>\n"
        + _defs(p) + "\n"
        f'<rect width="100%" height="100%" fill="{p["face"]}"/>\n'
        + "\n".join(panels) + "\n</svg>\n"
    ).encode()


def registry() -> dict[str, Animation]:
    """Every animation of the site, by name."""
    return {a.name: a for a in animations()}


def file_names(name: str, theme: str) -> tuple[str, str]:
    """Files of an animation and of its still strip, in ``docs/figures``."""
    return f"{name}-{theme}.anim.svg", f"{name}-{theme}.strip.svg"
