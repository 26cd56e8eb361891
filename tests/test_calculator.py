"""snippets.calculator: the formulas the calculator page must match."""

import numpy as np
import pytest

from snippets import calculator as calc
from snippets.calculator import bottleneck_cost, layer_cost
from snippets.conv import conv2d
from tests.calculator_cases import BOTTLENECK_CASES, LAYER_CASES


def test_lecture_numbers():
    assert bottleneck_cost(28, 28, 192, 5, 32, 16)["direct"] == 120_422_400
    assert bottleneck_cost(28, 28, 192, 5, 32, 16)["with_reduction"] == 12_443_648
    layer = layer_cost(28, 28, 192, 5, 1, "same", 32, bias=False)
    assert layer["mult_adds"] == 120_422_400 and layer["params"] == 153_600


@pytest.mark.parametrize("case", [c for c in LAYER_CASES if c[0] * c[1] * c[2] < 200_000])
def test_layer_shape_is_what_conv2d_gives(case):
    h, w, c, k, s, p, f, bias, *groups = case
    g = groups[0] if groups else 1
    got = layer_cost(*case)
    out = conv2d(np.zeros((h, w, c)), np.zeros((k, k, c, 1)), stride=s, padding=p)
    assert (got["out_h"], got["out_w"]) == out.shape[:2]
    assert got["positions"] == out.shape[0] * out.shape[1]
    assert got["params"] == k * k * (c // g) * f + (f if bias else 0)
    assert got["mult_adds"] == got["positions"] * k * k * (c // g) * f


@pytest.mark.parametrize("case", BOTTLENECK_CASES)
def test_bottleneck_parts_add_up(case):
    got = bottleneck_cost(*case)
    assert got["with_reduction"] == got["reduce_step"] + got["conv_step"]
    assert got["ratio"] == got["direct"] / got["with_reduction"]


def test_bad_input():
    with pytest.raises(TypeError, match="bias must be True or False"):
        layer_cost(6, 6, 3, 1, 1, "valid", 4, bias="yes")
    with pytest.raises(ValueError, match="kernel size 9 is larger"):
        layer_cost(6, 6, 3, 9, 1, "valid", 4)
    with pytest.raises(ValueError, match="filters must be >= 1"):
        layer_cost(6, 6, 3, 1, 1, "valid", 0)
    with pytest.raises(ValueError, match="reduce_to must be >= 1"):
        bottleneck_cost(6, 6, 3, 1, 4, 0)
    with pytest.raises(ValueError, match="c_in 6 is not divisible by groups 4"):
        layer_cost(6, 6, 6, 1, 1, "valid", 4, groups=4)


def test_forms_come_from_one_field_list():
    html = calc.facts()["calculator.layer_form"]
    assert "\n\n" not in html                 # one Markdown HTML block
    for field in calc.LAYER_FORM.fields:
        assert f'id="l-{field.name}" name="{field.name}"' in html
    assert html.count('class="obo-field') == len(calc.LAYER_FORM.fields)
    assert html.count('class="obo-error"') == len(calc.LAYER_FORM.fields) - 1
    assert 'for="l-h l-w l-c l-k l-s l-p l-f l-g l-b"' in html
    assert '<input id="l-b" name="b" type="checkbox" checked>' in html
    bottleneck = calc.facts()["calculator.bottleneck_form"]
    assert '<legend>A k x k "same" convolution, stride 1</legend>' in bottleneck
    assert 'value="16" aria-describedby="b-r-error"' in bottleneck
    assert calc.figures() == []
