"""hooks/page_assets.py: a page's own scripts only on the pages using them."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import load_hook

ROOT = Path(__file__).resolve().parents[1]
hook = load_hook("page_assets")

CALC = '<form class="obo-calc" id="calc-layer">'
COPY = '<a class="obo-copy-link" href="#x" data-anchor="x">Copy link</a>'
TABLE = "<table>\n<thead>"


def page(body: str) -> str:
    return f"<html><body>{body}<script src='bundle.js'></script></body></html>"


@pytest.mark.parametrize("body, scripts", [
    ("<p>text</p>", []),
    (CALC, ["javascripts/calculator.js"]),
    (COPY, ["javascripts/cite.js"]),
    (TABLE, ["javascripts/scroll-regions.js"]),
    (COPY + TABLE, ["javascripts/cite.js", "javascripts/scroll-regions.js"]),
    ('<table class="dataframe">', []),          # Material wraps no classed table
    ('<form class="obo-calculator">', []),        # a class name must match whole
    ("<p>&lt;table&gt; and obo-calc in prose</p>", []),
])
def test_scripts_follow_what_the_page_holds(body, scripts):
    assert hook.scripts_for(page(body)) == scripts


@pytest.mark.parametrize("url, src", [
    ("", "javascripts/calculator.js"),
    ("calculator/", "../javascripts/calculator.js"),
    ("notebooks/positions/", "../../javascripts/calculator.js"),
])
def test_the_tag_is_deferred_relative_and_after_the_bundle(url, src):
    out = hook.on_post_page(page(CALC), SimpleNamespace(url=url), {})
    tag = f'<script src="{src}" defer></script>'
    assert out.count(tag) == 1
    assert out.index("bundle.js") < out.index(tag) < out.index("</body>")


def test_a_page_without_them_is_unchanged():
    assert hook.add_scripts(page("<p>x</p>"), "x/") == page("<p>x</p>")


def test_a_page_with_two_body_ends_is_refused():
    with pytest.raises(ValueError, match="expected one </body>, found 2"):
        hook.add_scripts(page(CALC) + "</body>", "calculator/")
