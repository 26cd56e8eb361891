"""snippets.frameworks: six framework layers, one 1x1 convolution."""

import numpy as np
import pytest

from snippets import frameworks as fw
from snippets.conv import conv2d


def test_every_layout_gives_the_same_convolution():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 3, 4, 5))                  # (N, H, W, C)
    w, b = rng.standard_normal((5, 6)), rng.standard_normal(6)
    want = np.stack([conv2d(img, w[None, None], b) for img in x])
    np.testing.assert_allclose(fw.keras_conv2d_1x1(x, w[None, None], b),
                               want)
    out = fw.torch_conv2d_1x1(x.transpose(0, 3, 1, 2), w.T[:, :, None, None],
                              b)
    np.testing.assert_allclose(out.transpose(0, 2, 3, 1), want)
    seq = x.reshape(2, 12, 5)
    np.testing.assert_allclose(fw.keras_conv1d_k1(seq, w[None], b),
                               want.reshape(2, 12, 6))
    out = fw.torch_conv1d_k1(seq.transpose(0, 2, 1), w.T[:, :, None], b)
    np.testing.assert_allclose(out.transpose(0, 2, 1), want.reshape(2, 12, 6))


def test_groups_are_block_diagonal():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((1, 6, 2, 2))
    weight = rng.standard_normal((9, 2, 1, 1))             # groups=3
    full = np.zeros((9, 6))
    for g in range(3):
        full[3 * g:3 * g + 3, 2 * g:2 * g + 2] = weight[3 * g:3 * g + 3, :,
                                                        0, 0]
    np.testing.assert_allclose(fw.torch_conv2d_1x1(x, weight, groups=3),
                               np.einsum("oc,nchw->nohw", full, x))
    assert fw.grouped_weights(256, 256, 4) == 256 * 256 // 4


def test_googlenet_and_facts():
    g = fw.googlenet_5x5_vs_3x3()
    assert (g["3a_weights_5"], g["3a_weights_3"]) == (12_800, 4_608)
    assert g["3a_mult_adds_5"] == 10_035_200
    assert g["weights_3"] * 25 == g["weights_5"] * 9
    assert g["mult_adds_3"] * 25 == g["mult_adds_5"] * 9
    f = fw.facts()
    assert f["frameworks.groups4"] == "16,384"
    assert f["frameworks.bias_256"] == "256"
    assert f["frameworks.g_w5"] == f"{g['weights_5']:,}"
    assert fw.figures() == []


def test_bad_input():
    x4 = np.zeros((1, 4, 2, 2))
    with pytest.raises(ValueError, match="x must have 4 dimensions"):
        fw.torch_conv2d_1x1(np.zeros((4, 2, 2)), np.zeros((2, 4, 1, 1)))
    with pytest.raises(ValueError, match=r"\(C_out, C_in // groups, 1, 1\)"):
        fw.torch_conv2d_1x1(x4, np.zeros((2, 4, 3, 3)))
    with pytest.raises(ValueError, match="C_out 3 is not divisible by "
                       "groups 2"):
        fw.torch_conv2d_1x1(x4, np.zeros((3, 2, 1, 1)), groups=2)
    with pytest.raises(ValueError, match="x has 4 channels but the weight "
                       "expects 6"):
        fw.torch_conv2d_1x1(x4, np.zeros((2, 3, 1, 1)), groups=2)
    with pytest.raises(ValueError, match="bias has 3 entries but there are "
                       "2 filters"):
        fw.torch_conv2d_1x1(x4, np.zeros((2, 4, 1, 1)), np.zeros(3))
    with pytest.raises(TypeError, match="groups must be an integer"):
        fw.torch_conv2d_1x1(x4, np.zeros((2, 4, 1, 1)), groups=None)
    with pytest.raises(ValueError, match=r"\(C_out, C_in, 1\)"):
        fw.torch_conv1d_k1(np.zeros((1, 4, 3)), np.zeros((2, 4, 3)),
                           np.zeros(2))
    with pytest.raises(TypeError, match="bias must hold numbers"):
        fw.torch_conv1d_k1(np.zeros((1, 4, 3)), np.zeros((2, 4, 1)), None)
    with pytest.raises(ValueError, match="size 1 in its leading axes"):
        fw.keras_conv2d_1x1(np.zeros((1, 2, 2, 4)), np.zeros((3, 3, 4, 2)),
                            np.zeros(2))
    with pytest.raises(ValueError, match="x has 4 channels but the weight "
                       "expects 5"):
        fw.keras_conv1d_k1(np.zeros((1, 3, 4)), np.zeros((1, 5, 2)),
                           np.zeros(2))
    with pytest.raises(TypeError, match="kernel must hold numbers"):
        fw.keras_conv1d_k1(np.zeros((1, 3, 4)), np.array([[["a"]]]),
                           np.zeros(2))
