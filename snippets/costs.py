"""The one cost model of the site: output shapes, parameters and
multiply-adds of every layer the pages discuss.

Every page, every fact and the calculator take their counts from here.
"""

from __future__ import annotations

from .checks import check_size


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
