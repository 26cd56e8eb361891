"""Input checks shared by every public function of ``snippets``.

Bad input (wrong dtype, wrong number of dimensions, a size below its
minimum) raises a clear ``TypeError`` or ``ValueError`` naming the
argument. Shown code on the pages leaves these checks out; the public
functions apply them.
"""

from __future__ import annotations

import functools
import numbers

import numpy as np

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


def check_channels(c_x: int, c_w: int, where: str) -> None:
    """Raise if an input with ``c_x`` channels meets weights expecting ``c_w``."""
    if c_x != c_w:
        raise ValueError(
            f"channel mismatch: the input has {c_x} channels but {where} "
            f"expects {c_w}"
        )


def check_bias(b, c_out: int) -> np.ndarray | None:
    """Return ``b`` as a 1-D array of ``c_out`` numbers (or None)."""
    if b is None:
        return None
    b = as_numeric_array(b, "bias", 1)
    if b.shape[0] != c_out:
        raise ValueError(
            f"bias has {b.shape[0]} entries but there are {c_out} filters"
        )
    return b


def checked_1x1(form):
    """Give a 1x1 convolution ``form(x, w, b=None)`` the public checks.

    x must be ``(H, W, C_in)``, w ``(C_in, C_out)`` and b ``None`` or
    ``(C_out,)``, all numeric and non-empty; further arguments pass through.
    The shown code stays plain.
    """
    @functools.wraps(form)
    def checked(x, w, b=None, *args, **kwargs):
        x = as_numeric_array(x, "input x", 3)
        w = as_numeric_array(w, "weights w", 2)
        check_channels(x.shape[2], w.shape[0], "the weights")
        return form(x, w, check_bias(b, w.shape[1]), *args, **kwargs)
    return checked


def with_checks(form, check):
    """``form`` whose arguments first go through ``check``.

    ``check`` takes the same arguments, raises a clear error on bad input
    and returns the arguments to call ``form`` with, as a tuple. Shown code
    stays plain; the public function gets the checks.
    """
    @functools.wraps(form)
    def checked(*args, **kwargs):
        return form(*check(*args, **kwargs))
    return checked
