"""snippets.shapes: framework layouts, counting by hand, 1x1 against k x k."""

import re
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest

from snippets import costs
from snippets import shapes as sh
from snippets.conv import conv2d

RNG = np.random.default_rng(7)


def test_both_layouts_compute_the_reference_1x1_convolution():
    x = RNG.standard_normal((2, 4, 5, 6))                # (N, H, W, C_in)
    kernel = RNG.standard_normal((1, 1, 6, 3))
    bias = RNG.standard_normal(3)
    y = sh.conv1x1_nhwc(x, kernel, bias)
    for n in range(2):
        np.testing.assert_allclose(y[n], conv2d(x[n], kernel, bias))
    weight = kernel.transpose(3, 2, 0, 1)                # (F, C_in, 1, 1)
    y_nchw = sh.conv1x1_nchw(x.transpose(0, 3, 1, 2), weight, bias)
    np.testing.assert_allclose(y_nchw, y.transpose(0, 3, 1, 2))


@pytest.mark.parametrize("k, padding", [(1, "valid"), (3, "same"),
                                        (5, "same")])
def test_counted_convolution_matches_the_reference_and_the_cost_model(
        k, padding):
    x = RNG.standard_normal((6, 7, 4))
    kernel = RNG.standard_normal((k, k, 4, 3))
    bias = RNG.standard_normal(3)
    y, products = sh.conv2d_counted(x, kernel, bias)
    np.testing.assert_allclose(y, conv2d(x, kernel, bias, padding="same"))
    assert products == costs.conv_cost(6, 7, 4, 3, k, padding="same").mult_adds
    y0, _ = sh.conv2d_counted(x, kernel)                 # no bias
    np.testing.assert_allclose(y0 + bias, y)


def test_counted_products_are_real_products():
    """Do the tiny convolution with scalar products in pure Python, count
    each one, and compare both the numbers and the count."""
    x = RNG.standard_normal((3, 4, 2))
    kernel = RNG.standard_normal((3, 3, 2, 2))
    y, products = sh.conv2d_counted(x, kernel)
    xp = np.pad(x, ((1, 1), (1, 1), (0, 0)))
    count = 0
    for i in range(3):
        for j in range(4):
            for f in range(2):
                acc = 0.0
                for a in range(3):
                    for b in range(3):
                        for c in range(2):
                            acc += xp[i + a, j + b, c] * kernel[a, b, c, f]
                            count += 1
                assert np.isclose(y[i, j, f], acc)
    assert products == count


def test_layouts_follow_the_frameworks():
    got = sh.layouts(8, 28, 28, 192, 32)
    assert got["keras_kernel"] == (1, 1, 192, 32)
    assert got["torch_weight"] == (32, 192, 1, 1)
    assert got["nchw_out"] == (8, 32, 28, 28)
    assert got["rows"] == (6272, 192)
    with pytest.raises(ValueError, match="n must be >= 1"):
        sh.layouts(0, 28, 28, 192, 32)


def test_calculator_links_carry_the_layer():
    link = sh.calculator_link(28, 28, 192, 32, 5, padding="same",
                              bias=False)
    parts = urlsplit(link)
    assert parts.path == "calculator.md" and parts.fragment == "layer"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {"lh": "28", "lw": "28", "lc": "192", "lk": "5",
                     "ls": "1", "lp": "same", "lf": "32", "lb": "0"}
    grouped = sh.calculator_link(8, 8, 4, 4, 3, groups=4)
    assert "&lg=4#" in grouped
    with pytest.raises(ValueError, match="not divisible by groups"):
        sh.calculator_link(8, 8, 4, 6, groups=4)


def test_count_table_rows_agree_with_the_cost_model():
    rows = sh.count_rows()
    assert [c.params for _, c, _ in rows][:4] == [153_632, 153_600, 153_632,
                                                  6_176]
    assert rows[4][1].params == rows[3][1].params        # Dense = 1x1
    assert rows[3][1].mult_adds == rows[4][1].mult_adds * 28 * 28
    assert rows[5][1].weights == 150_528 * 25_088
    # the whole-map dense layer: the 1x1 layer's weights once per pair of
    # input and output pixels, which is what the page's ratio says
    assert rows[5][1].weights == rows[3][1].weights * (28 * 28) ** 2
    assert sh.facts()["shapes.flat_ratio"] == "614,656"
    table = sh.count_table()
    assert table.count("calculator.md?") == len(rows)


def test_depth_table_and_receptive_fields():
    rows = sh.depth_rows()
    assert [field for _, _, field in rows] == [1, 3, 5]
    assert rows[1][1].mult_adds == 9 * rows[0][1].mult_adds
    assert "| 3x3, 'same' |" in sh.depth_table()
    assert sh.changed_pixels(3).sum() == 9
    with pytest.raises(TypeError, match="kernel size must be an integer"):
        sh.depth_rows((1, 2.5))


def test_facts_match_the_page():
    facts = sh.facts()
    assert facts["shapes.kk_mult_adds"] == "120,422,400"
    assert facts["shapes.nhwc_out"] == "(8, 28, 28, 32)"
    assert facts["shapes.ratio_3x3"] == "9"
    page = (sh.__file__.rsplit("/snippets/", 1)[0] + "/docs/shapes.md")
    text = open(page, encoding="utf-8").read()
    # the literals in the page's code are the facts' numbers
    assert f"== {facts['shapes.kk_mult_adds'].replace(',', '_')}" in text
    assert f"== {facts['shapes.one_params'].replace(',', '_')}" in text
    assert re.search(r"\{#filter-array\}", text)


@pytest.mark.parametrize("call, error, message", [
    (lambda: sh.conv1x1_nhwc(np.ones((2, 3, 3)), np.ones((1, 1, 3, 2)),
                             np.ones(2)),
     ValueError, "input x must have 4 dimensions"),
    (lambda: sh.conv1x1_nhwc(np.ones((1, 2, 2, 3)), np.ones((3, 3, 3, 2)),
                             np.ones(2)),
     ValueError, r"a 1x1 kernel has shape \(1, 1, C_in, F\)"),
    (lambda: sh.conv1x1_nhwc(np.ones((1, 2, 2, 4)), np.ones((1, 1, 3, 2)),
                             np.ones(2)),
     ValueError, "channel mismatch"),
    (lambda: sh.conv1x1_nchw(np.ones((1, 3, 2, 2)), np.ones((2, 3, 3, 3)),
                             np.ones(2)),
     ValueError, r"a 1x1 weight has shape \(F, C_in, 1, 1\)"),
    (lambda: sh.conv1x1_nchw(np.ones((1, 3, 2, 2)), np.ones((2, 3, 1, 1)),
                             np.ones(3)),
     ValueError, "bias has 3 entries but there are 2 filters"),
    (lambda: sh.conv1x1_nchw(np.ones((1, 3, 2, 2)), np.full((2, 3, 1, 1),
                                                            "a"), None),
     TypeError, "weight must hold numbers"),
    (lambda: sh.conv2d_counted(np.ones((4, 4, 2)), np.ones((2, 2, 2, 1))),
     ValueError, "k x k with k odd"),
    (lambda: sh.conv2d_counted(np.ones((4, 4, 2)), np.ones((3, 1, 2, 1))),
     ValueError, "k x k with k odd"),
    (lambda: sh.conv2d_counted(np.ones((4, 4, 3)), np.ones((3, 3, 2, 1))),
     ValueError, "channel mismatch"),
    (lambda: sh.changed_pixels(0), ValueError, "kernel size must be >= 1"),
    (lambda: sh.calculator_link(28, 28, 192, 32, padding="full"),
     ValueError, "padding must be 'valid', 'same' or an integer"),
])
def test_bad_input_is_refused_clearly(call, error, message):
    with pytest.raises(error, match=message):
        call()
