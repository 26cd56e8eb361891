"""The search index loads when the reader starts a search (issue 12), and
search works as before: overrides/partials/lazy-search.html.

Every page records, before any of its own scripts run, which requests its
scripts open and which they send (an init script wraps XMLHttpRequest). The
bundle opens and sends its request for the index in one synchronous step, so
"opened but not sent" is a fact about the page, not about how long a test
waited.
"""

import re

import pytest

RECORD = """
window.__opened = []; window.__sent = [];
(function () {
  var proto = XMLHttpRequest.prototype, open = proto.open, send = proto.send;
  proto.open = function (method, url) {
    this.__url = String(url); window.__opened.push(this.__url);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    window.__sent.push(this.__url);
    return send.apply(this, arguments);
  };
})();
"""
INDEX = "search/search_index.json"
ASKED = f"window.__opened.some(u => u.includes('{INDEX}'))"
SENT = f"window.__sent.some(u => u.includes('{INDEX}'))"


def open_recorded(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(RECORD)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="networkidle")
    return context, page, requests


@pytest.mark.parametrize("path", ["positions/"])   # all kinds: test_site_growth.py
def test_no_page_fetches_the_index_or_the_sitemap_at_load(browser, site_url, path):
    context, page, requests = open_recorded(browser, site_url + path)
    try:
        page.wait_for_function(ASKED)          # the bundle has asked for it...
        assert not page.evaluate(SENT)         # ...and the request is held
        grows = [u for u in requests if u.endswith((INDEX, "sitemap.xml"))]
        assert not grows, f"{path or '/'} fetched {grows} at load"
    finally:
        context.close()


def results(page):
    page.locator(".md-search-result__item a").first.wait_for(timeout=15000)
    return page.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")


def test_search_fetches_the_index_and_finds_the_positions_page(browser, site_url):
    context, page, requests = open_recorded(browser, site_url)
    try:
        page.wait_for_function(ASKED)
        assert not any(u.endswith(INDEX) for u in requests)
        page.keyboard.press("/")               # Material's search shortcut
        page.keyboard.type("36 positions")
        hrefs = results(page)
        assert any("positions/" in h and "notebooks" not in h for h in hrefs[:3]), hrefs
        assert page.evaluate(SENT)
        assert sum(u.endswith(INDEX) for u in requests) == 1, requests
    finally:
        context.close()


def test_a_click_on_the_search_button_starts_it_too(browser, site_url):
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    page.add_init_script(RECORD)
    try:
        page.goto(site_url + "faq/", wait_until="networkidle")
        page.wait_for_function(ASKED)
        assert not page.evaluate(SENT)
        page.locator("label.md-header__button[for=__search]").click()  # the magnifier
        page.keyboard.type("bottleneck")
        assert results(page)
        assert page.evaluate(SENT)
    finally:
        context.close()


def test_a_search_result_link_still_highlights_the_words(browser, site_url):
    context, page, requests = open_recorded(browser, site_url + "positions/?h=stride")
    try:
        marks = page.locator("article mark")
        marks.first.wait_for(timeout=15000)
        assert re.fullmatch(r"stride", marks.first.inner_text(), re.I)
        assert any(u.split("?")[0].endswith(INDEX) for u in requests)
    finally:
        context.close()


def test_a_search_by_address_opens_with_results(browser, site_url):
    """The 404 page's form sends the reader to ?q=..."""
    context, page, _ = open_recorded(browser, site_url + "?q=36+positions")
    try:
        hrefs = results(page)
        assert any("positions/" in h for h in hrefs[:3]), hrefs
    finally:
        context.close()
