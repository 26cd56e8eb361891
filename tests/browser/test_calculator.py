"""The calculator page computes what snippets.calculator computes.

Each case of the table is typed into the page through its address (the way
a forum link would carry it) and the page's numbers are compared with
Python's; then a grid of hundreds of inputs goes through the page's own
functions (window.oboCalc) in one page load and is compared with
snippets.costs, errors included.
"""

import itertools
import random
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from snippets.calculator import bottleneck_cost, layer_cost
from tests.calculator_cases import (BOTTLENECK_BAD, BOTTLENECK_CASES,
                                    LAYER_BAD, LAYER_BASE, LAYER_CASES)

LAYER_KEYS = ("lh", "lw", "lc", "lk", "ls", "lp", "lf", "lb", "lg")
BOTTLENECK_KEYS = ("bh", "bw", "bc", "bk", "bf", "br")


def layer_query(case):
    values = [str(v) for v in case[:7]] + ["1" if case[7] else "0"]
    values += [str(g) for g in case[8:]]      # groups, when the case has it
    return dict(zip(LAYER_KEYS, values))


@pytest.fixture(scope="module")
def page(browser):
    """One tab for the whole module: every test loads its own address, so
    nothing carries over but the browser's cache of the theme's files."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def read(page, form, key):
    return page.locator(f"#{form} [data-out={key}]").text_content()


@pytest.mark.parametrize("case", LAYER_CASES, ids=lambda c: "x".join(map(str, c[:3])) + f"-k{c[3]}s{c[4]}{c[5]}f{c[6]}" + "".join(f"g{g}" for g in c[8:]))
def test_layer_matches_python(page, site_url, case):
    want = layer_cost(*case)
    page.goto(f"{site_url}calculator/?{urlencode(layer_query(case))}")
    assert read(page, "calc-layer", "shape") == (
        f"{want['out_h']} x {want['out_w']} x {want['out_c']}")
    assert read(page, "calc-layer", "params") == f"{want['params']:,}"
    assert read(page, "calc-layer", "mult_adds") == f"{want['mult_adds']:,}"
    assert read(page, "calc-layer", "positions") == f"{want['positions']:,}"
    assert read(page, "calc-layer", "status") == ""


@pytest.mark.parametrize("case", BOTTLENECK_CASES, ids=lambda c: "-".join(map(str, c)))
def test_bottleneck_matches_python(page, site_url, case):
    want = bottleneck_cost(*case)
    page.goto(f"{site_url}calculator/?{urlencode(dict(zip(BOTTLENECK_KEYS, map(str, case))))}")
    for key in ("direct", "reduce_step", "conv_step", "with_reduction"):
        assert read(page, "calc-bottleneck", key) == f"{want[key]:,}"
    assert read(page, "calc-bottleneck", "ratio").startswith(f"{want['ratio']:.2f} ")
    assert read(page, "calc-bottleneck", "weights") == (
        f"{want['direct_params']:,} / {want['reduced_params']:,}")


def test_the_lecture_link_on_the_page_reproduces_the_bottleneck(page, site_url):
    page.goto(f"{site_url}calculator/")
    page.get_by_role("link", name="the lecture's bottleneck").click()
    # The click is an instant navigation: the page is swapped in after the
    # click returns, so wait (with Playwright's retrying assertions) for the
    # address and the numbers rather than reading them at once.
    page.wait_for_url(lambda url: "bc=192" in url and url.endswith("#bottleneck"))
    want = bottleneck_cost(28, 28, 192, 5, 32, 16)
    out = page.locator("#calc-bottleneck")
    expect(out.locator("[data-out=direct]")).to_have_text(f"{want['direct']:,}")
    expect(out.locator("[data-out=with_reduction]")).to_have_text(
        f"{want['with_reduction']:,}")
    assert want["direct"] == 120_422_400  # the lecture's 120 million


@pytest.mark.parametrize("field, value", LAYER_BAD)
def test_bad_layer_input_shows_a_message_not_nan(page, site_url, field, value):
    query = layer_query(LAYER_BASE)
    query["l" + field] = value
    page.goto(f"{site_url}calculator/?{urlencode(query)}")
    message = page.locator(f"#l-{field}-error").text_content()
    assert message.strip(), f"no message beside {field} for {value!r}"
    assert page.locator(f"#l-{field}").get_attribute("aria-invalid") == "true"
    for key in ("shape", "params", "mult_adds", "positions"):
        text = read(page, "calc-layer", key)
        assert text == "–" and "NaN" not in text
    assert "Fix the fields" in read(page, "calc-layer", "status")
    # and Python refuses the same input
    case = dict(zip("hwcksp", LAYER_BASE[:6]), f=LAYER_BASE[6], g=1)
    case[field] = int(value) if value.lstrip("-").isdigit() else value
    with pytest.raises((ValueError, TypeError)):
        layer_cost(case["h"], case["w"], case["c"], case["k"], case["s"],
                   case["p"], case["f"], groups=case["g"])


@pytest.mark.parametrize("field, value", BOTTLENECK_BAD)
def test_bad_bottleneck_input_shows_a_message(page, site_url, field, value):
    query = dict(zip(BOTTLENECK_KEYS, map(str, BOTTLENECK_CASES[0])))
    query["b" + field] = value
    page.goto(f"{site_url}calculator/?{urlencode(query)}")
    assert page.locator(f"#b-{field}-error").text_content().strip()
    assert read(page, "calc-bottleneck", "direct") == "–"


def test_typing_updates_results_and_address(page, site_url):
    page.goto(f"{site_url}calculator/")
    page.fill("#l-f", "64")
    assert read(page, "calc-layer", "params") == f"{layer_cost(28, 28, 192, 1, 1, 'valid', 64)['params']:,}"
    assert "lf=64" in page.url
    page.reload()
    assert page.input_value("#l-f") == "64"


# --- a grid through the page's own functions, in one page load ----------

def layer_grid(n=600, seed=0):
    """Hundreds of layers, valid and not: a seeded sample of a product of
    sizes, kernels, strides, paddings, filters, biases and groups."""
    axes = itertools.product(
        (1, 3, 7, 28, 224), (1, 5, 28), (1, 3, 12, 192, 1024),
        (1, 2, 3, 5, 7), (1, 2, 3), ("valid", "same", 0, 1, 3),
        (1, 4, 32, 48, 4096), (True, False), (1, 2, 3, 4, 12, 192))
    return random.Random(seed).sample(list(axes), n)


def bottleneck_grid(n=200, seed=1):
    axes = itertools.product((1, 7, 28, 56), (1, 14, 28), (1, 3, 192, 832),
                             (1, 3, 5, 7), (1, 32, 128), (1, 16, 96))
    return random.Random(seed).sample(list(axes), n)


def python_layer(case):
    h, w, c, k, s, p, f, bias, g = case
    try:
        got = layer_cost(h, w, c, k, s, p, f, bias, groups=g)
    except ValueError:
        return None
    return {key: str(value) for key, value in got.items()}


RUN_LAYERS = """cases => cases.map(raw => {
  const got = window.oboCalc.parseLayer(raw);
  if (Object.keys(got.errors).length) return null;
  const out = window.oboCalc.layer(got.values);
  return Object.fromEntries(
    Object.entries(out).map(([key, value]) => [key, value.toString()]));
})"""

RUN_BOTTLENECKS = """cases => cases.map(raw => {
  const got = window.oboCalc.parseBottleneck(raw);
  const out = window.oboCalc.bottleneck(got.values);
  return Object.fromEntries(Object.entries(out).map(([key, value]) =>
    [key, key === "ratio" ? value : value.toString()]));
})"""


def test_grid_of_layers_matches_the_cost_model(page, site_url):
    grid = layer_grid()
    page.goto(f"{site_url}calculator/")
    raw = [dict(zip("hwckspfbg", [str(v) for v in case[:7]] + [case[7]]
                    + [str(case[8])])) for case in grid]
    from_js = page.evaluate(RUN_LAYERS, raw)
    want = [python_layer(case) for case in grid]
    valid = sum(w is not None for w in want)
    assert 150 < valid < len(grid)          # both kinds, many of each
    for case, js, py in zip(grid, from_js, want):
        assert js == py, case


def test_grid_of_bottlenecks_matches_the_cost_model(page, site_url):
    grid = bottleneck_grid()
    page.goto(f"{site_url}calculator/")
    from_js = page.evaluate(
        RUN_BOTTLENECKS, [dict(zip("hwckfr", map(str, c))) for c in grid])
    for case, js in zip(grid, from_js):
        py = bottleneck_cost(*case)
        assert js == {key: value if key == "ratio" else str(value)
                      for key, value in py.items()}, case
