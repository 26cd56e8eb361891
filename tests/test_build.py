"""The strict build passes, and what it writes keeps the site's promises."""

import re

import pytest


@pytest.fixture(scope="session")
def site(built_site):
    return built_site


def pages(site):
    return sorted(site.rglob("*.html"))


def test_no_page_fetches_fonts_or_a_cdn(site):
    for page in pages(site):
        html = page.read_text("utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            # outgoing links are fine; loaded resources are not
            assert not re.search(r"\.(js|css|woff2?|ttf|svg|png)(\?|$)", url), (page, url)


def test_no_unfilled_placeholder_or_raw_math(site):
    for page in pages(site):
        html = page.read_text("utf-8")
        assert not re.search(r"\{\{\s*(figure:)?[a-z][\w.-]*\s*\}\}", html), page
        assert 'class="arithmatex"' not in html, page


def test_positions_page_has_its_figure_math_and_code(site):
    html = (site / "positions" / "index.html").read_text("utf-8")
    assert 'src="../figures/positions-light.svg#only-light"' in html
    assert 'src="../figures/positions-dark.svg#only-dark"' in html
    assert (site / "figures" / "positions-light.svg").stat().st_size > 1000
    assert html.count("<math") >= 4
    text = re.sub(r"<[^>]+>", "", html)
    assert "def conv1x1_loop(x, w, b=None):" in text   # included from snippets
    assert re.search(r'<img alt="[^"]{40,}"', html), "figure has alt text"
    assert "36 positions" in html


def test_notebook_page_is_executed_and_downloadable(site):
    html = (site / "notebooks" / "positions" / "index.html").read_text("utf-8")
    assert "positions visited: 36" in html      # output of an executed cell
    assert (site / "notebooks" / "positions" / "positions.py").exists()
    assert "data:image/png;base64" in html      # the plot was drawn


def test_every_local_image_and_source_exists(site):
    """Raw HTML (animations) is not checked by MkDocs: check it here."""
    for page in pages(site):
        html = page.read_text("utf-8")
        for ref in re.findall(r'(?:src|srcset)="([^"]+)"', html):
            if ref.startswith(("http:", "https:", "data:")):
                continue
            path = ref.split("#")[0].split("?")[0]
            base = site if path.startswith("/") else page.parent
            target = (base / path.lstrip("/")).resolve()
            assert target.exists(), (page, ref)


def test_every_image_says_what_it_shows(site):
    """Each <img> on every page has real alt text: not empty, not a file
    name, not nbconvert's "No description has been provided"."""
    bad = []
    for html in site.rglob("*.html"):
        for tag in re.findall(r"<img\b[^>]*>", html.read_text("utf-8")):
            alt = re.search(r'\balt="([^"]*)"', tag)
            text = alt.group(1) if alt else ""
            if len(text.split()) < 4 or "No description" in text:
                bad.append(f"{html.relative_to(site)}: {tag[:90]}")
    assert not bad, "\n".join(bad)
