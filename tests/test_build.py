"""The strict build passes, and what it writes keeps the site's promises."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
               SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


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
