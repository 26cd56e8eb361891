"""Shapes and parameters of a convolution, by hand.

Backs ``docs/shapes.md``: a 1x1 layer as an array in both framework
layouts (NHWC with a ``(1, 1, C_in, F)`` kernel, NCHW with an ``(F, C_in,
1, 1)`` weight), counting the parameters and multiply-adds of any
convolution with a prefilled calculator link for each, and a 1x1 against a
same-padded k x k when all you want is another depth. Every count comes
from ``snippets.costs``; the shown code counts the products it performs.
"""

from __future__ import annotations

from .checks import (as_numeric_array, check_bias, check_channels,
                     check_size, with_checks)
from .costs import conv_cost, dense_cost
from .figures import Figure, pyplot
from .tables import markdown_table

# The layouts example: a batch of 8 maps of 28x28x192 through 32 filters.
BATCH = {"n": 8, "h": 28, "w": 28, "c_in": 192, "filters": 32}
# The counting example: the lecture's 5x5 'same' layer, 28x28x192 to 32.
LAYER = {"h": 28, "w": 28, "c_in": 192, "filters": 32, "kernel": 5}
# The spatial-mixing example: a 7x7 map, one pixel changed in the middle.
IMPULSE = {"size": 7, "channels": 3, "filters": 2}


# --8<-- [start:layouts]
import numpy as np


def conv1x1_nhwc(x, kernel, bias):
    """Keras / TensorFlow layout (channels last).
    x: (N, H, W, C_in); kernel: (1, 1, C_in, F); bias: (F,)
    -> (N, H, W, F)."""
    w = kernel[0, 0]                         # (C_in, F): the layer's matrix
    return np.einsum("nhwc,cf->nhwf", x, w) + bias


def conv1x1_nchw(x, weight, bias):
    """PyTorch layout (channels first).
    x: (N, C_in, H, W); weight: (F, C_in, 1, 1); bias: (F,)
    -> (N, F, H, W)."""
    w = weight[:, :, 0, 0]                   # (F, C_in): one row per filter
    return np.einsum("nchw,fc->nfhw", x, w) + bias[:, None, None]
# --8<-- [end:layouts]


# --8<-- [start:counted]
import numpy as np


def conv2d_counted(x, kernel, bias=None):
    """A k x k 'same' convolution (stride 1, k odd) that also counts the
    multiplications it does. x: (H, W, C_in); kernel: (k, k, C_in, F);
    bias: (F,) or None -> (y, products), y: (H, W, F)."""
    h, w, _ = x.shape
    k, f = kernel.shape[0], kernel.shape[3]
    p = k // 2                                   # zeros on every side
    xp = np.pad(x, ((p, p), (p, p), (0, 0)))     # (H + 2p, W + 2p, C_in)
    y = np.empty((h, w, f))
    products = 0
    for i in range(h):
        for j in range(w):
            patch = xp[i:i + k, j:j + k]         # (k, k, C_in)
            # every weight of every filter meets one number of the patch
            y[i, j] = np.tensordot(patch, kernel, axes=3)   # (F,)
            products += kernel.size
    return (y if bias is None else y + bias), products
# --8<-- [end:counted]


def _check_nhwc(x, kernel, bias):
    x = as_numeric_array(x, "input x", 4)
    kernel = as_numeric_array(kernel, "kernel", 4)
    if kernel.shape[:2] != (1, 1):
        raise ValueError(
            f"a 1x1 kernel has shape (1, 1, C_in, F), got {kernel.shape}")
    check_channels(x.shape[3], kernel.shape[2], "the kernel")
    return x, kernel, check_bias(bias, kernel.shape[3])


def _check_nchw(x, weight, bias):
    x = as_numeric_array(x, "input x", 4)
    weight = as_numeric_array(weight, "weight", 4)
    if weight.shape[2:] != (1, 1):
        raise ValueError(
            f"a 1x1 weight has shape (F, C_in, 1, 1), got {weight.shape}")
    check_channels(x.shape[1], weight.shape[1], "the weight")
    return x, weight, check_bias(bias, weight.shape[0])


def _check_counted(x, kernel, bias=None):
    x = as_numeric_array(x, "input x", 3)
    kernel = as_numeric_array(kernel, "kernel", 4)
    k, k2, c_in, f = kernel.shape
    if k != k2 or k % 2 == 0:
        raise ValueError(
            f"the kernel must be k x k with k odd, got {k} x {k2}")
    check_channels(x.shape[2], c_in, "the kernel")
    return x, kernel, check_bias(bias, f)


# the public forms check their input (the shown code above stays plain)
conv1x1_nhwc = with_checks(conv1x1_nhwc, _check_nhwc)
conv1x1_nchw = with_checks(conv1x1_nchw, _check_nchw)
conv2d_counted = with_checks(conv2d_counted, _check_counted)


def layouts(n: int, h: int, w: int, c_in: int, filters: int) -> dict:
    """Shapes of a 1x1 layer's input, output and weights in both layouts,
    for a batch of ``n`` maps of ``h`` x ``w`` x ``c_in``."""
    n = check_size(n, "n")
    cost = conv_cost(h, w, c_in, filters)
    oh, ow, f = cost.output_shape
    return {
        "matrix": (c_in, f),
        "bias": (f,),
        "rows": (n * cost.positions, c_in),
        "keras_kernel": (1, 1, c_in, f),
        "torch_weight": (f, c_in, 1, 1),
        "nhwc_in": (n, h, w, c_in), "nhwc_out": (n, oh, ow, f),
        "nchw_in": (n, c_in, h, w), "nchw_out": (n, f, oh, ow),
    }


def calculator_link(h: int, w: int, c_in: int, filters: int, kernel: int = 1,
                    stride: int = 1, padding: str | int = "valid",
                    bias: bool = True, groups: int = 1) -> str:
    """A relative link to the calculator page with the layer form filled in
    (its URL keys: lh, lw, lc, lk, ls, lp, lf, lb and lg for groups)."""
    conv_cost(h, w, c_in, filters, kernel, stride, padding, groups, bias)
    query = (f"lh={h}&lw={w}&lc={c_in}&lk={kernel}&ls={stride}"
             f"&lp={padding}&lf={filters}&lb={int(bias)}")
    if groups != 1:
        query += f"&lg={groups}"
    return f"calculator.md?{query}#layer"


def _shape(shape) -> str:
    return "x".join(map(str, shape))


def count_rows():
    """The counting example's layers: (what, cost, calculator link)."""
    h, w, c, f, k = (LAYER[key] for key in
                     ("h", "w", "c_in", "filters", "kernel"))
    one = conv_cost(h, w, c, f)
    # a Dense layer on the whole map: every input value to every output value
    flat_in, flat_out = int(np.prod((h, w, c))), int(np.prod(one.output_shape))
    return [
        (f"{k}x{k} same, with bias", conv_cost(h, w, c, f, k, padding="same"),
         calculator_link(h, w, c, f, k, padding="same")),
        (f"{k}x{k} same, no bias",
         conv_cost(h, w, c, f, k, padding="same", bias=False),
         calculator_link(h, w, c, f, k, padding="same", bias=False)),
        (f"{k}x{k} valid, with bias", conv_cost(h, w, c, f, k),
         calculator_link(h, w, c, f, k)),
        ("1x1, with bias", one,
         calculator_link(h, w, c, f)),
        (f"Dense({f}) on each pixel's {c} channels", dense_cost(c, f),
         calculator_link(1, 1, c, f)),
        (f"Dense on the flattened map, {flat_in:,} to {flat_out:,}",
         dense_cost(flat_in, flat_out),
         calculator_link(1, 1, flat_in, flat_out)),
    ]


def count_table() -> str:
    """Markdown table of :func:`count_rows`, each with its calculator link."""
    rows = []
    for what, cost, link in count_rows():
        rows.append((what, _shape(cost.output_shape), f"{cost.weights:,}",
                     f"{cost.biases:,}", f"{cost.params:,}",
                     f"{cost.mult_adds:,}", f"[open]({link})"))
    return markdown_table(
        ("layer", "output", "weights", "biases", "parameters",
         "multiply-adds", "calculator"), rows)


def depth_rows(kernels=(1, 3, 5)):
    """28x28x192 to 32 channels with a 1x1 and with same-padded k x k
    layers: (k, cost, receptive field in pixels per side)."""
    h, w, c, f = (LAYER[key] for key in ("h", "w", "c_in", "filters"))
    rows = []
    for k in kernels:
        k = check_size(k, "kernel size")
        rows.append((k, conv_cost(h, w, c, f, k, padding="same"),
                     receptive_field(k)))
    return rows


def depth_table() -> str:
    rows = depth_rows()
    base = rows[0][1]
    return markdown_table(
        ("layer", "parameters", "multiply-adds", "x the 1x1",
         "each output sees"),
        [(f"{k}x{k}, 'same'", f"{c.params:,}", f"{c.mult_adds:,}",
          f"{c.mult_adds / base.mult_adds:g}", f"{field}x{field} pixels")
         for k, c, field in rows])


def changed_pixels(k: int) -> np.ndarray:
    """Which output pixels of a k x k 'same' convolution change when one
    input pixel (the middle of a 7x7 map) changes: an (7, 7) bool array."""
    size, c, f = IMPULSE["size"], IMPULSE["channels"], IMPULSE["filters"]
    k = check_size(k, "kernel size")
    rng = np.random.default_rng(k)
    x = rng.standard_normal((size, size, c))             # (H, W, C_in)
    kernel = rng.standard_normal((k, k, c, f))           # (k, k, C_in, F)
    before, _ = conv2d_counted(x, kernel)
    x[size // 2, size // 2] += 1.0                        # one pixel changes
    after, _ = conv2d_counted(x, kernel)
    return np.any(after != before, axis=2)


def receptive_field(k: int) -> int:
    """Input pixels per side one output pixel reads, found by changing one
    input pixel and seeing how far the change spreads (for odd k <= 7)."""
    seen = changed_pixels(k)
    return int(seen.any(axis=0).sum())


def facts() -> dict[str, str]:
    shapes = layouts(**BATCH)
    out = {f"shapes.{name}": str(shape) for name, shape in shapes.items()}
    h, w, c, f = (LAYER[key] for key in ("h", "w", "c_in", "filters"))
    kk, _, valid, one, dense, flat = (cost for _, cost, _ in count_rows())
    out.update({
        "shapes.batch_weights": f"{conv_cost(h, w, c, f).weights:,}",
        "shapes.count_table": count_table(),
        "shapes.kk_weights": f"{kk.weights:,}",
        "shapes.kk_params": f"{kk.params:,}",
        "shapes.kk_mult_adds": f"{kk.mult_adds:,}",
        "shapes.kk_positions": f"{kk.positions:,}",
        "shapes.kk_per_filter": f"{kk.weights // f:,}",
        "shapes.valid_out": _shape(valid.output_shape),
        "shapes.one_weights": f"{one.weights:,}",
        "shapes.one_params": f"{one.params:,}",
        "shapes.one_mult_adds": f"{one.mult_adds:,}",
        "shapes.one_flops": f"{2 * one.mult_adds:,}",
        "shapes.dense_params": f"{dense.params:,}",
        "shapes.flat_weights": f"{flat.weights:,}",
        # a whole-map dense layer holds one copy of the 1x1 layer's
        # weights for every (input pixel, output pixel) pair
        "shapes.flat_ratio": f"{flat.weights // one.weights:,}",
        "shapes.flat_pixels": f"{kk.positions:,}",
        "shapes.depth_table": depth_table(),
    })
    rows = depth_rows()
    out["shapes.ratio_3x3"] = f"{rows[1][1].mult_adds / rows[0][1].mult_adds:g}"
    out["shapes.ratio_5x5"] = f"{rows[2][1].mult_adds / rows[0][1].mult_adds:g}"
    return out


# --- figures ----------------------------------------------------------------

def fig_neighbours(p: dict):
    """Which output pixels change when one input pixel changes: 1x1, 3x3."""
    plt = pyplot()
    from matplotlib.patches import Rectangle

    size = IMPULSE["size"]
    fig, axes = plt.subplots(1, 2, figsize=(6.0, 3.2))
    for ax, k in zip(axes, (1, 3)):
        seen = changed_pixels(k)
        for r in range(size):
            for c in range(size):
                hit = bool(seen[r, c])
                ax.add_patch(Rectangle(
                    (c, size - 1 - r), 1, 1,
                    facecolor=p["fill"] if hit else p["face"],
                    edgecolor=p["accent"] if hit else p["line"],
                    lw=1.4 if hit else 0.6, hatch=None if hit else "///"))
        mid = size // 2
        ax.plot(mid + 0.5, size - 1 - mid + 0.5, marker="o", ms=6,
                color=p["accent2"])
        ax.set_xlim(-0.1, size + 0.1)
        ax.set_ylim(-0.1, size + 0.1)
        ax.set_aspect("equal")
        ax.axis("off")
        moved = int(seen.sum())
        verb = "pixel changes" if moved == 1 else "pixels change"
        ax.set_title(f"{k}x{k} convolution:\n{moved} output {verb}",
                     color=p["ink"], fontsize=9)
    return fig


def figures() -> list[Figure]:
    one, three = int(changed_pixels(1).sum()), int(changed_pixels(3).sum())
    size = IMPULSE["size"]
    return [Figure(
        name="neighbours",
        draw=fig_neighbours,
        alt=(f"Two {size} by {size} grids of output pixels. One input pixel, "
             "in the middle, is changed (a dot). Left, after a 1x1 "
             f"convolution: {one} output pixel changes, the one under the "
             "dot; the others are hatched, unchanged. Right, after a 3x3 "
             f"convolution: the {three} pixels of the 3 by 3 block around "
             "the dot change."),
        caption=("Change one input pixel: a 1x1 convolution changes one "
                 "output pixel, a 3x3 changes its 3x3 neighbourhood."),
    )]
