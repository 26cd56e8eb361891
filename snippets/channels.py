"""Shrinking channels with 1x1 convolutions, and what pooling and stride do.

Backs ``docs/channels.md``: 200x200x50 with 20 filters, 28x28x192 to 32,
parameters and multiplications, pooling versus 1x1, a strided 1x1 as
subsampling, and why a stack of 1x1 layers sees one pixel.
"""

from __future__ import annotations

import functools

from .checks import checked_1x1
from .conv import check_size, conv_output_size
from .figures import Figure, draw_volume, pyplot
from .costs import LayerCount

BLOG = LayerCount(h=200, w=200, c_in=50, filters=20)
LECTURE = LayerCount(h=28, w=28, c_in=192, filters=32)


# --8<-- [start:strided]
import numpy as np


def conv1x1_strided(x, w, b=None, stride=2):
    """A 1x1 convolution with a stride: keep every stride-th row and column,
    then apply the 1x1 layer. x: (H, W, C_in); w: (C_in, C_out)."""
    kept = x[::stride, ::stride]         # (H_out, W_out, C_in)
    out = kept @ w                       # the 1x1 layer at every kept pixel
    return out if b is None else out + b
# --8<-- [end:strided]


_conv1x1_strided = checked_1x1(conv1x1_strided)


@functools.wraps(conv1x1_strided)
def conv1x1_strided(x, w, b=None, stride: int = 2):
    # the public form checks its input (the shown code above stays plain)
    return _conv1x1_strided(x, w, b, check_size(stride, "stride"))


def fraction_read(h: int, w: int, stride: int) -> float:
    """Share of the input positions a strided 1x1 convolution ever reads."""
    h, w = check_size(h, "h"), check_size(w, "w")
    read = conv_output_size(h, 1, stride) * conv_output_size(w, 1, stride)
    return read / (h * w)


def receptive_field(kernels, strides=None) -> int:
    """Input pixels (per side) one output pixel depends on, for a stack.

    kernels: kernel size of each layer; strides: each layer's stride
    (default 1). r = 1 + sum((k_i - 1) * product of earlier strides).
    """
    kernels = [check_size(k, "kernel size") for k in kernels]
    strides = [1] * len(kernels) if strides is None else [
        check_size(s, "stride") for s in strides]
    if len(strides) != len(kernels):
        raise ValueError(
            f"{len(kernels)} kernels but {len(strides)} strides"
        )
    field, jump = 1, 1
    for k, s in zip(kernels, strides):
        field += (k - 1) * jump
        jump *= s
    return field


def cost_table(layers=(BLOG, LECTURE)) -> str:
    """Markdown table: shapes, parameters and multiplications of 1x1 layers."""
    rows = ["| input | filters | output | weights | + biases | multiplications |",
            "|---|---:|---|---:|---:|---:|"]
    for layer in layers:
        out = "x".join(map(str, layer.output_shape))
        rows.append(
            f"| {layer.h}x{layer.w}x{layer.c_in} | {layer.filters} | {out} "
            f"| {layer.c_in} x {layer.filters} = {layer.weights:,} "
            f"| {layer.params:,} | {layer.positions:,} x {layer.weights:,} = "
            f"{layer.multiplications:,} |")
    return "\n".join(rows)


def facts() -> dict[str, str]:
    pooled = conv_output_size(LECTURE.h, 2, 2)
    strided = conv_output_size(LECTURE.h, 1, 2)
    share = fraction_read(LECTURE.h, LECTURE.w, 2)
    return {
        "channels.cost_table": cost_table(),
        "channels.blog_out": "x".join(map(str, BLOG.output_shape)),
        "channels.blog_positions": f"{BLOG.positions:,}",
        "channels.blog_weights": f"{BLOG.weights:,}",
        "channels.blog_mults": f"{BLOG.multiplications:,}",
        "channels.lecture_weights": f"{LECTURE.weights:,}",
        "channels.lecture_params": f"{LECTURE.params:,}",
        "channels.lecture_out": "x".join(map(str, LECTURE.output_shape)),
        "channels.blog_ratio": f"{BLOG.c_in / BLOG.filters:g}",
        "channels.lecture_ratio": f"{LECTURE.c_in / LECTURE.filters:g}",
        "channels.pooled": f"{pooled}x{pooled}x{LECTURE.c_in}",
        "channels.strided": f"{strided}x{strided}x{LECTURE.filters}",
        "channels.read_percent": f"{share:.0%}",
        "channels.unread_percent": f"{1 - share:.0%}",
        "channels.rf_three_1x1": f"{receptive_field([1, 1, 1])}",
        "channels.rf_3x3_then_1x1": f"{receptive_field([3, 1, 1])}",
    }


# --- figures ----------------------------------------------------------------

def fig_shrink(p: dict):
    """Pooling shrinks height and width; a 1x1 convolution shrinks depth."""
    plt = pyplot()
    from matplotlib.patches import FancyArrowPatch

    fig, ax = plt.subplots(figsize=(8.4, 3.4))
    ax.set_xlim(0, 25)
    ax.set_ylim(-1.6, 6.4)
    ax.set_aspect("equal")
    ax.axis("off")
    h, c, f = LECTURE.h, LECTURE.c_in, LECTURE.filters
    pooled = conv_output_size(h, 2, 2)
    right, mid = draw_volume(ax, 9.5, 0.6, h, h, c, p, f"{h}x{h}x{c}",
                             colour="fill", edge="accent")

    def arrow(a, b, text, colour):
        ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=12,
                                     color=p[colour], lw=1.4))
        ax.text((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 0.3, text,
                ha="center", va="bottom", color=p["ink"], fontsize=8.5)

    draw_volume(ax, 0.2, mid - pooled * 0.06, pooled, pooled, c, p,
                f"{pooled}x{pooled}x{c}", colour="fill2", edge="accent2")
    arrow((9.2, mid), (5.0, mid), "2x2 max pool:\nH and W halve", "accent2")
    draw_volume(ax, 19.6, 0.6, h, h, f, p, f"{h}x{h}x{f}",
                colour="fill2", edge="accent2")
    arrow((right + 0.3, mid), (19.3, mid), f"{f} 1x1 filters:\nC shrinks",
          "accent2")
    return fig


def fig_stride(p: dict):
    """Which positions a stride-2 1x1 convolution reads on a 6x6 input."""
    plt = pyplot()
    from matplotlib.patches import Rectangle

    n = 6
    fig, ax = plt.subplots(figsize=(5.6, 3.2))
    ax.set_xlim(-0.2, 11.8)
    ax.set_ylim(-1.4, 6.6)
    ax.set_aspect("equal")
    ax.axis("off")
    for r in range(n):
        for c in range(n):
            read = r % 2 == 0 and c % 2 == 0
            ax.add_patch(Rectangle((c, n - 1 - r), 1, 1,
                                   facecolor=p["fill"] if read else p["face"],
                                   edgecolor=p["accent"] if read else p["line"],
                                   lw=1.4 if read else 0.6,
                                   hatch=None if read else "///"))
    ax.text(3, -0.4, "6x6 input: read (filled) and never read (hatched)",
            ha="center", va="top", color=p["ink"], fontsize=8.5)
    m = conv_output_size(n, 1, 2)
    for r in range(m):
        for c in range(m):
            ax.add_patch(Rectangle((8 + c, 1.5 + m - 1 - r), 1, 1,
                                   facecolor=p["fill2"], edgecolor=p["accent2"],
                                   lw=1.2))
    ax.text(9.5, 1.1, f"{m}x{m} output", ha="center", va="top",
            color=p["ink"], fontsize=8.5)
    return fig


def figures() -> list[Figure]:
    h, c, f = LECTURE.h, LECTURE.c_in, LECTURE.filters
    pooled = conv_output_size(h, 2, 2)
    share = fraction_read(6, 6, 2)
    return [
        Figure(
            name="shrink",
            draw=fig_shrink,
            alt=(f"Three boxes. In the middle a {h}x{h}x{c} volume. An arrow "
                 f"to the left, labelled 2x2 max pool, leads to a smaller "
                 f"{pooled}x{pooled}x{c} box: height and width halve, depth "
                 f"stays. An arrow to the right, labelled {f} 1x1 filters, "
                 f"leads to a thin {h}x{h}x{f} box: same height and width, "
                 "much less depth."),
            caption="Pooling shrinks height and width; 1x1 filters shrink depth.",
        ),
        Figure(
            name="stride",
            draw=fig_stride,
            alt=("A 6 by 6 grid in which every other cell of every other row "
                 f"is filled ({share:.0%} of the cells); the rest are hatched, "
                 "never read. Beside it the 3 by 3 output of a stride-2 1x1 "
                 "convolution, one cell per filled input cell."),
            caption=(f"A stride-2 1x1 convolution reads {share:.0%} of the "
                     "positions and never looks at the others."),
        ),
    ]
