"""The formulas of the calculator page, in Python: the source of truth.

``docs/javascripts/calculator.js`` computes the same numbers in the browser;
``tests/browser/test_calculator.py`` runs a table of cases through both and
fails on any difference.
"""

from __future__ import annotations

from .conv import check_size, conv_output_size
from .inception import Bottleneck


def layer_cost(h: int, w: int, c_in: int, kernel: int, stride: int,
               padding, filters: int, bias: bool = True) -> dict[str, int]:
    """Output shape, parameters, multiply-adds and positions of one conv
    layer on an ``(h, w, c_in)`` input with ``filters`` filters.

    padding: ``"valid"``, ``"same"`` or a non-negative int on each side.
    Multiply-adds count every product, zeros of the padding included.
    """
    c_in, filters = check_size(c_in, "c_in"), check_size(filters, "filters")
    if not isinstance(bias, bool):
        raise TypeError(f"bias must be True or False, got {bias!r}")
    out_h = conv_output_size(h, kernel, stride, padding)
    out_w = conv_output_size(w, kernel, stride, padding)
    weights = kernel * kernel * c_in * filters
    positions = out_h * out_w
    return {
        "out_h": out_h,
        "out_w": out_w,
        "out_c": filters,
        "weights": weights,
        "params": weights + (filters if bias else 0),
        "positions": positions,
        "mult_adds": positions * weights,
    }


def bottleneck_cost(h: int, w: int, c_in: int, kernel: int, filters: int,
                    reduce_to: int) -> dict[str, float]:
    """A k x k 'same' conv directly, and after a 1x1 reduction: both costs
    in multiply-adds and their ratio."""
    b = Bottleneck(h, w, c_in, kernel, filters, reduce_to)
    return {
        "direct": b.direct,
        "reduce_step": b.reduce_step,
        "conv_step": b.conv_step,
        "with_reduction": b.with_reduction,
        "ratio": b.ratio,
        "direct_params": b.direct_params,
        "reduced_params": b.reduced_params,
    }
