"""snippets.beyond: MobileNet's shares, ResNet's bottleneck, framework layers."""

import re
from pathlib import Path

import numpy as np
import pytest

from snippets import beyond as by
from snippets import costs
from snippets.conv import conv2d


def test_mobilenet_matches_the_paper_but_one_entry():
    net = by.mobilenet_v1()
    assert len([l for l in net if l.kind == "pw"]) == 13
    assert sum(l.weights for l in net) == 4_209_088
    share = by.share_by_kind(net)
    assert round(share["pw"]["weights"] * 100, 2) == 74.59
    assert by.table2_mismatches() == ["conv multiply-adds"]
    assert round(share["conv"]["mult_adds"] * 100, 2) == 1.91


def test_layer_counts():
    dw = by.Layer("dw", 3, 8, 8, 5)
    assert (dw.weights, dw.mult_adds) == (72, 72 * 25)
    pw = by.Layer("pw", 1, 8, 4, 5)
    assert pw.mult_adds == 8 * 4 * 25
    assert by.separable_vs_full(512, 512) == pytest.approx(1 / 512 + 1 / 9)
    assert by.separable_vs_full(64, 32, 5, size=3) == pytest.approx(
        1 / 32 + 1 / 25)
    full = by.Layer("conv", 3, 8, 4, 5)
    assert full.cost == costs.conv_cost(5, 5, 8, 4, 3, padding="same",
                                        bias=False)


def test_resnet():
    w = by.resnet_blocks()
    assert (w["bottleneck"], w["two_3x3_wide"], w["basic_narrow"]) == (
        69_632, 1_179_648, 73_728)


def test_framework_layers_are_1x1_convs():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((4, 5, 6))
    k, b = rng.standard_normal((6, 3)), rng.standard_normal(3)
    want = conv2d(x, k[None, None], b)
    np.testing.assert_allclose(by.keras_dense(x, k, b), want)
    np.testing.assert_allclose(by.torch_linear(x, k.T, b), want)
    assert by.torch_conv1x1_weight(k.T).shape == (3, 6, 1, 1)


def test_bad_input():
    with pytest.raises(ValueError, match="unknown layer kind 'pool'"):
        by.Layer("pool", 2, 1, 1, 1)
    with pytest.raises(ValueError, match="depthwise layer keeps"):
        by.Layer("dw", 3, 8, 16, 5)
    with pytest.raises(ValueError, match="out must be >= 1"):
        by.Layer("pw", 1, 8, 16, 0)
    with pytest.raises(ValueError, match="mid must be >= 1"):
        by.resnet_blocks(256, 0)
    with pytest.raises(ValueError, match="x must have 3 dimensions"):
        by.keras_dense(np.zeros(3), np.zeros((3, 1)), 0)
    with pytest.raises(ValueError, match="weight must have 2 dimensions"):
        by.torch_conv1x1_weight(np.zeros(3))
    with pytest.raises(ValueError, match="x has 6 channels but the weight "
                       "expects 5"):
        by.torch_linear(np.zeros((2, 2, 6)), np.zeros((3, 5)), 0)


def test_table2_check_can_fail_on_weights(monkeypatch):
    printed = dict(by.PRINTED_TABLE2, fc=(0.18, 25.00))
    monkeypatch.setattr(by, "PRINTED_TABLE2", printed)
    assert by.table2_mismatches() == ["conv multiply-adds", "fc weights"]


def test_the_pages_mobilenet_block_is_this_mobilenet():
    text = (Path(__file__).resolve().parents[1] / "docs" / "beyond.md"
            ).read_text("utf-8")
    fences = re.findall(r"```\{\.python\}\n(.*?)```", text, re.S)
    (code,) = [f for f in fences if "net = [" in f]
    namespace = {}
    exec(code, namespace)
    want = [(l.kind, l.kernel, l.c_in, 1 if l.kind == "dw" else l.c_out,
             l.out) for l in by.mobilenet_v1()]
    assert namespace["net"] == want


def test_mobilenet_rounded_shares_are_what_the_page_says():
    """The four shares, rounded to two decimals as printed, add up to
    100.01%: the page says "100% to within their rounding", not 100%."""
    shown = by.facts()
    printed = [shown[f"beyond.mn_{k}_mult_adds"] for k in ("pw", "dw", "conv", "fc")]
    total = sum(float(v.rstrip("%")) for v in printed)
    assert shown["beyond.mn_rounded_sum"] == f"{total:.2f}%"
    assert shown["beyond.mn_rounded_sum"] != "100.00%"
    assert abs(total - 100) <= 0.02
