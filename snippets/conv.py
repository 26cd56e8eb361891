"""Reference convolutions in numpy, channels-last ``(H, W, C)``.

``conv2d`` is the general reference; the three ``conv1x1_*`` functions are
the same 1x1 convolution written three ways (a loop over positions, an
``einsum`` and one matrix product) and must agree with it.
"""

from __future__ import annotations

import numpy as np

from .checks import ANY_ARRAY, ANY_VECTORS, as_numeric_array, check_size
from .costs import _pad_widths, conv_output_size

__all__ = [
    "conv1x1_einsum",
    "conv1x1_loop",
    "conv1x1_matmul",
    "conv2d",
    "conv_output_size",
    "dense",
    "relu",
]


def _check_bias(b, c_out: int) -> np.ndarray | None:
    if b is None:
        return None
    b = as_numeric_array(b, "bias", 1)
    if b.shape[0] != c_out:
        raise ValueError(
            f"bias has {b.shape[0]} entries but there are {c_out} filters"
        )
    return b


def _check_channels(c_x: int, c_w: int, where: str) -> None:
    if c_x != c_w:
        raise ValueError(
            f"channel mismatch: the input has {c_x} channels but {where} "
            f"expects {c_w}"
        )


# --- the reference convolution ---------------------------------------------

def conv2d(x, w, b=None, stride: int = 1, padding: str | int = "valid"):
    """General 2-D convolution (cross-correlation, as deep learning uses it).

    x: input ``(H, W, C_in)``; w: filters ``(kh, kw, C_in, C_out)``;
    b: bias ``(C_out,)`` or ``None``. Returns ``(H_out, W_out, C_out)``.
    """
    x = as_numeric_array(x, "input x", 3)
    w = as_numeric_array(w, "filters w", 4)
    kh, kw, c_in, c_out = w.shape
    _check_channels(x.shape[2], c_in, "the filters")
    b = _check_bias(b, c_out)
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
    _check_channels(v.shape[-1], w.shape[0], "the weights")
    b = _check_bias(b, w.shape[1])
    out = v @ w
    return out if b is None else out + b


def relu(x):
    """Rectified linear unit, elementwise: ``max(x, 0)``."""
    x = as_numeric_array(x, "x", ANY_ARRAY)
    return np.maximum(x, 0)


# --- a 1x1 convolution, three ways ------------------------------------------

def _check_1x1(x, w, b):
    x = as_numeric_array(x, "input x", 3)
    w = as_numeric_array(w, "weights w", 2)
    _check_channels(x.shape[2], w.shape[0], "the weights")
    b = _check_bias(b, w.shape[1])
    return x, w, b


# --8<-- [start:conv1x1_loop]
def conv1x1_loop(x, w, b=None):
    """1x1 convolution as a loop: one small dense layer at every position.

    x: ``(H, W, C_in)``; w: ``(C_in, C_out)``, one column per filter;
    b: ``(C_out,)`` or ``None``. Returns ``(H, W, C_out)``.
    """
    x, w, b = _check_1x1(x, w, b)
    h, wd, _ = x.shape
    out = np.empty((h, wd, w.shape[1]), dtype=np.result_type(x, w, 1.0))
    for i in range(h):
        for j in range(wd):
            out[i, j] = dense(x[i, j], w, b)  # same w, b at every (i, j)
    return out
# --8<-- [end:conv1x1_loop]


# --8<-- [start:conv1x1_einsum]
def conv1x1_einsum(x, w, b=None):
    """1x1 convolution as an einsum over the channel axis."""
    x, w, b = _check_1x1(x, w, b)
    # optimize=True lets einsum hand the sum to BLAS; without it numpy runs
    # its own loops, about ten times slower here (docs/benchmarks.md)
    out = np.einsum("hwc,cd->hwd", x, w, optimize=True)  # (H, W, C_out)
    return out if b is None else out + b
# --8<-- [end:conv1x1_einsum]


# --8<-- [start:conv1x1_matmul]
def conv1x1_matmul(x, w, b=None):
    """1x1 convolution as one matrix product of (H*W, C_in) by (C_in, C_out)."""
    x, w, b = _check_1x1(x, w, b)
    h, wd, c_in = x.shape
    rows = x.reshape(h * wd, c_in)       # one row per position
    out = rows @ w                       # (H*W, C_out)
    if b is not None:
        out = out + b
    return out.reshape(h, wd, w.shape[1])
# --8<-- [end:conv1x1_matmul]
