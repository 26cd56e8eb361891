"""Depthwise-separable or full convolution?

Backs ``docs/separable.md``: every depthwise-then-1x1 pair is a full
convolution whose kernel is ``W[u, c, o] = D[u, c] * P[c, o]``; most full
kernels are not of that form (each input channel's slice of a separable
kernel has rank 1); and what each costs, from snippets/costs.py.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .checks import as_numeric_array, with_checks
from .costs import conv_cost, depthwise_cost
from .figures import Figure, pyplot, style_chart

# --8<-- [start:separable]
import numpy as np


def conv2d(x, w):
    """Full convolution, valid, stride 1: every output channel reads every
    input channel. x: (H, W, C_in); w: (k, k, C_in, C_out)."""
    k = w.shape[0]
    h, wd = x.shape[0] - k + 1, x.shape[1] - k + 1
    out = np.zeros((h, wd, w.shape[3]))
    for i in range(k):
        for j in range(k):
            out += x[i:i + h, j:j + wd] @ w[i, j]      # (h, wd, C_out)
    return out


def depthwise(x, d):
    """One k x k filter per channel, no mixing. d: (k, k, C)."""
    k = d.shape[0]
    h, wd = x.shape[0] - k + 1, x.shape[1] - k + 1
    out = np.zeros((h, wd, x.shape[2]))
    for i in range(k):
        for j in range(k):
            out += x[i:i + h, j:j + wd] * d[i, j]      # channel by channel
    return out


def pointwise(y, p):
    """A 1x1 convolution: mixes the channels at each pixel. p: (C, C_out)."""
    return y @ p


def separable_kernel(d, p):
    """The full kernel equal to depthwise(d) then pointwise(p):
    W[u, v, c, o] = d[u, v, c] * p[c, o]. Returns (k, k, C_in, C_out)."""
    return d[:, :, :, None] * p
# --8<-- [end:separable]


# --8<-- [start:slice_rank]
import numpy as np


def slice_ranks(w):
    """For each input channel c, the rank of the (k * k, C_out) matrix of
    the weights c feeds. A separable kernel has rank 1 (or 0) in every
    slice: one filter d[:, :, c] times one row p[c]."""
    kh, kw, c_in, c_out = w.shape
    return [int(np.linalg.matrix_rank(w[:, :, c].reshape(kh * kw, c_out)))
            for c in range(c_in)]


def nearest_separable(w):
    """The separable pair (d, p) whose kernel is closest to w (least
    squares over the weights): the best rank-1 fit of each slice."""
    kh, kw, c_in, c_out = w.shape
    d, p = np.zeros((kh, kw, c_in)), np.zeros((c_in, c_out))
    for c in range(c_in):
        u, s, vt = np.linalg.svd(w[:, :, c].reshape(kh * kw, c_out))
        d[:, :, c] = (u[:, 0] * s[0]).reshape(kh, kw)
        p[c] = vt[0]
    return d, p
# --8<-- [end:slice_rank]


# --- input checks of the shown functions (not shown on the page) -----------

def _kernel(w, name="w"):
    w = as_numeric_array(w, name, 4)
    if w.shape[0] != w.shape[1]:
        raise ValueError(f"{name} must be square, got {w.shape[0]} x "
                         f"{w.shape[1]}")
    return w


def _fits(x, k, channels):
    x = as_numeric_array(x, "input x", 3)
    if x.shape[2] != channels:
        raise ValueError(f"channel mismatch: the input has {x.shape[2]} "
                         f"channels but the filters expect {channels}")
    if k > min(x.shape[:2]):
        raise ValueError(f"kernel size {k} is larger than the input "
                         f"{x.shape[0]} x {x.shape[1]}")
    return x


def _check_conv(x, w):
    w = _kernel(w)
    return _fits(x, w.shape[0], w.shape[2]), w


def _depthwise_filters(d):
    d = as_numeric_array(d, "depthwise filters d", 3)
    if d.shape[0] != d.shape[1]:
        raise ValueError(f"depthwise filters d must be square, got "
                         f"{d.shape[0]} x {d.shape[1]}")
    return d


def _check_depthwise(x, d):
    d = _depthwise_filters(d)
    return _fits(x, d.shape[0], d.shape[2]), d


def _check_pointwise(y, p):
    y = as_numeric_array(y, "input y", 3)
    p = as_numeric_array(p, "1x1 weights p", 2)
    if p.shape[0] != y.shape[2]:
        raise ValueError(f"channel mismatch: the input has {y.shape[2]} "
                         f"channels but the 1x1 expects {p.shape[0]}")
    return y, p


def _check_pair(d, p):
    d = _depthwise_filters(d)
    p = as_numeric_array(p, "1x1 weights p", 2)
    if p.shape[0] != d.shape[2]:
        raise ValueError(f"channel mismatch: d filters {d.shape[2]} "
                         f"channels but p expects {p.shape[0]}")
    return d, p


conv2d = with_checks(conv2d, _check_conv)
depthwise = with_checks(depthwise, _check_depthwise)
pointwise = with_checks(pointwise, _check_pointwise)
separable_kernel = with_checks(separable_kernel, _check_pair)
slice_ranks = with_checks(slice_ranks, lambda w: (_kernel(w),))
nearest_separable = with_checks(nearest_separable, lambda w: (_kernel(w),))


# --- counts, from the site's one cost model --------------------------------

def layer_counts(c_in: int, c_out: int, k: int = 3,
                 size: int = 14) -> dict[str, int]:
    """Weights (no biases) and multiply-adds of a full k x k 'same' conv
    and of a depthwise k x k plus a 1x1, on a ``size`` x ``size`` map."""
    full = conv_cost(size, size, c_in, c_out, k, padding="same", bias=False)
    dw = depthwise_cost(size, size, c_in, k, bias=False)
    pw = conv_cost(size, size, c_in, c_out, bias=False)
    return {
        "full_weights": full.weights, "dw_weights": dw.weights,
        "pw_weights": pw.weights, "sep_weights": dw.weights + pw.weights,
        "full_mult_adds": full.mult_adds,
        "sep_mult_adds": dw.mult_adds + pw.mult_adds,
    }


def separable_share(c_in: int, c_out: int, k: int = 3,
                    size: int = 14) -> Fraction:
    """Multiply-adds of the separable pair as an exact fraction of the full
    convolution's; MobileNet's paper gives it as 1 / N + 1 / D_K^2."""
    counts = layer_counts(c_in, c_out, k, size)
    return Fraction(counts["sep_mult_adds"], counts["full_mult_adds"])


# The widths MobileNet v1's pointwise layers produce (its Table 1); tests
# check them against snippets/beyond.py's full architecture.
MOBILENET_V1_WIDTHS = (64, 128, 256, 512, 1024)


def sobel_kernel():
    """A full 3x3 conv from one grey channel to two: Sobel's horizontal and
    vertical edge filters, ``(3, 3, 1, 2)``."""
    gx = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    return np.stack([gx, gx.T], axis=-1)[:, :, None, :]


def sobel_best_error() -> float:
    """Relative error (Frobenius) of the closest separable kernel to
    Sobel's pair."""
    w = sobel_kernel()
    d, p = nearest_separable(w)
    return float(np.linalg.norm(w - separable_kernel(d, p))
                 / np.linalg.norm(w))


def facts() -> dict[str, str]:
    c = layer_counts(512, 512)
    share = separable_share(512, 512)
    # the share does not depend on C_in: 1 / C_out + 1 / k**2
    speedups = [1 / separable_share(w, w) for w in MOBILENET_V1_WIDTHS]
    random_ranks = slice_ranks(
        np.random.default_rng(0).standard_normal((3, 3, 4, 4)))
    return {
        "sep.full_weights": f"{c['full_weights']:,}",
        "sep.dw_weights": f"{c['dw_weights']:,}",
        "sep.pw_weights": f"{c['pw_weights']:,}",
        "sep.sep_weights": f"{c['sep_weights']:,}",
        "sep.full_mult_adds": f"{c['full_mult_adds']:,}",
        "sep.sep_mult_adds": f"{c['sep_mult_adds']:,}",
        "sep.share": f"{float(share):.1%}",
        "sep.speedup": f"{float(1 / share):.2f}",
        "sep.mn_low": f"{float(speedups[0]):.2f}",
        "sep.mn_high": f"{float(speedups[-1]):.2f}",
        "sep.sobel_rank": f"{slice_ranks(sobel_kernel())[0]}",
        "sep.sobel_error": f"{sobel_best_error():.1%}",
        "sep.random_rank": f"{min(random_ranks)}",
    }


# --- figure -----------------------------------------------------------------

CURVE_WIDTHS = tuple(2 ** n for n in range(3, 11))    # 8 ... 1024


def fig_separable_share(p: dict):
    """The separable pair's share of the full cost against C_out, for 3x3
    and 5x5 kernels; it falls towards 1 / k^2, never below."""
    plt = pyplot()

    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    for k, colour, marker in ((3, p["accent"], "o"), (5, p["accent2"], "s")):
        shares = [float(separable_share(w, w, k)) * 100
                  for w in CURVE_WIDTHS]
        ax.plot(CURVE_WIDTHS, shares, color=colour, marker=marker, lw=1.5,
                label=f"{k}x{k}: 1/C_out + 1/{k * k}")
        ax.axhline(100 / k ** 2, color=colour, lw=0.8, ls="--")
    ax.set_xscale("log", base=2)
    ax.set_xticks(CURVE_WIDTHS)
    ax.set_xticklabels([str(w) for w in CURVE_WIDTHS])
    ax.set_ylim(0, 30)
    ax.set_xlabel("output channels C_out (= C_in)", color=p["ink"])
    ax.set_ylabel("% of the full conv's\nmultiply-adds", color=p["ink"])
    style_chart(ax, p, legend={"loc": "upper right", "fontsize": 8.5})
    fig.tight_layout()
    return fig


def figures() -> list[Figure]:
    s3 = [float(separable_share(w, w, 3)) for w in CURVE_WIDTHS]
    return [
        Figure(
            name="separable-share",
            draw=fig_separable_share,
            alt=("Line chart of a depthwise-separable convolution's "
                 "multiply-adds as a percentage of a full convolution's, "
                 "for 8 to 1024 channels. For 3x3 kernels it falls from "
                 f"{s3[0]:.1%} at 8 channels to {s3[-1]:.1%} at 1024, "
                 "approaching the dashed line at 1/9; for 5x5 kernels it "
                 "approaches 1/25."),
            caption=("A depthwise-separable pair costs 1/C_out + 1/k^2 of "
                     "a full convolution: the wider the layer, the closer "
                     "to 1/k^2."),
        ),
    ]
