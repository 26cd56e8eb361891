"""Network in Network: mlpconv, cross-channel pooling, global average pooling,
and when two convolutions combine into one.

Backs ``docs/network-in-network.md``.
"""

from __future__ import annotations

import functools

# numpy (np) is imported by the first shown section below, which must
# run alone when pasted.

from .checks import ANY_ARRAY, as_numeric_array, check_size
from .conv import conv1x1_matmul
from .costs import conv_cost, dense_cost
from .figures import Figure, pyplot


# --8<-- [start:conv]
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def conv2d(x, w, b=None, padding="valid"):
    """Stride-1 convolution, channels-last, 'valid' or 'same' (zeros).

    x: ``(H, W, C_in)``; w: ``(kh, kw, C_in, C_out)``; b: ``(C_out,)``.
    A sum of kh * kw matrix products, one per kernel offset.
    """
    kh, kw = w.shape[:2]
    if padding == "same":                 # TensorFlow's rule for even k
        x = np.pad(x, (((kh - 1) // 2, kh // 2),
                       ((kw - 1) // 2, kw // 2), (0, 0)))
    h, wd = x.shape[0] - kh + 1, x.shape[1] - kw + 1
    out = np.zeros((h, wd, w.shape[3]))
    for i in range(kh):
        for j in range(kw):
            out += x[i:i + h, j:j + wd] @ w[i, j]   # (h, wd, C_out)
    return out if b is None else out + b
# --8<-- [end:conv]


# --8<-- [start:mlpconv]
def mlpconv(x, conv_w, conv_b, layers):
    """NIN's mlpconv block: a k x k conv, then 1x1 convs, each with a ReLU.

    x: ``(H, W, C)``; conv_w: ``(k, k, C, C1)``; layers: ``[(w, b), ...]``
    with w ``(C_i, C_{i+1})``. The 1x1 part is a small MLP at every pixel.
    """
    y = relu(conv2d(x, conv_w, conv_b))
    for w, b in layers:
        y = relu(y @ w + b)        # a 1x1 conv: one dense layer per pixel
    return y
# --8<-- [end:mlpconv]


def per_pixel_mlp(y, layers):
    """The same MLP applied to each pixel's channel vector by a plain loop."""
    y = as_numeric_array(y, "feature map", 3)
    out = []
    for row in y:
        out_row = []
        for v in row:
            for w, b in layers:
                v = np.maximum(v @ w + b, 0)
            out_row.append(v)
        out.append(out_row)
    return np.array(out)


def channel_pool(x, weights):
    """Cross-channel parametric pooling: a weighted sum of the channels at
    each pixel, which is a 1x1 conv with one filter. x: ``(H, W, C)``."""
    weights = as_numeric_array(weights, "pooling weights", 1)
    return conv1x1_matmul(x, weights.reshape(-1, 1))[:, :, 0]


def global_average_pool(x):
    """Mean of each channel over all positions: ``(H, W, C)`` -> ``(C,)``."""
    return as_numeric_array(x, "input x", 3).mean(axis=(0, 1))


def head_params(h: int, w: int, c: int, classes: int) -> dict[str, int]:
    """Weights of a classifier head: dense on the flattened map, or global
    average pooling then dense, or NIN's way (a 1x1 to ``classes``, then GAP)."""
    c, classes = check_size(c, "c"), check_size(classes, "classes")
    return {
        "flatten_dense": dense_cost(check_size(h, "h") * check_size(w, "w")
                                    * c, classes, bias=False).weights,
        "gap_dense": dense_cost(c, classes, bias=False).weights,
        # the 1x1 to one map per class; GAP itself is free
        "nin": conv_cost(h, w, c, classes, bias=False).weights,
        "gap": 0,
    }


# Shown after the "conv" section above, which imports numpy.
# --8<-- [start:combine]
def combine_kernels(w1, w2):
    """One kernel equal to conv with ``w1`` then conv with ``w2`` (both valid,
    stride 1, no activation). w1: ``(k1, k1, C_in, C_mid)``, w2: ``(k2, k2,
    C_mid, C_out)``. Returns ``(k1 + k2 - 1, k1 + k2 - 1, C_in, C_out)``."""
    k1h, k1w, c_in, _ = w1.shape
    k2h, k2w, _, c_out = w2.shape
    w = np.zeros((k1h + k2h - 1, k1w + k2w - 1, c_in, c_out))
    for a in range(k2h):                  # offset of w2 adds to offset of w1
        for b in range(k2w):
            w[a:a + k1h, b:b + k1w] += w1 @ w2[a, b]   # (k1, k1, C_in, C_out)
    return w


def combine_bias(b1, w2, b2):
    """Bias of the combined conv: b1 passes through every tap of w2."""
    return b1 @ w2.sum(axis=(0, 1)) + b2
# --8<-- [end:combine]


# Input checks for the shown functions above (not shown on the page).

def _mismatch(what, got, want):
    return ValueError(f"channel mismatch: {what} gives {got} channels but "
                      f"the next step expects {want}")


def _checked_relu(fn):
    @functools.wraps(fn)
    def relu(x):
        return fn(as_numeric_array(x, "x", ANY_ARRAY))
    return relu


def _checked_conv(fn):
    @functools.wraps(fn)
    def conv2d(x, w, b=None, padding="valid"):
        x = as_numeric_array(x, "input x", 3)
        w = as_numeric_array(w, "filters w", 4)
        if x.shape[2] != w.shape[2]:
            raise _mismatch("the input", x.shape[2], w.shape[2])
        if b is not None and as_numeric_array(b, "bias", 1).shape != (
                w.shape[3],):
            raise ValueError(f"bias must have {w.shape[3]} entries")
        if padding not in ("valid", "same"):
            raise ValueError(
                f"padding must be 'valid' or 'same', got {padding!r}")
        if padding == "valid" and (w.shape[0] > x.shape[0]
                                   or w.shape[1] > x.shape[1]):
            raise ValueError(f"kernel {w.shape[:2]} is larger than the "
                             f"input {x.shape[:2]}")
        return fn(x, w, b, padding)
    return conv2d


def _checked_mlpconv(fn):
    @functools.wraps(fn)
    def mlpconv(x, conv_w, conv_b, layers):
        depth = as_numeric_array(conv_w, "conv_w", 4).shape[3]
        for k, (w, b) in enumerate(layers):
            w = as_numeric_array(w, f"layer {k} weights", 2)
            if w.shape[0] != depth:
                raise _mismatch(f"the layer before layer {k}", depth,
                                w.shape[0])
            depth = w.shape[1]
        return fn(x, conv_w, conv_b, layers)
    return mlpconv


def _checked_combine(fn):
    @functools.wraps(fn)
    def combine_kernels(w1, w2):
        w1 = as_numeric_array(w1, "w1", 4)
        w2 = as_numeric_array(w2, "w2", 4)
        if w1.shape[3] != w2.shape[2]:
            raise ValueError(
                f"channel mismatch: w1 gives {w1.shape[3]} channels but w2 "
                f"expects {w2.shape[2]}"
            )
        return fn(w1, w2)
    return combine_kernels


def _checked_bias(fn):
    @functools.wraps(fn)
    def combine_bias(b1, w2, b2):
        return fn(as_numeric_array(b1, "b1", 1),
                  as_numeric_array(w2, "w2", 4),
                  as_numeric_array(b2, "b2", 1))
    return combine_bias


relu = _checked_relu(relu)
conv2d = _checked_conv(conv2d)
mlpconv = _checked_mlpconv(mlpconv)
combine_kernels = _checked_combine(combine_kernels)
combine_bias = _checked_bias(combine_bias)


def same_padding_mismatch(size: int = 8, k1: int = 3, k2: int = 3,
                          seed: int = 0):
    """Where two 'same' convs differ from their combined 'same' conv.

    Returns a boolean ``(size, size)`` mask, True where the outputs differ.
    """
    size = check_size(size, "size")
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((size, size, 2))
    w1 = rng.standard_normal((k1, k1, 2, 3))
    w2 = rng.standard_normal((k2, k2, 3, 2))
    two = conv2d(conv2d(x, w1, padding="same"), w2, padding="same")
    one = conv2d(x, combine_kernels(w1, w2), padding="same")
    return ~np.isclose(two, one, rtol=1e-9, atol=1e-9).all(axis=-1)


def facts() -> dict[str, str]:
    mask = same_padding_mismatch()
    heads = head_params(7, 7, 1024, 1000)
    return {
        "nin.mismatch_count": f"{int(mask.sum())}",
        "nin.mismatch_total": f"{mask.size}",
        "nin.interior": f"{int((~mask).sum())}",
        "nin.flatten_dense": f"{heads['flatten_dense']:,}",
        "nin.gap_dense": f"{heads['gap_dense']:,}",
        "nin.head_ratio": f"{heads['flatten_dense'] // heads['gap_dense']}",
    }


# --- figure -----------------------------------------------------------------

def fig_same_padding(p: dict):
    """The ring of outputs where two 'same' 3x3 convs differ from one 5x5."""
    plt = pyplot()
    from matplotlib.patches import Patch, Rectangle

    mask = same_padding_mismatch()
    n = mask.shape[0]
    fig, ax = plt.subplots(figsize=(4.0, 4.3))
    ax.set_xlim(-0.2, n + 0.2)
    ax.set_ylim(-1.6, n + 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    for r in range(n):
        for c in range(n):
            bad = bool(mask[r, c])
            ax.add_patch(Rectangle((c, n - 1 - r), 1, 1,
                                   facecolor=p["fill"] if bad else p["fill2"],
                                   edgecolor=p["accent"] if bad else p["accent2"],
                                   lw=0.8, hatch="xx" if bad else None))
    legend = ax.legend(handles=[
        Patch(facecolor=p["fill"], edgecolor=p["accent"], hatch="xx",
              label="differs (border)"),
        Patch(facecolor=p["fill2"], edgecolor=p["accent2"],
              label="equal (interior)")],
        loc="lower center", bbox_to_anchor=(0.5, -0.02), ncol=2,
        frameon=False, fontsize=8.5)
    for text in legend.get_texts():
        text.set_color(p["ink"])
    return fig


def figures() -> list[Figure]:
    mask = same_padding_mismatch()
    n = mask.shape[0]
    return [
        Figure(
            name="same-padding",
            draw=fig_same_padding,
            alt=(f"An {n} by {n} output grid. The {int(mask.sum())} cells of "
                 "the outer ring are hatched: there, two 3x3 convolutions "
                 "with zero padding differ from their combined 5x5 "
                 f"convolution. The {int((~mask).sum())} interior cells "
                 "agree."),
            caption=("Two 'same' 3x3 convolutions against their combined 5x5: "
                     "equal inside, different on the border ring."),
        ),
    ]
