"""The framework layers that compute a 1x1 convolution, and where
framework models differ from their papers.

Backs ``docs/frameworks.md``: numpy forms of PyTorch's ``Conv2d`` and
``Conv1d`` with kernel size 1 (channels first, weight ``(out, in/groups,
1[, 1])``) and of Keras's ``Conv2D`` and ``Conv1D`` (channels last, kernel
``(1[, 1], in/groups, filters)``); what groups do to the weights; and the
cost of torchvision GoogLeNet's 3x3 where the paper has a 5x5. Counts come
from ``snippets.costs``.
"""

from __future__ import annotations

from .checks import as_numeric_array, check_size, with_checks
from .costs import conv_cost

# The 5x5 branch of each inception module in GoogLeNet's Table 1, as
# (map size, #5x5 reduce, #5x5); torchvision's Inception uses the same
# counts but a 3x3 kernel there (pytorch/vision issue 906).
BRANCH_5X5 = {
    "3a": (28, 16, 32), "3b": (28, 32, 96), "4a": (14, 16, 48),
    "4b": (14, 24, 64), "4c": (14, 24, 64), "4d": (14, 32, 64),
    "4e": (14, 32, 128), "5a": (7, 32, 128), "5b": (7, 48, 128),
}


# --8<-- [start:layers]
import numpy as np


def torch_conv2d_1x1(x, weight, bias=None, groups=1):
    """What PyTorch's nn.Conv2d(C_in, C_out, 1, groups=groups) computes.
    x: (N, C_in, H, W); weight: (C_out, C_in // groups, 1, 1)."""
    c_in, c_out = x.shape[1], weight.shape[0]
    g_in, g_out = c_in // groups, c_out // groups
    out = np.empty((x.shape[0], c_out) + x.shape[2:])  # (N, C_out, H, W)
    for g in range(groups):          # each group reads its own channels
        xs = x[:, g * g_in:(g + 1) * g_in]             # (N, g_in, H, W)
        ws = weight[g * g_out:(g + 1) * g_out, :, 0, 0]  # (g_out, g_in)
        out[:, g * g_out:(g + 1) * g_out] = np.einsum(
            "oc,nchw->nohw", ws, xs)
    if bias is not None:
        out += bias[None, :, None, None]
    return out


def torch_conv1d_k1(x, weight, bias):
    """PyTorch's nn.Conv1d(C_in, C_out, kernel_size=1).
    x: (N, C_in, L); weight: (C_out, C_in, 1)."""
    return np.einsum("oc,ncl->nol", weight[:, :, 0], x) + bias[:, None]


def keras_conv2d_1x1(x, kernel, bias):
    """Keras's Conv2D(filters, 1), channels_last (its default).
    x: (N, H, W, C_in); kernel: (1, 1, C_in, filters)."""
    return x @ kernel[0, 0] + bias


def keras_conv1d_k1(x, kernel, bias):
    """Keras's Conv1D(filters, 1), channels_last.
    x: (N, steps, C_in); kernel: (1, C_in, filters)."""
    return x @ kernel[0] + bias
# --8<-- [end:layers]


# Input checks for the shown functions above (not shown on the page).

def _fit(x, w, x_axis, w_axis, groups=1):
    if x.shape[x_axis] != w.shape[w_axis] * groups:
        raise ValueError(
            f"channel mismatch: x has {x.shape[x_axis]} channels but the "
            f"weight expects {w.shape[w_axis] * groups}")


def _bias(bias, c_out, allow_none=False):
    if bias is None and allow_none:
        return None
    bias = as_numeric_array(bias, "bias", 1)
    if bias.shape[0] != c_out:
        raise ValueError(f"bias has {bias.shape[0]} entries but there are "
                         f"{c_out} filters")
    return bias


def _check_torch_conv2d(x, weight, bias=None, groups=1):
    x = as_numeric_array(x, "x", 4)
    weight = as_numeric_array(weight, "weight", 4)
    groups = check_size(groups, "groups")
    if weight.shape[2:] != (1, 1):
        raise ValueError(f"weight must be (C_out, C_in // groups, 1, 1), "
                         f"got {weight.shape}")
    if weight.shape[0] % groups:
        raise ValueError(f"C_out {weight.shape[0]} is not divisible by "
                         f"groups {groups}")
    _fit(x, weight, 1, 1, groups)
    return x, weight, _bias(bias, weight.shape[0], True), groups


def _check_torch_conv1d(x, weight, bias):
    x = as_numeric_array(x, "x", 3)
    weight = as_numeric_array(weight, "weight", 3)
    if weight.shape[2] != 1:
        raise ValueError(f"weight must be (C_out, C_in, 1), got "
                         f"{weight.shape}")
    _fit(x, weight, 1, 1)
    return x, weight, _bias(bias, weight.shape[0])


def _check_keras(ndim):
    def check(x, kernel, bias):
        x = as_numeric_array(x, "x", ndim)
        kernel = as_numeric_array(kernel, "kernel", ndim)
        if kernel.shape[:-2] != (1,) * (ndim - 2):
            raise ValueError(f"kernel must have size 1 in its leading axes, "
                             f"got {kernel.shape}")
        _fit(x, kernel, -1, -2)
        return x, kernel, _bias(bias, kernel.shape[-1])
    return check


torch_conv2d_1x1 = with_checks(torch_conv2d_1x1, _check_torch_conv2d)
torch_conv1d_k1 = with_checks(torch_conv1d_k1, _check_torch_conv1d)
keras_conv2d_1x1 = with_checks(keras_conv2d_1x1, _check_keras(4))
keras_conv1d_k1 = with_checks(keras_conv1d_k1, _check_keras(3))


def googlenet_5x5_vs_3x3() -> dict[str, int]:
    """Weights and multiply-adds of the 5x5 branches' large convolution in
    GoogLeNet's nine inception modules: the paper's 5x5 against
    torchvision's 3x3 (no biases; module 3a also on its own)."""
    out: dict[str, int] = {}
    for kernel in (5, 3):
        layers = {name: conv_cost(size, size, red, n, kernel,
                                  padding="same", bias=False)
                  for name, (size, red, n) in BRANCH_5X5.items()}
        out[f"weights_{kernel}"] = sum(c.weights for c in layers.values())
        out[f"mult_adds_{kernel}"] = sum(c.mult_adds
                                         for c in layers.values())
        out[f"3a_weights_{kernel}"] = layers["3a"].weights
        out[f"3a_mult_adds_{kernel}"] = layers["3a"].mult_adds
    return out


def grouped_weights(c_in: int, c_out: int, groups: int) -> int:
    """Weights of a 1x1 convolution from c_in to c_out channels in
    ``groups`` groups (no bias): c_in * c_out / groups."""
    return conv_cost(1, 1, c_in, c_out, groups=groups, bias=False).weights


def facts() -> dict[str, str]:
    g = googlenet_5x5_vs_3x3()
    return {
        "frameworks.groups1": f"{grouped_weights(256, 256, 1):,}",
        "frameworks.groups4": f"{grouped_weights(256, 256, 4):,}",
        "frameworks.bias_256": f"{conv_cost(1, 1, 256, 256).biases:,}",
        "frameworks.g3a_w5": f"{g['3a_weights_5']:,}",
        "frameworks.g3a_w3": f"{g['3a_weights_3']:,}",
        "frameworks.g3a_ma5": f"{g['3a_mult_adds_5']:,}",
        "frameworks.g3a_ma3": f"{g['3a_mult_adds_3']:,}",
        "frameworks.g_w5": f"{g['weights_5']:,}",
        "frameworks.g_w3": f"{g['weights_3']:,}",
        "frameworks.g_ma5": f"{g['mult_adds_5']:,}",
        "frameworks.g_ma3": f"{g['mult_adds_3']:,}",
    }


def figures() -> list:
    return []
