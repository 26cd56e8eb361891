"""Reference convolutions in numpy, channels-last ``(H, W, C)``.

``conv2d`` is the general reference; the three ``conv1x1_*`` functions are
the same 1x1 convolution written three ways (a loop over positions, an
``einsum`` and one matrix product) and must agree with it.
"""

from __future__ import annotations

import numpy as np

from .checks import (ANY_ARRAY, ANY_VECTORS, as_numeric_array, check_bias,
                     check_channels, check_size, checked_1x1)
from .costs import _pad_widths, conv_output_size

__all__ = [
    "conv1x1_einsum",
    "conv1x1_loop",
    "conv1x1_matmul",
    "conv2d",
    "conv_output_size",
    "dense",
    "max_pool2d",
    "relu",
]


# --- the reference convolution ---------------------------------------------

def conv2d(x, w, b=None, stride: int = 1, padding: str | int = "valid"):
    """General 2-D convolution (cross-correlation, as deep learning uses it).

    x: input ``(H, W, C_in)``; w: filters ``(kh, kw, C_in, C_out)``;
    b: bias ``(C_out,)`` or ``None``. Returns ``(H_out, W_out, C_out)``.
    """
    x = as_numeric_array(x, "input x", 3)
    w = as_numeric_array(w, "filters w", 4)
    kh, kw, c_in, c_out = w.shape
    check_channels(x.shape[2], c_in, "the filters")
    b = check_bias(b, c_out)
    stride = check_size(stride, "stride")
    h, wd = x.shape[:2]
    (top, bottom) = _pad_widths(h, kh, stride, padding)
    (left, right) = _pad_widths(wd, kw, stride, padding)
    for n, k, lo, hi, axis in ((h, kh, top, bottom, "height"),
                               (wd, kw, left, right, "width")):
        if k > n + lo + hi:
            raise ValueError(
                f"kernel {axis} {k} is larger than the padded input "
                f"{axis} {n + lo + hi}"
            )
    xp = np.pad(x, ((top, bottom), (left, right), (0, 0)))
    h_out = (h + top + bottom - kh) // stride + 1
    w_out = (wd + left + right - kw) // stride + 1
    out = np.zeros((h_out, w_out, c_out),
                   dtype=np.result_type(x, w, np.float64))
    # one matrix product per kernel offset: a sum of kh*kw 1x1 convolutions
    for i in range(kh):
        for j in range(kw):
            patch = xp[i:i + stride * h_out:stride,
                       j:j + stride * w_out:stride, :]  # (H_out, W_out, C_in)
            rows = patch.reshape(h_out * w_out, c_in)   # one row per position
            out += (rows @ w[i, j]).reshape(h_out, w_out, c_out)
    if b is not None:
        out += b
    return out


# --- the small dense layer and its activation ------------------------------

def dense(v, w, b=None):
    """One fully connected layer: ``v @ w + b``.

    v: inputs ``(..., C_in)``; w: weights ``(C_in, C_out)``; b: ``(C_out,)``.
    """
    v = as_numeric_array(v, "inputs v", ANY_VECTORS)
    w = as_numeric_array(w, "weights w", 2)
    check_channels(v.shape[-1], w.shape[0], "the weights")
    b = check_bias(b, w.shape[1])
    out = v @ w
    return out if b is None else out + b


def relu(x):
    """Rectified linear unit, elementwise: ``max(x, 0)``."""
    x = as_numeric_array(x, "x", ANY_ARRAY)
    return np.maximum(x, 0)


# --- max pooling, shared by several pages ------------------------------------

def max_pool2d(x, size: int, stride: int | None = None):
    """Max pooling over ``size`` x ``size`` windows, channel by channel.

    x: ``(H, W, C)``; stride defaults to ``size``; no padding.
    Returns ``(H_out, W_out, C)``: the channels are untouched.
    """
    x = as_numeric_array(x, "input x", 3)
    size = check_size(size, "pool size")
    stride = size if stride is None else check_size(stride, "stride")
    h_out = conv_output_size(x.shape[0], size, stride)
    w_out = conv_output_size(x.shape[1], size, stride)
    out = np.full((h_out, w_out, x.shape[2]), -np.inf)
    for i in range(size):
        for j in range(size):
            out = np.maximum(out, x[i:i + stride * h_out:stride,
                                    j:j + stride * w_out:stride])
    return out.astype(np.result_type(x, np.float64))


# --- a 1x1 convolution, three ways ------------------------------------------
# Each section is shown on a page whole and runs alone there; the input
# checks of the public functions are applied after it (checked_1x1).

# --8<-- [start:conv1x1_loop]
import numpy as np


def conv1x1_loop(x, w, b=None):
    """1x1 convolution as a loop: one small dense layer at every position.

    x: (H, W, C_in); w: (C_in, C_out), one column per filter;
    b: (C_out,) or None. Returns (H, W, C_out).
    """
    h, wd, _ = x.shape
    b = np.zeros(w.shape[1]) if b is None else b
    out = np.empty((h, wd, w.shape[1]))
    for i in range(h):
        for j in range(wd):
            out[i, j] = x[i, j] @ w + b     # same w, b at every (i, j)
    return out
# --8<-- [end:conv1x1_loop]


# --8<-- [start:conv1x1_einsum]
import numpy as np


def conv1x1_einsum(x, w, b=None):
    """1x1 convolution as an einsum over the channel axis c."""
    # optimize=True lets einsum hand the sum to BLAS; without it numpy runs
    # its own loops, about ten times slower here (docs/benchmarks.md)
    out = np.einsum("hwc,cd->hwd", x, w, optimize=True)  # (H, W, C_out)
    return out if b is None else out + b
# --8<-- [end:conv1x1_einsum]


# --8<-- [start:conv1x1_matmul]
import numpy as np


def conv1x1_matmul(x, w, b=None):
    """1x1 convolution as one matrix product of (H*W, C_in) by (C_in, C_out)."""
    h, wd, c_in = x.shape
    rows = x.reshape(h * wd, c_in)       # one row per position
    out = rows @ w                       # (H*W, C_out)
    if b is not None:
        out = out + b
    return out.reshape(h, wd, w.shape[1])
# --8<-- [end:conv1x1_matmul]


# the public forms check their input (the shown code above stays plain)
conv1x1_loop = checked_1x1(conv1x1_loop)
conv1x1_einsum = checked_1x1(conv1x1_einsum)
conv1x1_matmul = checked_1x1(conv1x1_matmul)
