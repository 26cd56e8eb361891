"""snippets.positions: the counts the positions page prints."""

import numpy as np
import pytest

from snippets import positions as pos
from snippets.conv import conv1x1_loop


def count_visits(h, w, c):
    """How many (row, column) outputs the loop form of the layer produces."""
    out = conv1x1_loop(np.zeros((h, w, c)), np.zeros((c, 1)))  # (H, W, 1)
    return out.shape[0] * out.shape[1]


@pytest.mark.parametrize("h, w, c", pos.TABLE_SHAPES[:3])
def test_positions_is_what_the_layer_visits(h, w, c):
    assert pos.positions(h, w) == count_visits(h, w, c) == h * w


def test_lecture_and_forum_numbers():
    facts = pos.facts()
    assert facts["positions.lecture"] == "36"
    assert facts["positions.lecture_inputs"] == "32"
    layer = pos.forum_layer()
    assert (layer.positions, layer.inputs_per_position) == (36, 5)
    assert (layer.weights, layer.params) == (20, 24)
    assert layer.multiplications == 720
    assert layer.output_shape == (6, 6, 4)
    assert facts["positions.forum_out"] == "6x6x4"
    assert facts["positions.forum_mults"] == "720"
    assert facts["positions.forum_rows"] == "36"


def test_no_count_on_the_slide_is_62():
    values = [v for _, v in pos.slide_counts(filters=32)]
    assert 62 not in values
    assert 36 in values and 32 in values
    assert values[-1] == 32 * 32


def test_tables_are_markdown_with_computed_rows():
    table = pos.positions_table()
    assert table.count("\n") == 1 + len(pos.TABLE_SHAPES)
    assert "| 200x200x50 | 200 x 200 = 40,000 | 50 |" in table
    assert "| 28x28x192 | 28 x 28 = 784 | 192 |" in table
    assert "| positions: H x W | 36 |" in pos.slide_counts_table()


def test_positions_with_other_kernels_and_strides():
    assert pos.positions(6, 6, kernel=3) == 16
    assert pos.positions(6, 6, stride=2) == 9
    assert pos.positions(6, 6, kernel=3, padding="same") == 36


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        (dict(h=0, w=6, c_in=5, filters=4), ValueError, "h must be >= 1"),
        (dict(h=6, w=6, c_in=-5, filters=4), ValueError, "c_in must be >= 1"),
        (dict(h=6, w=6, c_in=5, filters=2.5), TypeError,
         "filters must be an integer"),
    ],
)
def test_layer_count_bad_input(kwargs, error, words):
    with pytest.raises(error, match=words):
        pos.LayerCount(**kwargs)


def test_positions_and_slide_counts_bad_input():
    with pytest.raises(ValueError, match="input size must be >= 1"):
        pos.positions(-1, 6)
    with pytest.raises(ValueError, match="kernel size 7 is larger"):
        pos.positions(6, 6, kernel=7)
    with pytest.raises(ValueError, match="filters must be >= 1"):
        pos.slide_counts(filters=0)
