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
