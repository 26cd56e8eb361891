"""History and modern uses of 1x1 convolutions.

Backs ``docs/history.md``: what ResNet's stride-2 1x1 layers never read
(the projection shortcut, and the whole first block of a stage when the
stride sits on the block's first 1x1, as in the released ResNet-50), and
the transformer's position-wise feed-forward network as two kernel-1
convolutions. Counts come from ``snippets.costs``.
"""

from __future__ import annotations

from .checks import as_numeric_array, check_size, with_checks
from .costs import conv_cost, dense_cost

# ResNet-50's first block of stage conv3_x, as released (He et al.): input
# 56x56x256, a 1x1 to 128 channels, a 3x3 at 128, a 1x1 to 512, and a 1x1
# stride-2 projection shortcut from 256 to 512 channels.
RES3A = {"size": 56, "c_in": 256, "width": 128, "c_out": 512, "stride": 2}

# The transformer base model (Vaswani et al. 2017, Sec. 3.3).
D_MODEL, D_FF = 512, 2048


# --8<-- [start:resnet_block]
import numpy as np


def conv(x, w, stride=1):
    """A k x k convolution with 'same' zero padding, then a stride.
    x: (H, W, C_in); w: (k, k, C_in, C_out) with k odd."""
    k = w.shape[0]
    p = k // 2
    xp = np.pad(x, ((p, p), (p, p), (0, 0)))    # (H + 2p, W + 2p, C_in)
    h, wd = x.shape[:2]
    out = np.zeros((h, wd, w.shape[3]))          # (H, W, C_out)
    for i in range(k):
        for j in range(k):
            out += xp[i:i + h, j:j + wd] @ w[i, j]
    return out[::stride, ::stride]               # keep every stride-th


def bottleneck(x, w1, w2, w3, w_short, stride=2, strided="1x1"):
    """ResNet's bottleneck block with a projection shortcut (no batch
    norm). strided='1x1': the stride on the first 1x1, as in the released
    ResNet-50; strided='3x3': on the 3x3, as in torchvision ("v1.5")."""
    relu = lambda v: np.maximum(v, 0)
    s1, s2 = (stride, 1) if strided == "1x1" else (1, stride)
    y = relu(conv(x, w1, s1))                    # 1x1: reduce
    y = relu(conv(y, w2, s2))                    # 3x3
    y = conv(y, w3)                              # 1x1: restore
    return relu(y + conv(x, w_short, stride))    # 1x1 projection shortcut
# --8<-- [end:resnet_block]


# --8<-- [start:ffn]
import numpy as np


def ffn(x, w1, b1, w2, b2):
    """The transformer's position-wise feed-forward network,
    max(0, x W1 + b1) W2 + b2. x: (L, d_model); w1: (d_model, d_ff);
    w2: (d_ff, d_model)."""
    return np.maximum(0, x @ w1 + b1) @ w2 + b2


def conv1d(x, kernel, bias):
    """A 1-D convolution, no padding, stride 1, channels last.
    x: (L, C_in); kernel: (k, C_in, C_out); bias: (C_out,)."""
    k = kernel.shape[0]
    out = np.empty((x.shape[0] - k + 1, kernel.shape[2]))  # (L_out, C_out)
    for t in range(out.shape[0]):
        window = x[t:t + k]                      # (k, C_in)
        out[t] = np.einsum("kc,kco->o", window, kernel) + bias
    return out
# --8<-- [end:ffn]


# Input checks for the shown functions above (not shown on the page).

def _kernel(w, name):
    w = as_numeric_array(w, name, 4)
    if w.shape[0] != w.shape[1] or w.shape[0] % 2 == 0:
        raise ValueError(f"{name} must be k x k with k odd, got {w.shape}")
    return w


def _check_conv(x, w, stride=1):
    x = as_numeric_array(x, "x", 3)
    w = _kernel(w, "w")
    if x.shape[2] != w.shape[2]:
        raise ValueError(f"channel mismatch: x has {x.shape[2]} channels "
                         f"but w expects {w.shape[2]}")
    return x, w, check_size(stride, "stride")


def _check_bottleneck(x, w1, w2, w3, w_short, stride=2, strided="1x1"):
    if strided not in ("1x1", "3x3"):
        raise ValueError(f"strided must be '1x1' or '3x3', got {strided!r}")
    x = as_numeric_array(x, "x", 3)
    ws = [_kernel(w, name) for w, name in
          ((w1, "w1"), (w2, "w2"), (w3, "w3"), (w_short, "w_short"))]
    chain = [("x", x.shape[2], "w1", ws[0]), ("w1", ws[0].shape[3], "w2",
             ws[1]), ("w2", ws[1].shape[3], "w3", ws[2]),
             ("x", x.shape[2], "w_short", ws[3])]
    for src, channels, name, w in chain:
        if w.shape[2] != channels:
            raise ValueError(f"channel mismatch: {name} expects {w.shape[2]} "
                             f"channels but {src} gives {channels}")
    if ws[2].shape[3] != ws[3].shape[3]:
        raise ValueError("w3 and w_short must give the same channel count")
    return (x, *ws, check_size(stride, "stride"), strided)


def _check_ffn(x, w1, b1, w2, b2):
    x = as_numeric_array(x, "x", 2)
    w1 = as_numeric_array(w1, "w1", 2)
    w2 = as_numeric_array(w2, "w2", 2)
    if w1.shape[0] != x.shape[1] or w2.shape != w1.shape[::-1]:
        raise ValueError(
            f"shapes do not fit: x {x.shape}, w1 {w1.shape}, w2 {w2.shape}; "
            "need w1 (d_model, d_ff) and w2 (d_ff, d_model)")
    b1 = as_numeric_array(b1, "b1", 1)
    b2 = as_numeric_array(b2, "b2", 1)
    if b1.shape[0] != w1.shape[1] or b2.shape[0] != w2.shape[1]:
        raise ValueError("b1 must have d_ff entries and b2 d_model entries")
    return x, w1, b1, w2, b2


def _check_conv1d(x, kernel, bias):
    x = as_numeric_array(x, "x", 2)
    kernel = as_numeric_array(kernel, "kernel", 3)
    bias = as_numeric_array(bias, "bias", 1)
    if kernel.shape[1] != x.shape[1]:
        raise ValueError(f"channel mismatch: x has {x.shape[1]} channels "
                         f"but the kernel expects {kernel.shape[1]}")
    if kernel.shape[0] > x.shape[0]:
        raise ValueError(f"kernel size {kernel.shape[0]} is longer than the "
                         f"sequence ({x.shape[0]})")
    if bias.shape[0] != kernel.shape[2]:
        raise ValueError(f"bias has {bias.shape[0]} entries but there are "
                         f"{kernel.shape[2]} filters")
    return x, kernel, bias


conv = with_checks(conv, _check_conv)
bottleneck = with_checks(bottleneck, _check_bottleneck)
ffn = with_checks(ffn, _check_ffn)
conv1d = with_checks(conv1d, _check_conv1d)


def positions_read(h: int, w: int, stride: int) -> tuple[int, int]:
    """(positions a 1x1 convolution with ``stride`` reads, positions in
    the input) on an h x w map: one read per output position."""
    layer = conv_cost(h, w, 1, 1, stride=stride)
    return layer.positions, check_size(h, "h") * check_size(w, "w")


def res3a_costs() -> dict[str, int]:
    """Multiply-adds of the main branch of ResNet-50's res3a block with the
    stride on the first 1x1 (released model) or on the 3x3 (torchvision),
    and of its 1x1 stride-2 projection shortcut (no biases)."""
    n, c, mid, out, s = (RES3A[k] for k in
                         ("size", "c_in", "width", "c_out", "stride"))
    small = n // s

    def ma(size, c_in, filters, kernel=1, stride=1):
        return conv_cost(size, size, c_in, filters, kernel, stride,
                         padding="same", bias=False).mult_adds

    tail = ma(small, mid, out)                    # the last 1x1, on 28x28
    return {
        "stride_on_1x1": ma(n, c, mid, 1, s) + ma(small, mid, mid, 3) + tail,
        "stride_on_3x3": ma(n, c, mid) + ma(n, mid, mid, 3, s) + tail,
        "shortcut": ma(n, c, out, 1, s),
        "shortcut_weights": conv_cost(n, n, c, out, stride=s,
                                      bias=False).weights,
    }


def ffn_counts() -> dict[str, int]:
    """Weights, biases and multiply-adds per position of the base
    transformer's feed-forward sub-layer: two 1x1 layers."""
    up, down = dense_cost(D_MODEL, D_FF), dense_cost(D_FF, D_MODEL)
    return {"weights": up.weights + down.weights,
            "params": up.params + down.params,
            "mult_adds": up.mult_adds + down.mult_adds}


def facts() -> dict[str, str]:
    read, total = positions_read(RES3A["size"], RES3A["size"],
                                 RES3A["stride"])
    res = res3a_costs()
    ffn_n = ffn_counts()
    return {
        "history.short_read": f"{read:,}",
        "history.short_total": f"{total:,}",
        "history.short_read_pct": f"{read / total:.0%}",
        "history.short_unread_pct": f"{1 - read / total:.0%}",
        "history.short_weights": f"{res['shortcut_weights']:,}",
        "history.short_mult_adds": f"{res['shortcut']:,}",
        "history.res3a_v1": f"{res['stride_on_1x1']:,}",
        "history.res3a_v15": f"{res['stride_on_3x3']:,}",
        "history.res3a_ratio":
            f"{res['stride_on_3x3'] / res['stride_on_1x1']:.2f}",
        "history.ffn_weights": f"{ffn_n['weights']:,}",
        "history.ffn_params": f"{ffn_n['params']:,}",
        "history.ffn_mult_adds": f"{ffn_n['mult_adds']:,}",
    }


def figures() -> list:
    return []
