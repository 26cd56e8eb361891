"""The calculator page computes what snippets.calculator computes.

The page is loaded once: each case of the table is typed into its form (the
fields changed, then one ``input`` event, as a reader's typing sends) and
the page's numbers and the address it writes are compared with Python's. A
few cases come in through the address instead (the way a forum link carries
them), and a grid of hundreds of inputs goes through the page's own
functions (window.oboCalc) and is compared with snippets.costs, errors
included.
"""

import itertools
import random
from urllib.parse import parse_qsl, urlencode

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


def bottleneck_query(case):
    return dict(zip(BOTTLENECK_KEYS, map(str, case)))


@pytest.fixture(scope="module")
def page(browser):
    """One tab for the whole module."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="module")
def calculator(page, site_url):
    """The calculator page, loaded once for the typed-in cases."""
    page.goto(f"{site_url}calculator/")
    return page


# Types a query's values into the form's fields (the query's keys without
# their form letter), then sends one input event from the form, as typing
# does (with no values, types nothing); returns what the form shows, each
# field's message and aria-invalid, and the address the page wrote.
FORM = """([id, query]) => {
  const form = document.getElementById(id);
  for (const [key, value] of Object.entries(query)) {
    const input = form.querySelector(`input[name="${key.slice(1)}"]`);
    if (input.type === "checkbox") input.checked = value !== "0";
    else input.value = value;
  }
  if (Object.keys(query).length)
    form.querySelector("input").dispatchEvent(new Event("input", {bubbles: true}));
  const out = {};
  form.querySelectorAll("[data-out]").forEach(
    el => { out[el.dataset.out] = el.textContent; });
  form.querySelectorAll("input:not([type=checkbox])").forEach(input => {
    out["error-" + input.name] =
      document.getElementById(input.id + "-error").textContent;
    out["invalid-" + input.name] = input.getAttribute("aria-invalid");
  });
  out.address = location.search;
  return out;
}"""


def type_in(page, query):
    form = "calc-layer" if next(iter(query)).startswith("l") else "calc-bottleneck"
    shown = page.evaluate(FORM, [form, query])
    written = dict(parse_qsl(shown.pop("address").lstrip("?"),
                             keep_blank_values=True))
    # the address now carries every field typed, so the link reproduces it
    assert {k: written[k] for k in query} == {k: v.strip() for k, v in query.items()}
    return shown


def shown(page, form):
    """What ``form`` shows now, typing nothing."""
    out = page.evaluate(FORM, [form, {}])
    out.pop("address")
    return out


def assert_layer(shown, case):
    want = layer_cost(*case)
    assert shown["shape"] == f"{want['out_h']} x {want['out_w']} x {want['out_c']}"
    assert shown["params"] == f"{want['params']:,}"
    assert shown["mult_adds"] == f"{want['mult_adds']:,}"
    assert shown["positions"] == f"{want['positions']:,}"
    assert shown["status"] == ""
    assert not any(v for k, v in shown.items() if k.startswith(("error-", "invalid-")))


def assert_bottleneck(shown, case):
    want = bottleneck_cost(*case)
    for key in ("direct", "reduce_step", "conv_step", "with_reduction"):
        assert shown[key] == f"{want[key]:,}"
    if want["ratio"] >= 1:
        assert shown["ratio"] == f"{want['ratio']:.2f} times fewer with the 1x1"
    else:   # a "reduction" to as many channels or more costs more, and says so
        assert shown["ratio"].startswith(f"{1 / want['ratio']:.2f} times more ")
    assert shown["weights"] == f"{want['direct_params']:,} / {want['reduced_params']:,}"


def layer_id(c):
    return ("x".join(map(str, c[:3])) + f"-k{c[3]}s{c[4]}{c[5]}f{c[6]}"
            + "".join(f"g{g}" for g in c[8:]))


@pytest.mark.parametrize("case", LAYER_CASES, ids=layer_id)
def test_layer_matches_python(calculator, case):
    query = layer_query(case)
    query.setdefault("lg", "1")
    assert_layer(type_in(calculator, query), case)


@pytest.mark.parametrize("case", BOTTLENECK_CASES, ids=lambda c: "-".join(map(str, c)))
def test_bottleneck_matches_python(calculator, case):
    assert_bottleneck(type_in(calculator, bottleneck_query(case)), case)


@pytest.mark.parametrize("layer, bottleneck", [
    (LAYER_CASES[0], BOTTLENECK_CASES[0]), (LAYER_CASES[-1], BOTTLENECK_CASES[1])])
def test_an_address_fills_both_forms(page, site_url, layer, bottleneck):
    """What a shared link carries is what the page computes on load."""
    query = {**layer_query(layer), **bottleneck_query(bottleneck)}
    page.goto(f"{site_url}calculator/?{urlencode(query)}")
    assert_layer(shown(page, "calc-layer"), layer)
    assert_bottleneck(shown(page, "calc-bottleneck"), bottleneck)


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


def python_refuses(field, value):
    case = dict(zip("hwcksp", LAYER_BASE[:6]), f=LAYER_BASE[6], g=1)
    case[field] = int(value) if value.lstrip("-").isdigit() else value
    with pytest.raises((ValueError, TypeError)):
        layer_cost(case["h"], case["w"], case["c"], case["k"], case["s"],
                   case["p"], case["f"], groups=case["g"])


@pytest.mark.parametrize("field, value", LAYER_BAD)
def test_bad_layer_input_shows_a_message_not_nan(calculator, field, value):
    query = {**layer_query(LAYER_BASE), "lg": "1", "l" + field: value}
    out = type_in(calculator, query)
    assert out[f"error-{field}"].strip(), f"no message beside {field} for {value!r}"
    assert out[f"invalid-{field}"] == "true"
    for key in ("shape", "params", "mult_adds", "positions"):
        assert out[key] == "–" and "NaN" not in out[key]
    assert "Fix the fields" in out["status"]
    python_refuses(field, value)            # and Python refuses the same input


@pytest.mark.parametrize("written, bias", [("0", False), ("false", False),
                                            ("OFF", False), ("no", False),
                                            ("1", True), ("true", True)])
def test_an_address_s_bias_box_reads_as_a_person_writes_it(page, site_url,
                                                          written, bias):
    case = LAYER_BASE[:7] + (bias,) + LAYER_BASE[8:]
    query = {**layer_query(LAYER_BASE), "lb": written}
    page.goto(f"{site_url}calculator/?{urlencode(query)}")
    assert_layer(shown(page, "calc-layer"), case)


def test_a_bad_address_shows_the_message_on_load(page, site_url):
    field, value = LAYER_BAD[0]
    page.goto(f"{site_url}calculator/?{urlencode({**layer_query(LAYER_BASE), 'l' + field: value})}")
    out = shown(page, "calc-layer")
    assert out[f"error-{field}"].strip() and out[f"invalid-{field}"] == "true"
    assert out["params"] == "–"


@pytest.mark.parametrize("field, value", BOTTLENECK_BAD)
def test_bad_bottleneck_input_shows_a_message(calculator, field, value):
    query = {**bottleneck_query(BOTTLENECK_CASES[0]), "b" + field: value}
    out = type_in(calculator, query)
    assert out[f"error-{field}"].strip()
    assert out["direct"] == "–"


def test_typing_updates_results_and_address(page, site_url):
    page.goto(f"{site_url}calculator/")
    page.fill("#l-f", "64")
    assert shown(page, "calc-layer")["params"] == f"{layer_cost(28, 28, 192, 1, 1, 'valid', 64)['params']:,}"
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
