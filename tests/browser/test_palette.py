"""The light/dark switch (overrides/partials/javascripts/palette.html), which
stands in for Material's palette code: the same behaviour, applied while the
header is parsed instead of restyling the finished page four times."""

import pytest

from tests.browser.test_pages import expect_scheme

STATE = """() => ({
    scheme: document.body.getAttribute('data-md-color-scheme'),
    media: document.body.getAttribute('data-md-color-media'),
    switching: document.body.hasAttribute('data-md-color-switching'),
    colorScheme: [...document.querySelectorAll('meta[name=color-scheme]')].map(m => m.content),
    themeColor: [...document.querySelectorAll('meta[name=theme-color]')].map(m => m.content),
    header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
    toggles: [...document.querySelectorAll('[data-obo-palette] label')]
        .filter(l => !l.hidden).map(l => l.title),
    material: document.querySelectorAll('[data-md-component=palette]').length,
})"""
LIGHT = "Switch to dark mode"      # the toggle on show in the light palette
DARK = "Switch to light mode"


def hex_colour(css_rgb):
    red, green, blue = (int(c) for c in css_rgb[css_rgb.index("(") + 1:-1].split(",")[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def open_page(browser, site_url, path="cite/", scheme="light"):
    """A short page: the switch lives in the header every page shares."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + path)
    return context, page, errors


def settled(page, scheme):
    """The palette is ``scheme`` (Material's name: default or slate), the
    switch is over; what the page shows."""
    expect_scheme(page, "dark" if scheme == "slate" else "light")
    return page.evaluate(STATE)


@pytest.mark.parametrize("system, scheme, toggle, browser_colours",
                         [("light", "default", LIGHT, "light"),
                          ("dark", "slate", DARK, "dark")])
def test_first_load_follows_the_system(browser, site_url, system, scheme, toggle,
                                       browser_colours):
    context, page, errors = open_page(browser, site_url, "positions/", system)
    try:
        state = settled(page, scheme)
        # the figure drawn for that palette is the one on show
        shown = page.locator("#fig-positions img").evaluate_all(
            "imgs => imgs.filter(i => i.offsetWidth > 0).map(i => i.src)")
        assert len(shown) == 1 and f"-{system}." in shown[0], shown
        assert state["media"] == f"(prefers-color-scheme: {system})"
        assert state["toggles"] == [toggle]
        # the browser's own colours follow: one meta each, like Material's
        assert state["colorScheme"] == [browser_colours]
        assert state["themeColor"] == [hex_colour(state["header"])]
        assert state["material"] == 0          # Material's palette code idle
        assert not errors
    finally:
        context.close()


def test_the_choice_survives_reload_and_instant_navigation(browser, site_url):
    context, page, errors = open_page(browser, site_url)
    try:
        settled(page, "default")
        page.get_by_title(LIGHT).click()
        assert settled(page, "slate")["toggles"] == [DARK]
        page.reload()
        assert settled(page, "slate")["colorScheme"] == ["dark"]
        # instant navigation keeps the header, and the palette with it
        page.locator(".md-nav--primary a[href$='channels/']").first.click()
        page.wait_for_url("**/channels/")
        state = settled(page, "slate")
        assert state["toggles"] == [DARK] and state["colorScheme"] == ["dark"]
        page.get_by_title(DARK).click()
        assert settled(page, "default")["toggles"] == [LIGHT]
        page.reload()
        assert settled(page, "default")["colorScheme"] == ["light"]
        assert not errors
    finally:
        context.close()


def test_a_stored_choice_beats_the_system(browser, site_url):
    context, page, _ = open_page(browser, site_url, scheme="dark")
    try:
        settled(page, "slate")
        page.get_by_title(DARK).click()
        settled(page, "default")
        page.goto(site_url + "faq/")
        assert settled(page, "default")["toggles"] == [LIGHT]
    finally:
        context.close()


def test_the_system_is_followed_live_until_the_reader_chooses(browser, site_url):
    context, page, _ = open_page(browser, site_url)
    try:
        settled(page, "default")
        page.emulate_media(color_scheme="dark")
        assert settled(page, "slate")["colorScheme"] == ["dark"]
        page.emulate_media(color_scheme="light")
        settled(page, "default")
        page.get_by_title(LIGHT).click()             # the reader chooses dark
        settled(page, "slate")
        page.emulate_media(color_scheme="light")
        page.emulate_media(color_scheme="dark")
        page.emulate_media(color_scheme="light")
        assert settled(page, "slate")["toggles"] == [DARK]
    finally:
        context.close()


def test_enter_on_the_toggle_switches(browser, site_url):
    context, page, _ = open_page(browser, site_url)
    try:
        settled(page, "default")
        page.locator("#__palette_0").focus()
        page.keyboard.press("Enter")
        settled(page, "slate")
        assert page.evaluate("document.activeElement.id") == "__palette_1"
        page.keyboard.press("Enter")
        assert settled(page, "default")["toggles"] == [LIGHT]
    finally:
        context.close()
