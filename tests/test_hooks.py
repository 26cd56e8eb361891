"""The MkDocs hooks: MathML, placeholders, figure writing, notebook cache key."""

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]


def load(name):
    spec = importlib.util.spec_from_file_location(f"hook_{name}", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_math_becomes_mathml_without_script():
    math = load("math_mathml")
    html = ('<p>a <span class="arithmatex">\\(x_{ij} &lt; 2\\)</span></p>'
            '<div class="arithmatex">\\[y = W^{\\top} x\\]</div>')
    out = math.on_page_content(html)
    assert "arithmatex" not in out
    assert out.count("<math") == 2
    assert 'display="block"' in out and "&#x0003C;" in out  # "<" escaped
    assert '<div class="obo-math">' in out


def page(src_uri):
    url = "" if src_uri == "index.md" else src_uri.replace(".md", "/")
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


def test_placeholders_fill_and_unknown_names_fail():
    facts = load("page_facts")
    facts.on_pre_build(config=None)
    md = "36 is {{ positions.lecture }}.\n\n{{ figure:positions }}"
    out = facts.on_page_markdown(md, page("notebooks/x.md"), None, None)
    assert out.startswith("36 is 36.")
    assert "](../figures/positions-light.svg#only-light)" in out
    assert "<figcaption>" in out
    with pytest.raises(PluginError, match="unknown fact 'nope'"):
        facts.on_page_markdown("{{ nope }}", page("a.md"), None, None)
    with pytest.raises(PluginError, match="unknown figure 'nope'"):
        facts.on_page_markdown("{{ figure:nope }}", page("a.md"), None, None)
    with pytest.raises(PluginError, match="unknown animation 'nope'"):
        facts.on_page_markdown("{{ animation:nope }}", page("a.md"), None, None)


def test_animation_markup_honours_reduced_motion_and_page_depth():
    facts = load("page_facts")
    facts.on_pre_build(config=None)
    out = facts.on_page_markdown("{{ animation:conv1x1 }}", page("positions.md"),
                                 None, None)
    assert out.count("<picture>") == 2
    assert ('<source media="(prefers-reduced-motion: reduce)" '
            'srcset="../figures/conv1x1-light.strip.svg">') in out
    assert 'src="../figures/conv1x1-dark.anim.svg#only-dark"' in out
    top = facts.on_page_markdown("{{ animation:conv1x1 }}", page("index.md"),
                                 None, None)
    assert 'src="figures/conv1x1-light.anim.svg#only-light"' in top


def test_figures_are_written_only_when_their_bytes_change(tmp_path):
    figs = load("build_figures")
    target = tmp_path / "a.svg"
    assert figs.write_if_changed(target, b"one") is True
    assert figs.write_if_changed(target, b"one") is False
    assert figs.write_if_changed(target, b"two") is True
    (tmp_path / "figures").mkdir()
    stale = tmp_path / "figures" / "old-light.svg"
    stale.write_bytes(b"x")
    figs.on_pre_build(SimpleNamespace(docs_dir=str(tmp_path)))
    assert not stale.exists()
    assert (tmp_path / "figures" / "positions-dark.svg").exists()


def test_notebook_cache_key_follows_snippets(tmp_path):
    cache = load("notebook_cache")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "a.py").write_text("x = 1\n")
    before = cache.snippets_digest(tmp_path)
    (tmp_path / "snippets" / "a.py").write_text("x = 2\n")
    assert cache.snippets_digest(tmp_path) != before
