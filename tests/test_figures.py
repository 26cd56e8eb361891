"""Figures: byte-identical when drawn twice, both palettes, alt text."""

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
def test_figure_is_reproducible_byte_for_byte(name, theme):
    first = drawn(name, theme)
    second = figures.render(REGISTRY[name], theme)
    assert first == second
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
