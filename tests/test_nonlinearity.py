"""snippets.nonlinearity: scaling, collapse, |x|, the order of sum and ReLU."""

import numpy as np
import pytest

from snippets import nonlinearity as nl
from snippets.conv import conv1x1_matmul, relu


def test_one_channel_is_scaling():
    assert np.array_equal(nl.lecture_times_two(), 2 * nl.LECTURE_IMAGE)
    assert nl.facts()["nonlinearity.doubled_row"] == "2 4 6 12 10 16"


def two_layers(seed):
    """An input (5, 4, 7) and two 1x1 layers, 7 -> 3 -> 6, with biases."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((5, 4, 7))
    w1, b1 = rng.standard_normal((7, 3)), rng.standard_normal(3)
    w2, b2 = rng.standard_normal((3, 6)), rng.standard_normal(6)
    return x, w1, b1, w2, b2


def test_two_linear_layers_are_one():
    x, w1, b1, w2, b2 = two_layers(3)
    w, b = nl.compose_linear(w1, b1, w2, b2)
    assert w.shape == (7, 6) and b.shape == (6,)
    np.testing.assert_allclose(conv1x1_matmul(conv1x1_matmul(x, w1, b1), w2, b2),
                               conv1x1_matmul(x, w, b), rtol=1e-12, atol=1e-12)


def test_but_not_across_a_relu():
    x, w1, b1, w2, b2 = two_layers(4)
    w, b = nl.compose_linear(w1, b1, w2, b2)
    with_relu = conv1x1_matmul(relu(conv1x1_matmul(x, w1, b1)), w2, b2)
    assert not np.allclose(with_relu, conv1x1_matmul(x, w, b))


def test_abs_net_and_the_best_line():
    x, y, (a, c, err) = nl.abs_experiment()
    assert np.array_equal(y, np.abs(x))
    assert abs(a) < 1e-12                       # symmetric data: flat line
    assert c == pytest.approx(np.abs(x).mean())
    assert err == pytest.approx(max(c, 3 - c))
    facts = nl.facts()
    assert facts["nonlinearity.abs_fit_error"] == f"{err:.2f}"
    assert facts["nonlinearity.abs_fit_a"] == "0.00"


def test_relu_order():
    block = np.array([1.0, -2.0, 3.0])
    weights = np.array([1.0, 1.0, -1.0])
    assert nl.notes_order(block, weights).tolist() == [1.0, 0.0, 0.0]
    assert nl.lecture_order(block, weights) == 0.0      # relu(1 - 2 - 3)
    assert nl.lecture_order(block, -weights) == 4.0


def test_keep_shape_params():
    assert nl.keep_shape_params(192) == 37_056
    assert nl.facts()["nonlinearity.keep_192_params"] == "37,056"


def test_bad_input():
    with pytest.raises(ValueError, match="channel mismatch: layer 1 gives 3"):
        nl.compose_linear(np.zeros((2, 3)), np.zeros(3), np.zeros((4, 1)), np.zeros(1))
    with pytest.raises(ValueError, match="one entry per filter"):
        nl.compose_linear(np.zeros((2, 3)), np.zeros(2), np.zeros((3, 1)), np.zeros(1))
    with pytest.raises(ValueError, match=r"must both be \(H, W, 1\)"):
        nl.best_linear_fit(np.zeros((2, 2, 1)), np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="channel mismatch: block has 3"):
        nl.lecture_order(np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match="x must have one channel"):
        nl.abs_net(np.zeros((2, 2, 3)))
    with pytest.raises(ValueError, match="x must have 3 dimensions"):
        nl.abs_net(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="channel mismatch: block has 2"):
        nl.notes_order(np.zeros(2), np.zeros(3))
    with pytest.raises(TypeError, match="block must hold numbers"):
        nl.notes_order(["a"], [1.0])
