"""Input checks shared by every public function of ``snippets``.

Bad input (wrong dtype, wrong number of dimensions, a size below its
minimum) raises a clear ``TypeError`` or ``ValueError`` naming the
argument. Shown code on the pages leaves these checks out; the public
functions apply them.
"""

from __future__ import annotations

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
