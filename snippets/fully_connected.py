"""Fully connected layers and 1x1 convolutions: which is which, in code.

Backs ``docs/fully-connected.md``: (a) a 1x1 conv is a big dense layer with a
block-diagonal, weight-tied matrix; (b) a dense layer on a flattened H x W x C
map is an H x W convolution; (c) an MLP is 1x1 convolutions on a one-pixel
image; (d) a converted network slides over a larger image for free.
"""

from __future__ import annotations

import numpy as np

from .channels import max_pool2d
from .conv import (as_numeric_array, check_size, conv1x1_matmul, conv2d,
                   conv_output_size, dense, relu)
from .figures import Figure, pyplot


# --8<-- [start:block_diagonal]
def block_diagonal(w, h: int, wd: int):
    """The dense-layer matrix of a 1x1 convolution on an (h, wd) grid.

    w: ``(C_in, C_out)``. Returns ``(h*wd*C_in, h*wd*C_out)``: one copy of
    ``w`` per position on the diagonal, zeros elsewhere.
    """
    w = as_numeric_array(w, "weights w", 2)
    n = check_size(h, "h") * check_size(wd, "wd")
    return np.kron(np.eye(n), w)
# --8<-- [end:block_diagonal]


def weight_counts(h: int, wd: int, c_in: int, c_out: int) -> dict[str, int]:
    """Free weights of a 1x1 conv against the entries of its dense matrix."""
    n = check_size(h, "h") * check_size(wd, "wd")
    c_in, c_out = check_size(c_in, "c_in"), check_size(c_out, "c_out")
    return {
        "free": c_in * c_out,
        "nonzero": n * c_in * c_out,
        "entries": (n * c_in) * (n * c_out),
        "dense_free": (n * c_in) * (n * c_out),
    }


# --8<-- [start:dense_as_conv]
def dense_as_conv(w_fc, h: int, wd: int, c: int):
    """A dense layer on a flattened (h, wd, c) map as an (h x wd) conv kernel.

    w_fc: ``(h*wd*c, K)``. Returns filters ``(h, wd, c, K)``: the same
    numbers, reshaped in the order ``x.reshape(-1)`` flattens the map.
    """
    w_fc = as_numeric_array(w_fc, "dense weights", 2)
    size = check_size(h, "h") * check_size(wd, "wd") * check_size(c, "c")
    if w_fc.shape[0] != size:
        raise ValueError(
            f"dense weights have {w_fc.shape[0]} rows but an ({h}, {wd}, {c}) "
            f"map flattens to {size} numbers"
        )
    return w_fc.reshape(h, wd, c, w_fc.shape[1])
# --8<-- [end:dense_as_conv]


# --8<-- [start:mlp_as_1x1]
def mlp_as_1x1(v, layers):
    """Run an MLP as 1x1 convolutions on a one-pixel image.

    v: inputs ``(n,)``; layers: ``[(w, b), ...]`` with w ``(n_in, n_out)``.
    ReLU between layers, none after the last.
    """
    v = as_numeric_array(v, "inputs v", 1)
    image = v.reshape(1, 1, -1)                  # (1, 1, n): one pixel
    for k, (w, b) in enumerate(layers):
        image = conv1x1_matmul(image, w, b)      # filter j holds column j
        if k < len(layers) - 1:
            image = relu(image)
    return image.reshape(-1)
# --8<-- [end:mlp_as_1x1]


def mlp(v, layers):
    """The same MLP with dense layers, for comparison."""
    v = as_numeric_array(v, "inputs v", 1)
    for k, (w, b) in enumerate(layers):
        v = dense(v, w, b)
        if k < len(layers) - 1:
            v = relu(v)
    return v


# --- a small network, converted ---------------------------------------------

CROP = 10          # the small network's input is 10x10x3


def small_net_params(seed: int = 0) -> dict:
    """Weights: a 3x3 conv to 4 channels, 2x2 pool, dense 64->10, dense 10->3."""
    rng = np.random.default_rng(seed)
    return {
        "conv": rng.standard_normal((3, 3, 3, 4)) / 3,
        "fc1": rng.standard_normal((4 * 4 * 4, 10)) / 8,
        "b1": rng.standard_normal(10) / 10,
        "fc2": rng.standard_normal((10, 3)) / 3,
        "b2": rng.standard_normal(3) / 10,
    }


def features(x, p):
    """The convolutional part: 3x3 conv, ReLU, 2x2 max pool."""
    return max_pool2d(relu(conv2d(x, p["conv"])), 2)


# --8<-- [start:small_net]
def small_net(x, p):
    """The original network: (10, 10, 3) -> 3 scores, with dense layers."""
    x = as_numeric_array(x, "input x", 3)
    if x.shape[:2] != (CROP, CROP):
        raise ValueError(
            f"the dense network takes {CROP}x{CROP} inputs, got "
            f"{x.shape[0]}x{x.shape[1]}"
        )
    f = features(x, p)                                   # (4, 4, 4)
    hidden = relu(dense(f.reshape(-1), p["fc1"], p["b1"]))   # (10,)
    return dense(hidden, p["fc2"], p["b2"])              # (3,)


def small_net_as_conv(x, p):
    """The same network, every dense layer turned into a convolution.

    Takes any input of at least 10x10; returns a map of scores (H', W', 3).
    """
    f = features(x, p)                                   # (H'', W'', 4)
    k1 = dense_as_conv(p["fc1"], 4, 4, 4)                # (4, 4, 4, 10)
    hidden = relu(conv2d(f, k1, p["b1"]))                # (H', W', 10)
    return conv1x1_matmul(hidden, p["fc2"], p["b2"])     # (H', W', 3)
# --8<-- [end:small_net]


def sliding(x, p, stride: int = 2):
    """The original network on every 10x10 crop at ``stride``: (H', W', 3)."""
    x = as_numeric_array(x, "input x", 3)
    stride = check_size(stride, "stride")
    rows = conv_output_size(x.shape[0], CROP, stride)
    cols = conv_output_size(x.shape[1], CROP, stride)
    out = np.empty((rows, cols, 3))
    for i in range(rows):
        for j in range(cols):
            crop = x[i * stride:i * stride + CROP, j * stride:j * stride + CROP]
            out[i, j] = small_net(crop, p)
    return out


def cs231n_example() -> dict[str, int]:
    """CS231n's numbers: an AlexNet-style net that shrinks its input by 32."""
    reduction, final_c, units = 32, 512, 4096
    small, large = 224, 384
    fmap = small // reduction                        # 7
    big_map = large // reduction                     # 12
    score_map = conv_output_size(big_map, fmap)      # 6
    crops = conv_output_size(large, small, reduction)  # 6 per side
    return {
        "fmap": fmap,
        "channels": final_c,
        "units": units,
        "fc_weights": fmap * fmap * final_c * units,
        "big_map": big_map,
        "score_map": score_map,
        "crops_per_side": crops,
        "crops": crops * crops,
        "reduction": reduction,
        "small": small,
        "large": large,
    }


def facts() -> dict[str, str]:
    counts = weight_counts(*FIG_GRID)
    blog = weight_counts(100, 100, 3, 1)   # Kirill's 100x100x3 example, K=1
    cs = cs231n_example()
    return {
        "fc.free": f"{counts['free']}",
        "fc.nonzero": f"{counts['nonzero']}",
        "fc.entries": f"{counts['entries']:,}",
        "fc.kirill_per_k": f"{blog['nonzero']:,}",
        "fc.felix_per_k": f"{blog['free']}",
        "fc.cs_fmap": f"{cs['fmap']}",
        "fc.cs_weights": f"{cs['fc_weights']:,}",
        "fc.cs_big_map": f"{cs['big_map']}",
        "fc.cs_score_map": f"{cs['score_map']}",
        "fc.cs_crops": f"{cs['crops']}",
        "fc.cs_crops_per_side": f"{cs['crops_per_side']}",
    }


# --- figure -----------------------------------------------------------------

FIG_GRID = (3, 3, 3, 2)     # H, W, C_in, C_out of the drawn example


def fig_block_diagonal(p: dict):
    """The dense matrix of a 1x1 conv (3x3 grid, 3 -> 2 channels)."""
    plt = pyplot()
    from matplotlib.patches import Rectangle

    h, wd, c_in, c_out = FIG_GRID
    w = np.arange(c_in * c_out).reshape(c_in, c_out)     # weight index
    big = np.kron(np.eye(h * wd), w + 1)                  # 0 = structural zero
    rows, cols = big.shape
    fig, ax = plt.subplots(figsize=(4.4, 5.6))
    ax.set_xlim(-0.5, cols + 0.5)
    ax.set_ylim(-2.2, rows + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    shades = [0.35, 0.5, 0.65, 0.8, 0.9, 1.0]
    # the grid as lines (one element each), the non-zero cells as squares
    ax.hlines(range(1, rows), 0, cols, color=p["cell"], linewidth=0.4)
    ax.vlines(range(1, cols), 0, rows, color=p["cell"], linewidth=0.4)
    for r, c in zip(*np.nonzero(big)):
        k = int(big[r, c])
        ax.add_patch(Rectangle((c, rows - 1 - r), 1, 1, facecolor=p["accent"],
                               alpha=shades[k - 1], edgecolor=p["face"],
                               lw=0.6))
    ax.add_patch(Rectangle((0, 0), cols, rows, facecolor="none",
                           edgecolor=p["line"], lw=1))
    ax.text(cols / 2, -0.6,
            f"{rows} inputs x {cols} outputs = {rows * cols:,} entries;\n"
            f"{h * wd} identical {c_in}x{c_out} blocks; "
            f"{c_in * c_out} free weights",
            ha="center", va="top", color=p["ink"], fontsize=9)
    return fig


def figures() -> list[Figure]:
    h, wd, c_in, c_out = FIG_GRID
    counts = weight_counts(h, wd, c_in, c_out)
    n = h * wd
    return [
        Figure(
            name="block-diagonal",
            draw=fig_block_diagonal,
            alt=(f"A {n * c_in} by {n * c_out} grid of mostly empty cells. "
                 f"Along its diagonal sit {n} identical coloured {c_in} by "
                 f"{c_out} blocks, one per pixel of a {h} by {wd} image; "
                 "everything else is zero. Caption numbers: "
                 f"{counts['entries']:,} entries, {counts['nonzero']} "
                 f"non-zero, {counts['free']} free weights."),
            caption=("A 1x1 convolution written as one dense layer: a "
                     "block-diagonal matrix whose blocks are all the same."),
        ),
    ]
