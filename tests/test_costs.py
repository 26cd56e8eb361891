"""snippets.costs: the one cost model, against counts made independently.

The reference below runs a grouped convolution with plain loops and counts
every product it takes; conv.conv2d (group by group) checks its output, so
the count is of a convolution that really computes the right thing.
"""

import itertools

import numpy as np
import pytest

from snippets import costs
from snippets.conv import conv2d


def counted_conv(x, w, stride, padding, groups):
    """A grouped convolution by loops: (output, number of products)."""
    h, wd, c_in = x.shape
    k, _, c_group, filters = w.shape
    if padding == "same":
        out_h, out_w = -(-h // stride), -(-wd // stride)
        pads = []
        for n, out in ((h, out_h), (wd, out_w)):
            extra = max((out - 1) * stride + k - n, 0)
            pads.append((extra // 2, extra - extra // 2))
    else:
        pad = 0 if padding == "valid" else padding
        pads = [(pad, pad), (pad, pad)]
    xp = np.pad(x, (*pads, (0, 0)))
    out_h = (xp.shape[0] - k) // stride + 1
    out_w = (xp.shape[1] - k) // stride + 1
    per_group = filters // groups
    out = np.zeros((out_h, out_w, filters))
    products = 0
    for i, j, f in itertools.product(range(out_h), range(out_w),
                                     range(filters)):
        g = f // per_group
        for a, b, c in itertools.product(range(k), range(k),
                                         range(c_group)):
            out[i, j, f] += (xp[i * stride + a, j * stride + b,
                                g * c_group + c] * w[a, b, c, f])
            products += 1
    return out, products


def grouped_conv2d(x, w, stride, padding, groups):
    """The same grouped convolution from the reference conv2d."""
    c_group, filters = w.shape[2], w.shape[3]
    per = filters // groups
    return np.concatenate(
        [conv2d(x[..., g * c_group:(g + 1) * c_group],
                w[..., g * per:(g + 1) * per], stride=stride,
                padding=padding) for g in range(groups)], axis=-1)


GRID = [
    # (h, w, c_in, filters, kernel, stride, padding, groups)
    (5, 5, 3, 2, 1, 1, "valid", 1),       # 1x1
    (6, 4, 4, 6, 1, 2, "valid", 1),       # strided 1x1
    (5, 6, 2, 3, 3, 1, "valid", 1),       # k x k
    (5, 5, 2, 3, 3, 1, "same", 1),
    (7, 5, 2, 2, 3, 2, "same", 1),        # strided, same
    (4, 4, 2, 2, 2, 1, "same", 1),        # even kernel: uneven padding
    (4, 5, 3, 2, 3, 2, 1, 1),             # explicit padding
    (5, 5, 4, 4, 3, 1, "same", 4),        # depthwise
    (5, 5, 4, 8, 3, 1, "same", 4),        # depthwise, multiplier 2
    (6, 6, 4, 6, 3, 2, "valid", 2),       # grouped
    (3, 3, 6, 3, 1, 1, "valid", 3),       # grouped 1x1
    (1, 1, 7, 5, 1, 1, "valid", 1),       # dense
]


@pytest.mark.parametrize("case", GRID, ids=str)
def test_conv_cost_is_the_products_a_convolution_takes(case):
    h, w, c_in, filters, k, s, p, g = case
    rng = np.random.default_rng(0)
    x = rng.standard_normal((h, w, c_in))
    wt = rng.standard_normal((k, k, c_in // g, filters))
    out, products = counted_conv(x, wt, s, p, g)
    np.testing.assert_allclose(out, grouped_conv2d(x, wt, s, p, g),
                               atol=1e-12)
    for bias in (True, False):
        got = costs.conv_cost(h, w, c_in, filters, k, s, p, g, bias)
        assert got.output_shape == out.shape
        assert got.positions == out.shape[0] * out.shape[1]
        assert got.mult_adds == products
        assert got.weights == wt.size
        assert got.params == wt.size + (filters if bias else 0)


def test_depthwise_dense_and_pooling():
    dw = costs.depthwise_cost(5, 5, 4, 3, multiplier=2, bias=False)
    assert dw == costs.conv_cost(5, 5, 4, 8, 3, padding="same", groups=4,
                                 bias=False)
    assert (dw.weights, dw.mult_adds) == (72, 72 * 25)
    fc = costs.dense_cost(7, 5)
    x, w = np.ones(7), np.ones((7, 5))
    assert fc.mult_adds == (x[:, None] * w).size == 35      # x @ w
    assert (fc.weights, fc.params, fc.output_shape) == (35, 40, (1, 1, 5))
    pool = costs.pool_cost(28, 28, 192, 2)
    assert pool.output_shape == (14, 14, 192)
    assert (pool.params, pool.mult_adds) == (0, 0)
    shape = conv2d(np.zeros((7, 6, 1)), np.zeros((3, 3, 1, 1)), stride=2)
    assert costs.pool_cost(7, 6, 3, 3, 2).output_shape[:2] == shape.shape[:2]


def test_bottleneck_counts_its_two_convolutions():
    b = costs.Bottleneck(5, 4, 6, 3, 4, 2)
    x = np.random.default_rng(1).standard_normal((5, 4, 6))
    _, direct = counted_conv(x, np.ones((3, 3, 6, 4)), 1, "same", 1)
    mid, reduce = counted_conv(x, np.ones((1, 1, 6, 2)), 1, "valid", 1)
    _, conv = counted_conv(mid, np.ones((3, 3, 2, 4)), 1, "same", 1)
    assert (b.direct, b.reduce_step, b.conv_step) == (direct, reduce, conv)
    assert b.with_reduction == reduce + conv
    assert b.ratio == direct / (reduce + conv)
    assert (b.direct_params, b.reduced_params) == (3 * 3 * 6 * 4,
                                                   6 * 2 + 9 * 2 * 4)
    lecture = costs.Bottleneck()
    assert (lecture.direct, lecture.with_reduction) == (120_422_400,
                                                        12_443_648)


def test_inception_cost_is_its_six_convolutions():
    got = costs.inception_cost(28, 192, 64, 96, 128, 16, 32, 32)
    assert got.output_shape == (28, 28, 256)
    assert got.weights == (192 * (64 + 96 + 16 + 32) + 9 * 96 * 128
                           + 25 * 16 * 32) == 163_328
    assert got.mult_adds == got.weights * 28 * 28     # each weight per pixel
    assert got.biases == 0
    with_bias = costs.inception_cost(28, 192, 64, 96, 128, 16, 32, 32, True)
    assert with_bias.biases == 64 + 96 + 128 + 16 + 32 + 32


def test_counts_add_up():
    a, b = costs.dense_cost(3, 2), costs.dense_cost(2, 1, bias=False)
    assert a + b == costs.Count(8, 2, 8) == costs.total([a, b])
    assert (a + b).params == 10
    assert a.__add__(3) is NotImplemented


@pytest.mark.parametrize("call, error, message", [
    (lambda: costs.conv_cost(6, 6, 6, 4, groups=4), ValueError,
     "c_in 6 is not divisible by groups 4"),
    (lambda: costs.conv_cost(6, 6, 4, 6, groups=4), ValueError,
     "filters 6 is not divisible by groups 4"),
    (lambda: costs.conv_cost(6, 6, 4, 4, groups=0), ValueError,
     "groups must be >= 1"),
    (lambda: costs.conv_cost(6, 6, 4, 4, bias="yes"), TypeError,
     "bias must be True or False"),
    (lambda: costs.conv_cost(6, 6, 4, 4, 9), ValueError,
     "kernel size 9 is larger than the padded input"),
    (lambda: costs.conv_cost(6, 6, 4, 4, 3, padding="full"), ValueError,
     "padding must be 'valid', 'same' or an integer"),
    (lambda: costs.conv_cost(6, 6, 4.0, 4), TypeError,
     "c_in must be an integer"),
    (lambda: costs.conv_cost(0, 6, 4, 4), ValueError,
     "h must be >= 1"),
    (lambda: costs.depthwise_cost(6, 6, 4, multiplier=0), ValueError,
     "multiplier must be >= 1"),
    (lambda: costs.dense_cost(0, 4), ValueError, "c_in must be >= 1"),
    (lambda: costs.pool_cost(6, 6, 0, 2), ValueError, "c must be >= 1"),
    (lambda: costs.pool_cost(6, 6, 3, 2, 0), ValueError,
     "stride must be >= 1"),
    (lambda: costs.Bottleneck(reduce_to=0), ValueError,
     "reduce_to must be >= 1"),
    (lambda: costs.total([]), ValueError, "at least one layer"),
])
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_layer_count_reads_the_cost_model():
    layer = costs.LayerCount(6, 6, 5, 4)
    assert layer.cost == costs.conv_cost(6, 6, 5, 4)
    assert (layer.positions, layer.inputs_per_position, layer.weights,
            layer.params, layer.multiplications, layer.output_shape) == (
        36, 5, 20, 24, 720, (6, 6, 4))
    with pytest.raises(ValueError, match="filters must be >= 1"):
        costs.LayerCount(6, 6, 5, 0)
