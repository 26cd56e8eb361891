"""snippets.inception: the bottleneck, Table 1, a module that runs."""

import numpy as np
import pytest

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


def test_conv_cost_counts_what_conv2d_does():
    """Count the multiplications of conv2d by running it on ones."""
    x = np.ones((5, 5, 3))
    w = np.ones((3, 3, 3, 2))
    out = conv2d(np.pad(x, ((1, 1), (1, 1), (0, 0))), w)   # interior = full sums
    assert out.shape == (5, 5, 2)
    assert out.max() == 3 * 3 * 3                           # products per output
    assert inc.conv_cost(5, 5, 3, 3, 2) == out.size * 27


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
    with pytest.raises(ValueError, match="filters must be >= 1"):
        inc.conv_cost(28, 28, 192, 5, 0)
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
