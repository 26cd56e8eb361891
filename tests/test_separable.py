"""snippets.separable: a separable pair is a restricted full convolution."""

from fractions import Fraction

import numpy as np
import pytest

from snippets import beyond, costs, figures
from snippets import separable as sp
from snippets.conv import conv2d as reference


def test_shown_conv_and_depthwise_are_the_reference_conv():
    g = np.random.default_rng(0)
    x = g.standard_normal((7, 6, 3))
    w = g.standard_normal((3, 3, 3, 4))
    np.testing.assert_allclose(sp.conv2d(x, w), reference(x, w), atol=1e-12)
    d = g.standard_normal((3, 3, 3))
    diagonal = d[:, :, :, None] * np.eye(3)      # depthwise as a full conv
    np.testing.assert_allclose(sp.depthwise(x, d), reference(x, diagonal),
                               atol=1e-12)


@pytest.mark.parametrize("k, padding", [(1, "valid"), (3, "valid"),
                                        (3, "same"), (5, "same")])
def test_every_separable_pair_is_a_full_conv(k, padding):
    g = np.random.default_rng(k)
    x = g.standard_normal((7, 7, 3))
    d, p = g.standard_normal((k, k, 3)), g.standard_normal((3, 5))
    w = sp.separable_kernel(d, p)
    assert w.shape == (k, k, 3, 5)
    diagonal = d[:, :, :, None] * np.eye(3)
    two = sp.pointwise(reference(x, diagonal, padding=padding), p)
    np.testing.assert_allclose(two, reference(x, w, padding=padding),
                               atol=1e-10)
    assert set(sp.slice_ranks(w)) <= {0, 1}


def test_a_general_kernel_is_not_separable():
    full = np.random.default_rng(0).standard_normal((3, 3, 4, 4))
    assert sp.slice_ranks(full) == [4, 4, 4, 4]
    d, p = sp.nearest_separable(full)
    assert not np.allclose(sp.separable_kernel(d, p), full)
    # a separable kernel is its own nearest separable kernel
    g = np.random.default_rng(1)
    w = sp.separable_kernel(g.standard_normal((3, 3, 4)),
                            g.standard_normal((4, 2)))
    np.testing.assert_allclose(sp.separable_kernel(*sp.nearest_separable(w)),
                               w, atol=1e-10)


def test_sobel_pair_has_no_separable_form():
    w = sp.sobel_kernel()
    assert w.shape == (3, 3, 1, 2)
    assert sp.slice_ranks(w) == [2]
    assert sp.sobel_best_error() == pytest.approx(1 / np.sqrt(2))


def test_cost_share_is_one_over_c_out_plus_one_over_k_squared():
    for c_in, c_out, k, size in [(512, 512, 3, 14), (32, 64, 3, 112),
                                 (16, 24, 5, 7), (3, 1, 3, 5)]:
        assert sp.separable_share(c_in, c_out, k, size) == (
            Fraction(1, c_out) + Fraction(1, k * k))
    c = sp.layer_counts(512, 512)
    full = costs.conv_cost(14, 14, 512, 512, 3, padding="same", bias=False)
    assert c["full_mult_adds"] == full.mult_adds == 462_422_016
    assert c["sep_weights"] == 9 * 512 + 512 * 512 == 266_752
    assert c["sep_mult_adds"] == 196 * c["sep_weights"]


def test_mobilenet_widths_are_its_pointwise_outputs():
    widths = {layer.c_out for layer in beyond.mobilenet_v1()
              if layer.kind == "pw"}
    assert tuple(sorted(widths)) == sp.MOBILENET_V1_WIDTHS
    facts = sp.facts()
    assert (facts["sep.mn_low"], facts["sep.mn_high"]) == ("7.89", "8.92")
    assert facts["sep.share"] == "11.3%" and facts["sep.random_rank"] == "4"


def test_figure():
    (fig,) = sp.figures()
    assert fig.name == "separable-share" and "1/9" in fig.alt
    assert figures.render(fig, "light") == figures.render(fig, "light")


G = np.random.default_rng(9)
X = G.standard_normal((5, 5, 3))


@pytest.mark.parametrize("call, error, message", [
    (lambda: sp.conv2d(X, np.ones((3, 2, 3, 2))), ValueError,
     "w must be square"),
    (lambda: sp.conv2d(X, np.ones((3, 3, 2, 2))), ValueError,
     "channel mismatch: the input has 3 channels but the filters expect 2"),
    (lambda: sp.conv2d(X, np.ones((6, 6, 3, 2))), ValueError,
     "kernel size 6 is larger"),
    (lambda: sp.conv2d(X.astype(str), np.ones((3, 3, 3, 2))), TypeError,
     "input x must hold numbers"),
    (lambda: sp.depthwise(X, np.ones((3, 2, 3))), ValueError,
     "depthwise filters d must be square"),
    (lambda: sp.depthwise(X, np.ones((3, 3, 4))), ValueError,
     "channel mismatch"),
    (lambda: sp.pointwise(X, np.ones((4, 2))), ValueError,
     "the 1x1 expects 4"),
    (lambda: sp.pointwise(X[0], np.ones((3, 2))), ValueError,
     "input y must have 3 dimensions"),
    (lambda: sp.separable_kernel(np.ones((3, 3, 3)), np.ones((2, 2))),
     ValueError, "d filters 3 channels but p expects 2"),
    (lambda: sp.slice_ranks(np.ones((3, 3, 3))), ValueError,
     "w must have 4 dimensions"),
    (lambda: sp.nearest_separable(np.ones((2, 3, 1, 1))), ValueError,
     "w must be square"),
    (lambda: sp.layer_counts(0, 4), ValueError, "c_in must be >= 1"),
    (lambda: sp.separable_share(4, 4, 2.5), TypeError,
     "kernel size must be an integer"),
])
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
