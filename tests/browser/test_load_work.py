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


def test_restyles_at_start_up_are_counted(browser, site_url):
    # shapes/ has tables and code blocks: with hooks/table_boxes.py and
    # hooks/copy_buttons.py Material's start-up restyles about 230 elements;
    # without the boxes (the article restyled) or with Material inserting
    # the copy buttons (every block's code restyled) it was 520 to 970
    count = load_work.restyled(browser, site_url + "shapes/")
    assert 0 < count < 400, count


def test_the_report_ranks_pages_and_gives_ratios(capsys):
    result = {"a/": {"script": 1, "style": 2, "layout": 3, "total": 60, "restyled": 500},
              "b/": {"script": 1, "style": 2, "layout": 3, "total": 90, "restyled": 200}}
    load_work.report(result, baseline={"total": 30, "restyled": 100})
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["b/", "1", "2", "3", "90", "3.00", "200"]
    assert lines[2].split() == ["a/", "1", "2", "3", "60", "2.00", "500"]
    load_work.report(result, baseline=None)
    assert capsys.readouterr().out.splitlines()[1].split() == ["b/", "1", "2", "3", "90", "200"]
