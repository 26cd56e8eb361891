"""MkDocs hook: three attributes changed in Material's rendered page,
instead of whole copies of its templates that an upgrade would silently
leave behind.

- The search dialog gets the accessible name it lacks (axe:
  aria-dialog-name).
- The palette form loses ``data-md-component="palette"``, so Material's own
  palette code stays idle; ``overrides/partials/javascripts/palette.html``
  finds the form by ``data-obo-palette`` and switches the palette while the
  header is parsed (see there why).
- Material's script tag gets ``defer`` (issue 12). At the end of
  ``<body>`` without it, the script ran the moment the parser reached it,
  before the browser had drawn the page, and its first lines (a read of the
  scroll position) forced the whole page's first style and layout inside
  the script's own task: one long task of both. Deferred, it runs once the
  page is parsed (in our traces, after the first paint), still before
  ``DOMContentLoaded``, which is when Material starts its components, as
  before; our own deferred scripts still follow it in order.
  ``overrides/main.html`` sets the classes the script sets on ``<html>``
  (``js``, ``js-focus-visible``) in ``<head>``, so that running it does not
  restyle the drawn page either (567 elements on faq/, see
  tests/browser/test_load_work.py).

Each change looks for Material's exact markup (mkdocs-material 9.8.1) and
fails the build if a page with a header lacks it, so an upgrade that
changes the markup is caught at once rather than shipped.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

CHANGES = (
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" '
     'aria-label="Search the site">'),
    ('<form class="md-header__option" data-md-component="palette">',
     '<form class="md-header__option" data-obo-palette>'),
)

# Material's own script: its name carries a hash of its contents
BUNDLE = re.compile(r'(<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js")></script>')


def patch(html: str, where: str) -> str:
    if 'class="md-header' not in html:          # no header, nothing to do
        return html
    for old, new in CHANGES:
        if html.count(old) != 1:
            raise PluginError(
                f"{where}: Material's markup {old!r} not found once (found "
                f"{html.count(old)}); did mkdocs-material change? Update "
                "hooks/material_markup.py")
        html = html.replace(old, new)
    html, found = BUNDLE.subn(r"\1 defer></script>", html)
    if found != 1:
        raise PluginError(
            f"{where}: Material's script tag (assets/javascripts/bundle.*.min.js) "
            f"not found once (found {found}); did mkdocs-material change? "
            "Update hooks/material_markup.py")
    return html


def on_post_page(output, page, config, **kwargs):
    return patch(output, page.file.src_uri)


def on_post_template(output_content, template_name, config, **kwargs):
    return patch(output_content, template_name)
