"""Figures: byte-identical when drawn twice, both palettes, alt text.

"Twice" is this test's drawing and the session build's (its hook draws
every figure; on a clean clone, as in CI, in another process; on a machine
that built before, possibly in an earlier run from the same sources): the
file the site serves must be what this process draws now.
"""

import functools
import re

import pytest

from snippets import figures

REGISTRY = figures.registry()


@functools.cache
def drawn(name, theme):
    """Each figure's first drawing, shared by the tests below."""
    return figures.render(REGISTRY[name], theme)


@pytest.mark.parametrize("name", sorted(REGISTRY))
@pytest.mark.parametrize("theme", figures.THEMES)
def test_figure_is_reproducible_byte_for_byte(built_site, name, theme):
    first = drawn(name, theme)
    served = built_site / "figures" / figures.file_name(name, theme)
    assert served.read_bytes() == first
    text = first.decode()
    assert text.startswith("<?xml")
    assert "<dc:date>" not in text          # no build date inside
    # every colour used comes from this theme's palette (or is transparent)
    colours = set(re.findall(r"#[0-9a-f]{6}", text))
    palette = {c.lower() for c in figures.PALETTES[theme].values()}
    assert colours <= palette, colours - palette


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_figure_differs_between_palettes_and_has_words(name):
    fig = REGISTRY[name]
    assert drawn(name, "light") != drawn(name, "dark")
    assert len(fig.alt.split()) >= 12, "alt text should describe the figure"
    assert fig.caption.strip()
    assert figures.file_name(name, "dark") == f"{name}-dark.svg"


def test_unknown_theme_is_refused():
    fig = next(iter(REGISTRY.values()))
    with pytest.raises(ValueError, match="theme must be one of light, dark"):
        figures.render(fig, "sepia")


def test_a_figure_defined_twice_is_refused(monkeypatch):
    from snippets import facts
    monkeypatch.setattr(facts, "PAGE_MODULES", ("positions", "positions"))
    with pytest.raises(ValueError, match="figure 'positions' is defined twice"):
        figures.registry()


def test_photographs_are_stored_as_jpeg_inside_the_svg():
    import base64
    import io

    from PIL import Image

    from snippets.figures import png_to_jpeg

    def png(mode, size=(8, 6)):
        image = Image.new(mode, size)
        image.putdata([(i * 37) % 256 if mode == "L" else
                       ((i * 37) % 256, (i * 11) % 256, (i * 5) % 256)
                       for i in range(size[0] * size[1])])
        out = io.BytesIO()
        image.convert("RGBA" if mode == "RGB" else mode).save(out, format="PNG")
        return base64.b64encode(out.getvalue())

    grey_as_rgb = Image.new("L", (4, 4), 90).convert("RGB")
    buf = io.BytesIO()
    grey_as_rgb.save(buf, format="PNG")
    svg = (b'<svg><image href="data:image/png;base64,' + png("RGB")
           + b'"/><image href="data:image/png;base64,\n' + png("L")
           + b'"/><image href="data:image/png;base64,'
           + base64.b64encode(buf.getvalue()) + b'"/></svg>')
    out = png_to_jpeg(svg, 80)
    assert out.count(b"data:image/jpeg;base64,") == 3 and b"image/png" not in out
    modes = [Image.open(io.BytesIO(base64.b64decode(d))).mode for d in
             re.findall(rb"data:image/jpeg;base64,([A-Za-z0-9+/=]+)", out)]
    assert modes == ["RGB", "L", "L"]          # grey pixels stored as grey
    assert png_to_jpeg(svg, 80) == out         # same bytes every time
    with pytest.raises(TypeError, match="quality must be an integer"):
        png_to_jpeg(svg, 80.0)
    with pytest.raises(ValueError, match="between 1 and 95"):
        png_to_jpeg(svg, 0)
