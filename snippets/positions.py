"""How many positions a 1x1 convolution visits, and what runs at each one.

Backs ``docs/positions.md``: the lecture's 6x6x32 example, the forum
mentor's 6x6x5 with 4 filters, and a table of other shapes.
"""

from __future__ import annotations

import numpy as np

from .conv import check_size, conv_output_size
from .costs import LayerCount
from .figures import Figure, pyplot

# The lecture's volume and the forum mentor's smaller example.
LECTURE = {"h": 6, "w": 6, "c_in": 32}
FORUM = {"h": 6, "w": 6, "c_in": 5, "filters": 4}
TABLE_SHAPES = ((6, 6, 32), (7, 7, 3), (28, 28, 192), (200, 200, 50))


def positions(h: int, w: int, kernel: int = 1, stride: int = 1,
              padding: str | int = "valid") -> int:
    """Number of positions a (kernel x kernel) filter is applied at.

    For a 1x1 kernel with stride 1 this is simply ``h * w``.
    """
    return (conv_output_size(h, kernel, stride, padding)
            * conv_output_size(w, kernel, stride, padding))


def forum_layer() -> LayerCount:
    """The forum mentor's example: 6x6x5 input, four 1x1 filters."""
    return LayerCount(**FORUM)


def positions_table(shapes=TABLE_SHAPES) -> str:
    """Markdown table: positions and inputs per position for some volumes."""
    rows = [
        "| input volume | positions (H x W) | numbers fed in at each position |",
        "|---|---:|---:|",
    ]
    for h, w, c in shapes:
        rows.append(f"| {h}x{w}x{c} | {h} x {w} = {positions(h, w):,} "
                    f"| {c} |")
    return "\n".join(rows)


def slide_counts(filters: int | None = None) -> list[tuple[str, int]]:
    """Every count the lecture's 6x6x32 slide offers; none of them is 62."""
    h, w, c = LECTURE["h"], LECTURE["w"], LECTURE["c_in"]
    counts = [
        ("height", h),
        ("width", w),
        ("channels: numbers fed in at each position", c),
        ("positions: H x W", positions(h, w)),
        ("numbers in the whole volume: H x W x C", h * w * c),
    ]
    if filters is not None:
        check_size(filters, "filters")
        counts.append(("weights of the layer: C x filters", c * filters))
    return counts


def slide_counts_table() -> str:
    """Markdown table of :func:`slide_counts`."""
    rows = ["| what the number counts | value |", "|---|---:|"]
    rows += [f"| {what} | {value:,} |" for what, value in slide_counts()]
    return "\n".join(rows)


def facts() -> dict[str, str]:
    """Numbers printed on the positions page, computed here."""
    lec = LECTURE
    forum = forum_layer()
    x = np.zeros((forum.h, forum.w, forum.c_in))
    return {
        "positions.lecture": f"{positions(lec['h'], lec['w'])}",
        "positions.lecture_inputs": f"{lec['c_in']}",
        "positions.forum_positions": f"{forum.positions}",
        "positions.forum_weights": f"{forum.weights}",
        "positions.forum_params": f"{forum.params}",
        "positions.forum_mults": f"{forum.multiplications:,}",
        "positions.forum_out": "x".join(map(str, forum.output_shape)),
        "positions.forum_rows": f"{x.reshape(-1, forum.c_in).shape[0]}",
        "positions.table": positions_table(),
        "positions.slide_counts": slide_counts_table(),
    }


# --- figure -----------------------------------------------------------------

def fig_positions(p: dict):
    """The 6x6 grid, one position's channel column through the shared net."""
    plt = pyplot()
    from matplotlib.patches import FancyArrowPatch, PathPatch, Rectangle
    from matplotlib.path import Path

    n = LECTURE["h"]
    n_pos = positions(LECTURE["h"], LECTURE["w"])
    c_in = LECTURE["c_in"]
    units = 6  # drawn units: "one per filter"; the count is up to you
    pick = (2, 3)  # the highlighted position (row, column)

    fig, ax = plt.subplots(figsize=(9.0, 3.9))
    ax.set_xlim(0, 100)
    ax.set_ylim(-4, 44)
    ax.set_aspect("equal")
    ax.axis("off")

    def grid(x0, y0, size, label, sub):
        s = size / n
        # one square and its grid lines, then the highlighted cell on top
        ax.add_patch(Rectangle((x0, y0), size, size, facecolor=p["cell"],
                               edgecolor="none"))
        ticks = [x0 + k * s for k in range(1, n)]
        ax.vlines(ticks, y0, y0 + size, color=p["face"], linewidth=0.8)
        ax.hlines([y0 + k * s for k in range(1, n)], x0, x0 + size,
                  color=p["face"], linewidth=0.8)
        ax.add_patch(Rectangle((x0 + pick[1] * s, y0 + (n - 1 - pick[0]) * s),
                               s, s, facecolor=p["fill"],
                               edgecolor=p["accent"], linewidth=1.6))
        ax.text(x0 + size / 2, y0 + size + 2.2, label, ha="center",
                va="bottom", color=p["ink"], fontsize=10, weight="bold")
        ax.text(x0 + size / 2, y0 - 2.0, sub, ha="center", va="top",
                color=p["muted"], fontsize=8.5)
        cx = x0 + (pick[1] + 0.5) * s
        cy = y0 + (n - 1 - pick[0] + 0.5) * s
        return cx, cy

    def arrow(a, b, color):
        ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=10,
                                     color=color, linewidth=1.2))

    # input grid, then the column of 32 numbers at the highlighted position
    ix, iy = grid(2, 12, 20, "input 6x6x32", f"{n_pos} positions")
    col_x, col_bottom, col_h = 30, 6, 32
    step = col_h / c_in
    ax.add_patch(Rectangle((col_x, col_bottom), 2.2, col_h, facecolor=p["fill"],
                           edgecolor=p["accent"], linewidth=0.6))
    ax.hlines([col_bottom + k * step for k in range(1, c_in)], col_x,
              col_x + 2.2, color=p["accent"], linewidth=0.4)
    ax.text(col_x + 1.1, col_bottom - 1.0, f"{c_in} numbers",
            ha="center", va="top", color=p["ink"], fontsize=8.5)
    arrow((ix + 1.5, iy), (col_x - 0.6, iy), p["accent"])

    # the small fully connected layer: 32 inputs -> one unit per filter
    in_x, out_x = 36, 56
    in_y = [col_bottom + (k + 0.5) * step for k in range(c_in)]
    out_y = [col_bottom + 4 + k * (col_h - 8) / (units - 1)
             for k in range(units)]
    # every input joined to every unit, as one path: a small file
    vertices = [v for y0 in in_y for y1 in out_y
                for v in ((in_x, y0), (out_x, y1))]
    codes = [Path.MOVETO, Path.LINETO] * (len(vertices) // 2)
    ax.add_patch(PathPatch(Path(vertices, codes), edgecolor=p["line"],
                           facecolor="none", linewidth=0.25, alpha=0.8))
    ax.scatter([in_x] * c_in, in_y, s=6, color=p["accent"], zorder=3)
    ax.scatter([out_x] * units, out_y, s=70, color=p["face"],
               edgecolor=p["accent2"], linewidth=1.4, zorder=3)
    for y in out_y:
        ax.text(out_x, y, "R", ha="center", va="center", fontsize=6,
                color=p["accent2"], zorder=4)
    ax.text((in_x + out_x) / 2, col_bottom + col_h + 3.0,
            "one small dense layer + ReLU", ha="center", va="bottom",
            color=p["ink"], fontsize=9, weight="bold")
    ax.text((in_x + out_x) / 2, col_bottom - 4.2,
            f"the same weights at all {n_pos} positions", ha="center",
            va="top", color=p["muted"], fontsize=8.5)
    ax.text(out_x, out_y[0] - 2.2, "one unit\nper filter", ha="center",
            va="top", color=p["muted"], fontsize=8)

    # output column, then the output grid
    o_col = 62
    o_step = (col_h - 8) / units
    for k in range(units):
        ax.add_patch(Rectangle((o_col, col_bottom + 4 + k * o_step), 2.2,
                               o_step, facecolor=p["fill2"],
                               edgecolor=p["accent2"], linewidth=0.6))
    arrow((out_x + 1.2, col_bottom + col_h / 2), (o_col - 0.5,
          col_bottom + col_h / 2), p["accent2"])
    ox, oy = grid(76, 12, 20, "output 6x6x#filters", "same height and width")
    arrow((o_col + 2.8, col_bottom + col_h / 2), (ox - 1.6, oy), p["accent2"])
    return fig


def figures() -> list[Figure]:
    """The figures of the positions page."""
    n_pos = positions(LECTURE["h"], LECTURE["w"])
    return [
        Figure(
            name="positions",
            draw=fig_positions,
            alt=(f"A 6 by 6 grid with one cell highlighted. The {LECTURE['c_in']} "
                 "numbers stacked behind that cell feed a small fully "
                 "connected layer with one ReLU unit per filter; its outputs "
                 "fill the same cell of a 6 by 6 output grid. The same "
                 f"weights are used at all {n_pos} cells."),
            caption=(f"A 1x1 convolution on 6x6x32: at each of the {n_pos} "
                     "positions, the 32 channel values go through one shared "
                     "dense layer with a ReLU; the output keeps the 6x6 grid."),
        ),
    ]
