"""snippets.channels: reduction costs, pooling, stride, receptive fields."""

import numpy as np
import pytest

from snippets import channels as ch
from snippets.conv import conv2d


def test_costs_of_the_two_examples():
    assert ch.BLOG.output_shape == (200, 200, 20)
    assert (ch.BLOG.weights, ch.BLOG.params) == (1_000, 1_020)
    assert ch.BLOG.multiplications == 40_000_000
    assert ch.LECTURE.output_shape == (28, 28, 32)
    assert (ch.LECTURE.weights, ch.LECTURE.params) == (6_144, 6_176)
    assert ch.LECTURE.multiplications == 28 * 28 * 192 * 32
    table = ch.cost_table()
    assert "| 784 x 6,144 = 4,816,896 |" in table


@pytest.mark.parametrize("stride", [1, 2, 3])
def test_strided_1x1_is_subsampling(stride):
    rng = np.random.default_rng(stride)
    x = rng.standard_normal((7, 8, 5))
    w, b = rng.standard_normal((5, 2)), rng.standard_normal(2)
    np.testing.assert_allclose(ch.conv1x1_strided(x, w, b, stride),
                               conv2d(x, w.reshape(1, 1, 5, 2), b, stride=stride),
                               rtol=1e-12, atol=1e-12)


def test_fraction_read_and_receptive_field():
    assert ch.fraction_read(28, 28, 2) == 0.25
    assert ch.fraction_read(7, 7, 2) == 16 / 49
    assert ch.receptive_field([1, 1, 1]) == 1
    assert ch.receptive_field([3, 1, 1]) == 3
    assert ch.receptive_field([3, 3], [2, 1]) == 7
    facts = ch.facts()
    assert (facts["channels.read_percent"], facts["channels.unread_percent"]) == ("25%", "75%")
    assert facts["channels.pooled"] == "14x14x192"
    assert facts["channels.strided"] == "14x14x32"


def test_bad_input():
    with pytest.raises(ValueError, match="stride must be >= 1"):
        ch.conv1x1_strided(np.zeros((4, 4, 1)), np.zeros((1, 1)), stride=0)
    with pytest.raises(ValueError, match="channel mismatch"):
        ch.conv1x1_strided(np.zeros((4, 4, 2)), np.zeros((1, 1)))
    with pytest.raises(ValueError, match="h must be >= 1"):
        ch.fraction_read(0, 4, 2)
    with pytest.raises(ValueError, match="2 kernels but 1 strides"):
        ch.receptive_field([3, 3], [1])
    with pytest.raises(TypeError, match="kernel size must be an integer"):
        ch.receptive_field(["3"])
