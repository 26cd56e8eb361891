"""Small proofs the errata page runs itself: the blog's animations, the
"coordinate-dependent" wording, the orientation claim, the blog's list of
purposes, and the rounding of MobileNet's shares.

Backs ``docs/errata.md``; the larger proofs live with their own pages.
"""

from __future__ import annotations

import numpy as np

from .conv import check_size, conv1x1_matmul, conv_output_size

# The blog's 1x1 animation: a 7x7 input drawn with a 5x5 output.
ANIMATION_INPUT = 7
ANIMATION_OUTPUT_DRAWN = 5

# The blog's "1x1 convolution is used for two purposes", then its bullets.
BLOG_PURPOSES_ANNOUNCED = 2
BLOG_PURPOSES_LISTED = (
    "make the network deep by adding an inception module",
    "reduce the dimensions inside the inception module",
    "add more non-linearity with a ReLU after every 1x1 convolution",
)

def kernel_for_output(n_in: int, n_out: int, stride: int = 1) -> int:
    """The kernel size a valid convolution needs to turn n_in into n_out."""
    n_in, n_out = check_size(n_in, "input size"), check_size(n_out, "output size")
    stride = check_size(stride, "stride")
    k = n_in - (n_out - 1) * stride
    if k < 1:
        raise ValueError(
            f"no valid convolution with stride {stride} turns {n_in} into "
            f"{n_out}"
        )
    return k


def same_at_every_position(x, w, shift=(1, 2)) -> bool:
    """Shift the input and the output of a 1x1 conv shifts the same way:
    the transformation does not depend on the coordinate."""
    moved_then_conv = conv1x1_matmul(np.roll(x, shift, axis=(0, 1)), w)
    conv_then_moved = np.roll(conv1x1_matmul(x, w), shift, axis=(0, 1))
    return bool(np.allclose(moved_then_conv, conv_then_moved))


def orientation_blind(x, w) -> bool:
    """Rotate the input a quarter turn and a 1x1 conv's output turns with it,
    unchanged otherwise: the layer cannot prefer one orientation."""
    turned_then_conv = conv1x1_matmul(np.rot90(x, axes=(0, 1)), w)
    conv_then_turned = np.rot90(conv1x1_matmul(x, w), axes=(0, 1))
    return bool(np.allclose(turned_then_conv, conv_then_turned))


def facts() -> dict[str, str]:
    n = ANIMATION_INPUT
    return {
        "errata.anim_in": f"{n}x{n}",
        "errata.anim_out_true": (
            f"{conv_output_size(n, 1)}x{conv_output_size(n, 1)}"),
        "errata.anim_out_drawn": (
            f"{ANIMATION_OUTPUT_DRAWN}x{ANIMATION_OUTPUT_DRAWN}"),
        "errata.anim_kernel_drawn": (
            f"{kernel_for_output(n, ANIMATION_OUTPUT_DRAWN)}"),
        "errata.stride2_rows_7": f"{conv_output_size(n, 1, 2)}",
        "errata.purposes_announced": f"{BLOG_PURPOSES_ANNOUNCED}",
        "errata.purposes_listed": f"{len(BLOG_PURPOSES_LISTED)}",
    }


def figures() -> list:
    return []
