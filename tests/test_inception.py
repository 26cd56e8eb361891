"""snippets.inception: the bottleneck, Table 1, a module that runs."""

import re
from pathlib import Path

import numpy as np
import pytest

from snippets import costs
from snippets import inception as inc
from snippets.conv import conv2d


def test_lecture_bottleneck_exact():
    b = inc.LECTURE
    assert b.direct == 120_422_400
    assert b.reduce_step == 2_408_448
    assert b.conv_step == 10_035_200
    assert b.with_reduction == 12_443_648
    assert round(b.reduce_step / 1e6, 1) == 2.4     # not 2.5
    assert b.ratio == pytest.approx(9.677, abs=1e-3)
    assert (b.direct_params, b.reduced_params) == (153_600, 15_872)


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_shown_conv_same_is_the_reference_conv(k):
    rng = np.random.default_rng(k)
    x = rng.standard_normal((6, 5, 3))
    w = rng.standard_normal((k, k, 3, 2))
    np.testing.assert_allclose(inc.conv_same(x, w),
                               conv2d(x, w, padding="same"), atol=1e-12)


def test_lecture_is_the_cost_model():
    assert inc.LECTURE == costs.Bottleneck(28, 28, 192, 5, 32, 16)
    row = inc.TABLE1[0]
    assert row.ops == costs.inception_cost(
        28, 192, 64, 96, 128, 16, 32, 32).mult_adds
    assert inc.facts()["inception.3a_naive_m"] == "303"


def test_table1_rows():
    by_name = {r.name: r for r in inc.TABLE1}
    assert by_name["3a"].params == 163_328
    assert all(r.out_channels == r.printed_out for r in inc.TABLE1)
    assert inc.fits(inc.TABLE1, 1024) == 3 and inc.fits(inc.TABLE1, 1000) == 0
    miss = inc.mismatches()
    assert miss["ops"] == ["5a"]
    assert miss["params"] == ["4a", "4c", "4d", "4e", "5a", "5b"]
    assert miss["out"] == []
    v = inc.row_verdict(by_name["5a"])
    assert v["printed_agree"] and not v["params_ok"] and not v["ops_ok"]
    facts = inc.facts()
    assert facts["inception.params_column_off"] == "4c, 4d, 4e, 5b"
    assert "| 3a | 28x28x256 (256) | 163,328 = 159.5K | 159K | yes |" in facts["inception.table1"]


def test_inception_module_shapes_and_pool_branch():
    row = inc.TABLE1[0]
    w = inc.random_weights(row)
    x = np.random.default_rng(1).standard_normal((9, 9, 192))
    y = inc.inception_module(x, w)
    assert y.shape == (9, 9, 256)
    assert (y >= 0).all()                            # every branch ends in ReLU
    pooled = inc.max_pool_same(x, 3)
    assert pooled.shape == x.shape
    assert pooled[0, 0, 0] == x[:2, :2, 0].max()     # border: -inf padding
    assert pooled[4, 4, 5] == x[3:6, 3:6, 5].max()


def test_bad_input():
    with pytest.raises(ValueError, match="filters must be square"):
        inc.conv_same(np.zeros((3, 3, 1)), np.zeros((3, 1, 1, 1)))
    with pytest.raises(ValueError, match="channel mismatch: the input has 2"):
        inc.conv_same(np.zeros((3, 3, 2)), np.zeros((1, 1, 1, 1)))
    with pytest.raises(ValueError, match=r"missing: \['5x5'\]"):
        w = inc.random_weights(inc.TABLE1[0])
        del w["5x5"]
        inc.inception_module(np.zeros((3, 3, 192)), w)
    with pytest.raises(ValueError, match="reduce_to must be >= 1"):
        inc.Bottleneck(reduce_to=-16)
    with pytest.raises(TypeError, match="kernel must be an integer"):
        inc.Bottleneck(kernel=5.0)
    with pytest.raises(ValueError, match="pool size must be >= 1"):
        inc.max_pool_same(np.zeros((3, 3, 1)), 0)
    with pytest.raises(ValueError, match="channel mismatch"):
        inc.inception_module(np.zeros((5, 5, 10)), inc.random_weights(inc.TABLE1[0]))


def test_mismatches_report_a_wrong_output_depth(monkeypatch):
    bad = inc.InceptionRow("xx", 28, 192, 64, 96, 128, 16, 32, 32, 300, 159, 128)
    monkeypatch.setattr(inc, "TABLE1", (bad,))
    assert inc.mismatches()["out"] == ["xx"]


def page_block(marker):
    """Run the Python fence of docs/inception.md that holds ``marker``."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "inception.md"
            ).read_text("utf-8")
    fences = re.findall(r"```\{\.python\}\n(.*?)```", text, re.S)
    (code,) = [f for f in fences if marker in f]
    namespace = {}
    exec(code, namespace)
    return namespace


def test_the_pages_table1_block_holds_table1():
    """The page's stand-alone block copies Table 1: it must be this one."""
    shown = page_block("TABLE1 = {")["TABLE1"]
    assert shown == {
        r.name: (r.size, r.c_in, r.n1x1, r.n3x3_reduce, r.n3x3,
                 r.n5x5_reduce, r.n5x5, r.pool_proj, r.printed_out,
                 r.printed_params_k, r.printed_ops_m) for r in inc.TABLE1}


def test_table1_figure_marks_exactly_the_rows_that_miss():
    gaps = {g["name"]: g for g in inc.table1_gaps()}
    miss = inc.mismatches()
    assert [n for n, g in gaps.items() if not g["params_ok"]] == miss["params"]
    assert [n for n, g in gaps.items() if not g["ops_ok"]] == miss["ops"]
    assert gaps["5a"]["params"] == 1072 - 1042432 / 1024      # printed - recomputed
    alt = next(f for f in inc.figures()
               if f.name == "googlenet-table-1").alt
    assert "outside the band for 5a only" in alt
