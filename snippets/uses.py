"""Why use a 1x1 convolution: one layer from each use, counted.

Backs ``docs/uses.md``: a table of real 1x1 layers, one per use, with
their input, output, weights and multiply-adds, all from
``snippets.costs``. Biases are left out, as the papers count.
"""

from __future__ import annotations

from .costs import conv_cost, total
from .tables import markdown_table

# (use, example layer and its source, h, w, c_in, [filters...], stride):
# several filter counts mean 1x1 layers in a row (c_in -> f1 -> f2).
EXAMPLES = [
    ("reduce depth", "GoogLeNet 3a, the 5x5 branch's reduce", 28, 28, 192,
     [16], 1),
    ("expand depth", "ResNet-50 conv2_x, the last 1x1", 56, 56, 64,
     [256], 1),
    ("extra non-linearity", "VGG configuration C, conv3's 1x1", 56, 56, 256,
     [256], 1),
    ("pointwise (separable)", "MobileNet v1 at 14x14", 14, 14, 512,
     [512], 1),
    ("projection shortcut", "ResNet-50 res3a, stride 2", 56, 56, 256,
     [512], 2),
    ("squeeze-and-excitation", "SE-ResNet-50 conv2, after the pool", 1, 1,
     256, [16, 256], 1),
    ("feed-forward sub-layer", "Transformer base, per position", 1, 1, 512,
     [2048, 512], 1),
    ("segmentation head", "FCN's score layer, per position", 1, 1, 4096,
     [21], 1),
    ("colour transform", "RGB to YCbCr (JFIF), per pixel", 1, 1, 3,
     [3], 1),
]


def example_costs() -> list[dict]:
    """Each example's output shape, weights and multiply-adds."""
    rows = []
    for use, layer, h, w, c_in, filters, stride in EXAMPLES:
        costs, channels = [], c_in
        for k, f in enumerate(filters):
            size = (h, w) if k == 0 else (costs[-1].out_h, costs[-1].out_w)
            costs.append(conv_cost(*size, channels, f,
                                   stride=stride if k == 0 else 1,
                                   bias=False))
            channels = f
        both = total(costs)
        rows.append({"use": use, "layer": layer,
                     "input": (h, w, c_in),
                     "output": costs[-1].output_shape,
                     "channels": [c_in] + list(filters),
                     "weights": both.weights, "mult_adds": both.mult_adds})
    return rows


def _shape(shape) -> str:
    return "x".join(str(n) for n in shape)


def table() -> str:
    rows = []
    for row in example_costs():
        path = " → ".join(str(c) for c in row["channels"])
        rows.append([row["use"], row["layer"], _shape(row["input"]),
                     path, _shape(row["output"]), f"{row['weights']:,}",
                     f"{row['mult_adds']:,}"])
    return markdown_table(
        ["use", "example layer", "input", "channels", "output", "weights",
         "multiply-adds"], rows,
        align=["left", "left", "right", "right", "right", "right", "right"])


def facts() -> dict[str, str]:
    rows = {row["use"]: row for row in example_costs()}
    reduce = rows["reduce depth"]
    return {
        "uses.table": table(),
        "uses.count": str(len(EXAMPLES)),
        "uses.reduce_mult_adds": f"{reduce['mult_adds']:,}",
    }


def figures() -> list:
    return []
