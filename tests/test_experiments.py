"""snippets.experiments: the photo through 1x1 layers, the trained 1x1 net."""

from pathlib import Path

import numpy as np
import pytest
from matplotlib import cbook
from PIL import Image

from snippets import experiments as ex

PAGE = Path(__file__).resolve().parents[1] / "docs" / "experiments.md"


def test_grey_is_pillows_luma_within_rounding():
    """Pillow's convert('L') documents L = R*299/1000 + G*587/1000 +
    B*114/1000, in integers: ours agrees within one level everywhere."""
    rgb = ex.photo()
    with cbook.get_sample_data("grace_hopper.jpg") as f:
        pil = np.asarray(Image.open(f).convert("L"), dtype=float)
    grey = ex.rgb_to_grey(rgb)[..., 0]
    assert grey.shape == pil.shape == (600, 512)
    assert np.abs(np.round(grey) - pil).max() <= 1


def test_ycbcr_is_pillows_jpeg_conversion_within_rounding():
    rgb = ex.photo()
    with cbook.get_sample_data("grace_hopper.jpg") as f:
        pil = np.asarray(Image.open(f).convert("YCbCr"), dtype=float)
    ours = np.clip(np.round(ex.rgb_to_ycbcr(rgb)), 0, 255)
    assert np.abs(ours - pil).max() <= 1


def test_ycbcr_layer_is_jfifs_matrix_and_inverts():
    w, b = ex.ycbcr_layer()
    printed = np.array([[0.299, -0.1687, 0.5],
                        [0.587, -0.3313, -0.4187],
                        [0.114, 0.5, -0.0813]])
    np.testing.assert_array_equal(np.round(w, 4), printed)
    np.testing.assert_array_equal(b, [0, 128, 128])
    # the corners of the RGB cube stay inside 128 +- 127.5 for Cb and Cr
    corners = np.array([[r, g, bl] for r in (0, 255) for g in (0, 255)
                        for bl in (0, 255)], dtype=float).reshape(2, 4, 3)
    chroma = ex.rgb_to_ycbcr(corners)[..., 1:]
    assert np.abs(chroma - 128).max() == pytest.approx(127.5)
    # JFIF's inverse: R = Y + 1.402 (Cr - 128), B = Y + 1.772 (Cb - 128)
    inverse = np.linalg.inv(w)
    assert inverse[2, 0] == pytest.approx(1.402)
    assert inverse[1, 2] == pytest.approx(1.772)


def test_photo_layers_and_costs():
    layers = ex.photo_layers()
    assert layers["grey_cost"].weights == 3
    assert layers["grey_cost"].mult_adds == 600 * 512 * 3
    assert layers["ycbcr_cost"].params == 12
    np.testing.assert_allclose(layers["ycbcr"][..., 0],
                               layers["grey"][..., 0])


def test_training_separates_the_two_networks():
    run = ex.experiment()
    assert len(run["linear"]) == ex.TRAIN["steps"]
    # the linear layer reaches the exact least-squares optimum, near the mean
    assert run["linear"][-1] == pytest.approx(run["best_linear"], rel=1e-6)
    assert run["best_linear"] > 0.95 * run["baseline"]
    for losses in run["relu"]:
        assert losses[-1] < run["linear"][-1] / 10
        assert losses[-1] < losses[0]
    assert run["test"] < run["linear"][-1] / 10


def test_training_functions_are_deterministic_and_learn():
    x, y = ex.make_pixels(3, 2, 5)
    assert x.shape == (2, 5, 5, 2) and y.shape == (2, 5, 5, 1)
    np.testing.assert_array_equal(y[..., 0],
                                  np.abs(x[..., 0]) - np.abs(x[..., 1]))
    a, _ = ex.train_relu(x, y, 4, 50, 0.1, 1)
    b, _ = ex.train_relu(x, y, 4, 50, 0.1, 1)
    np.testing.assert_array_equal(a, b)
    lin, (w, bias) = ex.train_linear(x, y, 200, 0.1)
    assert w.shape == (2, 1) and bias.shape == (1,)
    assert lin[-1] < lin[0]


def test_relu_cost():
    assert ex.relu_cost(8).params == 2 * 8 + 8 + 8 + 1


def test_facts_match_the_page():
    facts = ex.facts()
    text = PAGE.read_text("utf-8")
    assert facts["experiments.pixel_rgb"] == "216, 136, 103"
    assert "assert (r, g, b) == (216, 136, 103)" in text
    # the page's code asserts the same final losses the prose prints
    pair = f'"{facts["experiments.linear_loss"]} {facts["experiments.relu_loss"]}"'
    assert f"== {pair}" in text
    assert facts["experiments.pixel_grey"] == facts["experiments.pixel_y"]
    assert float(facts["experiments.ratio"]) > 10


@pytest.mark.parametrize("call, error, message", [
    (lambda: ex.rgb_to_grey(np.ones((4, 4))), ValueError,
     "rgb must have 3 dimensions"),
    (lambda: ex.rgb_to_ycbcr(np.ones((4, 4, 4))), ValueError,
     "rgb must have 3 channels"),
    (lambda: ex.rgb_to_grey(np.full((2, 2, 3), "x")), TypeError,
     "rgb must hold numbers"),
    (lambda: ex.make_pixels(-1), ValueError, "seed must be >= 0"),
    (lambda: ex.make_pixels(0, 0), ValueError, "images must be >= 1"),
    (lambda: ex.train_linear(np.ones((1, 2, 2, 3)), np.ones((1, 2, 2, 1))),
     ValueError, r"x must be \(N, H, W, 2\)"),
    (lambda: ex.train_linear(np.ones((1, 2, 2, 2)), np.ones((1, 3, 2, 1))),
     ValueError, r"x must be \(N, H, W, 2\)"),
    (lambda: ex.train_linear(np.ones((1, 2, 2, 2)), np.ones((1, 2, 2, 1)),
                             steps=0), ValueError, "steps must be >= 1"),
    (lambda: ex.train_relu(np.ones((1, 2, 2, 2)), np.ones((1, 2, 2, 1)),
                           lr=2.0), ValueError, "lr must be between 0 and 1"),
    (lambda: ex.train_relu(np.ones((1, 2, 2, 2)), np.ones((1, 2, 2, 1)),
                           lr="fast"), TypeError, "lr must be a number"),
    (lambda: ex.train_relu(np.ones((1, 2, 2, 2)), np.ones((1, 2, 2, 1)),
                           hidden=0), ValueError, "hidden must be >= 1"),
    (lambda: ex.train_relu(np.ones((1, 2, 2, 2)), np.ones((1, 2, 2)),),
     ValueError, "target y must have 4 dimensions"),
])
def test_bad_input_is_refused_clearly(call, error, message):
    with pytest.raises(error, match=message):
        call()
