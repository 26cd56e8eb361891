"""The inception bottleneck and GoogLeNet's Table 1, recomputed.

Backs ``docs/inception.md``. Costs count multiplications (one
multiply-add each) and weights without biases, as GoogLeNet's paper does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .channels import max_pool2d
from .conv import as_numeric_array, check_size, conv2d, relu
from .figures import Figure, pyplot, style_chart


# --8<-- [start:conv_cost]
def conv_cost(h: int, w: int, c_in: int, kernel: int, filters: int) -> int:
    """Multiplications of a stride-1 'same' conv: every output number
    (h * w * filters of them) needs kernel * kernel * c_in products."""
    for name, value in (("h", h), ("w", w), ("c_in", c_in),
                        ("kernel", kernel), ("filters", filters)):
        check_size(value, name)
    return h * w * filters * kernel * kernel * c_in
# --8<-- [end:conv_cost]


@dataclass(frozen=True)
class Bottleneck:
    """A k x k 'same' conv on (h, w, c_in) to ``filters`` channels, with or
    without a 1x1 reduction to ``reduce_to`` channels first."""

    h: int = 28
    w: int = 28
    c_in: int = 192
    kernel: int = 5
    filters: int = 32
    reduce_to: int = 16

    def __post_init__(self):
        for name in ("h", "w", "c_in", "kernel", "filters", "reduce_to"):
            check_size(getattr(self, name), name)

    @property
    def direct(self) -> int:
        return conv_cost(self.h, self.w, self.c_in, self.kernel, self.filters)

    @property
    def reduce_step(self) -> int:
        return conv_cost(self.h, self.w, self.c_in, 1, self.reduce_to)

    @property
    def conv_step(self) -> int:
        return conv_cost(self.h, self.w, self.reduce_to, self.kernel,
                         self.filters)

    @property
    def with_reduction(self) -> int:
        return self.reduce_step + self.conv_step

    @property
    def ratio(self) -> float:
        return self.direct / self.with_reduction

    @property
    def direct_params(self) -> int:
        return self.kernel * self.kernel * self.c_in * self.filters

    @property
    def reduced_params(self) -> int:
        return (self.c_in * self.reduce_to
                + self.kernel * self.kernel * self.reduce_to * self.filters)


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
        return self.n1x1 + self.n3x3 + self.n5x5 + self.pool_proj

    @property
    def params(self) -> int:
        """Weights, no biases: 1x1 branch, 3x3 branch, 5x5 branch, pool proj."""
        c = self.c_in
        return (c * self.n1x1
                + c * self.n3x3_reduce + 9 * self.n3x3_reduce * self.n3x3
                + c * self.n5x5_reduce + 25 * self.n5x5_reduce * self.n5x5
                + c * self.pool_proj)

    @property
    def ops(self) -> int:
        """Multiply-adds: every weight is used once per output position."""
        return self.params * self.size * self.size


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


def row_verdict(row: InceptionRow, k: int = 1024) -> dict:
    """Compare one printed row with its recomputation."""
    params_k = row.params / k
    ops_m = row.ops / 1e6
    printed_pair = row.printed_params_k * k * row.size ** 2 / 1e6
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

def max_pool_same(x, size: int = 3):
    """Stride-1 max pooling with 'same' padding (pads with -inf)."""
    x = as_numeric_array(x, "input x", 3)
    size = check_size(size, "pool size")
    lo = (size - 1) // 2
    hi = size - 1 - lo
    padded = np.pad(x.astype(float), ((lo, hi), (lo, hi), (0, 0)),
                    constant_values=-np.inf)
    return max_pool2d(padded, size, stride=1)


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


# --8<-- [start:inception_module]
def inception_module(x, w):
    """GoogLeNet's inception module (biases left out), channels-last.

    x: ``(H, W, C)``; w: filter banks ``(k, k, C_in, C_out)`` by name.
    Four branches, each keeping H and W, concatenated along the channels.
    """
    def conv(inp, name):
        return relu(conv2d(inp, w[name], padding="same"))

    branches = [
        conv(x, "1x1"),
        conv(conv(x, "3x3_reduce"), "3x3"),
        conv(conv(x, "5x5_reduce"), "5x5"),
        conv(max_pool_same(x, 3), "pool_proj"),
    ]
    return np.concatenate(branches, axis=-1)   # (H, W, sum of branch depths)
# --8<-- [end:inception_module]


def facts() -> dict[str, str]:
    b = LECTURE
    miss = mismatches()
    row3a = TABLE1[0]
    row5a = next(r for r in TABLE1 if r.name == "5a")
    row4a = next(r for r in TABLE1 if r.name == "4a")
    naive_3a = conv_cost(28, 28, 192, 1, 64) + conv_cost(28, 28, 192, 3, 128) \
        + conv_cost(28, 28, 192, 5, 32)

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
            f"{row5a.printed_params_k * 1024 * row5a.size ** 2 / 1e6:.1f}"),
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
    ]
