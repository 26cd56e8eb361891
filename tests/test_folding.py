"""snippets.folding: folding 1x1 layers and batch norm, low rank, im2col."""

import numpy as np
import pytest

from snippets import costs
from snippets import figures
from snippets import folding as fo
from snippets.conv import conv2d as reference


def rng(seed=0):
    return np.random.default_rng(seed)


@pytest.mark.parametrize("k, pad", [(1, 0), (3, 0), (3, 1), (2, 1), (5, 2)])
def test_shown_conv2d_is_the_reference_conv(k, pad):
    g = rng(k + pad)
    x = g.standard_normal((7, 6, 3))
    w, b = g.standard_normal((k, k, 3, 2)), g.standard_normal(2)
    np.testing.assert_allclose(fo.conv2d(x, w, b, pad),
                               reference(x, w, b, padding=pad), atol=1e-12)
    np.testing.assert_allclose(fo.conv2d(x, w), reference(x, w), atol=1e-12)


@pytest.mark.parametrize("k", [1, 3, 5])
def test_fold_before_is_exact_with_valid_padding(k):
    g = rng(k)
    x = g.standard_normal((8, 7, 3))
    p, pb = g.standard_normal((3, 4)), g.standard_normal(4)
    w, b = g.standard_normal((k, k, 4, 2)), g.standard_normal(2)
    w1, b1 = fo.fold_before(p, pb, w, b)
    assert w1.shape == (k, k, 3, 2)
    np.testing.assert_allclose(reference(x @ p + pb, w, b),
                               reference(x, w1, b1), atol=1e-10)


@pytest.mark.parametrize("pad", [0, 1, 2])
def test_fold_after_is_exact_with_any_padding(pad):
    g = rng(pad)
    x = g.standard_normal((6, 6, 3))
    w, b = g.standard_normal((3, 3, 3, 4)), g.standard_normal(4)
    q, qb = g.standard_normal((4, 2)), g.standard_normal(2)
    w2, b2 = fo.fold_after(w, b, q, qb)
    np.testing.assert_allclose(reference(x, w, b, padding=pad) @ q + qb,
                               reference(x, w2, b2, padding=pad), atol=1e-10)


def test_a_biased_1x1_before_zero_padding_differs_on_the_ring_only():
    ring = np.ones((8, 8), bool)
    ring[1:-1, 1:-1] = False
    assert np.array_equal(fo.fold_mismatch("before"), ring)
    assert not fo.fold_mismatch("before_no_bias").any()
    assert not fo.fold_mismatch("after").any()
    # a 5x5 pads two pixels: the ring is two wide
    wide = fo.fold_mismatch("before", size=9, k=5)
    assert not wide[2:-2, 2:-2].any() and wide[1, 4] and wide[0, 4]


def test_batch_norm_folds_into_the_conv_before_it():
    g = rng(1)
    x = g.standard_normal((6, 6, 3))
    w, b = g.standard_normal((3, 3, 3, 4)), g.standard_normal(4)
    gamma, beta = g.uniform(0.5, 2, 4), g.standard_normal(4)
    mean, var = g.standard_normal(4), g.uniform(0.5, 2, 4)
    wf, bf = fo.fold_batch_norm(w, b, gamma, beta, mean, var, eps=1e-3)
    for pad in (0, 1):
        y = fo.batch_norm(reference(x, w, b, padding=pad), gamma, beta,
                          mean, var, eps=1e-3)
        np.testing.assert_allclose(y, reference(x, wf, bf, padding=pad),
                                   atol=1e-10)
    # the same formulas as PyTorch's fuse_conv_bn_weights, written out
    scale = gamma / np.sqrt(var + 1e-5)
    wf, bf = fo.fold_batch_norm(w, b, gamma, beta, mean, var)
    np.testing.assert_allclose(wf[..., 2], w[..., 2] * scale[2])
    np.testing.assert_allclose(bf, (b - mean) * scale + beta)


def test_bn_example_is_what_the_page_prints():
    ex = fo.bn_example()
    assert ex["scale"] == pytest.approx(1.5 / np.sqrt(0.25 + 1e-5))
    assert ex["bias"] == pytest.approx((0.3 - 0.8) * ex["scale"] + 0.2)
    facts = fo.facts()
    assert facts["fold.bn_scale"] == "2.99994"
    assert facts["fold.bn_bias"] == "-1.29997"
    assert facts["fold.bn_eps"] == "1e-05"


def test_a_1x1_then_kxk_has_rank_at_most_r_and_splits_back():
    g = rng(2)
    for r in (1, 2, 3):
        p, v = g.standard_normal((6, r)), g.standard_normal((3, 3, r, 4))
        w = p @ v
        assert fo.kernel_rank(w) == r
        p2, v2 = fo.factor_kernel(w, r)
        assert p2.shape == (6, r) and v2.shape == (3, 3, r, 4)
        np.testing.assert_allclose(p2 @ v2, w, atol=1e-10)
    full = g.standard_normal((3, 3, 6, 4))
    assert fo.kernel_rank(full) == 6
    p3, v3 = fo.factor_kernel(full, 6)           # full rank: exact at C_in
    np.testing.assert_allclose(p3 @ v3, full, atol=1e-10)
    p4, v4 = fo.factor_kernel(full, 2)          # rank 2: the best fit only
    s = np.linalg.svd(fo.unfold_kernel(full), compute_uv=False)
    assert np.linalg.norm(p4 @ v4 - full) == pytest.approx(
        np.sqrt(np.sum(s[2:] ** 2)))


def test_unfold_kernel_rows_are_input_channels():
    w = np.arange(2 * 2 * 3 * 4, dtype=float).reshape(2, 2, 3, 4)
    u = fo.unfold_kernel(w)
    assert u.shape == (3, 16)
    np.testing.assert_array_equal(u[1], w[:, :, 1, :].ravel())


def test_low_rank_example_counts_come_from_the_cost_model():
    ex = fo.low_rank_example()
    assert (ex["folded_rank"], ex["full_rank"]) == (32, 128)
    assert ex["factored_weights"] == 128 * 32 + 9 * 32 * 128 == 40_960
    assert ex["full_weights"] == 9 * 128 * 128
    full = costs.conv_cost(28, 28, 128, 128, 3, padding="same", bias=False)
    assert ex["full_mult_adds"] == full.mult_adds == 115_605_504
    assert ex["factored_mult_adds"] == 28 * 28 * ex["factored_weights"]


def test_relu_in_few_channels_loses_points():
    rec = fo.bottleneck_recovery()
    assert rec["narrow"] < 0.3 and rec["wide"] == 1.0
    # a point with both channels positive comes back; one with a channel
    # zeroed does not
    t = np.eye(2)
    assert fo.relu_recoverable(np.array([[1.0, 2.0], [1.0, -2.0]]),
                               t).tolist() == [True, False]


@pytest.mark.parametrize("k", [1, 2, 3])
def test_im2col_conv_is_the_loop_conv_and_the_reference(k):
    g = rng(k)
    x = g.standard_normal((6, 7, 3))
    w = g.standard_normal((k, k, 3, 4))
    cols = fo.im2col(x, k)
    assert cols.shape == ((6 - k + 1) * (7 - k + 1), k * k * 3)
    np.testing.assert_allclose(fo.conv_im2col(x, w), fo.conv_loop(x, w),
                               atol=1e-12)
    np.testing.assert_allclose(fo.conv_loop(x, w), reference(x, w),
                               atol=1e-12)


def test_1x1_im2col_is_the_input():
    x = rng(4).standard_normal((5, 4, 3))
    np.testing.assert_array_equal(fo.im2col(x, 1), x.reshape(20, 3))
    assert np.shares_memory(x.reshape(20, 3), x)


def test_unfold_example():
    assert fo.unfold_example() == {"rows": 784, "cols": 1152, "times": 9}
    assert fo.unfold_example(k=1) == {"rows": 784, "cols": 128, "times": 1}


def test_facts_and_figure():
    facts = fo.facts()
    assert facts["fold.ring"] == "28" and facts["fold.inside"] == "36"
    assert facts["fold.no_bias"] == facts["fold.after"] == "0"
    assert facts["fold.recover_wide"] == "100%"
    (fig,) = fo.figures()
    assert fig.name == "fold-border" and "28" in fig.alt
    svg = figures.render(fig, "dark").decode()
    assert svg.startswith("<?xml") and svg == figures.render(
        fig, "dark").decode()


G = np.random.default_rng(9)
X, W4 = G.standard_normal((5, 5, 3)), G.standard_normal((3, 3, 3, 2))


@pytest.mark.parametrize("call, error, message", [
    (lambda: fo.conv2d(X, W4[..., :1, :]), ValueError, "channel mismatch"),
    (lambda: fo.conv2d(X, W4, np.ones(3)), ValueError, "bias b has 3"),
    (lambda: fo.conv2d(X, W4, pad=-1), ValueError, "pad must be >= 0"),
    (lambda: fo.conv2d(X[:2], W4), ValueError, "kernel height 3 is larger"),
    (lambda: fo.conv2d(X[:, :2], W4), ValueError, "kernel width 3 is larger"),
    (lambda: fo.conv2d("x", W4), TypeError, "input x must hold numbers"),
    (lambda: fo.conv2d(X, W4[0]), ValueError, "w must have 4 dimensions"),
    (lambda: fo.fold_before(np.ones((3, 5)), np.ones(5), W4, np.ones(2)),
     ValueError, "the 1x1 gives 5 channels but the kernel expects 3"),
    (lambda: fo.fold_before(np.ones((2, 3)), np.ones(2), W4, np.ones(2)),
     ValueError, "1x1 bias pb has 2 entries"),
    (lambda: fo.fold_after(W4, np.ones(2), np.ones((3, 2)), np.ones(2)),
     ValueError, "the kernel gives 2 channels but the 1x1 expects 3"),
    (lambda: fo.fold_after(W4, np.ones(2), np.ones((2, 2)), np.ones(3)),
     ValueError, "1x1 bias qb has 3 entries"),
    (lambda: fo.batch_norm(X, *[np.ones(2)] * 4), ValueError,
     "gamma has 2 entries"),
    (lambda: fo.batch_norm(X, *[np.ones(3)] * 4, eps="small"), TypeError,
     "eps must be a number"),
    (lambda: fo.batch_norm(X, *[np.ones(3)] * 3, -np.ones(3)), ValueError,
     "var \\+ eps must be positive"),
    (lambda: fo.fold_batch_norm(W4, np.ones(2), *[np.ones(3)] * 4),
     ValueError, "gamma has 3 entries"),
    (lambda: fo.factor_kernel(W4, 4), ValueError,
     "rank r 4 is more than the 3 input channels"),
    (lambda: fo.factor_kernel(W4, 0), ValueError, "rank r must be >= 1"),
    (lambda: fo.unfold_kernel(np.ones((3, 3))), ValueError,
     "w must have 4 dimensions"),
    (lambda: fo.relu_recoverable(np.ones((4, 2)), np.ones((3, 3))),
     ValueError, "t has 3 columns but the points have 2"),
    (lambda: fo.conv_loop(X, np.ones((3, 2, 3, 2))), ValueError,
     "the kernel must be square"),
    (lambda: fo.conv_loop(X, np.ones((3, 3, 2, 2))), ValueError,
     "channel mismatch"),
    (lambda: fo.im2col(X, 6), ValueError, "kernel size 6 is larger"),
    (lambda: fo.im2col(X, 1.5), TypeError, "kernel size k must be an int"),
    (lambda: fo.conv_im2col(X, np.ones((2, 3, 3, 2))), ValueError,
     "must be square"),
    (lambda: fo.fold_mismatch("middle"), ValueError, "case must be"),
    (lambda: fo.fold_mismatch("before", k=2), ValueError, "k must be odd"),
    (lambda: fo.fold_mismatch("before", size=0), ValueError,
     "size must be >= 1"),
    (lambda: fo.bottleneck_recovery(d=0), ValueError, "d must be >= 1"),
])
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
