"""The errata page: every entry complete, and its small proofs."""

import re
from pathlib import Path

import numpy as np
import pytest

from snippets import errata

PAGE = Path(__file__).resolve().parents[1] / "docs" / "errata.md"


def entries():
    text = PAGE.read_text("utf-8")
    parts = re.split(r"^#{2,3} ", text, flags=re.M)[1:]
    return [p for p in parts if not p.startswith("Beyond the three sources")]


def test_every_entry_has_an_anchor_and_all_four_parts():
    found = entries()
    assert len(found) >= 15
    for entry in found:
        heading = entry.splitlines()[0]
        assert re.search(r"\{#[a-z0-9-]+\}$", heading), heading
        for part in ("**Source:**", "**Claim:**", "**Verdict:**",
                     "**Correction:**", "**Proof:**"):
            assert part in entry, (heading, part)


def test_animation_and_purposes():
    facts = errata.facts()
    assert facts["errata.anim_out_true"] == "7x7"
    assert facts["errata.anim_kernel_drawn"] == "3"
    assert facts["errata.stride2_rows_7"] == "4"
    assert len(errata.BLOG_PURPOSES_LISTED) != errata.BLOG_PURPOSES_ANNOUNCED


def test_same_at_every_position():
    rng = np.random.default_rng(1)
    x, w = rng.standard_normal((5, 5, 3)), rng.standard_normal((3, 2))
    assert errata.same_at_every_position(x, w)
    assert errata.figures() == []


def test_kernel_for_output():
    assert errata.kernel_for_output(7, 7) == 1
    assert errata.kernel_for_output(7, 3, stride=2) == 3
    with pytest.raises(ValueError, match="no valid convolution with stride 1"):
        errata.kernel_for_output(5, 7)
    with pytest.raises(ValueError, match="output size must be >= 1"):
        errata.kernel_for_output(5, 0)
