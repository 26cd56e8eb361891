"""snippets.conv: the reference convolution, the three 1x1 forms, bad input."""

import numpy as np
import pytest

from snippets.checks import checked_1x1, with_checks
from snippets.conv import (as_numeric_array, check_size, conv1x1_einsum,
                           conv1x1_loop, conv1x1_matmul, conv2d,
                           conv_output_size, dense, max_pool2d, relu)

FORMS = (conv1x1_loop, conv1x1_einsum, conv1x1_matmul)


def naive_conv2d(x, w, b, stride, pad_top, pad_left, h_out, w_out):
    """Textbook definition, one output number at a time (independent check)."""
    kh, kw, c_in, c_out = w.shape
    out = np.zeros((h_out, w_out, c_out))
    for r in range(h_out):
        for c in range(w_out):
            for f in range(c_out):
                total = 0.0 if b is None else b[f]
                for i in range(kh):
                    for j in range(kw):
                        rr = r * stride + i - pad_top
                        cc = c * stride + j - pad_left
                        if 0 <= rr < x.shape[0] and 0 <= cc < x.shape[1]:
                            total += x[rr, cc] @ w[i, j, :, f]
                out[r, c, f] = total
    return out


@pytest.mark.parametrize(
    "h, w_, k, stride, padding, expect",
    [
        (6, 6, 1, 1, "valid", (6, 6, 0, 0)),
        (7, 7, 3, 1, "valid", (5, 5, 0, 0)),
        (7, 7, 3, 2, "valid", (3, 3, 0, 0)),
        (7, 5, 3, 1, 1, (7, 5, 1, 1)),
        (6, 6, 3, 1, "same", (6, 6, 1, 1)),
        (6, 6, 4, 2, "same", (3, 3, 1, 1)),   # total pad 2: one each side
        (5, 5, 2, 1, "same", (5, 5, 0, 0)),   # total pad 1: after only
        (6, 6, 1, 2, "valid", (3, 3, 0, 0)),
    ],
)
def test_conv2d_matches_the_definition(h, w_, k, stride, padding, expect):
    rng = np.random.default_rng(h * 100 + k * 10 + stride)
    x = rng.standard_normal((h, w_, 3))
    w = rng.standard_normal((k, k, 3, 4))
    b = rng.standard_normal(4)
    h_out, w_out, top, left = expect
    got = conv2d(x, w, b, stride=stride, padding=padding)
    assert got.shape == (h_out, w_out, 4)
    want = naive_conv2d(x, w, b, stride, top, left, h_out, w_out)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    assert conv_output_size(h, k, stride, padding) == h_out
    assert conv_output_size(w_, k, stride, padding) == w_out


def test_conv2d_without_bias_and_with_integers():
    x = np.arange(2 * 2 * 2).reshape(2, 2, 2)          # int input
    w = np.ones((1, 1, 2, 1), dtype=np.int64)
    assert conv2d(x, w)[:, :, 0].tolist() == [[1, 5], [9, 13]]


@pytest.mark.parametrize("form", FORMS)
def test_every_1x1_form_equals_conv2d(form):
    rng = np.random.default_rng(7)
    x = rng.standard_normal((6, 6, 32))
    w = rng.standard_normal((32, 16))
    b = rng.standard_normal(16)
    want = conv2d(x, w.reshape(1, 1, 32, 16), b)
    np.testing.assert_allclose(form(x, w, b), want, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(form(x, w), want - b, rtol=1e-12, atol=1e-12)


def test_lecture_single_channel_times_two_is_scaling():
    image = np.arange(36, dtype=float).reshape(6, 6, 1)
    for form in FORMS:
        assert np.array_equal(form(image, np.array([[2.0]])), 2 * image)


def test_dense_and_relu():
    v = np.array([1.0, -2.0, 3.0])
    w = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    assert dense(v, w).tolist() == [4.0, 1.0]
    assert dense(v, w, [1.0, -5.0]).tolist() == [5.0, -4.0]
    assert dense(np.stack([v, v]), w).shape == (2, 2)
    assert relu([-1.0, 0.0, 2.5]).tolist() == [0.0, 0.0, 2.5]
    assert relu(-3) == 0


# --- bad input: each raises a clear error naming the problem ----------------

X = np.zeros((4, 4, 3))
W1 = np.zeros((3, 2))
W4 = np.zeros((1, 1, 3, 2))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "args, error, words",
    [
        ((X, np.zeros((5, 2))), ValueError, "channel mismatch"),
        ((X[0], W1), ValueError, "must have 3 dimensions"),
        ((X, W4), ValueError, "must have 2 dimensions"),
        ((X.astype(str), W1), TypeError, "must hold numbers"),
        ((X.astype(bool), W1), TypeError, "must hold numbers"),
        ((X.astype(complex), W1), TypeError, "must be real"),
        ((np.zeros((0, 4, 3)), W1), ValueError, "is empty"),
        ((X, W1, np.zeros(3)), ValueError, "bias has 3 entries"),
        ((X, W1, np.zeros((2, 1))), ValueError, "must have 1 dimensions"),
    ],
)
def test_1x1_bad_input(form, args, error, words):
    with pytest.raises(error, match=words):
        form(*args)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        (dict(x=X, w=np.zeros((1, 1, 4, 2))), ValueError, "channel mismatch"),
        (dict(x=X, w=W1), ValueError, "filters w must have 4 dimensions"),
        (dict(x=X[..., 0], w=W4), ValueError, "input x must have 3"),
        (dict(x=X, w=W4, stride=0), ValueError, "stride must be >= 1"),
        (dict(x=X, w=W4, stride=-2), ValueError, "stride must be >= 1"),
        (dict(x=X, w=W4, stride=1.5), TypeError, "stride must be an integer"),
        (dict(x=X, w=W4, stride=True), TypeError, "stride must be an integer"),
        (dict(x=X, w=np.zeros((5, 5, 3, 2))), ValueError,
         "kernel height 5 is larger than the padded input height 4"),
        (dict(x=X, w=np.zeros((1, 7, 3, 2)), padding=1), ValueError,
         "kernel width 7 is larger than the padded input width 6"),
        (dict(x=X, w=W4, padding=-1), ValueError, "padding must be >= 0"),
        (dict(x=X, w=W4, padding="full"), ValueError,
         "padding must be 'valid', 'same' or an integer"),
        (dict(x=X, w=W4, b=np.zeros(5)), ValueError, "bias has 5 entries"),
        (dict(x=[["a"]], w=W4), TypeError, "must hold numbers"),
        (dict(x=np.zeros((4, 0, 3)), w=W4), ValueError, "input x is empty"),
    ],
)
def test_conv2d_bad_input(kwargs, error, words):
    with pytest.raises(error, match=words):
        conv2d(**kwargs)


@pytest.mark.parametrize(
    "args, error, words",
    [
        ((0, 1), ValueError, "input size must be >= 1"),
        ((-6, 1), ValueError, "input size must be >= 1"),
        ((6, 0), ValueError, "kernel size must be >= 1"),
        ((6, 1, 0), ValueError, "stride must be >= 1"),
        ((6, 7), ValueError, "kernel size 7 is larger than the padded input"),
        ((6.0, 1), TypeError, "input size must be an integer"),
        ((6, 1, 1, -1), ValueError, "padding must be >= 0"),
        ((6, 1, 1, "full"), ValueError, "padding must be"),
    ],
)
def test_conv_output_size_bad_input(args, error, words):
    with pytest.raises(error, match=words):
        conv_output_size(*args)


def test_dense_and_relu_bad_input():
    with pytest.raises(ValueError, match="channel mismatch"):
        dense(np.zeros(3), np.zeros((4, 2)))
    with pytest.raises(ValueError, match="weights w must have 2 dimensions"):
        dense(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="inputs v must have"):
        dense(np.float64(1.0), np.zeros((1, 1)))
    with pytest.raises(TypeError, match="x must hold numbers"):
        relu(["a"])
    with pytest.raises(ValueError, match="x is empty"):
        relu([])


def test_validators_directly():
    assert as_numeric_array([1, 2], "v", 1).tolist() == [1, 2]
    assert check_size(np.int64(3), "n") == 3
    with pytest.raises(ValueError, match="must have 2 or 3 dimensions"):
        as_numeric_array([1], "v", (2, 3))
    with pytest.raises(TypeError, match="object"):
        as_numeric_array(np.array([None]), "v", 1)


def test_max_pool_against_a_loop():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((7, 6, 3))
    got = max_pool2d(x, 3, stride=2)
    want = np.array([[[x[2 * i:2 * i + 3, 2 * j:2 * j + 3, c].max()
                       for c in range(3)] for j in range(2)] for i in range(3)])
    assert np.array_equal(got, want)
    assert max_pool2d(np.arange(16).reshape(4, 4, 1), 2)[:, :, 0].tolist() == [
        [5.0, 7.0], [13.0, 15.0]]


def test_max_pool_bad_input():
    with pytest.raises(ValueError, match="pool size must be >= 1"):
        max_pool2d(np.zeros((4, 4, 1)), 0)
    with pytest.raises(ValueError, match="kernel size 5 is larger"):
        max_pool2d(np.zeros((4, 4, 1)), 5)
    with pytest.raises(ValueError, match="input x must have 3 dimensions"):
        max_pool2d(np.zeros((4, 4)), 2)


def test_shown_forms_keep_their_names_and_docstrings():
    for form in FORMS:
        assert form.__name__.startswith("conv1x1_")
        assert "1x1 convolution" in form.__doc__


def test_the_check_wrappers():
    def plain(x, w, b=None, scale=1):
        return scale * (x @ w if b is None else x @ w + b)

    checked = checked_1x1(plain)
    x, w = np.ones((2, 2, 3)), np.ones((3, 1))
    assert checked(x, w, None, 2)[0, 0].tolist() == [6.0]
    with pytest.raises(ValueError, match="channel mismatch"):
        checked(x, np.ones((2, 1)))
    positive = with_checks(lambda n: n, lambda n: (check_size(n, "n"),))
    assert positive(3) == 3
    with pytest.raises(ValueError, match="n must be >= 1"):
        positive(0)
