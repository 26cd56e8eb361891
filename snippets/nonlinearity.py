"""What a 1x1 convolution computes, and where its non-linearity comes from.

Backs ``docs/nonlinearity.md``: one channel is scaling; many channels are a
dot product per pixel; stacked linear 1x1 layers collapse into one; a ReLU
between them computes what no single linear layer can (``|x|``).
"""

from __future__ import annotations

import numpy as np

from .checks import as_numeric_array, with_checks
from .conv import conv1x1_matmul
from .figures import Figure, pyplot, style_chart

# The lecture's single-channel 6x6 image (the notes' slide).
LECTURE_IMAGE = np.array([
    [1, 2, 3, 6, 5, 8],
    [3, 5, 5, 1, 3, 4],
    [2, 1, 3, 4, 9, 3],
    [4, 7, 8, 5, 7, 9],
    [1, 5, 3, 7, 4, 8],
    [5, 4, 9, 8, 3, 5],
])


def lecture_times_two() -> np.ndarray:
    """The lecture's 6x6 image through a 1x1 filter of value 2: ``(6, 6)``."""
    x = LECTURE_IMAGE[:, :, None]                 # (6, 6, 1)
    return conv1x1_matmul(x, np.array([[2]]))[:, :, 0]


# --8<-- [start:compose]
def compose_linear(w1, b1, w2, b2):
    """One 1x1 layer equal to layer 1 followed by layer 2, with no activation.

    w1: (C_in, C_mid), b1: (C_mid,), w2: (C_mid, C_out), b2: (C_out,).
    Returns (w, b) with w = w1 @ w2 and b = b1 @ w2 + b2.
    """
    return w1 @ w2, b1 @ w2 + b2
# --8<-- [end:compose]


def _check_compose(w1, b1, w2, b2):
    w1 = as_numeric_array(w1, "w1", 2)
    w2 = as_numeric_array(w2, "w2", 2)
    b1 = as_numeric_array(b1, "b1", 1)
    b2 = as_numeric_array(b2, "b2", 1)
    if w1.shape[1] != w2.shape[0]:
        raise ValueError(
            f"channel mismatch: layer 1 gives {w1.shape[1]} channels but "
            f"layer 2 expects {w2.shape[0]}"
        )
    if b1.shape[0] != w1.shape[1] or b2.shape[0] != w2.shape[1]:
        raise ValueError("each bias needs one entry per filter of its layer")
    return w1, b1, w2, b2


compose_linear = with_checks(compose_linear, _check_compose)


# --8<-- [start:abs_net]
import numpy as np

# Two 1x1 filters (+1 and -1), ReLU, then a 1x1 filter that adds them:
# relu(x) + relu(-x) = |x| at every pixel of a one-channel image.
ABS_W1 = np.array([[1.0, -1.0]])     # (C_in=1, C_mid=2)
ABS_W2 = np.array([[1.0], [1.0]])    # (C_mid=2, C_out=1)


def abs_net(x):
    """1x1 conv -> ReLU -> 1x1 conv on (H, W, 1); returns |x|."""
    hidden = np.maximum(x @ ABS_W1, 0)   # (H, W, 2): x @ w is a 1x1 conv
    return hidden @ ABS_W2               # (H, W, 1)
# --8<-- [end:abs_net]


def _check_one_channel(x):
    x = as_numeric_array(x, "x", 3)
    if x.shape[2] != 1:
        raise ValueError(f"x must have one channel, got shape {x.shape}")
    return (x,)


abs_net = with_checks(abs_net, _check_one_channel)


def best_linear_fit(x, y):
    """Least-squares per-pixel affine map ``y ~ a*x + c`` and its worst error.

    x, y: ``(H, W, 1)``. Returns ``(a, c, max_abs_error)``: the best any
    single 1x1 layer (without activation) can do.
    """
    x = as_numeric_array(x, "x", 3)
    y = as_numeric_array(y, "y", 3)
    if x.shape != y.shape or x.shape[2] != 1:
        raise ValueError(
            f"x and y must both be (H, W, 1), got {x.shape} and {y.shape}"
        )
    design = np.column_stack([x.ravel(), np.ones(x.size)])
    (a, c), *_ = np.linalg.lstsq(design, y.ravel(), rcond=None)
    return float(a), float(c), float(np.abs(design @ [a, c] - y.ravel()).max())


# --8<-- [start:orders]
import numpy as np


def notes_order(block, weights):
    """The notes' order: ReLU on the 32 products, which gives 32 numbers."""
    return np.maximum(block * weights, 0)


def lecture_order(block, weights, bias=0.0):
    """The right order: multiply, sum, add the bias, then one ReLU."""
    return np.maximum(block @ weights + bias, 0)
# --8<-- [end:orders]


def _check_orders(block, weights, bias=0.0):
    block = as_numeric_array(block, "block", 1)
    weights = as_numeric_array(weights, "weights", 1)
    if block.shape != weights.shape:
        raise ValueError(
            f"channel mismatch: block has {block.shape[0]} numbers, the "
            f"filter {weights.shape[0]}"
        )
    return block, weights, bias


notes_order = with_checks(notes_order, lambda block, weights: _check_orders(
    block, weights)[:2])
lecture_order = with_checks(lecture_order, _check_orders)


def keep_shape_params(c: int) -> int:
    """Parameters of a 1x1 layer with as many filters as channels (+ bias)."""
    return c * c + c


def abs_experiment():
    """|x| on 61 pixel values from -3 to 3: the ReLU net and the best line."""
    x = np.linspace(-3, 3, 61).reshape(61, 1, 1)          # (61, 1, 1)
    y = abs_net(x)
    return x, y, best_linear_fit(x, y)


def facts() -> dict[str, str]:
    doubled = lecture_times_two()
    _, _, (a, c, err) = abs_experiment()
    return {
        "nonlinearity.doubled_row": " ".join(str(v) for v in doubled[0]),
        "nonlinearity.abs_fit_error": f"{err:.2f}",
        "nonlinearity.abs_fit_a": f"{round(a, 2) + 0.0:.2f}",  # no "-0.00"
        "nonlinearity.abs_fit_c": f"{c:.2f}",
        "nonlinearity.keep_192_params": f"{keep_shape_params(192):,}",
        "nonlinearity.keep_192_weights": f"{192 * 192:,}",
    }


# --- figure -----------------------------------------------------------------

def fig_abs(p: dict):
    """|x| from 1x1 -> ReLU -> 1x1, against the best linear 1x1 layer."""
    plt = pyplot()

    x, y, (a, c, err) = abs_experiment()
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.plot(x.ravel(), y.ravel(), color=p["accent"], linewidth=2.4,
            label="1x1 conv, ReLU, 1x1 conv: |x|")
    ax.plot(x.ravel(), a * x.ravel() + c, color=p["accent2"], linewidth=2,
            linestyle="--", label="best single linear 1x1 layer")
    ax.set_xlabel("input value at a pixel", color=p["ink"])
    ax.set_ylabel("output value", color=p["ink"])
    ax.grid(color=p["cell"], linewidth=0.6)
    ax.annotate(f"largest error {err:.2f}", xy=(0, c), xytext=(0.6, 2.4),
                color=p["ink"], fontsize=9,
                arrowprops={"arrowstyle": "->", "color": p["muted"]})
    style_chart(ax, p, legend={"loc": "upper center", "fontsize": 9})
    fig.tight_layout()
    return fig


def figures() -> list[Figure]:
    _, _, (_, _, err) = abs_experiment()
    return [
        Figure(
            name="abs",
            draw=fig_abs,
            alt=("Line plot over input values from -3 to 3. The network of a "
                 "1x1 convolution, a ReLU and another 1x1 convolution traces "
                 "a V shape, the absolute value. The best single linear 1x1 "
                 "layer is a flat dashed line that misses the V by up to "
                 f"{err:.2f}."),
            caption=("With a ReLU between two 1x1 layers each pixel gets |x|; "
                     "the best linear 1x1 layer is a flat line and misses it."),
        ),
    ]
