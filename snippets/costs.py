"""The one cost model of the site: output shapes, parameters and
multiply-adds of every layer the pages discuss.

Every page, every fact and the calculator take their counts from here.
"""

from __future__ import annotations

from dataclasses import dataclass

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


# --- the cost of one layer ------------------------------------------------

@dataclass(frozen=True)
class Count:
    """Weights, biases and multiply-adds of a layer or of several layers.

    ``params`` counts weights and biases; ``weights`` alone is the
    "parameters without bias" papers such as GoogLeNet print. A
    multiply-add is one product (and the sum it goes into).
    """

    weights: int
    biases: int
    mult_adds: int

    @property
    def params(self) -> int:
        return self.weights + self.biases

    def __add__(self, other: Count) -> Count:
        if not isinstance(other, Count):
            return NotImplemented
        return Count(self.weights + other.weights,
                     self.biases + other.biases,
                     self.mult_adds + other.mult_adds)


@dataclass(frozen=True)
class LayerCost(Count):
    """A :class:`Count` with the layer's output shape ``(out_h, out_w,
    out_c)``; ``positions`` is how many places each filter is applied at."""

    out_h: int
    out_w: int
    out_c: int

    @property
    def positions(self) -> int:
        return self.out_h * self.out_w

    @property
    def output_shape(self) -> tuple[int, int, int]:
        return (self.out_h, self.out_w, self.out_c)


def total(costs) -> Count:
    """The sum of several layers' counts (an empty list is refused)."""
    costs = list(costs)
    if not costs:
        raise ValueError("total() needs at least one layer")
    return sum(costs[1:], Count(costs[0].weights, costs[0].biases,
                                costs[0].mult_adds))


def conv_cost(h: int, w: int, c_in: int, filters: int, kernel: int = 1,
              stride: int = 1, padding: str | int = "valid", groups: int = 1,
              bias: bool = True) -> LayerCost:
    """Output shape, weights, biases and multiply-adds of a convolution.

    A ``kernel`` x ``kernel`` convolution with ``filters`` filters on an
    ``(h, w, c_in)`` input. With ``groups`` > 1 the channels are split into
    that many groups and each filter reads the ``c_in / groups`` channels
    of its group; ``groups == c_in == filters`` is a depthwise convolution.
    Every output number is one filter at one position and costs
    ``kernel * kernel * c_in / groups`` multiply-adds, products with padded
    zeros included, as papers count them. This is the only place the site
    computes that count: every page, fact and the calculator call it.
    """
    h, w = check_size(h, "h"), check_size(w, "w")
    c_in = check_size(c_in, "c_in")
    filters = check_size(filters, "filters")
    groups = check_size(groups, "groups")
    if not isinstance(bias, bool):
        raise TypeError(f"bias must be True or False, got {bias!r}")
    if c_in % groups:
        raise ValueError(
            f"c_in {c_in} is not divisible by groups {groups}")
    if filters % groups:
        raise ValueError(
            f"filters {filters} is not divisible by groups {groups}")
    out_h = conv_output_size(h, kernel, stride, padding)
    out_w = conv_output_size(w, kernel, stride, padding)
    per_output = kernel * kernel * (c_in // groups)   # one filter's weights
    weights = per_output * filters
    return LayerCost(weights=weights, biases=filters if bias else 0,
                     mult_adds=out_h * out_w * weights,
                     out_h=out_h, out_w=out_w, out_c=filters)


def depthwise_cost(h: int, w: int, c: int, kernel: int = 3, stride: int = 1,
                   padding: str | int = "same", multiplier: int = 1,
                   bias: bool = True) -> LayerCost:
    """A depthwise convolution: ``multiplier`` k x k filters per channel,
    each reading only its own channel (a conv with ``groups == c``)."""
    c = check_size(c, "c")
    multiplier = check_size(multiplier, "multiplier")
    return conv_cost(h, w, c, c * multiplier, kernel, stride, padding,
                     groups=c, bias=bias)


def dense_cost(n_in: int, n_out: int, bias: bool = True) -> LayerCost:
    """A fully connected layer from ``n_in`` to ``n_out`` numbers: a 1x1
    convolution on a 1x1 map with ``n_in`` channels."""
    return conv_cost(1, 1, n_in, n_out, bias=bias)


def pool_cost(h: int, w: int, c: int, size: int, stride: int | None = None,
              padding: str | int = "valid") -> LayerCost:
    """Max or average pooling: no parameters and no multiplications (max
    pooling compares, average pooling adds); only the shape changes, and
    the channels stay."""
    c = check_size(c, "c")
    stride = size if stride is None else stride
    return LayerCost(weights=0, biases=0, mult_adds=0,
                     out_h=conv_output_size(h, size, stride, padding),
                     out_w=conv_output_size(w, size, stride, padding),
                     out_c=c)


# --- sums the pages discuss ------------------------------------------------

@dataclass(frozen=True)
class Bottleneck:
    """A k x k 'same' conv on ``(h, w, c_in)`` to ``filters`` channels,
    directly or after a 1x1 reduction to ``reduce_to`` channels. Counts
    leave biases out, as the lecture and GoogLeNet's paper do."""

    h: int = 28
    w: int = 28
    c_in: int = 192
    kernel: int = 5
    filters: int = 32
    reduce_to: int = 16

    def __post_init__(self):
        for name in ("h", "w", "c_in", "kernel", "filters", "reduce_to"):
            check_size(getattr(self, name), name)

    @property
    def direct_layer(self) -> LayerCost:
        return conv_cost(self.h, self.w, self.c_in, self.filters,
                         self.kernel, padding="same", bias=False)

    @property
    def reduce_layer(self) -> LayerCost:
        return conv_cost(self.h, self.w, self.c_in, self.reduce_to,
                         bias=False)

    @property
    def conv_layer(self) -> LayerCost:
        return conv_cost(self.h, self.w, self.reduce_to, self.filters,
                         self.kernel, padding="same", bias=False)

    @property
    def direct(self) -> int:
        return self.direct_layer.mult_adds

    @property
    def reduce_step(self) -> int:
        return self.reduce_layer.mult_adds

    @property
    def conv_step(self) -> int:
        return self.conv_layer.mult_adds

    @property
    def with_reduction(self) -> int:
        return self.reduce_step + self.conv_step

    @property
    def ratio(self) -> float:
        return self.direct / self.with_reduction

    @property
    def direct_params(self) -> int:
        return self.direct_layer.weights

    @property
    def reduced_params(self) -> int:
        return self.reduce_layer.weights + self.conv_layer.weights


def inception_cost(size: int, c_in: int, n1x1: int, n3x3_reduce: int,
                   n3x3: int, n5x5_reduce: int, n5x5: int, pool_proj: int,
                   bias: bool = False) -> LayerCost:
    """An inception module (GoogLeNet, Table 1) on a ``size`` x ``size``
    x ``c_in`` input: the six convolutions of its four branches, all
    'same' and stride 1; the 3x3 max pool costs nothing. The output depth
    is the sum of the four branch depths."""
    def conv(c, filters, kernel=1):
        return conv_cost(size, size, c, filters, kernel, padding="same",
                         bias=bias)

    parts = total([conv(c_in, n1x1),
                   conv(c_in, n3x3_reduce), conv(n3x3_reduce, n3x3, 3),
                   conv(c_in, n5x5_reduce), conv(n5x5_reduce, n5x5, 5),
                   conv(c_in, pool_proj)])
    return LayerCost(weights=parts.weights, biases=parts.biases,
                     mult_adds=parts.mult_adds, out_h=size, out_w=size,
                     out_c=n1x1 + n3x3 + n5x5 + pool_proj)


@dataclass(frozen=True)
class LayerCount:
    """One 1x1 layer described by its input and its filter count, with
    its counts read from :func:`conv_cost` (biases: one per filter)."""

    h: int
    w: int
    c_in: int
    filters: int

    @property
    def cost(self) -> LayerCost:
        return conv_cost(self.h, self.w, self.c_in, self.filters)

    def __post_init__(self):
        self.cost                      # refuses bad sizes at once

    @property
    def positions(self) -> int:
        return self.cost.positions

    @property
    def inputs_per_position(self) -> int:
        return self.c_in

    @property
    def weights(self) -> int:
        return self.cost.weights

    @property
    def params(self) -> int:
        return self.cost.params

    @property
    def multiplications(self) -> int:
        return self.cost.mult_adds

    @property
    def output_shape(self) -> tuple[int, int, int]:
        return self.cost.output_shape
