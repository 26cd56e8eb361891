"""The calculator page: its formulas (from ``snippets.costs``) and its forms.

``docs/javascripts/calculator.js`` computes the same numbers in the browser;
``tests/browser/test_calculator.py`` runs a grid of cases through both and
fails on any difference. The two forms are written from the field lists
below (``facts()`` fills ``{{ calculator.layer_form }}`` and
``{{ calculator.bottleneck_form }}``): one list, not a block per field.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .costs import Bottleneck, conv_cost


def layer_cost(h: int, w: int, c_in: int, kernel: int, stride: int,
               padding, filters: int, bias: bool = True,
               groups: int = 1) -> dict[str, int]:
    """Output shape, parameters, multiply-adds and positions of one conv
    layer on an ``(h, w, c_in)`` input with ``filters`` filters.

    padding: ``"valid"``, ``"same"`` or a non-negative int on each side;
    groups: 1 for an ordinary conv, ``c_in`` (= filters) for depthwise.
    Multiply-adds count every product, zeros of the padding included.
    """
    cost = conv_cost(h, w, c_in, filters, kernel, stride, padding, groups,
                     bias)
    return {
        "out_h": cost.out_h,
        "out_w": cost.out_w,
        "out_c": cost.out_c,
        "weights": cost.weights,
        "params": cost.params,
        "positions": cost.positions,
        "mult_adds": cost.mult_adds,
    }


def bottleneck_cost(h: int, w: int, c_in: int, kernel: int, filters: int,
                    reduce_to: int) -> dict[str, float]:
    """A k x k 'same' conv directly, and after a 1x1 reduction: both costs
    in multiply-adds and their ratio."""
    b = Bottleneck(h, w, c_in, kernel, filters, reduce_to)
    return {
        "direct": b.direct,
        "reduce_step": b.reduce_step,
        "conv_step": b.conv_step,
        "with_reduction": b.with_reduction,
        "ratio": b.ratio,
        "direct_params": b.direct_params,
        "reduced_params": b.reduced_params,
    }


# --- the forms -------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    """One input of a form: its name (also its address key after the
    form's prefix), its label (HTML) and its starting value."""

    name: str
    label: str
    value: str
    numeric: bool = True          # a whole number, typed on a number pad
    checkbox: bool = False


@dataclass(frozen=True)
class Form:
    """A calculator form: ``prefix`` starts its ids and address keys."""

    calc: str
    prefix: str
    legend: str
    fields: tuple[Field, ...]
    outputs: tuple[tuple[str, str], ...]      # (data-out key, label)


LAYER_FORM = Form(
    calc="layer", prefix="l",
    legend="Input, filters and how they slide",
    fields=(
        Field("h", "Input height H", "28"),
        Field("w", "Input width W", "28"),
        Field("c", "Input channels C<sub>in</sub>", "192"),
        Field("k", "Kernel size k (k x k)", "1"),
        Field("s", "Stride s", "1"),
        Field("p", "Padding: valid, same, or zeros per side", "valid",
              numeric=False),
        Field("f", "Filters F", "32"),
        Field("g", "Groups g (1: ordinary; C<sub>in</sub>: depthwise)",
              "1"),
        Field("b", "One bias per filter", "1", numeric=False,
              checkbox=True),
    ),
    outputs=(("shape", "Output shape"), ("params", "Parameters"),
             ("mult_adds", "Multiply-adds"),
             ("positions", "Positions each filter is applied at")),
)

BOTTLENECK_FORM = Form(
    calc="bottleneck", prefix="b",
    legend='A k x k "same" convolution, stride 1',
    fields=(
        Field("h", "Input height H", "28"),
        Field("w", "Input width W", "28"),
        Field("c", "Input channels C<sub>in</sub>", "192"),
        Field("k", "Kernel size k", "5"),
        Field("f", "Filters F", "32"),
        Field("r", "1x1 reduction to R channels", "16"),
    ),
    outputs=(("direct", "Directly"), ("reduce_step", "1x1 step"),
             ("conv_step", "k x k step"),
             ("with_reduction", "With the 1x1 first"), ("ratio", "Ratio"),
             ("weights", "Weights, direct / with 1x1")),
)


def field_html(form: Form, field: Field) -> str:
    """One labelled input with its error box (a checkbox has none)."""
    fid = f"{form.prefix}-{field.name}"
    if field.checkbox:
        checked = " checked" if field.value == "1" else ""
        return (f'<div class="obo-field obo-check"><input id="{fid}" '
                f'name="{field.name}" type="checkbox"{checked}>\n'
                f'<label for="{fid}">{field.label}</label></div>')
    mode = ' inputmode="numeric"' if field.numeric else ""
    return (f'<div class="obo-field"><label for="{fid}">{field.label}'
            f'</label>\n<input id="{fid}" name="{field.name}" type="text"'
            f'{mode} value="{escape(field.value)}" '
            f'aria-describedby="{fid}-error">\n'
            f'<span class="obo-error" id="{fid}-error" aria-live="polite">'
            f'</span></div>')


def form_html(form: Form) -> str:
    """The whole form, with no blank line (Markdown keeps it as one HTML
    block)."""
    ids = " ".join(f"{form.prefix}-{f.name}" for f in form.fields)
    lines = [f'<form class="obo-calc" id="calc-{form.calc}" '
             f'data-calc="{form.calc}" novalidate>',
             "<fieldset>",
             f"<legend>{escape(form.legend, quote=False)}</legend>"]
    lines += [field_html(form, f) for f in form.fields]
    lines += ["</fieldset>",
              f'<output class="obo-results" for="{ids}" aria-live="polite">',
              "<dl>"]
    lines += [f'<dt>{label}</dt><dd data-out="{key}">–</dd>'
              for key, label in form.outputs]
    lines += ["</dl>", '<p class="obo-status" data-out="status"></p>',
              "</output>", "</form>"]
    return "\n".join(lines)


def facts() -> dict[str, str]:
    return {
        "calculator.layer_form": form_html(LAYER_FORM),
        "calculator.bottleneck_form": form_html(BOTTLENECK_FORM),
    }


def figures() -> list:
    return []
