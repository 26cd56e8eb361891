"""The errata page: every entry complete, and its small proofs."""

import re
from pathlib import Path

import numpy as np
import pytest

from snippets import errata

PAGE = Path(__file__).resolve().parents[1] / "docs" / "errata.md"
PARTS = ("**Source:**", "**Claim:**", "**Verdict:**", "**Correction:**",
         "**Proof:**")


def entries():
    text = PAGE.read_text("utf-8")
    parts = re.split(r"^#{2,3} ", text, flags=re.M)[1:]
    return [p for p in parts if not p.startswith("Beyond the three sources")]


def test_every_entry_has_an_anchor_and_all_five_parts_in_order():
    found = entries()
    assert len(found) >= 25
    for entry in found:
        heading = entry.splitlines()[0]
        assert re.search(r"\{#[a-z0-9-]+\}$", heading), heading
        places = [entry.find(part) for part in PARTS]
        assert -1 not in places, (heading, places)
        assert places == sorted(places), (heading, "parts out of order")
        for part in PARTS:
            assert entry.count(part) == 1, (heading, part)


def test_the_entries_the_issue_asked_for_are_there():
    anchors = {re.search(r"\{#([a-z0-9-]+)\}", e.splitlines()[0]).group(1)
               for e in entries()}
    assert {"sixty-two", "thirty-six-numbers", "first-introduced",
            "no-longer-linear", "biological", "real-convolutions",
            "concatenation", "just-has-nonlinearity",
            "feature-maps"} <= anchors


def test_the_sixty_two_entry_does_not_call_it_the_lecturers_slip():
    sixty_two = " ".join(next(e for e in entries()
                              if "{#sixty-two}" in e).split())
    assert "cannot be settled" in sixty_two
    assert "slip of the tongue" in sixty_two      # named as one possibility
    assert "36 different positions" in sixty_two  # the transcript, quoted
    for time in ("1:09", "1:26", "2:58", "3:19"):  # every count, with its time
        assert time in sixty_two


def test_the_two_feature_map_verdicts_agree():
    """HS Choi and Felix Pirvan both put the sharing on the channels; the
    page must not call one wording wrong and the other right."""
    text = PAGE.read_text("utf-8")
    choi = next(e for e in entries() if "{#same-weights-channels}" in e)
    felix = next(e for e in entries() if "{#feature-maps}" in e)
    assert "wrong axis" in choi and "wrong axis" in felix
    assert "(#feature-maps)" in choi
    assert text.count("{#feature-maps}") == 1


def test_animation_and_purposes():
    facts = errata.facts()
    assert facts["errata.anim_out_true"] == "7x7"
    assert facts["errata.anim_kernel_drawn"] == "3"
    assert facts["errata.stride2_rows_7"] == "4"
    assert len(errata.BLOG_PURPOSES_LISTED) != errata.BLOG_PURPOSES_ANNOUNCED


def test_same_at_every_position_and_orientation_blind():
    rng = np.random.default_rng(1)
    x, w = rng.standard_normal((5, 5, 3)), rng.standard_normal((3, 2))
    assert errata.same_at_every_position(x, w)
    assert errata.orientation_blind(x, w)
    assert errata.figures() == []


def test_a_3x3_filter_can_prefer_an_orientation():
    """The check can fail: a layer that sees neighbours is not blind."""
    x = np.zeros((5, 5, 1))
    x[:, 2, 0] = 1.0                                  # a vertical line
    vertical = np.zeros((3, 3))
    vertical[:, 1] = 1.0                              # a vertical-line filter
    def conv3x3(img):
        out = np.zeros((3, 3))
        for i in range(3):
            for j in range(3):
                out[i, j] = np.sum(img[i:i + 3, j:j + 3, 0] * vertical)
        return out
    turned = np.rot90(x, axes=(0, 1))
    assert not np.allclose(conv3x3(turned), np.rot90(conv3x3(x)))


def test_kernel_for_output():
    assert errata.kernel_for_output(7, 7) == 1
    assert errata.kernel_for_output(7, 3, stride=2) == 3
    with pytest.raises(ValueError, match="no valid convolution with stride 1"):
        errata.kernel_for_output(5, 7)
    with pytest.raises(ValueError, match="output size must be >= 1"):
        errata.kernel_for_output(5, 0)
