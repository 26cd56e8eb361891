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


WATCH_HTML = """
window.__oboHtml = [];
new MutationObserver(records => {
  for (const r of records) if (r.target === document.documentElement)
    window.__oboHtml.push({name: r.attributeName, old: r.oldValue,
      now: r.target.getAttribute(r.attributeName), body: !!document.body});
}).observe(document, {attributes: true, attributeOldValue: true, subtree: true});
"""


def test_material_s_script_changes_nothing_on_html_once_the_body_exists(browser, site_url):
    """Material's script is deferred (hooks/material_markup.py), so it runs
    once the page is parsed; a class it changed on <html> then would
    restyle every element of the page (567 on faq/). overrides/main.html
    sets those classes in <head>: what the script does to <html> changes
    nothing. Without JavaScript <html> keeps Material's no-js."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(WATCH_HTML)
        page.goto(site_url + "faq/", wait_until="load")
        page.wait_for_timeout(300)
        records = page.evaluate("window.__oboHtml")
        classes = page.evaluate("document.documentElement.className")
    finally:
        context.close()
    early = [r for r in records if not r["body"]]
    late = [r for r in records if r["body"]]
    # the head's script made the change; Material's script ran later and
    # wrote the same values again (so the observer does see it)
    assert any(r["old"] == "no-js" and r["now"] == "js js-focus-visible" for r in early), records
    assert late and all(r["old"] == r["now"] for r in late), late
    assert set(classes.split()) == {"js", "js-focus-visible"}
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "faq/")
        assert page.locator("html.no-js").count() == 1
    finally:
        context.close()
