"""Every page in a real browser: offline, no errors, fits a phone,
accessible (axe-core, WCAG 2.0/2.1 A and AA), both palettes. Search: test_search.py.

Screenshots of every page in both palettes go to test-artifacts/screenshots/
(ignored by git) for a person to look at.
"""

import os
import re
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from tools.permalinks import read_registry

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Answer pages (faq/<anchor>/, errata/<anchor>/) all come from one template:
# two of them stand for the rest here; tests/test_previews.py reads every one.
ANSWER_PAGE = re.compile(r"^(faq|errata)/[^/]+/$")
PAGES = sorted(p for p in {e.split("#")[0] for e in read_registry()}
               if not ANSWER_PAGE.match(p)) + ["faq/positions/", "errata/sixty-two/"]
SCHEMES = ["light", "dark"]
# Full-page screenshots of every page in both palettes cost about a second
# each: taken on request (make screenshots), not on every test run.
SCREENSHOTS = os.environ.get("OBO_SCREENSHOTS") == "1"


def watch(page, site_url):
    """Lists that fill with the requests ``page`` makes outside the site and
    with its errors, and a function that stops filling them."""
    outside, errors = [], []
    handlers = {
        "request": lambda r: outside.append(r.url)
        if not r.url.startswith((site_url, "data:", "blob:")) else None,
        "console": lambda m: errors.append(m.text) if m.type == "error" else None,
        "pageerror": lambda e: errors.append(str(e)),
    }
    for event, handler in handlers.items():
        page.on(event, handler)

    def stop():
        for event, handler in handlers.items():
            page.remove_listener(event, handler)
    return outside, errors, stop


def open_page(browser, site_url, path, scheme, width=1280, **options):
    """Open ``path`` in a fresh context; collect requests that leave the
    origin and errors."""
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  color_scheme=scheme, **options)
    page = context.new_page()
    outside, errors, _ = watch(page, site_url)
    response = page.goto(site_url + path.lstrip("/"), wait_until="load")
    return context, page, response, outside, errors


@pytest.fixture(scope="module")
def tab_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  color_scheme="light")
    yield context
    context.close()


@pytest.fixture
def tab(tab_context, site_url):
    """One tab that every page's check loads its page into, as a reader goes
    from page to page: the renderer and its caches stay warm, which took
    six pages from 32 s of CPU to 19 s here. What a page leaves behind is
    cleared first: the palette chosen (kept in localStorage) and the
    phone-sized viewport. What only a first visit shows (the system
    palette, reduced motion, search starting from nothing) is tested in
    fresh contexts below and in test_search.py and test_palette.py."""
    # (a tab that crashed or was closed drops out of .pages: a new one opens)
    page = tab_context.pages[0] if tab_context.pages else tab_context.new_page()
    if page.url.startswith(site_url):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.set_viewport_size({"width": 1280, "height": 900})
    return page


# Colour contrast is checked twice over, in two ways that cover each other:
#
# * PLAIN_CONTRAST works out, from the computed styles, the colour of every
#   piece of text on the page and of the backgrounds under it (alpha and
#   opacity composited) and asks for the WCAG 2 ratio of 4.5:1 (for all
#   text, large or not). A whole page takes it about a tenth of a second, so
#   it runs in both palettes; it also reads text folded into a closed
#   <details>, which axe skips.
# * axe-core's color-contrast rule finds each element's background from the
#   layout (what overlaps it, what is drawn under it), at about 3 ms an
#   element. It runs in the light palette. Switching the palette changes
#   colours, never the layout, so what the layout could hide is found there;
#   in the dark palette the plain check reads every colour pair and axe runs
#   its one other colour rule, which compares a link with the text around it.
#
# Code blocks and MathML hold half of a page's elements and took most of the
# time axe's rule took; their colours are plain (text on the block's or the
# page's background, nothing overlapping), so axe's colour rules skip them.
OWN_CONTRAST = "math, .highlight"

# Every element that holds text, on show or folded into a closed <details>
# (hidden ones, like the skip link before it has focus, are left out): its
# colour composited over the backgrounds of its ancestors, and the WCAG 2
# contrast ratio. Returns each (colour, background) pair below ``minimum``
# once, with an example. A colour the parser cannot read is reported, never
# skipped.
PLAIN_CONTRAST = """minimum => {
  const rgba = text => {
    const m = text.match(/^rgba?\\(([^)]*)\\)$/);
    if (!m) throw new Error("cannot read the colour " + text);
    const v = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const over = (top, under) => {        // top composited over an opaque colour
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat(1);
  };
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    let colour = [255, 255, 255, 1];    // the canvas under everything
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const opacity = el => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const luminance = c => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const shown = el => el.closest("details:not([open])") !== null
    || el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  // Text inside a closed <details> is not laid out, so its style catches
  // up with a palette switch only when asked for, and Material's colour
  // transitions would then report a colour on its way: check the colours
  // the transitions end on.
  const still = document.createElement("style");
  still.textContent = "* { transition: none !important; }";
  document.head.append(still);
  const low = new Map();
  let checked = 0;
  for (const el of document.body.querySelectorAll("*")) {
    if (["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"].includes(el.tagName)) continue;
    const text = [...el.childNodes].some(
      n => n.nodeType === 3 && n.textContent.trim());
    if (!text || !shown(el)) continue;
    checked += 1;
    const bg = background(el);
    const fg = rgba(getComputedStyle(el).color);
    fg[3] *= opacity(el);
    const seen = over(fg, bg);
    const [hi, lo] = [luminance(seen), luminance(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < minimum) {
      const key = getComputedStyle(el).color + " on " + bg.slice(0, 3).join(",");
      if (!low.has(key)) low.set(key, `${key}: ${ratio.toFixed(2)}:1, e.g. `
        + `<${el.tagName.toLowerCase()} class="${el.className}">`
        + `${el.textContent.trim().slice(0, 30)}`);
    }
  }
  still.remove();
  return {checked, low: [...low.values()]};
}"""


def plain_contrast(page, minimum=4.5):
    """(how many text elements were checked, the low-contrast pairs)."""
    got = page.evaluate(PLAIN_CONTRAST, minimum)
    return got["checked"], got["low"]


# axe's two colour rules, told to pass over what only PLAIN_CONTRAST checks.
SKIP_OWN_CONTRAST = """own => {
  for (const rule of axe._audit.rules) {
    if (!["color-contrast", "link-in-text-block"].includes(rule.id)) continue;
    const matches = rule.matches;
    rule.matches = (node, virtualNode) =>
      node.closest(own) === null && matches.call(rule, node, virtualNode);
  }
}"""


def axe_violations(page, scheme="light"):
    """Light: every WCAG 2.0/2.1 A and AA rule, in one run. Dark: the rule
    that tells a link from the text around it (the plain check reads every
    other colour pair; see above). Both palettes: ``plain_contrast``.
    Returns the violations and how many text elements the plain check read."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
        page.evaluate(SKIP_OWN_CONTRAST, OWN_CONTRAST)
    # resultTypes: only violations are collected in full (faster; passes
    # and incompletes are still counted, just not listed node by node)
    only = ("{type: 'tag', values: tags}" if scheme == "light"
            else "{type: 'rule', values: ['link-in-text-block']}")
    result = page.evaluate(f"tags => axe.run(document, {{runOnly: {only}, "
                           "resultTypes: ['violations']})", AXE_TAGS)
    found = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x: "
             f"{v['nodes'][0]['target']})" for v in result["violations"]]
    checked, low = plain_contrast(page)
    return found + [f"contrast (computed styles): {pair}" for pair in low], checked


@pytest.mark.parametrize("path", PAGES)
def test_page_offline_clean_accessible(tab, site_url, path):
    """One load per page: light first, then the reader's own palette toggle
    switches it to dark (the OS preference: test_palette.py)."""
    page = tab
    outside, errors, stop = watch(page, site_url)
    try:
        response = page.goto(site_url + path.lstrip("/"), wait_until="load")
        assert response.status == 200
        for scheme in SCHEMES:
            if scheme == "dark":
                page.get_by_title("Switch to dark mode").click()
            # the palette really switched
            expect_scheme(page, scheme)
            violations, checked = axe_violations(page, scheme)
            # the plain check read the page's text, code and math included
            assert checked > page.locator("p, math, .highlight").count() > 0
            if SCREENSHOTS:     # for a person to look at: make screenshots
                SHOTS.mkdir(parents=True, exist_ok=True)
                name = (path.strip("/").replace("/", "_") or "index") + f"-{scheme}.png"
                page.screenshot(path=str(SHOTS / name), full_page=True)
            assert not violations, f"{scheme}:\n" + "\n".join(violations)
        assert not outside, f"requests left the site: {outside}"
        assert not errors, f"console errors: {errors}"
        fits_a_phone(page, path)
        # Material wrapped each table inside the box hooks/table_boxes.py
        # gave it, so only the box was restyled, not the whole article
        assert page.evaluate("""[...document.querySelectorAll(
            '.md-typeset__scrollwrap')].every(w => w.parentElement.matches(
            'div.obo-table') && w.parentElement.children.length === 1)""")
    finally:
        stop()


def test_the_contrast_checks_find_low_contrast(page):
    """PLAIN_CONTRAST flags a grey token on white, a token made faint by
    opacity or alpha, light math on a dark block, grey prose and grey text
    folded into a closed <details>; passes black and skips what is hidden.
    axe, as configured, flags the grey prose and leaves code and math to
    the plain check."""
    page.set_content("""<body style="background: #fff">
      <div class="highlight"><pre><code><span style="color: #999">low</span>
      <span style="color: #000">fine</span><span style="color: rgba(0, 0, 0, .3)"
      >alpha</span><span style="color: #000; opacity: .3">faded</span></code></pre></div>
      <div style="background: rgb(40, 40, 40)"><math><mi style="color: #555">x</mi>
      <mo style="color: #eee">+</mo></math></div>
      <p id="grey" style="color: #aaa">grey prose</p>
      <details><summary>Answer</summary><p style="color: #bbb">folded</p></details>
      <p style="color: #ccc; opacity: 0">hidden</p><p style="display: none">gone</p>
      </body>""")
    checked, low = plain_contrast(page)
    assert checked == 9
    assert [pair.split(":")[0] for pair in low] == [
        "rgb(153, 153, 153) on 255,255,255", "rgba(0, 0, 0, 0.3) on 255,255,255",
        "rgb(0, 0, 0) on 255,255,255", "rgb(85, 85, 85) on 40,40,40",
        "rgb(170, 170, 170) on 255,255,255", "rgb(187, 187, 187) on 255,255,255"], low
    assert "faded" in low[2] and "folded" in low[5]
    violations, _ = axe_violations(page)
    from_axe = [v for v in violations if v.startswith("color-contrast:")]
    assert len(from_axe) == 1 and "(1x: ['#grey'])" in from_axe[0], violations
    # a colour it cannot read stops the check rather than passing it
    page.set_content('<math><mi style="color: color(srgb 0 0 0)">x</mi></math>')
    with pytest.raises(Exception, match="cannot read the colour"):
        plain_contrast(page)


def expect_scheme(page, scheme):
    """The palette switched, and Material's switch is over (while it lasts,
    the body carries data-md-color-switching)."""
    page.wait_for_function(
        "want => document.body.getAttribute('data-md-color-scheme') === want"
        " && !document.body.hasAttribute('data-md-color-switching')",
        arg="slate" if scheme == "dark" else "default", timeout=5000)


def fits_a_phone(page, path):
    """At 375 px nothing scrolls sideways but inside its own box."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.wait_for_timeout(100)
    sideways = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert sideways <= 0, f"{path} scrolls sideways by {sideways}px at 375px"
    too_wide = page.evaluate("""() => [...document.querySelectorAll(
        '.md-content img, .md-content table, .md-content math, .md-content pre')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                     && !e.closest('.md-typeset__scrollwrap, .obo-math, pre, '
                                   + '.highlight, .jp-OutputArea, .obo-figure'))
        .map(e => e.tagName)""")
    assert not too_wide, f"{path}: {too_wide} stick out of the page"


def test_404_page_offers_search(browser, site_url):
    context, page, response, outside, errors = open_page(
        browser, site_url, "/no-such-page/", "light")
    try:
        assert response.status == 404
        assert "does not exist" in page.inner_text("h1")
        assert page.locator("form.obo-404-search input[name=q]").count() == 1
    finally:
        context.close()


def test_copy_link_copies_the_full_address(browser, site_url):
    context, page, *_ = open_page(browser, site_url, "/faq/", "light")
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        link = page.locator("a.obo-copy-link[data-anchor=positions]")
        link.click()
        page.wait_for_function("document.querySelector('a[data-anchor=positions]').dataset.copied")
        # the answer's own page, whose link preview states the answer
        assert link.get_attribute("data-copied") == f"{site_url}faq/positions/"
        assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}faq/positions/"
        assert page.url == f"{site_url}faq/"            # copying did not navigate
    finally:
        context.close()
    # without the clipboard (or without JavaScript) it is a plain link there
    context, page, *_ = open_page(browser, site_url, "/faq/", "light",
                                  java_script_enabled=False)
    try:
        page.locator("a.obo-copy-link[data-anchor=positions]").click()
        page.wait_for_url(f"{site_url}faq/positions/")
        assert page.locator("h1#positions").count() == 1
    finally:
        context.close()


def test_copy_buttons_built_into_the_page_copy_their_block(browser, site_url):
    """hooks/copy_buttons.py writes Material's copy button into each code
    block; Material's own script copies with it and adds none of its own."""
    context, page, *_ = open_page(browser, site_url, "/shapes/", "light")
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        per_block = page.evaluate("""[...document.querySelectorAll('pre')]
            .filter(pre => pre.querySelector('code'))
            .map(pre => pre.querySelectorAll('button.md-code__button').length)""")
        assert len(per_block) > 3 and set(per_block) == {1}, per_block
        button = page.locator("button.md-code__button").nth(2)
        button.scroll_into_view_if_needed()
        button.hover()
        expect(button).to_be_visible()
        button.click()
        expect(page.locator(".md-dialog")).to_have_text("Copied to clipboard")
        copied = page.evaluate("navigator.clipboard.readText()")
        shown = page.locator("pre code").nth(2).inner_text()
        assert copied == shown.rstrip() and "import numpy as np" in copied, copied
    finally:
        context.close()
    # without JavaScript nothing would copy, so no button shows
    context, page, *_ = open_page(browser, site_url, "/shapes/", "light",
                                  java_script_enabled=False)
    try:
        assert page.locator("button.md-code__button").count() == len(per_block)
        expect(page.locator("button.md-code__button").first).to_be_hidden()
    finally:
        context.close()


def test_reduced_motion_shows_the_still_strip(browser, site_url):
    context, page, *_ = open_page(browser, site_url, "/positions/", "light",
                                  reduced_motion="reduce")
    try:
        img = page.locator("#anim-conv1x1 img").first
        img.scroll_into_view_if_needed()
        page.wait_for_function(
            "document.querySelector('#anim-conv1x1 img').currentSrc.includes('strip')")
        assert "conv1x1-light.strip.svg" in img.evaluate("i => i.currentSrc")
    finally:
        context.close()
    context, page, *_ = open_page(browser, site_url, "/positions/", "light")
    try:
        img = page.locator("#anim-conv1x1 img").first
        img.scroll_into_view_if_needed()
        page.wait_for_function(
            "document.querySelector('#anim-conv1x1 img').currentSrc.includes('anim')")
    finally:
        context.close()


def test_link_previews_say_the_answer(built_site):
    html = (built_site / "faq" / "index.html").read_text("utf-8")
    assert '<meta property="og:description" content="One short, citable answer' in html
    html = (built_site / "positions" / "index.html").read_text("utf-8")
    assert "og:title" in html and "twitter:description" in html
    assert 'content="In the lecture&#x27;s example a 1x1 convolution' in html
