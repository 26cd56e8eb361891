"""Animations: deterministic, small, every frame right, a still strip."""

import re

import numpy as np
import pytest

from snippets import animations as an
from snippets import svg_animation as sa
from snippets.conv import conv1x1_matmul

REGISTRY = an.registry()
BUDGET = 150_000     # bytes per animated SVG
# elements per animated SVG: a browser styles and lays out every one on the
# page's main thread when the image loads (conv1x1 had 1,039 before grids
# were drawn as one rectangle, one path and a text per row)
ELEMENTS = 700


@pytest.mark.parametrize("name", sorted(REGISTRY))
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_animation_is_deterministic_small_and_still_when_asked(name, theme):
    anim = REGISTRY[name]
    first, again = an.render_svg(anim, theme), an.render_svg(anim, theme)
    assert first == again
    assert len(first) < BUDGET, f"{name}: {len(first):,} bytes"
    elements = len(re.findall(r"<[a-zA-Z]", first.decode()))
    assert elements < ELEMENTS, f"{name}: {elements} elements"
    text = first.decode()
    assert "prefers-reduced-motion:reduce" in text       # stops by itself too
    assert "<script" not in text and "http://" not in text.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    strip = an.render_strip(anim, theme)
    assert strip == an.render_strip(anim, theme)
    assert "<set" not in strip.decode()                 # the strip is still
    assert strip.decode().count("frame ") == len(anim.strip_steps)


def test_every_frame_of_the_stride1_animation_is_right():
    x, w = an.example()
    y = conv1x1_matmul(x, w)
    scene = an.conv_scene(an.PALETTES["light"], 1)
    assert len(scene.frames) == 36 + 1
    for step in range(36):
        i, j = divmod(step, 6)
        frame = "".join(scene.frames[step])
        assert f"position ({i + 1}, {j + 1})" in frame
        for f in range(3):
            assert f"= {y[i, j, f]:g}</text>" in frame
    # each output number appears at the frame that computes it
    order = sorted(k for k, _ in scene.reveals)
    assert order == sorted(list(range(36)) * 3)


def test_the_input_numbers_read_back_from_the_svg():
    """One text per row, one character per cell, each at its cell's centre."""
    x, _ = an.example()
    svg = an.render_svg(REGISTRY["conv1x1"], "light").decode()
    rows = re.findall(r'<text class="n" x="([\d.]+(?: [\d.]+)+)" y="[\d.]+">(\d+)</text>', svg)
    assert [digits for _, digits in rows] == [
        "".join(str(v) for v in x[i, :, k]) for k in range(4) for i in range(6)]
    for xs, _ in rows:
        centres = [float(v) for v in xs.split()]
        assert len(centres) == 6 and np.allclose(np.diff(centres), 18)


def test_numbers_too_wide_for_one_character_get_a_text_each():
    scene = sa.Scene(100, 100, an.PALETTES["light"])
    sa.grid(scene, 0, 0, np.array([[1, 12], [3, 4]]), 10, "g")
    texts = [t for t in scene.background if t.startswith('<text class="n"')]
    assert texts == ['<text class="n" x="5" y="8.8">1</text>',
                     '<text class="n" x="15" y="8.8">12</text>',
                     '<text class="n" x="5 15" y="18.8">34</text>']


def test_a_one_cell_grid_has_no_inner_lines():
    scene = sa.Scene(100, 100, an.PALETTES["light"])
    sa.grid(scene, 0, 0, np.array([[7]]), 10, "one")
    assert not any(t.startswith("<path") for t in scene.background)
    assert '<text class="n" x="5" y="8.8">7</text>' in scene.background


def test_stride2_visits_nine_positions_and_hatches_the_rest():
    scene = an.conv_scene(an.PALETTES["dark"], 2)
    assert len(scene.frames) == 9 + 1
    hatched = "".join(scene.background).count('class="h"')
    assert hatched == 4 * (36 - 9)
    visited = {re.search(r"position \((\d), (\d)\)", "".join(f)).groups()
               for f in scene.frames[:-1]}
    assert visited == {(str(i), str(j)) for i in (1, 3, 5) for j in (1, 3, 5)}


def test_blog_fix_shows_7x7_out_against_5x5():
    scene = an.blog_fix_scene(an.PALETTES["light"])
    assert len(scene.frames) == 49
    reveal_frames = [k for k, _ in scene.reveals]
    assert reveal_frames.count(0) == 2          # one cell of each output
    assert len(reveal_frames) == 25 + 49


def test_bad_theme():
    anim = REGISTRY["conv1x1"]
    with pytest.raises(ValueError, match="theme must be one of light, dark"):
        an.render_svg(anim, "sepia")
    with pytest.raises(ValueError, match="theme must be one of light, dark"):
        an.render_strip(anim, "sepia")


def test_file_names():
    assert an.file_names("x", "dark") == ("x-dark.anim.svg", "x-dark.strip.svg")
    assert np.array_equal(an.example()[0], an.example()[0])
