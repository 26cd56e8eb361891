"""A real photograph through a 1x1 convolution, and a trained 1x1 network.

Backs ``docs/experiments.md``: RGB to grey (ITU-R BT.601 luma weights) and
RGB to YCbCr (JFIF / ITU-T T.871, the offset 128 as a bias) as 1x1 layers
on the portrait of Grace Hopper that ships with matplotlib; and a per-pixel
task, |a| - |b| from two channels, that one linear 1x1 layer cannot learn
and 1x1 + ReLU + 1x1 can, trained by gradient descent written out in numpy.
The training runs once per process (cached): the build and the tests share
it.
"""

from __future__ import annotations

import functools

from .checks import as_numeric_array, check_size, with_checks
from .costs import conv_cost, total
from .figures import Figure, pyplot, style_chart

# The pixel the page works through by hand, (row, column) of the photo.
PIXEL = (300, 256)
# Every STEP-th row and column of the photo goes into the figure.
STEP = 7
# The training run: data, network width, steps, learning rate, seeds.
TRAIN = {"images": 4, "size": 12, "hidden": 8, "steps": 1000, "lr": 0.1}
SEEDS = (0, 1, 2)
TEST_SEED = 100          # fresh pixels to check the trained net on


# --8<-- [start:photo]
import numpy as np

LUMA = np.array([0.299, 0.587, 0.114])     # ITU-R BT.601: R, G, B weights


def load_photo():
    """Grace Hopper's portrait, shipped with matplotlib (read with Pillow):
    (600, 512, 3) uint8."""
    from matplotlib import cbook, image
    with cbook.get_sample_data("grace_hopper.jpg") as f:
        return image.imread(f)


def rgb_to_grey(rgb):
    """Grey as a 1x1 convolution with one filter.
    rgb: (H, W, 3) -> (H, W, 1)."""
    w = LUMA.reshape(3, 1)                  # (C_in, F) = (3, 1)
    return rgb @ w


def ycbcr_layer():
    """JFIF's RGB -> YCbCr as one 1x1 layer: w (3, 3), bias (3,)."""
    red, blue = np.eye(3)[0], np.eye(3)[2]
    cb = (blue - LUMA) / (2 * (1 - LUMA[2]))     # (B - Y) / 1.772
    cr = (red - LUMA) / (2 * (1 - LUMA[0]))      # (R - Y) / 1.402
    w = np.stack([LUMA, cb, cr], axis=1)         # (C_in, F): filter per column
    b = np.array([0.0, 128.0, 128.0])            # the offsets are the bias
    return w, b


def rgb_to_ycbcr(rgb):
    """rgb: (H, W, 3) -> (H, W, 3) holding Y, Cb, Cr."""
    w, b = ycbcr_layer()
    return rgb @ w + b
# --8<-- [end:photo]


# --8<-- [start:train]
import numpy as np


def make_pixels(seed=0, images=4, size=12):
    """Images of 2 channels a, b, uniform in [-1, 1], and the per-pixel
    target |a| - |b|. -> x: (N, H, W, 2), y: (N, H, W, 1)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (images, size, size, 2))
    y = np.abs(x[..., :1]) - np.abs(x[..., 1:])
    return x, y


def train_linear(x, y, steps=1000, lr=0.1):
    """One linear 1x1 layer (2 -> 1), gradient descent on the mean
    squared error. Returns the loss before each step and (w, b)."""
    rows, t = x.reshape(-1, 2), y.reshape(-1, 1)  # a 1x1 layer sees pixels
    w, b = np.zeros((2, 1)), np.zeros(1)
    losses = []
    for _ in range(steps):
        err = rows @ w + b - t                    # (P, 1)
        losses.append(np.mean(err ** 2))
        g = 2 * err / len(rows)                   # d loss / d output
        w -= lr * rows.T @ g
        b -= lr * g.sum(axis=0)
    return np.array(losses), (w, b)


def train_relu(x, y, hidden=8, steps=1000, lr=0.1, seed=0):
    """1x1 (2 -> hidden), ReLU, 1x1 (hidden -> 1), trained the same way.
    Returns the loss before each step and (w1, b1, w2, b2)."""
    rng = np.random.default_rng(seed)
    rows, t = x.reshape(-1, 2), y.reshape(-1, 1)
    w1, b1 = rng.standard_normal((2, hidden)), np.zeros(hidden)
    w2 = rng.standard_normal((hidden, 1)) / np.sqrt(hidden)
    b2 = np.zeros(1)
    losses = []
    for _ in range(steps):
        z = rows @ w1 + b1                        # (P, hidden)
        h = np.maximum(z, 0)                      # ReLU
        err = h @ w2 + b2 - t                     # (P, 1)
        losses.append(np.mean(err ** 2))
        g = 2 * err / len(rows)
        gz = (g @ w2.T) * (z > 0)                 # back through the ReLU
        w2 -= lr * h.T @ g
        b2 -= lr * g.sum(axis=0)
        w1 -= lr * rows.T @ gz
        b1 -= lr * gz.sum(axis=0)
    return np.array(losses), (w1, b1, w2, b2)
# --8<-- [end:train]


# --- the public forms check their input (the shown code stays plain) ---------

def _check_rgb(rgb):
    rgb = as_numeric_array(rgb, "rgb", 3)
    if rgb.shape[2] != 3:
        raise ValueError(
            f"rgb must have 3 channels (R, G, B), got {rgb.shape[2]}")
    return (rgb,)


def _check_pixels(seed=0, images=4, size=12):
    check_size(seed, "seed", minimum=0)
    return seed, check_size(images, "images"), check_size(size, "size")


def _check_data(x, y):
    x = as_numeric_array(x, "input x", 4)
    y = as_numeric_array(y, "target y", 4)
    if x.shape[3] != 2 or y.shape[3] != 1 or x.shape[:3] != y.shape[:3]:
        raise ValueError(
            f"x must be (N, H, W, 2) and y (N, H, W, 1) with the same N, H, "
            f"W; got {x.shape} and {y.shape}")
    return x, y


def _check_rate(lr):
    if isinstance(lr, bool) or not isinstance(lr, (int, float)):
        raise TypeError(f"lr must be a number, got {type(lr).__name__}")
    if not 0 < lr < 1:
        raise ValueError(f"lr must be between 0 and 1, got {lr}")
    return float(lr)


def _check_linear(x, y, steps=1000, lr=0.1):
    return (*_check_data(x, y), check_size(steps, "steps"), _check_rate(lr))


def _check_relu(x, y, hidden=8, steps=1000, lr=0.1, seed=0):
    return (*_check_data(x, y), check_size(hidden, "hidden"),
            check_size(steps, "steps"), _check_rate(lr),
            check_size(seed, "seed", minimum=0))


rgb_to_grey = with_checks(rgb_to_grey, _check_rgb)
rgb_to_ycbcr = with_checks(rgb_to_ycbcr, _check_rgb)
make_pixels = with_checks(make_pixels, _check_pixels)
train_linear = with_checks(train_linear, _check_linear)
train_relu = with_checks(train_relu, _check_relu)


@functools.cache
def photo() -> np.ndarray:
    """The portrait, read once per process: (600, 512, 3) uint8."""
    return load_photo()


def photo_layers() -> dict:
    """The photo through both 1x1 layers, with their counts."""
    rgb = photo()
    h, w, _ = rgb.shape
    return {
        "rgb": rgb,
        "grey": rgb_to_grey(rgb),                 # (H, W, 1)
        "ycbcr": rgb_to_ycbcr(rgb),               # (H, W, 3)
        "grey_cost": conv_cost(h, w, 3, 1, bias=False),
        "ycbcr_cost": conv_cost(h, w, 3, 3),
    }


def relu_cost(hidden: int):
    """Parameters of 1x1 (2 -> hidden) + 1x1 (hidden -> 1), with biases,
    applied at one pixel."""
    return total([conv_cost(1, 1, 2, hidden), conv_cost(1, 1, hidden, 1)])


@functools.cache
def experiment() -> dict:
    """The training runs of the page, once per process."""
    n, size = TRAIN["images"], TRAIN["size"]
    steps, lr = TRAIN["steps"], TRAIN["lr"]
    x, y = make_pixels(0, n, size)
    linear, (w, b) = train_linear(x, y, steps, lr)
    runs = [train_relu(x, y, TRAIN["hidden"], steps, lr, seed)
            for seed in SEEDS]
    rows = np.column_stack([x.reshape(-1, 2), np.ones(x[..., 0].size)])
    best = np.linalg.lstsq(rows, y.reshape(-1), rcond=None)[0]
    w1, b1, w2, b2 = runs[0][1]
    x_new, y_new = make_pixels(TEST_SEED, n, size)
    y_hat = np.maximum(x_new @ w1 + b1, 0) @ w2 + b2     # 1x1, ReLU, 1x1
    return {
        "pixels": x[..., 0].size,
        "baseline": float(y.var()),
        "best_linear": float(np.mean((rows @ best - y.reshape(-1)) ** 2)),
        "linear": linear,
        "relu": [losses for losses, _ in runs],
        "test": float(np.mean((y_hat - y_new) ** 2)),
    }


def _loss(value: float) -> str:
    return f"{value:.4f}"


def facts() -> dict[str, str]:
    layers = photo_layers()
    r, c = PIXEL
    rgb = layers["rgb"][r, c]
    grey = layers["grey"][r, c, 0]
    y, cb, cr = layers["ycbcr"][r, c]
    w, _ = ycbcr_layer()
    run = experiment()
    final = [losses[-1] for losses in run["relu"]]
    return {
        "experiments.photo_shape": "x".join(map(str, layers["rgb"].shape)),
        "experiments.grey_shape": "x".join(
            map(str, layers["grey_cost"].output_shape)),
        "experiments.grey_weights": f"{layers['grey_cost'].weights}",
        "experiments.grey_mult_adds": f"{layers['grey_cost'].mult_adds:,}",
        "experiments.ycbcr_params": f"{layers['ycbcr_cost'].params}",
        "experiments.pixel": f"({r}, {c})",
        "experiments.pixel_rgb": ", ".join(str(int(v)) for v in rgb),
        "experiments.pixel_grey": f"{grey:.2f}",
        "experiments.pixel_y": f"{y:.2f}",
        "experiments.pixel_cb": f"{cb:.2f}",
        "experiments.pixel_cr": f"{cr:.2f}",
        "experiments.cb_red": f"{w[0, 1]:.4f}",
        "experiments.cb_green": f"{w[1, 1]:.4f}",
        "experiments.cr_green": f"{w[1, 2]:.4f}",
        "experiments.cr_blue": f"{w[2, 2]:.4f}",
        "experiments.pixels": f"{run['pixels']:,}",
        "experiments.images": f"{TRAIN['images']}",
        "experiments.size": f"{TRAIN['size']}",
        "experiments.hidden": f"{TRAIN['hidden']}",
        "experiments.steps": f"{TRAIN['steps']:,}",
        "experiments.lr": f"{TRAIN['lr']}",
        "experiments.seeds": f"{len(SEEDS)}",
        "experiments.relu_params": f"{relu_cost(TRAIN['hidden']).params}",
        "experiments.linear_params": f"{conv_cost(1, 1, 2, 1).params}",
        "experiments.baseline_loss": _loss(run["baseline"]),
        "experiments.best_linear_loss": _loss(run["best_linear"]),
        "experiments.linear_loss": _loss(run["linear"][-1]),
        "experiments.relu_loss": _loss(final[0]),
        "experiments.relu_worst": _loss(max(final)),
        "experiments.relu_best": _loss(min(final)),
        "experiments.test_loss": _loss(run["test"]),
        "experiments.ratio": f"{run['linear'][-1] / final[0]:.0f}",
    }


# --- figures ----------------------------------------------------------------

def fig_photo(p: dict):
    """The photo, and its Y, Cb and Cr channels, each made by a 1x1 layer."""
    plt = pyplot()
    layers = photo_layers()
    small = layers["rgb"][::STEP, ::STEP]
    ycbcr = layers["ycbcr"][::STEP, ::STEP]
    fig, axes = plt.subplots(1, 4, figsize=(7.6, 2.5))
    panels = [("photo (R, G, B)", small, {})]
    for k, name in enumerate(("Y = grey", "Cb", "Cr")):
        channel = ycbcr[..., k]
        if k == 0:
            low, high = 0, 255
        else:                       # chroma: stretched around 128
            spread = float(np.abs(channel - 128).max())
            low, high = 128 - spread, 128 + spread
        panels.append((name, channel, {"cmap": "gray", "vmin": low,
                                       "vmax": high}))
    for ax, (title, data, style) in zip(axes, panels):
        ax.imshow(data, interpolation="none", **style)
        ax.set_title(title, color=p["ink"], fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ax.spines.values():
            side.set_color(p["line"])
    return fig


def fig_losses(p: dict):
    """Training loss of one linear 1x1 layer and of 1x1 + ReLU + 1x1."""
    plt = pyplot()
    run = experiment()
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    steps = np.arange(1, len(run["linear"]) + 1)
    ax.axhline(run["baseline"], color=p["muted"], lw=1, ls=":",
               label="always predict the mean")
    ax.plot(steps, run["linear"], color=p["accent"], lw=1.8,
            label="linear 1x1 (2 -> 1)")
    for seed, losses, dash in zip(SEEDS, run["relu"], ("-", "--", "-.")):
        ax.plot(steps, losses, color=p["accent2"], lw=1.6, ls=dash,
                label=f"1x1 + ReLU + 1x1, seed {seed}")
    ax.set_yscale("log")
    ax.set_xlabel("gradient descent step", color=p["ink"])
    ax.set_ylabel("mean squared error", color=p["ink"])
    style_chart(ax, p, legend={"loc": "lower left", "fontsize": 8})
    return fig


def figures() -> list[Figure]:
    run = experiment()
    h, w, _ = photo().shape
    final = [losses[-1] for losses in run["relu"]]
    return [
        Figure(
            name="photo-ycbcr",
            draw=fig_photo,
            jpeg_quality=70,
            alt=("Four small pictures side by side. First, the colour "
                 "portrait of Grace Hopper in naval uniform. Second, the "
                 "same portrait in grey: the Y channel, 0.299 R + 0.587 G + "
                 "0.114 B at every pixel. Third and fourth, the Cb and Cr "
                 "channels, mostly flat mid-grey, with the blue background "
                 "light in Cb and the face and red ribbons light in Cr."),
            caption=(f"One 1x1 layer with 3 filters turns the {h}x{w} photo "
                     f"into Y, Cb and Cr (every {STEP}th pixel shown; Cb and Cr "
                     "stretched around 128 to be seen)."),
        ),
        Figure(
            name="trained-losses",
            draw=fig_losses,
            alt=("Loss curves on a logarithmic scale over "
                 f"{len(run['linear'])} gradient descent steps. The linear "
                 "1x1 layer's loss flattens at once near the dotted line of "
                 f"always predicting the mean, at {_loss(run['linear'][-1])}. "
                 f"The three runs of 1x1 + ReLU + 1x1 keep falling, ending "
                 f"between {_loss(min(final))} and {_loss(max(final))}."),
            caption=("Trained on the same pixels, one linear 1x1 layer "
                     "cannot learn |a| - |b|; a 1x1 + ReLU + 1x1 network "
                     "can."),
        ),
    ]
