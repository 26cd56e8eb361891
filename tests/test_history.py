"""snippets.history: ResNet's strided 1x1 layers, the transformer's FFN."""

import numpy as np
import pytest

from snippets import history as hi


def weights(rng, c_in=6, mid=3, c_out=8):
    return (rng.standard_normal((1, 1, c_in, mid)),
            rng.standard_normal((3, 3, mid, mid)),
            rng.standard_normal((1, 1, mid, c_out)),
            rng.standard_normal((1, 1, c_in, c_out)))


def test_conv_matches_a_direct_sum():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 5, 2))
    w = rng.standard_normal((3, 3, 2, 4))
    out = hi.conv(x, w)
    xp = np.pad(x, ((1, 1), (1, 1), (0, 0)))
    want = np.einsum("ijc,ijco->o", xp[1:4, 2:5], w)      # output (1, 2)
    np.testing.assert_allclose(out[1, 2], want)
    assert hi.conv(x, w, 2).shape == (3, 3, 4)


def test_stride_on_the_first_1x1_hides_three_positions_in_four():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((6, 6, 6))
    ws = weights(rng)
    poked = x.copy()
    poked[1::2] += 5.0
    poked[:, 1::2] -= 5.0
    same = hi.bottleneck(x, *ws)
    assert same.shape == (3, 3, 8)
    np.testing.assert_array_equal(hi.bottleneck(poked, *ws), same)
    assert not np.allclose(hi.bottleneck(poked, *ws, strided="3x3"),
                           hi.bottleneck(x, *ws, strided="3x3"))


def test_ffn_is_two_kernel_1_convolutions():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((7, 4))
    w1, b1 = rng.standard_normal((4, 9)), rng.standard_normal(9)
    w2, b2 = rng.standard_normal((9, 4)), rng.standard_normal(4)
    hidden = np.maximum(0, hi.conv1d(x, w1[None], b1))
    np.testing.assert_allclose(hi.ffn(x, w1, b1, w2, b2),
                               hi.conv1d(hidden, w2[None], b2))
    assert hi.conv1d(x, rng.standard_normal((3, 4, 2)), np.zeros(2)).shape \
        == (5, 2)


def test_counts_and_facts():
    assert hi.positions_read(56, 56, 2) == (784, 3136)
    assert hi.positions_read(5, 5, 2) == (9, 25)
    c = hi.res3a_costs()
    assert c["shortcut"] == 28 * 28 * 256 * 512
    assert c["shortcut_weights"] == 256 * 512
    assert c["stride_on_1x1"] == (28 * 28 * 256 * 128 + 28 * 28 * 9 * 128
                                  * 128 + 28 * 28 * 128 * 512)
    assert c["stride_on_3x3"] == (56 * 56 * 256 * 128 + 28 * 28 * 9 * 128
                                  * 128 + 28 * 28 * 128 * 512)
    assert hi.ffn_counts() == {"weights": 2_097_152, "params": 2_099_712,
                               "mult_adds": 2_097_152}
    f = hi.facts()
    assert f["history.short_read_pct"] == "25%"
    assert f["history.short_unread_pct"] == "75%"
    assert f["history.res3a_ratio"] == "1.40"
    assert hi.figures() == []


def test_bad_input():
    rng = np.random.default_rng(3)
    x = np.zeros((4, 4, 6))
    ws = weights(rng)
    with pytest.raises(ValueError, match="x must have 3 dimensions"):
        hi.conv(np.zeros((4, 4)), ws[0])
    with pytest.raises(ValueError, match="k x k with k odd"):
        hi.conv(x, np.zeros((2, 2, 6, 1)))
    with pytest.raises(ValueError, match="x has 6 channels but w expects 5"):
        hi.conv(x, np.zeros((1, 1, 5, 1)))
    with pytest.raises(TypeError, match="stride must be an integer"):
        hi.conv(x, ws[0], 1.5)
    with pytest.raises(ValueError, match="strided must be '1x1' or '3x3'"):
        hi.bottleneck(x, *ws, strided="5x5")
    with pytest.raises(ValueError, match="w2 expects 3 channels but w1 "
                       "gives 4"):
        hi.bottleneck(x, np.zeros((1, 1, 6, 4)), *ws[1:])
    with pytest.raises(ValueError, match="same channel count"):
        hi.bottleneck(x, *ws[:3], np.zeros((1, 1, 6, 7)))
    with pytest.raises(ValueError, match="shapes do not fit"):
        hi.ffn(np.zeros((3, 4)), np.zeros((4, 5)), np.zeros(5),
               np.zeros((4, 5)), np.zeros(4))
    with pytest.raises(ValueError, match="b1 must have d_ff entries"):
        hi.ffn(np.zeros((3, 4)), np.zeros((4, 5)), np.zeros(4),
               np.zeros((5, 4)), np.zeros(4))
    with pytest.raises(TypeError, match="x must hold numbers"):
        hi.ffn(np.array([["a"]]), 0, 0, 0, 0)
    with pytest.raises(ValueError, match="x has 4 channels but the kernel "
                       "expects 3"):
        hi.conv1d(np.zeros((5, 4)), np.zeros((1, 3, 2)), np.zeros(2))
    with pytest.raises(ValueError, match="longer than the sequence"):
        hi.conv1d(np.zeros((2, 4)), np.zeros((3, 4, 2)), np.zeros(2))
    with pytest.raises(ValueError, match="bias has 3 entries but there are "
                       "2 filters"):
        hi.conv1d(np.zeros((5, 4)), np.zeros((1, 4, 2)), np.zeros(3))
    with pytest.raises(ValueError, match="stride must be >= 1"):
        hi.positions_read(4, 4, 0)
    with pytest.raises(TypeError, match="h must be an integer"):
        hi.positions_read("4", 4, 1)
