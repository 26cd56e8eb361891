"""Fully connected layers and 1x1 convolutions: which is which, in code.

Backs ``docs/fully-connected.md``: (a) a 1x1 conv is a big dense layer with a
block-diagonal, weight-tied matrix; (b) a dense layer on a flattened H x W x C
map is an H x W convolution; (c) an MLP is 1x1 convolutions on a one-pixel
image; (d) a converted network slides over a larger image for free.
"""

from __future__ import annotations

import numpy as np

from .checks import as_numeric_array, check_size, with_checks
from .conv import conv_output_size, dense, relu
from .costs import conv_cost, dense_cost
from .figures import Figure, pyplot
from .tables import markdown_table


# --8<-- [start:block_diagonal]
import numpy as np


def block_diagonal(w, h, wd):
    """The dense-layer matrix of a 1x1 convolution on an (h, wd) grid.

    w: (C_in, C_out). Returns (h*wd*C_in, h*wd*C_out): one copy of w per
    position on the diagonal, zeros elsewhere.
    """
    return np.kron(np.eye(h * wd), w)
# --8<-- [end:block_diagonal]


block_diagonal = with_checks(block_diagonal, lambda w, h, wd: (
    as_numeric_array(w, "weights w", 2), check_size(h, "h"),
    check_size(wd, "wd")))


def weight_counts(h: int, wd: int, c_in: int, c_out: int) -> dict[str, int]:
    """Free weights of a 1x1 conv against the entries of its dense matrix."""
    n = check_size(h, "h") * check_size(wd, "wd")
    c_in, c_out = check_size(c_in, "c_in"), check_size(c_out, "c_out")
    conv = conv_cost(h, wd, c_in, c_out, bias=False)
    return {
        "free": conv.weights,
        "nonzero": conv.mult_adds,        # one entry per product it takes
        "entries": (n * c_in) * (n * c_out),
        "dense_free": dense_cost(n * c_in, n * c_out, bias=False).weights,
    }


# --8<-- [start:dense_as_conv]
def dense_as_conv(w_fc, h, wd, c):
    """A dense layer on a flattened (h, wd, c) map as an (h x wd) conv kernel.

    w_fc: (h*wd*c, K). Returns filters (h, wd, c, K): the same numbers,
    reshaped in the order x.reshape(-1) flattens the map.
    """
    return w_fc.reshape(h, wd, c, w_fc.shape[1])
# --8<-- [end:dense_as_conv]


def _check_dense_as_conv(w_fc, h, wd, c):
    w_fc = as_numeric_array(w_fc, "dense weights", 2)
    h, wd, c = check_size(h, "h"), check_size(wd, "wd"), check_size(c, "c")
    if w_fc.shape[0] != h * wd * c:
        raise ValueError(
            f"dense weights have {w_fc.shape[0]} rows but an ({h}, {wd}, {c}) "
            f"map flattens to {h * wd * c} numbers"
        )
    return w_fc, h, wd, c


dense_as_conv = with_checks(dense_as_conv, _check_dense_as_conv)


# --8<-- [start:mlp_as_1x1]
import numpy as np


def mlp_as_1x1(v, layers):
    """Run an MLP as 1x1 convolutions on a one-pixel image.

    v: inputs (n,); layers: [(w, b), ...] with w (n_in, n_out).
    ReLU between layers, none after the last.
    """
    image = v.reshape(1, 1, -1)               # (1, 1, n): one pixel
    for k, (w, b) in enumerate(layers):
        image = image @ w + b                 # a 1x1 conv: filter j = column j
        if k < len(layers) - 1:
            image = np.maximum(image, 0)      # ReLU
    return image.reshape(-1)
# --8<-- [end:mlp_as_1x1]


mlp_as_1x1 = with_checks(mlp_as_1x1, lambda v, layers: (
    as_numeric_array(v, "inputs v", 1), layers))


def mlp(v, layers):
    """The same MLP with dense layers, for comparison."""
    v = as_numeric_array(v, "inputs v", 1)
    for k, (w, b) in enumerate(layers):
        v = dense(v, w, b)
        if k < len(layers) - 1:
            v = relu(v)
    return v


# --- a small network, converted ---------------------------------------------

CROP = 10          # the small network's input is 10x10x3


def small_net_params(seed: int = 0) -> dict:
    """Weights: a 3x3 conv to 4 channels, 2x2 pool, dense 64->10, dense 10->3."""
    rng = np.random.default_rng(seed)
    return {
        "conv": rng.standard_normal((3, 3, 3, 4)) / 3,
        "fc1": rng.standard_normal((4 * 4 * 4, 10)) / 8,
        "b1": rng.standard_normal(10) / 10,
        "fc2": rng.standard_normal((10, 3)) / 3,
        "b2": rng.standard_normal(3) / 10,
    }


# --8<-- [start:conv_valid]
import numpy as np


def conv_valid(x, w, b=0.0):
    """Convolution with no padding and stride 1: (H, W, C) -> (H', W', F).

    w: (kh, kw, C, F). One 1x1 convolution per kernel offset, summed.
    """
    kh, kw, _, f = w.shape
    h_out, w_out = x.shape[0] - kh + 1, x.shape[1] - kw + 1
    out = np.zeros((h_out, w_out, f)) + b
    for i in range(kh):
        for j in range(kw):
            out += x[i:i + h_out, j:j + w_out] @ w[i, j]
    return out
# --8<-- [end:conv_valid]


# --8<-- [start:small_net]
import numpy as np


def features(x, p):
    """The convolutional part: 3x3 conv, ReLU, 2x2 max pool (stride 2)."""
    y = np.maximum(conv_valid(x, p["conv"]), 0)              # (H-2, W-2, 4)
    h, w = y.shape[0] // 2, y.shape[1] // 2
    return y[:2 * h, :2 * w].reshape(h, 2, w, 2, -1).max(axis=(1, 3))


def small_net(x, p):
    """The original network: (10, 10, 3) -> 3 scores, with dense layers."""
    f = features(x, p)                                       # (4, 4, 4)
    hidden = np.maximum(f.reshape(-1) @ p["fc1"] + p["b1"], 0)   # (10,)
    return hidden @ p["fc2"] + p["b2"]                       # (3,)


def small_net_as_conv(x, p):
    """The same network, every dense layer turned into a convolution.

    Takes any input of at least 10x10; returns a map of scores (H', W', 3).
    """
    f = features(x, p)                                       # (H'', W'', 4)
    k1 = p["fc1"].reshape(4, 4, 4, 10)         # dense 64 -> 10 as a 4x4 conv
    hidden = np.maximum(conv_valid(f, k1, p["b1"]), 0)       # (H', W', 10)
    return hidden @ p["fc2"] + p["b2"]         # dense 10 -> 3 as a 1x1 conv
# --8<-- [end:small_net]


# the public functions check their input (the shown code above stays plain)

def _check_conv_valid(x, w, b=0.0):
    x = as_numeric_array(x, "input x", 3)
    w = as_numeric_array(w, "filters w", 4)
    if w.shape[2] != x.shape[2]:
        raise ValueError(
            f"channel mismatch: the input has {x.shape[2]} channels but the "
            f"filters expect {w.shape[2]}"
        )
    if w.shape[0] > x.shape[0] or w.shape[1] > x.shape[1]:
        raise ValueError(
            f"kernel {w.shape[0]}x{w.shape[1]} is larger than the input "
            f"{x.shape[0]}x{x.shape[1]}"
        )
    return x, w, b


def _check_input(least):
    def check(x, p):
        x = as_numeric_array(x, "input x", 3)
        if x.shape[0] < least or x.shape[1] < least:
            raise ValueError(
                f"the network needs inputs of at least {least}x{least}, got "
                f"{x.shape[0]}x{x.shape[1]}"
            )
        return x, p
    return check


def _check_crop(x, p):
    x = as_numeric_array(x, "input x", 3)
    if x.shape[:2] != (CROP, CROP):
        raise ValueError(
            f"the dense network takes {CROP}x{CROP} inputs, got "
            f"{x.shape[0]}x{x.shape[1]}"
        )
    return x, p


conv_valid = with_checks(conv_valid, _check_conv_valid)
features = with_checks(features, _check_input(4))
small_net = with_checks(small_net, _check_crop)
small_net_as_conv = with_checks(small_net_as_conv, _check_input(CROP))


def sliding(x, p, stride: int = 2):
    """The original network on every 10x10 crop at ``stride``: (H', W', 3)."""
    x = as_numeric_array(x, "input x", 3)
    stride = check_size(stride, "stride")
    rows = conv_output_size(x.shape[0], CROP, stride)
    cols = conv_output_size(x.shape[1], CROP, stride)
    out = np.empty((rows, cols, 3))
    for i in range(rows):
        for j in range(cols):
            crop = x[i * stride:i * stride + CROP, j * stride:j * stride + CROP]
            out[i, j] = small_net(crop, p)
    return out


def cs231n_example() -> dict[str, int]:
    """CS231n's numbers: an AlexNet-style net that shrinks its input by 32."""
    reduction, final_c, units = 32, 512, 4096
    small, large = 224, 384
    fmap = small // reduction                        # 7
    big_map = large // reduction                     # 12
    score_map = conv_output_size(big_map, fmap)      # 6
    crops = conv_output_size(large, small, reduction)  # 6 per side
    return {
        "fmap": fmap,
        "channels": final_c,
        "units": units,
        "fc_weights": conv_cost(fmap, fmap, final_c, units, fmap,
                                bias=False).weights,     # a 7x7 conv
        "big_map": big_map,
        "score_map": score_map,
        "crops_per_side": crops,
        "crops": crops * crops,
        "reduction": reduction,
        "small": small,
        "large": large,
    }


# --- a tiny MLP, converted (the worked example) ------------------------------

# --8<-- [start:tiny_mlp]
import numpy as np

# a tiny MLP: 3 inputs -> 4 hidden units (ReLU) -> 2 outputs
W1 = np.array([[1, 0, -1, 2],
               [0, 1, 1, -1],
               [1, -1, 0, 1]])                     # (3, 4)
b1 = np.array([0, 1, -2, 0])                       # (4,)
W2 = np.array([[1, -1], [2, 0], [0, 1], [-1, 1]])  # (4, 2)
b2 = np.array([1, 0])                              # (2,)


def tiny_mlp(v):
    """The MLP with dense layers: v (3,) -> (2,)."""
    return np.maximum(v @ W1 + b1, 0) @ W2 + b2


def tiny_mlp_as_conv(x):
    """The same numbers as 1x1 kernels: (H, W, 3) -> (H, W, 2), any H, W."""
    k1 = W1.reshape(1, 1, 3, 4)          # 4 filters of size 1x1x3
    k2 = W2.reshape(1, 1, 4, 2)          # 2 filters of size 1x1x4
    return conv_valid(np.maximum(conv_valid(x, k1, b1), 0), k2, b2)
# --8<-- [end:tiny_mlp]


TINY_INPUT = (1, 2, 3)      # the input vector the page works through
TINY_MAP = (5, 5)           # the larger map the same kernels slide over


def _check_tiny_vector(v):
    v = as_numeric_array(v, "inputs v", 1)
    if v.shape[0] != W1.shape[0]:
        raise ValueError(f"the tiny MLP takes {W1.shape[0]} inputs, "
                         f"got {v.shape[0]}")
    return (v,)


tiny_mlp = with_checks(tiny_mlp, _check_tiny_vector)
tiny_mlp_as_conv = with_checks(tiny_mlp_as_conv, lambda x: (
    as_numeric_array(x, "input x", 3),))


def tiny_counts(h: int = 1, wd: int = 1) -> dict[str, int]:
    """Parameters and multiply-adds of the tiny MLP, as dense layers and as
    1x1 convolutions on an (h, wd) map, from the cost model."""
    (n_in, n_hidden), n_out = W1.shape, W2.shape[1]
    dense = dense_cost(n_in, n_hidden) + dense_cost(n_hidden, n_out)
    conv = (conv_cost(h, wd, n_in, n_hidden)
            + conv_cost(h, wd, n_hidden, n_out))
    return {"dense_params": dense.params, "conv_params": conv.params,
            "dense_mult_adds": dense.mult_adds, "conv_mult_adds": conv.mult_adds}


# --- weights of a 1x1 layer against one dense layer over the map -------------

SIZE_LAYER = (192, 32)              # C_in -> C_out: the lecture's reduction
SIZE_SIDES = (1, 7, 14, 28, 56)     # square maps, side by side


def size_rows(c_in: int = SIZE_LAYER[0], c_out: int = SIZE_LAYER[1],
              sides=SIZE_SIDES) -> list[dict[str, int]]:
    """For each square map: the 1x1 layer's weights and multiply-adds, and
    those of one dense layer from the whole map to a map of the same size
    (biases left out)."""
    rows = []
    for side in sides:
        side = check_size(side, "side")
        counts = weight_counts(side, side, c_in, c_out)
        whole = dense_cost(side * side * c_in, side * side * c_out,
                           bias=False)
        rows.append({"side": side, "conv_weights": counts["free"],
                     "conv_mult_adds": counts["nonzero"],
                     "dense_weights": whole.weights,
                     "dense_mult_adds": whole.mult_adds})
    return rows


def size_table(c_in: int = SIZE_LAYER[0], c_out: int = SIZE_LAYER[1],
               sides=SIZE_SIDES) -> str:
    """The page's table of :func:`size_rows`."""
    rows = [[f"{r['side']}x{r['side']}x{c_in}",
             f"{r['conv_weights']:,}", f"{r['conv_mult_adds']:,}",
             f"{r['dense_weights']:,}",
             f"{r['dense_weights'] // r['conv_weights']:,}"]
            for r in size_rows(c_in, c_out, sides)]
    return markdown_table(
        ["input map", "1x1 layer: weights", "1x1 layer: multiply-adds",
         "one dense layer over the map: weights (= its multiply-adds)",
         "dense / 1x1 weights"], rows)


# --- one input size, or any ------------------------------------------------

# --8<-- [start:any_size]
import numpy as np


def feature_map(x, banks):
    """3x3 'same' conv + ReLU + 2x2 max pool, once per filter bank.

    x: (H, W, C); banks: [(3, 3, C_in, C_out), ...]. Halves H and W per bank.
    """
    for w in banks:
        padded = np.pad(x, ((1, 1), (1, 1), (0, 0)))
        x = np.maximum(conv_valid(padded, w), 0)             # (H, W, C_out)
        h, wd = x.shape[0] // 2, x.shape[1] // 2
        x = x[:2 * h, :2 * wd].reshape(h, 2, wd, 2, -1).max(axis=(1, 3))
    return x


def flatten_head(x, banks, w, b):
    """Features, flattened, one dense layer: one input size only."""
    fmap = feature_map(x, banks)                             # (h, w, C)
    if fmap.size != w.shape[0]:
        h, wd, c = fmap.shape
        raise ValueError(f"dense layer takes {w.shape[0]} numbers; a "
                         f"{x.shape[0]}x{x.shape[1]} input gives "
                         f"{h}x{wd}x{c} = {fmap.size}")
    return fmap.reshape(-1) @ w + b


def gap_head(x, banks, w, b):
    """Features, global average pooling, one dense layer: any input size."""
    return feature_map(x, banks).mean(axis=(0, 1)) @ w + b


def adaptive_avg_pool(x, out):
    """Average over an out x out grid of bins that cover the whole map.

    Bin i spans rows floor(i*H/out) to ceil((i+1)*H/out), as PyTorch's
    AdaptiveAvgPool2d does: (H, W, C) -> (out, out, C).
    """
    h, wd = x.shape[:2]
    rows = [(i * h // out, -(-(i + 1) * h // out)) for i in range(out)]
    cols = [(j * wd // out, -(-(j + 1) * wd // out)) for j in range(out)]
    return np.array([[x[r0:r1, c0:c1].mean(axis=(0, 1)) for c0, c1 in cols]
                     for r0, r1 in rows])
# --8<-- [end:any_size]


def _check_head(x, banks, w, b):
    x = as_numeric_array(x, "input x", 3)
    w = as_numeric_array(w, "dense weights w", 2)
    return x, banks, w, b


def _check_banks(x, banks):
    x = as_numeric_array(x, "input x", 3)
    if not banks:
        raise ValueError("feature_map needs at least one filter bank")
    return x, [as_numeric_array(w, "filter bank", 4) for w in banks]


def _check_adaptive(x, out):
    x = as_numeric_array(x, "input x", 3)
    out = check_size(out, "out")
    if out > min(x.shape[:2]):
        raise ValueError(f"cannot pool a {x.shape[0]}x{x.shape[1]} map to a "
                         f"larger {out}x{out} grid")
    return x, out


feature_map = with_checks(feature_map, _check_banks)
flatten_head = with_checks(flatten_head, _check_head)
gap_head = with_checks(gap_head, _check_head)
adaptive_avg_pool = with_checks(adaptive_avg_pool, _check_adaptive)

# the page's example: two banks (3 -> 8 -> 16 channels), 10 classes
HEAD_BANKS = ((3, 8), (8, 16))
HEAD_CLASSES = 10
HEAD_SIDES = (32, 48)               # the trained size and a larger one


def head_banks(seed: int = 5) -> list[np.ndarray]:
    """Random 3x3 filter banks with the shapes of :data:`HEAD_BANKS`."""
    rng = np.random.default_rng(seed)
    return [rng.standard_normal((3, 3, c_in, c_out)) / np.sqrt(9 * c_in)
            for c_in, c_out in HEAD_BANKS]


def head_example() -> dict:
    """Map shapes and head weights of the page's two heads."""
    banks = head_banks()
    maps = {side: feature_map(np.zeros((side, side, 3)), banks).shape
            for side in HEAD_SIDES}
    small = maps[HEAD_SIDES[0]]
    channels = small[2]
    return {
        "maps": maps,
        "flat": {side: int(np.prod(shape)) for side, shape in maps.items()},
        "flatten_weights": dense_cost(int(np.prod(small)), HEAD_CLASSES,
                                      bias=False).weights,
        "gap_weights": dense_cost(channels, HEAD_CLASSES,
                                  bias=False).weights,
    }


# famous first dense layers: (network, map side, channels, units), from
# torchvision's models (alexnet.py: nn.Linear(256 * 6 * 6, 4096); vgg.py:
# nn.Linear(512 * 7 * 7, 4096))
FIRST_DENSE = {"alexnet": (6, 256, 4096), "vgg16": (7, 512, 4096)}
VGG_LARGER = 448                    # a larger image for VGG-16 (224 doubled)


def first_dense(name: str, side: int | None = None) -> dict[str, int]:
    """Inputs and weights of a network's first dense layer, and how many
    numbers a map of ``side`` (default: the one it was made for) holds."""
    if name not in FIRST_DENSE:
        raise ValueError(f"unknown network {name!r}; known: "
                         f"{sorted(FIRST_DENSE)}")
    made_for, channels, units = FIRST_DENSE[name]
    side = made_for if side is None else check_size(side, "side")
    n_in = made_for * made_for * channels
    return {"inputs": n_in,
            "weights": dense_cost(n_in, units, bias=False).weights,
            "map_numbers": side * side * channels}


def facts() -> dict[str, str]:
    counts = weight_counts(*FIG_GRID)
    blog = weight_counts(100, 100, 3, 1)   # Kirill's 100x100x3 example, K=1
    cs = cs231n_example()
    return {
        "fc.free": f"{counts['free']}",
        "fc.nonzero": f"{counts['nonzero']}",
        "fc.entries": f"{counts['entries']:,}",
        "fc.kirill_per_k": f"{blog['nonzero']:,}",
        "fc.felix_per_k": f"{blog['free']}",
        "fc.cs_fmap": f"{cs['fmap']}",
        "fc.cs_weights": f"{cs['fc_weights']:,}",
        "fc.cs_big_map": f"{cs['big_map']}",
        "fc.cs_score_map": f"{cs['score_map']}",
        "fc.cs_crops": f"{cs['crops']}",
        "fc.cs_crops_per_side": f"{cs['crops_per_side']}",
        **_tiny_facts(), **_size_facts(), **_input_size_facts(),
    }


def _vector(v) -> str:
    return "(" + ", ".join(f"{int(n)}" for n in v) + ")"


def _tiny_facts() -> dict[str, str]:
    v = np.array(TINY_INPUT)
    one, big = tiny_counts(), tiny_counts(*TINY_MAP)
    return {
        "fc.tiny_in": _vector(v),
        "fc.tiny_hidden": _vector(np.maximum(v @ W1 + b1, 0)),
        "fc.tiny_out": _vector(tiny_mlp(v)),
        "fc.tiny_params": f"{one['dense_params']}",
        "fc.tiny_mult_adds": f"{one['conv_mult_adds']}",
        "fc.tiny_map": f"{TINY_MAP[0]}x{TINY_MAP[1]}",
        "fc.tiny_map_mult_adds": f"{big['conv_mult_adds']}",
    }


def _size_facts() -> dict[str, str]:
    rows = {r["side"]: r for r in size_rows()}
    return {
        "fc.size_table": size_table(),
        "fc.size_c_in": f"{SIZE_LAYER[0]}",
        "fc.size_c_out": f"{SIZE_LAYER[1]}",
        "fc.size_conv_weights": f"{rows[1]['conv_weights']:,}",
        "fc.size_conv_28": f"{rows[28]['conv_mult_adds']:,}",
        "fc.size_dense_28": f"{rows[28]['dense_weights']:,}",
    }


def _input_size_facts() -> dict[str, str]:
    vgg, alex = first_dense("vgg16"), first_dense("alexnet")
    big_side = VGG_LARGER // cs231n_example()["reduction"]
    vgg_big = first_dense("vgg16", big_side)
    head = head_example()
    small, large = (head["maps"][s] for s in HEAD_SIDES)
    return {
        "fc.vgg_inputs": f"{vgg['inputs']:,}",
        "fc.vgg_fc6": f"{vgg['weights']:,}",
        "fc.alex_inputs": f"{alex['inputs']:,}",
        "fc.alex_fc6": f"{alex['weights']:,}",
        "fc.vgg_larger": f"{VGG_LARGER}",
        "fc.vgg_larger_map": f"{big_side}",
        "fc.vgg_larger_numbers": f"{vgg_big['map_numbers']:,}",
        "fc.head_small_map": "x".join(map(str, small)),
        "fc.head_large_map": "x".join(map(str, large)),
        "fc.head_flat_small": f"{head['flat'][HEAD_SIDES[0]]:,}",
        "fc.head_flat_large": f"{head['flat'][HEAD_SIDES[1]]:,}",
        "fc.head_flat_weights": f"{head['flatten_weights']:,}",
        "fc.head_gap_weights": f"{head['gap_weights']:,}",
    }


# --- figure -----------------------------------------------------------------

FIG_GRID = (3, 3, 3, 2)     # H, W, C_in, C_out of the drawn example


def fig_block_diagonal(p: dict):
    """The dense matrix of a 1x1 conv (3x3 grid, 3 -> 2 channels)."""
    plt = pyplot()
    from matplotlib.patches import Rectangle

    h, wd, c_in, c_out = FIG_GRID
    w = np.arange(c_in * c_out).reshape(c_in, c_out)     # weight index
    big = np.kron(np.eye(h * wd), w + 1)                  # 0 = structural zero
    rows, cols = big.shape
    fig, ax = plt.subplots(figsize=(4.4, 5.6))
    ax.set_xlim(-0.5, cols + 0.5)
    ax.set_ylim(-2.2, rows + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    shades = [0.35, 0.5, 0.65, 0.8, 0.9, 1.0]
    # the grid as lines (one element each), the non-zero cells as squares
    ax.hlines(range(1, rows), 0, cols, color=p["cell"], linewidth=0.4)
    ax.vlines(range(1, cols), 0, rows, color=p["cell"], linewidth=0.4)
    for r, c in zip(*np.nonzero(big)):
        k = int(big[r, c])
        ax.add_patch(Rectangle((c, rows - 1 - r), 1, 1, facecolor=p["accent"],
                               alpha=shades[k - 1], edgecolor=p["face"],
                               lw=0.6))
    ax.add_patch(Rectangle((0, 0), cols, rows, facecolor="none",
                           edgecolor=p["line"], lw=1))
    ax.text(cols / 2, -0.6,
            f"{rows} inputs x {cols} outputs = {rows * cols:,} entries;\n"
            f"{h * wd} identical {c_in}x{c_out} blocks; "
            f"{c_in * c_out} free weights",
            ha="center", va="top", color=p["ink"], fontsize=9)
    return fig


def figures() -> list[Figure]:
    h, wd, c_in, c_out = FIG_GRID
    counts = weight_counts(h, wd, c_in, c_out)
    n = h * wd
    return [
        Figure(
            name="block-diagonal",
            draw=fig_block_diagonal,
            alt=(f"A {n * c_in} by {n * c_out} grid of mostly empty cells. "
                 f"Along its diagonal sit {n} identical coloured {c_in} by "
                 f"{c_out} blocks, one per pixel of a {h} by {wd} image; "
                 "everything else is zero. Caption numbers: "
                 f"{counts['entries']:,} entries, {counts['nonzero']} "
                 f"non-zero, {counts['free']} free weights."),
            caption=("A 1x1 convolution written as one dense layer: a "
                     "block-diagonal matrix whose blocks are all the same."),
        ),
    ]
