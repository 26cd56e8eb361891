"""snippets.fully_connected: the four equivalences and their counts."""

import numpy as np
import pytest

from snippets import fully_connected as fc
from snippets.conv import conv1x1_matmul, conv2d


def test_block_diagonal_is_the_1x1_conv():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((4, 5, 3))
    w = rng.standard_normal((3, 6))
    big = fc.block_diagonal(w, 4, 5)
    assert big.shape == (4 * 5 * 3, 4 * 5 * 6)
    np.testing.assert_allclose((x.reshape(-1) @ big).reshape(4, 5, 6),
                               conv1x1_matmul(x, w), rtol=1e-12, atol=1e-12)
    # every diagonal block is w, everything else zero
    for k in range(20):
        assert np.array_equal(big[3 * k:3 * k + 3, 6 * k:6 * k + 6], w)
    assert np.count_nonzero(big) == 20 * w.size


def test_weight_counts():
    c = fc.weight_counts(3, 3, 3, 2)
    assert c == {"free": 6, "nonzero": 54, "entries": 486, "dense_free": 486}
    assert fc.weight_counts(100, 100, 3, 1)["nonzero"] == 30_000


def test_dense_as_conv_and_mlp():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((3, 4, 2))
    w_fc = rng.standard_normal((24, 5))
    out = conv2d(x, fc.dense_as_conv(w_fc, 3, 4, 2))
    np.testing.assert_allclose(out.reshape(-1), x.reshape(-1) @ w_fc)
    layers = [(rng.standard_normal((4, 3)), np.zeros(3)),
              (rng.standard_normal((3, 2)), np.ones(2))]
    v = rng.standard_normal(4)
    np.testing.assert_allclose(fc.mlp_as_1x1(v, layers), fc.mlp(v, layers))


@pytest.mark.parametrize("size", [10, 12, 15])
def test_converted_net_equals_sliding(size):
    p = fc.small_net_params(size)
    x = np.random.default_rng(size).standard_normal((size, size, 3))
    np.testing.assert_allclose(fc.small_net_as_conv(x, p), fc.sliding(x, p),
                               rtol=1e-10, atol=1e-12)


def test_cs231n_numbers():
    cs = fc.cs231n_example()
    assert (cs["fmap"], cs["big_map"], cs["score_map"]) == (7, 12, 6)
    assert cs["crops"] == 36 and cs["fc_weights"] == 7 * 7 * 512 * 4096
    assert fc.facts()["fc.cs_weights"] == "102,760,448"


def test_bad_input():
    with pytest.raises(ValueError, match="dense weights have 10 rows"):
        fc.dense_as_conv(np.zeros((10, 2)), 2, 2, 2)
    with pytest.raises(ValueError, match="h must be >= 1"):
        fc.block_diagonal(np.zeros((2, 2)), 0, 3)
    with pytest.raises(ValueError, match="weights w must have 2 dimensions"):
        fc.block_diagonal(np.zeros(2), 1, 3)
    with pytest.raises(ValueError, match="takes 10x10 inputs, got 12x10"):
        fc.small_net(np.zeros((12, 10, 3)), fc.small_net_params())
    with pytest.raises(ValueError, match="stride must be >= 1"):
        fc.sliding(np.zeros((10, 10, 3)), fc.small_net_params(), stride=0)
    with pytest.raises(TypeError, match="c_out must be an integer"):
        fc.weight_counts(1, 1, 1, "2")
    with pytest.raises(ValueError, match="inputs v must have 1 dimensions"):
        fc.mlp_as_1x1(np.zeros((2, 2)), [])
    with pytest.raises(ValueError, match="inputs v must have 1 dimensions"):
        fc.mlp(np.zeros((2, 2)), [])


def test_the_shown_network_checks_its_input():
    p = fc.small_net_params()
    with pytest.raises(ValueError, match="at least 10x10, got 8x12"):
        fc.small_net_as_conv(np.zeros((8, 12, 3)), p)
    with pytest.raises(ValueError, match="at least 4x4, got 3x3"):
        fc.features(np.zeros((3, 3, 3)), p)
    with pytest.raises(ValueError, match="input x must have 3 dimensions"):
        fc.features(np.zeros((10, 10)), p)
    with pytest.raises(ValueError, match="channel mismatch: the input has 2"):
        fc.conv_valid(np.zeros((5, 5, 2)), np.zeros((3, 3, 3, 1)))
    with pytest.raises(ValueError, match="kernel 6x1 is larger than the input 5x5"):
        fc.conv_valid(np.zeros((5, 5, 2)), np.zeros((6, 1, 2, 1)))
    with pytest.raises(ValueError, match="filters w must have 4 dimensions"):
        fc.conv_valid(np.zeros((5, 5, 2)), np.zeros((3, 3, 2)))


def test_conv_valid_is_conv2d():
    rng = np.random.default_rng(5)
    x, w = rng.standard_normal((6, 5, 3)), rng.standard_normal((3, 2, 3, 4))
    b = rng.standard_normal(4)
    np.testing.assert_allclose(fc.conv_valid(x, w, b), conv2d(x, w, b),
                               rtol=1e-12, atol=1e-12)


# --- the worked MLP conversion, weight counts by map size, input size --------

def test_tiny_mlp_worked_numbers():
    v = np.array(fc.TINY_INPUT)
    assert fc.tiny_mlp(v).tolist() == [2, -1]
    facts = fc.facts()
    assert (facts["fc.tiny_in"], facts["fc.tiny_hidden"],
            facts["fc.tiny_out"]) == ("(1, 2, 3)", "(4, 0, 0, 3)", "(2, -1)")
    # the parameters are the weight matrices and biases, counted by hand
    by_hand = fc.W1.size + fc.b1.size + fc.W2.size + fc.b2.size
    one, big = fc.tiny_counts(), fc.tiny_counts(*fc.TINY_MAP)
    assert one["dense_params"] == one["conv_params"] == by_hand == 26
    assert big["conv_params"] == by_hand          # no growth with the map
    assert one["dense_mult_adds"] == one["conv_mult_adds"] == 3 * 4 + 4 * 2
    assert big["conv_mult_adds"] == 25 * one["conv_mult_adds"]


def test_tiny_mlp_as_conv_is_the_mlp_at_every_pixel():
    x = np.random.default_rng(7).integers(-3, 4, size=(4, 6, 3))
    out = fc.tiny_mlp_as_conv(x)
    assert out.shape == (4, 6, 2)
    expected = np.array([[fc.tiny_mlp(x[i, j]) for j in range(6)]
                         for i in range(4)])
    assert np.array_equal(out, expected)
    # and it is the general mlp_as_1x1 with the same layers
    layers = [(fc.W1, fc.b1), (fc.W2, fc.b2)]
    np.testing.assert_array_equal(fc.mlp_as_1x1(x[1, 2], layers), out[1, 2])


def test_tiny_mlp_checks_its_input():
    with pytest.raises(ValueError, match="takes 3 inputs, got 2"):
        fc.tiny_mlp(np.zeros(2))
    with pytest.raises(TypeError, match="inputs v must hold numbers"):
        fc.tiny_mlp(np.array(["a", "b", "c"]))
    with pytest.raises(ValueError, match="input x must have 3 dimensions"):
        fc.tiny_mlp_as_conv(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="channel mismatch: the input has 4"):
        fc.tiny_mlp_as_conv(np.zeros((2, 2, 4)))


def test_size_rows_weights_fixed_mult_adds_grow():
    rows = fc.size_rows(192, 32, (1, 7, 28))
    assert [r["conv_weights"] for r in rows] == [192 * 32] * 3
    assert [r["conv_mult_adds"] for r in rows] == [
        n * n * 192 * 32 for n in (1, 7, 28)]
    assert [r["dense_weights"] for r in rows] == [
        (n * n * 192) * (n * n * 32) for n in (1, 7, 28)]
    assert all(r["dense_mult_adds"] == r["dense_weights"] for r in rows)
    table = fc.size_table(192, 32, (1, 28)).splitlines()
    assert len(table) == 4
    assert table[3] == ("| 28x28x192 | 6,144 | 4,816,896 | 3,776,446,464 "
                        "| 614,656 |")
    facts = fc.facts()
    assert facts["fc.size_dense_28"] == "3,776,446,464"
    assert facts["fc.size_table"] == fc.size_table()


def test_size_rows_bad_input():
    with pytest.raises(ValueError, match="side must be >= 1"):
        fc.size_rows(3, 2, (0,))
    with pytest.raises(TypeError, match="c_in must be an integer"):
        fc.size_rows(3.0, 2)


def test_famous_first_dense_layers():
    vgg, alex = fc.first_dense("vgg16"), fc.first_dense("alexnet")
    assert (vgg["inputs"], vgg["weights"]) == (25_088, 102_760_448)
    assert (alex["inputs"], alex["weights"]) == (9_216, 37_748_736)
    assert vgg["map_numbers"] == vgg["inputs"]
    assert fc.first_dense("vgg16", 14)["map_numbers"] == 100_352
    facts = fc.facts()
    # the same layer counted as a dense layer and as CS231n's 7x7 conv
    assert facts["fc.vgg_fc6"] == facts["fc.cs_weights"] == "102,760,448"
    assert facts["fc.vgg_larger_map"] == "14"
    with pytest.raises(ValueError, match="unknown network 'lenet'"):
        fc.first_dense("lenet")
    with pytest.raises(ValueError, match="side must be >= 1"):
        fc.first_dense("vgg16", 0)


def test_heads_on_two_input_sizes():
    banks = fc.head_banks()
    small = np.random.default_rng(1).standard_normal((32, 32, 3))
    large = np.random.default_rng(2).standard_normal((48, 48, 3))
    assert fc.feature_map(small, banks).shape == (8, 8, 16)
    assert fc.feature_map(large, banks).shape == (12, 12, 16)
    w_gap, b = np.ones((16, 10)), np.zeros(10)
    assert fc.gap_head(small, banks, w_gap, b).shape == (10,)
    assert fc.gap_head(large, banks, w_gap, b).shape == (10,)
    w_flat = np.ones((1024, 10))
    assert fc.flatten_head(small, banks, w_flat, b).shape == (10,)
    with pytest.raises(ValueError, match=(
            r"dense layer takes 1024 numbers; a 48x48 input gives "
            r"12x12x16 = 2304")):
        fc.flatten_head(large, banks, w_flat, b)
    ex = fc.head_example()
    assert ex["flat"] == {32: 1024, 48: 2304}
    assert (ex["flatten_weights"], ex["gap_weights"]) == (10_240, 160)


def test_feature_map_is_same_conv_relu_pool():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((6, 6, 2))
    w = rng.standard_normal((3, 3, 2, 3))
    y = np.maximum(conv2d(x, w, padding="same"), 0)
    pooled = y.reshape(3, 2, 3, 2, 3).max(axis=(1, 3))
    np.testing.assert_allclose(fc.feature_map(x, [w]), pooled,
                               rtol=1e-12, atol=1e-12)


def test_adaptive_avg_pool_bins():
    x = np.arange(5 * 5, dtype=float).reshape(5, 5, 1)
    pooled = fc.adaptive_avg_pool(x, 3)
    # PyTorch's bins for 5 -> 3: rows [0, 2), [1, 4), [3, 5)
    assert pooled.shape == (3, 3, 1)
    assert pooled[0, 0, 0] == x[0:2, 0:2].mean()
    assert pooled[1, 2, 0] == x[1:4, 3:5].mean()
    np.testing.assert_array_equal(fc.adaptive_avg_pool(x, 5), x)
    assert fc.adaptive_avg_pool(x, 1)[0, 0, 0] == x.mean()


def test_heads_check_their_input():
    banks = fc.head_banks()
    with pytest.raises(ValueError, match="at least one filter bank"):
        fc.feature_map(np.zeros((4, 4, 3)), [])
    with pytest.raises(ValueError, match="filter bank must have 4 dimensions"):
        fc.feature_map(np.zeros((4, 4, 3)), [np.zeros((3, 3, 3))])
    with pytest.raises(ValueError, match="dense weights w must have 2"):
        fc.gap_head(np.zeros((8, 8, 3)), banks, np.zeros(16), 0)
    with pytest.raises(ValueError, match="input x must have 3 dimensions"):
        fc.flatten_head(np.zeros((8, 8)), banks, np.zeros((4, 2)), 0)
    with pytest.raises(ValueError, match="cannot pool a 2x3 map to a larger "
                                         "3x3 grid"):
        fc.adaptive_avg_pool(np.zeros((2, 3, 1)), 3)
    with pytest.raises(TypeError, match="out must be an integer"):
        fc.adaptive_avg_pool(np.zeros((4, 4, 1)), 2.0)
