"""benchmarks/load_work.py measures in a real browser: run its code on one
page so that it cannot rot (its figures are printed by make bench-load)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import load_work  # noqa: E402


def test_one_load_is_measured(browser, site_url):
    ms = load_work.load_once(browser, site_url + "faq/")
    assert set(ms) == {"script", "style", "layout"}
    assert all(v > 0 for v in ms.values()), ms


def test_the_report_ranks_pages_and_gives_ratios(capsys):
    result = {"a/": {"script": 1, "style": 2, "layout": 3, "total": 60},
              "b/": {"script": 1, "style": 2, "layout": 3, "total": 90}}
    load_work.report(result, baseline=30)
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("b/") and lines[1].endswith("3.00")
    assert lines[2].startswith("a/") and lines[2].endswith("2.00")
