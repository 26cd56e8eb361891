"""overrides/partials/lazy-search.html holds back one request of Material's
bundle. It relies on how the pinned bundle asks for the search index; these
tests read the bundle and fail when an upgrade changes any of it, so that
the shim cannot stop working silently (tests/browser/test_search.py shows it
working in a browser).
"""

import re
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
SHIM = (ROOT / "overrides" / "partials" / "lazy-search.html").read_text("utf-8")


def bundle() -> str:
    (path,) = SCRIPTS.glob("bundle.*.min.js")
    return path.read_text("utf-8")


def test_the_bundle_asks_for_the_index_with_one_xmlhttprequest_get():
    js = bundle()
    # the index: only when the search form exists, over http(s) by XHR
    assert 'document.forms.namedItem("search")?' in js
    assert js.count("search/search_index.json") == 1
    (call,) = re.findall(r'(\w+)\(new URL\("search/search_index\.json"', js)
    # ...through a helper that wraps one XMLHttpRequest: open("GET"), send()
    helper = re.search(r"function %s\(e,t\)\{return (\w+)\(e,t\)" % re.escape(call), js)
    assert helper, f"{call}() no longer calls the XHR helper"
    body = re.search(r"function %s\(e,t\)\{(.{0,1200})" % re.escape(helper[1]), js, re.S)
    assert body and "new XMLHttpRequest" in body[1], "the index is not fetched by XHR"
    assert 'open("GET",`${e}`)' in body[1] and ".send()" in body[1]
    # nothing fetches it another way
    assert js.count("XMLHttpRequest") == 1
    assert not re.search(r"fetch\([^)]*search_index", js)


def test_the_addresses_that_start_a_search_at_once_are_the_bundles():
    js = bundle()
    assert '.searchParams.get("h")' in js          # search.highlight
    assert '.has("q")&&(at("search",!0)' in js     # a search shared by address
    assert "[?&][hq]=" in SHIM


def test_the_events_that_start_a_search_reach_the_search_form():
    js = bundle()
    # the shortcuts and the header's button move focus into the form
    assert 'case"f":case"s":case"/":i.focus()' in js
    assert 'j("header [for=__search]");return h(n,"click").subscribe(()=>e.focus())' in js
    for event in ("focusin", "change", "pointerdown"):
        assert f'"{event}"' in SHIM


def test_every_page_runs_the_shim_before_the_bundle(built_site):
    for html in built_site.rglob("*.html"):
        text = html.read_text("utf-8")
        if "assets/javascripts/bundle." not in text:
            continue                                   # a redirect page
        assert 0 <= text.find("__oboIndex") < text.find("assets/javascripts/bundle."), html
