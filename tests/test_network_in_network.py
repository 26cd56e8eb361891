"""snippets.network_in_network: mlpconv, pooling, GAP, combining convs."""

import numpy as np
import pytest

from snippets import network_in_network as nin
from snippets.conv import conv2d


def test_mlpconv_is_conv_then_per_pixel_mlp():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((6, 6, 2))
    cw, cb = rng.standard_normal((3, 3, 2, 4)), rng.standard_normal(4)
    layers = [(rng.standard_normal((4, 3)), rng.standard_normal(3))]
    feats = np.maximum(conv2d(x, cw, cb), 0)
    np.testing.assert_allclose(nin.mlpconv(x, cw, cb, layers),
                               nin.per_pixel_mlp(feats, layers))


@pytest.mark.parametrize("k1, k2", [(1, 1), (1, 3), (3, 1), (3, 3), (2, 5)])
def test_combined_kernel_valid_is_exact(k1, k2):
    rng = np.random.default_rng(k1 * 10 + k2)
    x = rng.standard_normal((9, 8, 2))
    w1, b1 = rng.standard_normal((k1, k1, 2, 3)), rng.standard_normal(3)
    w2, b2 = rng.standard_normal((k2, k2, 3, 4)), rng.standard_normal(4)
    w = nin.combine_kernels(w1, w2)
    assert w.shape == (k1 + k2 - 1, k1 + k2 - 1, 2, 4)
    np.testing.assert_allclose(conv2d(conv2d(x, w1, b1), w2, b2),
                               conv2d(x, w, nin.combine_bias(b1, w2, b2)),
                               rtol=1e-10, atol=1e-10)


def test_same_padding_differs_only_on_the_ring():
    mask = nin.same_padding_mismatch(8)
    ring = np.ones((8, 8), bool)
    ring[1:-1, 1:-1] = False
    assert np.array_equal(mask, ring)
    assert nin.facts()["nin.mismatch_count"] == "28"
    # a 5x5 second kernel reaches two pixels: a ring two wide
    mask5 = nin.same_padding_mismatch(9, 3, 5)
    assert mask5[2:-2, 2:-2].sum() == 0 and mask5[1, 4] and mask5[0, 4]


@pytest.mark.parametrize("kh, kw, padding", [(1, 1, "valid"), (3, 2, "valid"),
                                             (3, 3, "same"), (2, 4, "same")])
def test_shown_conv2d_is_the_reference_conv(kh, kw, padding):
    rng = np.random.default_rng(kh * 10 + kw)
    x = rng.standard_normal((6, 7, 3))
    w, b = rng.standard_normal((kh, kw, 3, 2)), rng.standard_normal(2)
    np.testing.assert_allclose(nin.conv2d(x, w, b, padding),
                               conv2d(x, w, b, padding=padding), atol=1e-12)
    assert np.array_equal(nin.relu(np.array([-1.0, 2.0])), [0.0, 2.0])


def test_pooling_and_heads():
    x = np.arange(12.0).reshape(2, 2, 3)
    assert nin.global_average_pool(x).tolist() == [4.5, 5.5, 6.5]
    assert np.array_equal(nin.channel_pool(x, [0, 1, 0]), x[:, :, 1])
    heads = nin.head_params(7, 7, 1024, 1000)
    assert heads["flatten_dense"] == 50_176_000 and heads["gap"] == 0


def test_bad_input():
    with pytest.raises(ValueError, match="channel mismatch: w1 gives 3"):
        nin.combine_kernels(np.zeros((3, 3, 2, 3)), np.zeros((3, 3, 4, 1)))
    with pytest.raises(ValueError, match="w2 must have 4 dimensions"):
        nin.combine_bias(np.zeros(3), np.zeros((3, 3)), np.zeros(1))
    with pytest.raises(ValueError, match="classes must be >= 1"):
        nin.head_params(7, 7, 1024, 0)
    with pytest.raises(ValueError, match="feature map must have 3"):
        nin.per_pixel_mlp(np.zeros((2, 2)), [])
    with pytest.raises(ValueError, match="channel mismatch"):
        nin.channel_pool(np.zeros((2, 2, 3)), [1.0, 1.0])
    with pytest.raises(ValueError, match="size must be >= 1"):
        nin.same_padding_mismatch(0)
    x, w = np.zeros((4, 4, 2)), np.zeros((3, 3, 2, 5))
    with pytest.raises(ValueError, match="channel mismatch: the input gives 3"):
        nin.conv2d(np.zeros((4, 4, 3)), w)
    with pytest.raises(ValueError, match="bias must have 5 entries"):
        nin.conv2d(x, w, np.zeros(4))
    with pytest.raises(ValueError, match="padding must be 'valid' or 'same'"):
        nin.conv2d(x, w, padding=1)
    with pytest.raises(ValueError, match=r"kernel \(3, 3\) is larger"):
        nin.conv2d(np.zeros((2, 4, 2)), w)
    with pytest.raises(TypeError, match="x must hold numbers"):
        nin.relu(np.array(["a"]))
    with pytest.raises(ValueError, match="layer before layer 1 gives 4"):
        nin.mlpconv(x, w, np.zeros(5), [(np.zeros((5, 4)), np.zeros(4)),
                                        (np.zeros((3, 1)), np.zeros(1))])
