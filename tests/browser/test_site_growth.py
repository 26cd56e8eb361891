"""A page's weight does not grow with the site (issue 12).

Whatever every page loads, apart from its own HTML, must be a file copied
unchanged from the theme (Material's templates) or from docs/ (our own
stylesheets and scripts): such a file is the same whether the site has one
page or a thousand. Files the build writes from the pages (the search index,
the sitemap) may load only on demand. The pages below differ in kind (home,
a page of tables and figures, a notebook), so what they share is a superset
of what all pages share.
"""

from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest

ROOT = Path(__file__).resolve().parents[2]
THEME = Path(material.__file__).parent / "templates"
PAGES = ["", "positions/", "notebooks/positions/"]


def not_copied(site: Path, paths: set[str]) -> list[str]:
    """The site paths in ``paths`` that are not byte for byte a file of the
    theme or of docs/ (outside docs/figures, which the build draws)."""
    out = []
    for path in sorted(paths):
        built = site / path
        sources = [THEME / path]
        if not path.startswith("figures/"):
            sources.append(ROOT / "docs" / path)
        if not (built.is_file() and any(
                s.is_file() and s.read_bytes() == built.read_bytes() for s in sources)):
            out.append(path)
    return out


def loaded(browser, url: str) -> set[str]:
    """Site paths of every response while ``url`` loads and is scrolled."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    try:
        page = context.new_page()
        paths = set()
        page.on("response", lambda r: paths.add(urlsplit(r.url).path.lstrip("/")))
        page.goto(url, wait_until="networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        return paths
    finally:
        context.close()


def test_what_every_page_loads_is_the_same_for_any_number_of_pages(
        browser, site_url, built_site):
    seen = {path: loaded(browser, site_url + path) for path in PAGES}
    for path, paths in seen.items():
        grows = [p for p in paths if p.endswith(("search_index.json", "sitemap.xml"))]
        assert not grows, f"{path or '/'} loads {grows}, which grow with the site"
    shared = set.intersection(*seen.values()) - set(PAGES)
    assert any(p.startswith("assets/javascripts/bundle.") for p in shared), shared
    assert not not_copied(built_site, shared), (
        f"every page loads {not_copied(built_site, shared)}, which the build "
        "writes: it may grow with the site")


def test_the_check_catches_what_the_build_writes(built_site):
    assert not_copied(built_site, {"search/search_index.json", "sitemap.xml",
                                   "index.html"}) == [
        "index.html", "search/search_index.json", "sitemap.xml"]
    assert not_copied(built_site, {"stylesheets/extra.css"}) == []


@pytest.mark.parametrize("script, pages", [
    ("calculator.js", {"calculator/"}),
    ("cite.js", {"faq/", "errata/"}),
])
def test_a_page_script_loads_only_where_it_is_used(built_site, script, pages):
    """hooks/page_assets.py: checked on every page the build writes."""
    having = set()
    for html in built_site.rglob("*.html"):
        if f'javascripts/{script}" defer></script>' in html.read_text("utf-8"):
            having.add(html.relative_to(built_site).parent.as_posix() + "/")
    assert pages <= having, having
    assert "./" not in having and "cite/" not in having, having
