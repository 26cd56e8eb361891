"""The inception bottleneck and GoogLeNet's Table 1, recomputed.

Backs ``docs/inception.md``. Costs come from ``snippets.costs`` and count
multiplications (one multiply-add each) and weights without biases, as
GoogLeNet's paper does.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# numpy (np) is imported by the first shown section below, which must
# run alone when pasted.

from .checks import as_numeric_array, check_size
from .costs import Bottleneck, conv_cost, inception_cost
from .figures import Figure, pyplot, style_chart

__all__ = ["Bottleneck", "LECTURE", "TABLE1", "InceptionRow", "conv_same",
           "inception_module", "max_pool_same", "random_weights"]


LECTURE = Bottleneck()


# --- GoogLeNet, Table 1 -------------------------------------------------------

@dataclass(frozen=True)
class InceptionRow:
    """One inception row of GoogLeNet's Table 1: its filter counts and the
    params (K) and ops (M) the paper prints."""

    name: str
    size: int            # input and output height = width
    c_in: int
    n1x1: int
    n3x3_reduce: int
    n3x3: int
    n5x5_reduce: int
    n5x5: int
    pool_proj: int
    printed_out: int
    printed_params_k: int
    printed_ops_m: int

    @property
    def out_channels(self) -> int:
        return self.cost.out_c

    @property
    def cost(self):
        return inception_cost(self.size, self.c_in, self.n1x1,
                              self.n3x3_reduce, self.n3x3, self.n5x5_reduce,
                              self.n5x5, self.pool_proj)

    @property
    def params(self) -> int:
        """Weights, no biases: 1x1 branch, 3x3 branch, 5x5 branch, pool proj."""
        return self.cost.weights

    @property
    def ops(self) -> int:
        """Multiply-adds: every weight is used once per output position."""
        return self.cost.mult_adds


TABLE1 = (
    InceptionRow("3a", 28, 192, 64, 96, 128, 16, 32, 32, 256, 159, 128),
    InceptionRow("3b", 28, 256, 128, 128, 192, 32, 96, 64, 480, 380, 304),
    InceptionRow("4a", 14, 480, 192, 96, 208, 16, 48, 64, 512, 364, 73),
    InceptionRow("4b", 14, 512, 160, 112, 224, 24, 64, 64, 512, 437, 88),
    InceptionRow("4c", 14, 512, 128, 128, 256, 24, 64, 64, 512, 463, 100),
    InceptionRow("4d", 14, 512, 112, 144, 288, 32, 64, 64, 528, 580, 119),
    InceptionRow("4e", 14, 528, 256, 160, 320, 32, 128, 128, 832, 840, 170),
    InceptionRow("5a", 7, 832, 256, 160, 320, 32, 128, 128, 832, 1072, 54),
    InceptionRow("5b", 7, 832, 384, 192, 384, 48, 128, 128, 1024, 1388, 71),
)

# A printed number "reproduces" when the recomputed one is within one unit
# of its last printed digit.
TOLERANCE = 1.0


def fits(rows, k: int) -> int:
    """How many rows' printed params match when 'K' means ``k`` weights."""
    return sum(abs(r.params / k - r.printed_params_k) <= TOLERANCE
               for r in rows)


def printed_pair_m(row: InceptionRow, kilo: int = 1024) -> float:
    """The ops (millions) the printed params imply: each weight is used
    once at each of the module's output positions."""
    return row.printed_params_k * kilo * row.cost.positions / 1e6


def row_verdict(row: InceptionRow, k: int = 1024) -> dict:
    """Compare one printed row with its recomputation."""
    params_k = row.params / k
    ops_m = row.ops / 1e6
    printed_pair = printed_pair_m(row, k)
    return {
        "params_k": params_k,
        "ops_m": ops_m,
        "params_ok": abs(params_k - row.printed_params_k) <= TOLERANCE,
        "ops_ok": abs(ops_m - row.printed_ops_m) <= TOLERANCE,
        "out_ok": row.out_channels == row.printed_out,
        # do the printed params and printed ops agree with each other?
        "printed_agree": abs(printed_pair - row.printed_ops_m) <= TOLERANCE,
    }


def table1_markdown(k: int = 1024) -> str:
    """Table 1 recomputed, row by row, with the printed numbers beside."""
    mark = {True: "yes", False: "**no**"}
    rows = ["| module | out (printed) | params, recomputed | printed | "
            "matches | ops, recomputed | printed | matches |",
            "|---|---|---:|---:|---|---:|---:|---|"]
    for r in TABLE1:
        v = row_verdict(r, k)
        rows.append(
            f"| {r.name} | {r.size}x{r.size}x{r.out_channels} "
            f"({r.printed_out}) | {r.params:,} = {v['params_k']:.1f}K "
            f"| {r.printed_params_k}K | {mark[v['params_ok']]} "
            f"| {r.ops:,} = {v['ops_m']:.1f}M | {r.printed_ops_m}M "
            f"| {mark[v['ops_ok']]} |")
    return "\n".join(rows)


def mismatches(k: int = 1024) -> dict[str, list[str]]:
    """Row names grouped by what fails to reproduce."""
    out = {"params": [], "ops": [], "printed_agree": [], "out": []}
    for r in TABLE1:
        v = row_verdict(r, k)
        if not v["params_ok"]:
            out["params"].append(r.name)
        if not v["ops_ok"]:
            out["ops"].append(r.name)
        if v["printed_agree"]:
            out["printed_agree"].append(r.name)
        if not v["out_ok"]:
            out["out"].append(r.name)
    return out


# --- an inception module that runs ------------------------------------------

# --8<-- [start:inception_module]
import numpy as np


def conv_same(x, w):
    """Stride-1 convolution with 'same' zero padding, channels-last.

    x: ``(H, W, C_in)``; w: ``(k, k, C_in, C_out)``. Returns
    ``(H, W, C_out)``: a sum of k * k matrix products, one per offset.
    """
    h, wd, _ = x.shape
    k = w.shape[0]
    lo, hi = (k - 1) // 2, k // 2          # TensorFlow's rule for even k
    xp = np.pad(x, ((lo, hi), (lo, hi), (0, 0)))
    out = np.zeros((h, wd, w.shape[3]))
    for i in range(k):
        for j in range(k):
            out += xp[i:i + h, j:j + wd] @ w[i, j]
    return out


def max_pool_same(x, size=3):
    """Stride-1 max pooling with 'same' padding (pads with -inf)."""
    h, wd, _ = x.shape
    lo, hi = (size - 1) // 2, size // 2
    xp = np.pad(x, ((lo, hi), (lo, hi), (0, 0)), constant_values=-np.inf)
    out = np.full(x.shape, -np.inf)
    for i in range(size):
        for j in range(size):
            out = np.maximum(out, xp[i:i + h, j:j + wd])
    return out


def inception_module(x, w):
    """GoogLeNet's inception module (biases left out), channels-last.

    x: ``(H, W, C)``; w: filter banks ``(k, k, C_in, C_out)`` by name.
    Four branches, each keeping H and W, concatenated along the channels.
    """
    def conv(inp, name):
        return np.maximum(conv_same(inp, w[name]), 0)      # conv + ReLU

    branches = [
        conv(x, "1x1"),
        conv(conv(x, "3x3_reduce"), "3x3"),
        conv(conv(x, "5x5_reduce"), "5x5"),
        conv(max_pool_same(x, 3), "pool_proj"),
    ]
    return np.concatenate(branches, axis=-1)   # (H, W, sum of branch depths)
# --8<-- [end:inception_module]


# Input checks for the shown functions above (not shown on the page).

def _checked_conv_same(fn):
    @functools.wraps(fn)
    def conv_same(x, w):
        x = as_numeric_array(x, "input x", 3)
        w = as_numeric_array(w, "filters w", 4)
        if w.shape[0] != w.shape[1]:
            raise ValueError(f"filters must be square, got {w.shape[:2]}")
        if x.shape[2] != w.shape[2]:
            raise ValueError(
                f"channel mismatch: the input has {x.shape[2]} channels "
                f"but the filters expect {w.shape[2]}")
        return fn(x, w)
    return conv_same


def _checked_pool(fn):
    @functools.wraps(fn)
    def max_pool_same(x, size=3):
        x = as_numeric_array(x, "input x", 3)
        return fn(x.astype(float), check_size(size, "pool size"))
    return max_pool_same


def _checked_module(fn):
    @functools.wraps(fn)
    def inception_module(x, w):
        as_numeric_array(x, "input x", 3)
        missing = set(BRANCHES) - set(w)
        if missing:
            raise ValueError(f"filter banks missing: {sorted(missing)}")
        return fn(x, w)
    return inception_module


BRANCHES = ("1x1", "3x3_reduce", "3x3", "5x5_reduce", "5x5", "pool_proj")
conv_same = _checked_conv_same(conv_same)
max_pool_same = _checked_pool(max_pool_same)
inception_module = _checked_module(inception_module)


def random_weights(row: InceptionRow, seed: int = 0) -> dict:
    """Random filters with the shapes of one Table 1 row."""
    rng = np.random.default_rng(seed)
    c = row.c_in

    def bank(k, c_in, c_out):
        return rng.standard_normal((k, k, c_in, c_out)) / np.sqrt(k * k * c_in)

    return {
        "1x1": bank(1, c, row.n1x1),
        "3x3_reduce": bank(1, c, row.n3x3_reduce),
        "3x3": bank(3, row.n3x3_reduce, row.n3x3),
        "5x5_reduce": bank(1, c, row.n5x5_reduce),
        "5x5": bank(5, row.n5x5_reduce, row.n5x5),
        "pool_proj": bank(1, c, row.pool_proj),
    }


def facts() -> dict[str, str]:
    b = LECTURE
    miss = mismatches()
    row3a = TABLE1[0]
    row5a = next(r for r in TABLE1 if r.name == "5a")
    row4a = next(r for r in TABLE1 if r.name == "4a")
    naive_3a = sum(conv_cost(28, 28, 192, filters, kernel, padding="same",
                             bias=False).mult_adds
                   for kernel, filters in ((1, 64), (3, 128), (5, 32)))

    def names(items):
        return ", ".join(items) if items else "none"

    return {
        "inception.direct": f"{b.direct:,}",
        "inception.reduce_step": f"{b.reduce_step:,}",
        "inception.conv_step": f"{b.conv_step:,}",
        "inception.with_reduction": f"{b.with_reduction:,}",
        "inception.ratio": f"{b.ratio:.2f}",
        "inception.direct_m": f"{b.direct / 1e6:.1f}",
        "inception.with_reduction_m": f"{b.with_reduction / 1e6:.1f}",
        "inception.reduce_step_m": f"{b.reduce_step / 1e6:.1f}",
        "inception.conv_step_m": f"{b.conv_step / 1e6:.1f}",
        "inception.direct_params": f"{b.direct_params:,}",
        "inception.reduced_params": f"{b.reduced_params:,}",
        "inception.table1": table1_markdown(),
        "inception.fits_1024": f"{fits(TABLE1, 1024)}",
        "inception.fits_1000": f"{fits(TABLE1, 1000)}",
        "inception.rows": f"{len(TABLE1)}",
        "inception.params_miss": names(miss["params"]),
        "inception.ops_miss": names(miss["ops"]),
        "inception.out_miss": names(miss["out"]),
        "inception.printed_agree_but_miss": names(
            [n for n in miss["printed_agree"] if n in miss["params"]]),
        "inception.params_column_off": names(
            [n for n in miss["params"] if n not in miss["printed_agree"]]),
        "inception.5a_printed_params": f"{row5a.printed_params_k}",
        "inception.5a_printed_pair_m": (
            f"{printed_pair_m(row5a, 1024):.1f}"),
        "inception.5a_params_k": f"{row5a.params / 1024:.0f}",
        "inception.5a_ops_m": f"{row5a.ops / 1e6:.1f}",
        "inception.4a_gap_k": (
            f"{row4a.params / 1024 - row4a.printed_params_k:.2f}"),
        "inception.3a_out": f"{row3a.out_channels}",
        "inception.3a_params": f"{row3a.params:,}",
        "inception.3a_naive_m": f"{naive_3a / 1e6:.0f}",
        "inception.3a_ops_m": f"{row3a.ops / 1e6:.0f}",
    }


# --- figure -----------------------------------------------------------------

def fig_bottleneck(p: dict):
    """Multiplications: 5x5 conv direct vs 1x1 reduction first."""
    plt = pyplot()

    b = LECTURE
    fig, ax = plt.subplots(figsize=(7.2, 2.6))
    m = 1e6
    ax.barh([1], [b.direct / m], color=p["fill"], edgecolor=p["accent"],
            height=0.5)
    ax.barh([0], [b.reduce_step / m], color=p["fill2"],
            edgecolor=p["accent2"], height=0.5)
    ax.barh([0], [b.conv_step / m], left=[b.reduce_step / m],
            color=p["fill"], edgecolor=p["accent"], height=0.5)
    ax.text(b.direct / m + 2, 1, f"{b.direct:,}", va="center",
            color=p["ink"], fontsize=9)
    ax.text(b.with_reduction / m + 2, 0,
            f"{b.reduce_step:,} + {b.conv_step:,}\n= {b.with_reduction:,}",
            va="center", color=p["ink"], fontsize=9)
    ax.set_yticks([0, 1])
    ax.set_yticklabels([f"1x1 to {b.reduce_to}, then {b.kernel}x{b.kernel}",
                        f"{b.kernel}x{b.kernel} directly"], color=p["ink"])
    ax.set_xlabel("multiplications (millions)", color=p["ink"])
    ax.set_xlim(0, b.direct / m * 1.45)
    style_chart(ax, p)
    fig.tight_layout()
    return fig



def table1_gaps(k: int = 1024) -> list[dict]:
    """Printed minus recomputed, per Table 1 row: params in K, ops in M."""
    out = []
    for r in TABLE1:
        v = row_verdict(r, k)
        out.append({"name": r.name,
                    "params": r.printed_params_k - v["params_k"],
                    "ops": r.printed_ops_m - v["ops_m"],
                    "params_ok": v["params_ok"], "ops_ok": v["ops_ok"]})
    return out


def fig_table1(p: dict):
    """Table 1 at a glance: how far each printed number is from the one
    its filter counts give, with the tolerance as a shaded band."""
    plt = pyplot()

    gaps = table1_gaps()
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.8), sharey=True)
    ys = range(len(gaps))
    for ax, key, unit in ((axes[0], "params", "K weights"),
                          (axes[1], "ops", "M multiply-adds")):
        ax.axvspan(-TOLERANCE, TOLERANCE, color=p["fill2"], linewidth=0)
        ax.axvline(0, color=p["line"], linewidth=0.8)
        for y, g in zip(ys, gaps):
            ok = g[f"{key}_ok"]
            ax.plot([0, g[key]], [y, y], color=p["muted"], linewidth=0.8)
            ax.plot(g[key], y, "o", markersize=6,
                    color=p["muted"] if ok else p["accent"],
                    markerfacecolor="none" if ok else p["accent"])
            if not ok:
                ax.text(g[key], y - 0.35, f"{g[key]:+.1f}", ha="center",
                        color=p["ink"], fontsize=8)
        low = min(min(g[key] for g in gaps), -TOLERANCE)
        high = max(max(g[key] for g in gaps), TOLERANCE)
        pad = (high - low) * 0.12
        ax.set_xlim(low - pad, high + pad)
        ax.set_xlabel(f"{key}: printed - recomputed\n({unit})",
                      color=p["ink"])
        style_chart(ax, p)
    axes[0].set_yticks(list(ys))
    axes[0].set_yticklabels([g["name"] for g in gaps], color=p["ink"])
    axes[0].invert_yaxis()
    fig.tight_layout()
    return fig


def figures() -> list[Figure]:
    b = LECTURE
    return [
        Figure(
            name="bottleneck",
            draw=fig_bottleneck,
            alt=(f"Two horizontal bars. A {b.kernel}x{b.kernel} convolution "
                 f"with {b.filters} filters on {b.h}x{b.w}x{b.c_in} needs "
                 f"{b.direct:,} multiplications. Reducing to {b.reduce_to} "
                 f"channels with a 1x1 convolution first needs "
                 f"{b.reduce_step:,} plus {b.conv_step:,}, "
                 f"{b.with_reduction:,} in all, a bar about a tenth as long."),
            caption=(f"The bottleneck: the same {b.h}x{b.w}x{b.filters} output "
                     f"for {b.ratio:.1f} times fewer multiplications."),
        ),
        _table1_figure(),
    ]


def _table1_figure() -> Figure:
    miss = mismatches()
    return Figure(
        name="googlenet-table-1",
        draw=fig_table1,
        alt=("Two dot charts side by side, one row per inception module "
             "from 3a at the top to 5b at the bottom. Each dot is a printed "
             "number of GoogLeNet's Table 1 minus the number its filter "
             "counts give; a shaded band marks a difference of at most one "
             "unit. Params (in K weights): outside the band for "
             f"{', '.join(miss['params'])}. Ops (in M multiply-adds): "
             f"outside the band for {', '.join(miss['ops'])} only."),
        caption=("GoogLeNet's Table 1 at a glance: a filled dot is a printed "
                 "number that its own row's filter counts do not give."),
    )
