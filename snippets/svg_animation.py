"""Animated SVG, written as plain strings: a scene of frames over a static
background, played with SMIL ``<set>`` elements, and the same frames laid
side by side as a still strip.

The SVG shows one frame group at a time (so nothing slides, and the browser
works only when a frame changes) and reveals each output number from the
frame that computes it. Nothing here knows about convolutions: the site's
animations are drawn with it in :mod:`snippets.animations`. No randomness:
same scene, same bytes.

Why SVG rather than GIF: the text stays sharp at any zoom, a whole
animation weighs a few tens of KB, and it builds in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"

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




def strip_svg(scene: Scene, steps: tuple[int, ...]) -> str:
    """A still SVG: the frames ``steps`` of ``scene``, two per row, each
    numbered, with the numbers revealed by then and the squares where they
    stand at that frame."""
    p = scene.p
    rows = (len(steps) + 1) // 2
    panels = []
    for k, step in enumerate(steps):
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
    )
