"""Where 1x1 convolutions carry modern networks.

Backs ``docs/beyond.md``: MobileNet's depthwise-separable convolutions (how
much of its work is 1x1), ResNet's bottleneck block, and a dense layer on
the channel axis (Keras ``Dense``, PyTorch ``Linear``) being a 1x1 conv.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# numpy (np) is imported by the first shown section below, which must
# run alone when pasted.

from .checks import as_numeric_array, check_size
from .costs import LayerCost, conv_cost, depthwise_cost
from .figures import Figure, pyplot, style_chart


@dataclass(frozen=True)
class Layer:
    """One layer of a network, enough to count its weights and multiply-adds.

    kind: 'conv' (full), 'dw' (depthwise: one k x k filter per channel),
    'pw' (pointwise: 1x1 conv) or 'fc'. ``out`` is the output height = width.
    Counts come from ``snippets.costs``, taken on the output grid (a
    stride-1 'same' conv on ``out`` x ``out`` has the same positions and
    weights as the layer), without biases, as MobileNet's paper counts.
    """

    kind: str
    kernel: int
    c_in: int
    c_out: int
    out: int

    def __post_init__(self):
        if self.kind not in ("conv", "dw", "pw", "fc"):
            raise ValueError(f"unknown layer kind {self.kind!r}")
        for name in ("kernel", "c_in", "c_out", "out"):
            check_size(getattr(self, name), name)
        if self.kind == "dw" and self.c_in != self.c_out:
            raise ValueError("a depthwise layer keeps its channel count")

    @property
    def cost(self) -> LayerCost:
        groups = self.c_in if self.kind == "dw" else 1
        return conv_cost(self.out, self.out, self.c_in, self.c_out,
                         self.kernel, padding="same", groups=groups,
                         bias=False)

    @property
    def weights(self) -> int:
        return self.cost.weights

    @property
    def mult_adds(self) -> int:
        return self.cost.mult_adds


def mobilenet_v1() -> list[Layer]:
    """MobileNet v1 (Howard et al. 2017, Table 1), 224x224 input, width 1.

    The paper lists the second-to-last depthwise layer as stride 2, yet its
    input and output are both 7x7; it is built here with stride 1.
    """
    layers = [Layer("conv", 3, 3, 32, 112)]
    plan = [  # (c_in, c_out, output size) of each depthwise-separable pair
        (32, 64, 112), (64, 128, 56), (128, 128, 56), (128, 256, 28),
        (256, 256, 28), (256, 512, 14), *[(512, 512, 14)] * 5,
        (512, 1024, 7), (1024, 1024, 7),
    ]
    for c_in, c_out, size in plan:
        layers.append(Layer("dw", 3, c_in, c_in, size))
        layers.append(Layer("pw", 1, c_in, c_out, size))
    layers.append(Layer("fc", 1, 1024, 1000, 1))
    return layers


# MobileNet v1's Table 2 as printed: percent of multiply-adds and of weights.
PRINTED_TABLE2 = {
    "pw": (94.86, 74.59), "dw": (3.06, 1.06), "conv": (1.19, 0.02),
    "fc": (0.18, 24.33),
}


def table2_mismatches() -> list[str]:
    """Entries of the printed Table 2 that the architecture does not give."""
    share = share_by_kind(mobilenet_v1())
    wrong = []
    for kind, (ma, wt) in PRINTED_TABLE2.items():
        if round(share[kind]["mult_adds"] * 100, 2) != ma:
            wrong.append(f"{kind} multiply-adds")
        if round(share[kind]["weights"] * 100, 2) != wt:
            wrong.append(f"{kind} weights")
    return wrong


def share_by_kind(layers) -> dict[str, dict[str, float]]:
    """Fraction of weights and of multiply-adds in each kind of layer."""
    total_w = sum(layer.weights for layer in layers)
    total_m = sum(layer.mult_adds for layer in layers)
    out: dict[str, dict[str, float]] = {}
    for kind in ("pw", "dw", "conv", "fc"):
        mine = [layer for layer in layers if layer.kind == kind]
        out[kind] = {
            "weights": sum(layer.weights for layer in mine) / total_w,
            "mult_adds": sum(layer.mult_adds for layer in mine) / total_m,
        }
    return out


def separable_vs_full(c_in: int, c_out: int, k: int = 3,
                      size: int = 14) -> float:
    """Multiply-adds of a depthwise-separable conv as a share of a full one
    on a ``size`` x ``size`` map: 1 / c_out + 1 / k**2, whatever the size."""
    full = conv_cost(size, size, c_in, c_out, k, padding="same")
    separable = (depthwise_cost(size, size, c_in, k).mult_adds
                 + conv_cost(size, size, c_in, c_out).mult_adds)
    return separable / full.mult_adds


def resnet_blocks(c: int = 256, mid: int = 64,
                  size: int = 56) -> dict[str, int]:
    """Weights of ResNet's bottleneck (1x1 c->mid, 3x3, 1x1 mid->c) against
    two 3x3 layers at width c, and the basic block at width mid (no
    biases; ``size`` is the map, 56x56 in ResNet's first stage)."""
    c, mid = check_size(c, "c"), check_size(mid, "mid")

    def weights(c_in, c_out, k=1):
        return conv_cost(size, size, c_in, c_out, k, padding="same",
                         bias=False).weights

    return {
        "bottleneck": weights(c, mid) + weights(mid, mid, 3)
        + weights(mid, c),
        "two_3x3_wide": 2 * weights(c, c, 3),
        "basic_narrow": 2 * weights(mid, mid, 3),
    }


# --8<-- [start:framework_dense]
import numpy as np


def keras_dense(x, kernel, bias):
    """What Keras ``Dense`` does to a (H, W, C) input: it acts on the last
    axis. kernel: ``(C_in, units)``; bias: ``(units,)``."""
    return np.tensordot(x, kernel, axes=([-1], [0])) + bias


def torch_linear(x, weight, bias):
    """What PyTorch ``nn.Linear`` computes on a channels-last tensor:
    ``x @ weight.T + bias``. weight: ``(out_features, in_features)``."""
    return x @ weight.T + bias


def torch_conv1x1_weight(linear_weight):
    """The ``nn.Conv2d(C_in, C_out, 1)`` weight equal to a Linear's weight:
    ``(out, in)`` -> ``(out, in, 1, 1)``."""
    return linear_weight[:, :, None, None]
# --8<-- [end:framework_dense]


# Input checks for the shown functions above (not shown on the page).

def _checked_layer(fn, in_axis):
    @functools.wraps(fn)
    def layer(x, weight, bias):
        x = as_numeric_array(x, "x", 3)
        weight = as_numeric_array(weight, "weight", 2)
        inputs = weight.shape[in_axis]
        if x.shape[2] != inputs:
            raise ValueError(
                f"channel mismatch: x has {x.shape[2]} channels but the "
                f"weight expects {inputs}")
        return fn(x, weight, bias)
    return layer


def _checked_weight(fn):
    @functools.wraps(fn)
    def torch_conv1x1_weight(linear_weight):
        return fn(as_numeric_array(linear_weight, "weight", 2))
    return torch_conv1x1_weight


keras_dense = _checked_layer(keras_dense, 0)       # kernel (in, out)
torch_linear = _checked_layer(torch_linear, 1)     # weight (out, in)
torch_conv1x1_weight = _checked_weight(torch_conv1x1_weight)


def facts() -> dict[str, str]:
    net = mobilenet_v1()
    share = share_by_kind(net)
    res = resnet_blocks()
    return {
        "beyond.mn_mult_adds_m": f"{sum(l.mult_adds for l in net) / 1e6:.0f}",
        "beyond.mn_weights_m": f"{sum(l.weights for l in net) / 1e6:.1f}",
        "beyond.mn_pw_mult_adds": f"{share['pw']['mult_adds']:.2%}",
        "beyond.mn_pw_weights": f"{share['pw']['weights']:.2%}",
        "beyond.mn_dw_mult_adds": f"{share['dw']['mult_adds']:.2%}",
        "beyond.mn_dw_weights": f"{share['dw']['weights']:.2%}",
        "beyond.mn_conv_weights": f"{share['conv']['weights']:.2%}",
        "beyond.mn_fc_weights": f"{share['fc']['weights']:.2%}",
        "beyond.mn_conv_mult_adds": f"{share['conv']['mult_adds']:.2%}",
        "beyond.mn_fc_mult_adds": f"{share['fc']['mult_adds']:.2%}",
        "beyond.mn_printed_conv": f"{PRINTED_TABLE2['conv'][0]:.2f}%",
        # the four shares as the page prints them (two decimals) add up to
        # a little more or less than 100%: the page says so
        "beyond.mn_rounded_sum": (
            f"{sum(round(share[k]['mult_adds'] * 100, 2) for k in share):.2f}%"),
        "beyond.mn_printed_sum": (
            f"{sum(v[0] for v in PRINTED_TABLE2.values()):.2f}%"),
        "beyond.sep_share_512": f"{separable_vs_full(512, 512):.1%}",
        "beyond.res_bottleneck": f"{res['bottleneck']:,}",
        "beyond.res_two_3x3": f"{res['two_3x3_wide']:,}",
        "beyond.res_basic": f"{res['basic_narrow']:,}",
        "beyond.res_ratio": f"{res['two_3x3_wide'] / res['bottleneck']:.0f}",
    }


# --- figure -----------------------------------------------------------------

def fig_mobilenet(p: dict):
    """Where MobileNet v1's multiply-adds and weights go, by kind of layer."""
    plt = pyplot()

    share = share_by_kind(mobilenet_v1())
    kinds = [("pw", "1x1 (pointwise)"), ("dw", "3x3 depthwise"),
             ("conv", "first 3x3 conv"), ("fc", "dense")]
    fig, ax = plt.subplots(figsize=(7.0, 2.9))
    y = np.arange(len(kinds))[::-1]
    for k, (kind, _) in enumerate(kinds):
        ma, wt = share[kind]["mult_adds"], share[kind]["weights"]
        ax.barh(y[k] + 0.2, ma * 100, height=0.36, color=p["fill"],
                edgecolor=p["accent"], label="multiply-adds" if k == 0 else None)
        ax.barh(y[k] - 0.2, wt * 100, height=0.36, color=p["fill2"],
                edgecolor=p["accent2"], label="weights" if k == 0 else None)
        ax.text(ma * 100 + 1, y[k] + 0.2, f"{ma:.1%}", va="center",
                color=p["ink"], fontsize=8.5)
        ax.text(wt * 100 + 1, y[k] - 0.2, f"{wt:.1%}", va="center",
                color=p["ink"], fontsize=8.5)
    ax.set_yticks(y)
    ax.set_yticklabels([label for _, label in kinds], color=p["ink"])
    ax.set_xlim(0, 112)
    ax.set_xlabel("share of the network (%)", color=p["ink"])
    style_chart(ax, p, legend={"loc": "lower right", "fontsize": 8.5})
    fig.tight_layout()
    return fig


def figures() -> list[Figure]:
    share = share_by_kind(mobilenet_v1())
    return [
        Figure(
            name="mobilenet",
            draw=fig_mobilenet,
            alt=("Paired horizontal bars for MobileNet v1. 1x1 pointwise "
                 f"layers: {share['pw']['mult_adds']:.1%} of the multiply-adds "
                 f"and {share['pw']['weights']:.1%} of the weights. 3x3 "
                 f"depthwise: {share['dw']['mult_adds']:.1%} and "
                 f"{share['dw']['weights']:.1%}. First conv: "
                 f"{share['conv']['mult_adds']:.1%} and "
                 f"{share['conv']['weights']:.1%}. Dense layer: "
                 f"{share['fc']['mult_adds']:.1%} and "
                 f"{share['fc']['weights']:.1%}."),
            caption=("MobileNet v1, recomputed from its architecture: the 1x1 "
                     "layers do almost all of the work."),
        ),
    ]

