"""Reference convolutions in numpy, channels-last ``(H, W, C)``.

``conv2d`` is the general reference; the three ``conv1x1_*`` functions are
the same 1x1 convolution written three ways (a loop over positions, an
``einsum`` and one matrix product) and must agree with it.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "conv1x1_einsum",
    "conv1x1_loop",
    "conv1x1_matmul",
    "conv2d",
    "conv_output_size",
    "dense",
    "relu",
]


# --- validation shared by every function below -----------------------------

ANY_ARRAY = tuple(range(0, 33))      # numpy allows at most 32 dimensions
ANY_VECTORS = ANY_ARRAY[1:]

def as_numeric_array(x, name: str, ndim: int | tuple[int, ...]) -> np.ndarray:
    """Return ``x`` as a non-empty numeric array with ``ndim`` dimensions.

    Raises ``TypeError`` for non-numeric data (strings, objects, booleans)
    and ``ValueError`` for the wrong number of dimensions or an empty array.
    """
    arr = np.asarray(x)
    kind = arr.dtype.kind        # cheaper than np.issubdtype, on a hot path
    if kind not in "iuf":
        if kind == "c":
            raise TypeError(f"{name} must be real, got dtype {arr.dtype}")
        raise TypeError(
            f"{name} must hold numbers, got dtype {arr.dtype}"
        )
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if arr.ndim not in allowed:
        want = " or ".join(str(n) for n in allowed)
        raise ValueError(
            f"{name} must have {want} dimensions, got {arr.ndim} "
            f"(shape {arr.shape})"
        )
    if arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape})")
    return arr


def check_size(value, name: str, minimum: int = 1) -> int:
    """Return ``value`` as an int, or raise if it is not an integer >= minimum."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be an integer, got {type(value).__name__} {value!r}"
        )
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


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


# --- output size -------------------------------------------------------------

def conv_output_size(n: int, kernel: int, stride: int = 1,
                     padding: str | int = "valid") -> int:
    """Output length along one axis of a convolution.

    ``padding`` is ``"valid"`` (no padding), ``"same"`` (output
    ``ceil(n / stride)``, as in TensorFlow and Keras) or a non-negative int
    added on both sides.
    """
    n = check_size(n, "input size")
    kernel = check_size(kernel, "kernel size")
    stride = check_size(stride, "stride")
    if padding == "same":
        return -(-n // stride)
    pad = _padding_amount(padding)
    if kernel > n + 2 * pad:
        raise ValueError(
            f"kernel size {kernel} is larger than the padded input "
            f"{n} + 2*{pad} = {n + 2 * pad}"
        )
    return (n + 2 * pad - kernel) // stride + 1


def _padding_amount(padding) -> int:
    if padding == "valid":
        return 0
    if isinstance(padding, str):
        raise ValueError(
            f"padding must be 'valid', 'same' or an integer, got {padding!r}"
        )
    return check_size(padding, "padding", minimum=0)


def _pad_widths(n: int, kernel: int, stride: int, padding) -> tuple[int, int]:
    """Zeros added before and after one axis (TensorFlow's rule for same)."""
    if padding == "same":
        out = -(-n // stride)
        total = max((out - 1) * stride + kernel - n, 0)
        return total // 2, total - total // 2
    pad = _padding_amount(padding)
    return pad, pad


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
