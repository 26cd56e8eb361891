"""benchmarks/page_weight.py weighs pages in a real browser: run its code on
one page so that it cannot rot (its figures are printed by make bench-weight)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import page_weight  # noqa: E402


def test_a_page_is_weighed_with_all_it_loads(browser, site_url):
    w = page_weight.weigh(browser, site_url + "cite/")
    names = [name for _, name in w["responses"]]
    assert any("assets/javascripts/bundle." in n for n in names), names
    assert any("workers/search." in n for n in names), names   # a worker counts
    assert all(size > 0 for size, _ in w["responses"]), w["responses"]
    assert w["total"] == sum(size for size, _ in w["responses"])
    assert w["dom"] > 100


def test_the_table_ranks_pages_gives_ratios_and_flags_the_budget():
    floor = {"total": 100_000, "dom": 88, "responses": []}
    weights = {
        "a/": {"total": 120_000, "dom": 300,
               "responses": [(60_000, "h/assets/x.js"), (40_000, "h/a/"),
                             (15_000, "h/y.css"), (5_000, "h/z.png")]},
        "b/": {"total": 140_000, "dom": 900,
               "responses": [(140_000, "h/search/search_index.json")]},
    }
    lines = page_weight.table(weights, floor)
    assert lines[2].startswith("b/") and "1.40" in lines[2] and lines[2].endswith("OVER")
    assert lines[3].startswith("a/") and "1.20" in lines[3]
    assert "x.js 60.0, a/ 40.0, y.css 15.0" in lines[3] and "z.png" not in lines[3]
    assert "MISSED" in lines[4]
    assert lines[5] == "note: b/ fetched search_index.json while loading"
