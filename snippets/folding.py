"""Folding and factoring: 1x1 layers that merge, split and unfold.

Backs ``docs/folding.md``: a linear 1x1 folded into the convolution next to
it (exact, except a biased 1x1 before a zero-padded convolution, which
differs on a border ring), batch norm folded into a convolution at
inference, a 1x1 then a k x k as a rank-limited k x k (MobileNetV2's linear
bottleneck), and im2col: every convolution as one matrix product, the 1x1
as the one whose matrix is the input itself.
"""

from __future__ import annotations

import numpy as np

from .checks import as_numeric_array, check_size, with_checks
from .conv import conv2d as reference_conv2d
from .costs import conv_cost
from .figures import Figure, pyplot

# --8<-- [start:conv]
import numpy as np


def conv2d(x, w, b=None, pad=0):
    """Stride-1 convolution, channels-last, with ``pad`` zeros on each side.

    x: (H, W, C_in); w: (k, k, C_in, C_out); b: (C_out,) or None.
    Returns (H + 2 * pad - k + 1, W + 2 * pad - k + 1, C_out).
    """
    x = np.pad(x, ((pad, pad), (pad, pad), (0, 0)))       # zeros around
    kh, kw = w.shape[:2]
    h, wd = x.shape[0] - kh + 1, x.shape[1] - kw + 1
    out = np.zeros((h, wd, w.shape[3]))
    for i in range(kh):                  # one matrix product per offset
        for j in range(kw):
            out += x[i:i + h, j:j + wd] @ w[i, j]          # (h, wd, C_out)
    return out if b is None else out + b
# --8<-- [end:conv]


# --8<-- [start:fold]
def fold_before(p, pb, w, b):
    """A 1x1 conv (p: (C_in, C_mid), bias pb) then a k x k conv
    (w: (k, k, C_mid, C_out), bias b), as ONE k x k conv."""
    return p @ w, pb @ w.sum(axis=(0, 1)) + b       # (k, k, C_in, C_out)


def fold_after(w, b, q, qb):
    """A k x k conv (w, b) then a 1x1 conv (q: (C_out, C_new), bias qb),
    as ONE k x k conv."""
    return w @ q, b @ q + qb                        # (k, k, C_in, C_new)
# --8<-- [end:fold]


# --8<-- [start:batch_norm]
import numpy as np


def batch_norm(y, gamma, beta, mean, var, eps=1e-5):
    """Batch norm at inference: fixed statistics, one per channel (the
    last axis of y)."""
    return gamma * (y - mean) / np.sqrt(var + eps) + beta


def fold_batch_norm(w, b, gamma, beta, mean, var, eps=1e-5):
    """The conv equal to conv(w, b) then batch_norm: every filter (the last
    axis of w) scaled by gamma / sqrt(var + eps), and a new bias."""
    scale = gamma / np.sqrt(var + eps)                  # (C_out,)
    return w * scale, (b - mean) * scale + beta
# --8<-- [end:batch_norm]


# --8<-- [start:low_rank]
import numpy as np


def unfold_kernel(w):
    """A kernel (k, k, C_in, C_out) as a (C_in, k * k * C_out) matrix:
    row c holds every weight that input channel c feeds."""
    kh, kw, c_in, c_out = w.shape
    return w.transpose(2, 0, 1, 3).reshape(c_in, kh * kw * c_out)


def factor_kernel(w, r):
    """Split a k x k kernel into a 1x1 conv to r channels, p: (C_in, r),
    and a k x k conv, v: (k, k, r, C_out): the closest such pair (exact
    when the unfolded kernel has rank r or less)."""
    kh, kw, c_in, c_out = w.shape
    u, s, vt = np.linalg.svd(unfold_kernel(w), full_matrices=False)
    p = u[:, :r] * s[:r]                                 # (C_in, r)
    v = vt[:r].reshape(r, kh, kw, c_out).transpose(1, 2, 0, 3)
    return p, v
# --8<-- [end:low_rank]


# --8<-- [start:relu_loses]
import numpy as np


def relu_recoverable(x, t):
    """For each point x[n] (d numbers), can it be read back from
    relu(t @ x[n])? Only the channels the ReLU leaves positive still tell
    anything, and they must span all d directions. t: (channels, d)."""
    z = x @ t.T                                          # (N, channels)
    d = x.shape[1]
    return np.array([np.linalg.matrix_rank(t[row > 0]) == d for row in z])
# --8<-- [end:relu_loses]


# --8<-- [start:im2col]
import numpy as np


def conv_loop(x, w):
    """Direct convolution, valid, stride 1: each output number is the sum
    of a k x k x C_in patch times a filter. x: (H, W, C_in);
    w: (k, k, C_in, C_out)."""
    k = w.shape[0]
    h, wd = x.shape[0] - k + 1, x.shape[1] - k + 1
    out = np.zeros((h, wd, w.shape[3]))
    for i in range(h):
        for j in range(wd):
            for o in range(w.shape[3]):
                out[i, j, o] = np.sum(x[i:i + k, j:j + k] * w[..., o])
    return out


def im2col(x, k):
    """Unfold x (H, W, C_in): one row per output position, holding its
    k x k x C_in patch in the kernel's (row, column, channel) order."""
    h, wd = x.shape[0] - k + 1, x.shape[1] - k + 1
    rows = [x[i:i + k, j:j + k].ravel()
            for i in range(h) for j in range(wd)]
    return np.array(rows)                     # (h * wd, k * k * C_in)


def conv_im2col(x, w):
    """The same convolution as ONE matrix product."""
    k, _, c_in, c_out = w.shape
    h, wd = x.shape[0] - k + 1, x.shape[1] - k + 1
    out = im2col(x, k) @ w.reshape(k * k * c_in, c_out)   # (h * wd, C_out)
    return out.reshape(h, wd, c_out)
# --8<-- [end:im2col]


# --- input checks of the shown functions (not shown on the page) -----------

def _kernel(w, name="w"):
    return as_numeric_array(w, name, 4)


def _vector(v, name, size, what):
    v = as_numeric_array(v, name, 1)
    if v.shape[0] != size:
        raise ValueError(f"{name} has {v.shape[0]} entries but {what} "
                         f"has {size}")
    return v


def _square(w):
    if w.shape[0] != w.shape[1]:
        raise ValueError(f"the kernel must be square, got {w.shape[0]} x "
                         f"{w.shape[1]}")
    return w


def _input_fits(x, w):
    x = as_numeric_array(x, "input x", 3)
    if x.shape[2] != w.shape[2]:
        raise ValueError(f"channel mismatch: the input has {x.shape[2]} "
                         f"channels but the kernel expects {w.shape[2]}")
    return x


def _check_conv(x, w, b=None, pad=0):
    w = _kernel(w)
    x = _input_fits(x, w)
    if b is not None:
        b = _vector(b, "bias b", w.shape[3], "the kernel's output")
    pad = check_size(pad, "pad", minimum=0)
    for axis, n, k in (("height", x.shape[0], w.shape[0]),
                       ("width", x.shape[1], w.shape[1])):
        if k > n + 2 * pad:
            raise ValueError(f"kernel {axis} {k} is larger than the padded "
                             f"input {axis} {n + 2 * pad}")
    return x, w, b, pad


def _check_before(p, pb, w, b):
    p = as_numeric_array(p, "1x1 weights p", 2)
    w = _kernel(w)
    if p.shape[1] != w.shape[2]:
        raise ValueError(f"channel mismatch: the 1x1 gives {p.shape[1]} "
                         f"channels but the kernel expects {w.shape[2]}")
    return (p, _vector(pb, "1x1 bias pb", p.shape[1], "the 1x1's output"),
            w, _vector(b, "bias b", w.shape[3], "the kernel's output"))


def _check_after(w, b, q, qb):
    w = _kernel(w)
    q = as_numeric_array(q, "1x1 weights q", 2)
    if q.shape[0] != w.shape[3]:
        raise ValueError(f"channel mismatch: the kernel gives {w.shape[3]} "
                         f"channels but the 1x1 expects {q.shape[0]}")
    return (w, _vector(b, "bias b", w.shape[3], "the kernel's output"),
            q, _vector(qb, "1x1 bias qb", q.shape[1], "the 1x1's output"))


def _check_stats(channels, gamma, beta, mean, var, eps):
    stats = [_vector(v, name, channels, "the channel axis")
             for v, name in ((gamma, "gamma"), (beta, "beta"),
                             (mean, "mean"), (var, "var"))]
    if isinstance(eps, bool) or not isinstance(eps, (int, float)):
        raise TypeError(f"eps must be a number, got {eps!r}")
    if np.any(stats[3] + eps <= 0):
        raise ValueError("var + eps must be positive in every channel")
    return (*stats, eps)


def _check_bn(y, gamma, beta, mean, var, eps=1e-5):
    y = as_numeric_array(y, "y", (1, 2, 3, 4))
    return (y, *_check_stats(y.shape[-1], gamma, beta, mean, var, eps))


def _check_fold_bn(w, b, gamma, beta, mean, var, eps=1e-5):
    w = _kernel(w)
    b = _vector(b, "bias b", w.shape[3], "the kernel's output")
    return (w, b, *_check_stats(w.shape[3], gamma, beta, mean, var, eps))


def _check_factor(w, r):
    w = _kernel(w)
    r = check_size(r, "rank r")
    if r > w.shape[2]:
        raise ValueError(f"rank r {r} is more than the {w.shape[2]} input "
                         "channels")
    return w, r


def _check_recoverable(x, t):
    x = as_numeric_array(x, "points x", 2)
    t = as_numeric_array(t, "matrix t", 2)
    if t.shape[1] != x.shape[1]:
        raise ValueError(f"t has {t.shape[1]} columns but the points have "
                         f"{x.shape[1]} numbers")
    return x, t


def _check_loop(x, w):
    w = _square(_kernel(w))
    x = _input_fits(x, w)
    return _check_conv(x, w)[:2]


def _check_im2col(x, k):
    x = as_numeric_array(x, "input x", 3)
    k = check_size(k, "kernel size k")
    if k > min(x.shape[:2]):
        raise ValueError(f"kernel size {k} is larger than the input "
                         f"{x.shape[0]} x {x.shape[1]}")
    return x, k


conv2d = with_checks(conv2d, _check_conv)
fold_before = with_checks(fold_before, _check_before)
fold_after = with_checks(fold_after, _check_after)
batch_norm = with_checks(batch_norm, _check_bn)
fold_batch_norm = with_checks(fold_batch_norm, _check_fold_bn)
unfold_kernel = with_checks(unfold_kernel, lambda w: (_kernel(w),))
factor_kernel = with_checks(factor_kernel, _check_factor)
relu_recoverable = with_checks(relu_recoverable, _check_recoverable)
conv_loop = with_checks(conv_loop, _check_loop)
im2col = with_checks(im2col, _check_im2col)
conv_im2col = with_checks(conv_im2col, _check_loop)


# --- the numbers the page prints --------------------------------------------

def fold_mismatch(case: str, size: int = 8, k: int = 3, seed: int = 0):
    """Where a folded pair differs from the two layers run one by one, with
    'same' zero padding (``k // 2`` zeros) on the k x k convolution.

    case: ``"before"`` (a 1x1 with a bias, then the padded k x k),
    ``"before_no_bias"`` (the same 1x1 without its bias) or ``"after"``
    (the padded k x k, then a 1x1 with a bias). Returns a boolean
    ``(size, size)`` mask, True where the outputs differ. The layers run
    through the site's reference convolution (snippets/conv.py).
    """
    if case not in ("before", "before_no_bias", "after"):
        raise ValueError("case must be 'before', 'before_no_bias' or "
                         f"'after', got {case!r}")
    size, k = check_size(size, "size"), check_size(k, "k")
    if k % 2 == 0 or k > size:
        raise ValueError(f"k must be odd and at most size, got {k}")
    pad = k // 2
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((size, size, 3))            # (H, W, C_in)
    w, b = rng.standard_normal((k, k, 4, 2)), rng.standard_normal(2)
    p, pb = rng.standard_normal((3, 4)), rng.standard_normal(4)
    if case == "after":
        w, b = rng.standard_normal((k, k, 3, 4)), rng.standard_normal(4)
        q, qb = rng.standard_normal((4, 2)), rng.standard_normal(2)
        two = reference_conv2d(x, w, b, padding=pad) @ q + qb
        one = reference_conv2d(x, *fold_after(w, b, q, qb), padding=pad)
    else:
        if case == "before_no_bias":
            pb = np.zeros(4)
        two = reference_conv2d(x @ p + pb, w, b, padding=pad)
        one = reference_conv2d(x, *fold_before(p, pb, w, b), padding=pad)
    return ~np.isclose(two, one, rtol=1e-9, atol=1e-9).all(axis=-1)


def kernel_rank(w) -> int:
    """Rank of the unfolded kernel ``(C_in, k * k * C_out)``."""
    return int(np.linalg.matrix_rank(unfold_kernel(w)))


def low_rank_example(h: int = 28, c_in: int = 128, r: int = 32,
                     c_out: int = 128, k: int = 3) -> dict[str, int]:
    """A 1x1 to ``r`` channels then a k x k 'same' conv, against a full
    k x k conv: ranks of the unfolded kernels (random weights, seed 0),
    weights and multiply-adds (snippets/costs.py, no biases)."""
    rng = np.random.default_rng(0)
    p = rng.standard_normal((c_in, r))
    v = rng.standard_normal((k, k, r, c_out))
    full = rng.standard_normal((k, k, c_in, c_out))
    one = conv_cost(h, h, c_in, r, bias=False)
    two = conv_cost(h, h, r, c_out, k, padding="same", bias=False)
    direct = conv_cost(h, h, c_in, c_out, k, padding="same", bias=False)
    return {
        "folded_rank": kernel_rank(p @ v),
        "full_rank": kernel_rank(full),
        "factored_weights": one.weights + two.weights,
        "full_weights": direct.weights,
        "factored_mult_adds": one.mult_adds + two.mult_adds,
        "full_mult_adds": direct.mult_adds,
    }


def bottleneck_recovery(d: int = 2, wide: int = 12, n: int = 2000,
                        seed: int = 0) -> dict[str, float]:
    """Share of random points in ``d`` dimensions that can be read back
    after a ReLU applied in ``d`` channels (narrow) or after a linear map to
    ``wide`` channels (expanded)."""
    d, wide, n = (check_size(d, "d"), check_size(wide, "wide"),
                  check_size(n, "n"))
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d))
    narrow = relu_recoverable(x, rng.standard_normal((d, d)))
    expanded = relu_recoverable(x, rng.standard_normal((wide, d)))
    return {"narrow": float(narrow.mean()), "wide": float(expanded.mean())}


def bn_example() -> dict[str, float]:
    """One filter folded with batch norm: the numbers the page prints."""
    w = np.ones((1, 1, 1, 1))
    b, gamma, beta, mean, var = (np.array([v]) for v in
                                 (0.3, 1.5, 0.2, 0.8, 0.25))
    w2, b2 = fold_batch_norm(w, b, gamma, beta, mean, var)
    return {"b": 0.3, "gamma": 1.5, "beta": 0.2, "mean": 0.8, "var": 0.25,
            "eps": 1e-5, "scale": float(w2[0, 0, 0, 0]), "bias": float(b2[0])}


def unfold_example(h: int = 28, c_in: int = 128, k: int = 3):
    """The im2col matrix of an (h, h, c_in) input for a k x k 'same' conv:
    its rows (positions) and columns (one filter's weights), from
    snippets/costs.py, and how many times the input's size it is."""
    layer = conv_cost(h, h, c_in, 1, k, padding="same", bias=False)
    rows, cols = layer.positions, layer.weights
    return {"rows": rows, "cols": cols,
            "times": rows * cols // (h * h * c_in)}


def facts() -> dict[str, str]:
    ring = fold_mismatch("before")
    low = low_rank_example()
    rec = bottleneck_recovery()
    bn = bn_example()
    unfold = unfold_example()
    one = unfold_example(k=1)
    return {
        "fold.ring": f"{int(ring.sum())}",
        "fold.total": f"{ring.size}",
        "fold.inside": f"{int((~ring).sum())}",
        "fold.no_bias": f"{int(fold_mismatch('before_no_bias').sum())}",
        "fold.after": f"{int(fold_mismatch('after').sum())}",
        "fold.bn_b": f"{bn['b']}",
        "fold.bn_gamma": f"{bn['gamma']}",
        "fold.bn_beta": f"{bn['beta']}",
        "fold.bn_mean": f"{bn['mean']}",
        "fold.bn_var": f"{bn['var']}",
        "fold.bn_eps": f"{bn['eps']:g}",
        "fold.bn_scale": f"{bn['scale']:.5f}",
        "fold.bn_bias": f"{bn['bias']:.5f}",
        "fold.rank_folded": f"{low['folded_rank']}",
        "fold.rank_full": f"{low['full_rank']}",
        "fold.weights_factored": f"{low['factored_weights']:,}",
        "fold.weights_full": f"{low['full_weights']:,}",
        "fold.mult_adds_factored": f"{low['factored_mult_adds']:,}",
        "fold.mult_adds_full": f"{low['full_mult_adds']:,}",
        "fold.weights_ratio": (
            f"{low['full_weights'] / low['factored_weights']:.1f}"),
        "fold.recover_narrow": f"{rec['narrow']:.0%}",
        "fold.recover_wide": f"{rec['wide']:.0%}",
        "fold.unfold_rows": f"{unfold['rows']:,}",
        "fold.unfold_cols": f"{unfold['cols']:,}",
        "fold.unfold_times": f"{unfold['times']}",
        "fold.unfold_1x1_cols": f"{one['cols']:,}",
    }


# --- figure -----------------------------------------------------------------

def fig_fold_border(p: dict):
    """Three 8x8 output grids: where a folded pair differs from the two
    layers with zero padding (1x1 with bias before, without bias, after)."""
    plt = pyplot()
    from matplotlib.patches import Patch, Rectangle

    panels = [("before", "1x1 with bias,\nthen padded 3x3"),
              ("before_no_bias", "1x1 without bias,\nthen padded 3x3"),
              ("after", "padded 3x3,\nthen 1x1 with bias")]
    fig, axes = plt.subplots(1, 3, figsize=(7.2, 2.8))
    for ax, (case, title) in zip(axes, panels):
        mask = fold_mismatch(case)
        n = mask.shape[0]
        ax.set_xlim(-0.2, n + 0.2)
        ax.set_ylim(-0.2, n + 0.2)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(title, color=p["ink"], fontsize=9)
        for r in range(n):
            for c in range(n):
                bad = bool(mask[r, c])
                ax.add_patch(Rectangle(
                    (c, n - 1 - r), 1, 1,
                    facecolor=p["fill"] if bad else p["fill2"],
                    edgecolor=p["accent"] if bad else p["accent2"],
                    lw=0.8, hatch="xx" if bad else None))
    legend = fig.legend(handles=[
        Patch(facecolor=p["fill"], edgecolor=p["accent"], hatch="xx",
              label="folded conv differs"),
        Patch(facecolor=p["fill2"], edgecolor=p["accent2"],
              label="folded conv equal")],
        loc="lower center", ncol=2, frameon=False, fontsize=8.5)
    for text in legend.get_texts():
        text.set_color(p["ink"])
    fig.subplots_adjust(bottom=0.12)
    return fig


def figures() -> list[Figure]:
    ring = fold_mismatch("before")
    return [
        Figure(
            name="fold-border",
            draw=fig_fold_border,
            alt=("Three 8 by 8 grids of output pixels. Left, a 1x1 "
                 "convolution with a bias folded into the zero-padded 3x3 "
                 f"after it: the {int(ring.sum())} cells of the outer ring "
                 "are hatched, where the folded convolution differs; the "
                 f"{int((~ring).sum())} inside cells agree. Middle, the "
                 "same 1x1 without its bias, and right, a 1x1 after the "
                 "padded 3x3: every cell agrees."),
            caption=("Folding a 1x1 into a zero-padded 3x3: exact, except "
                     "for a biased 1x1 before the padding, which differs "
                     "on the border ring."),
        ),
    ]
