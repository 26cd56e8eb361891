"""MkDocs hook: two attributes changed in Material's rendered header,
instead of whole copies of its partials that an upgrade would silently
leave behind.

- The search dialog gets the accessible name it lacks (axe:
  aria-dialog-name).
- The palette form loses ``data-md-component="palette"``, so Material's own
  palette code stays idle; ``overrides/partials/javascripts/palette.html``
  finds the form by ``data-obo-palette`` and switches the palette while the
  header is parsed (see there why).

Each change looks for Material's exact markup (mkdocs-material 9.8.1) and
fails the build if a page with a header lacks it, so an upgrade that
changes the markup is caught at once rather than shipped.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

CHANGES = (
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" '
     'aria-label="Search the site">'),
    ('<form class="md-header__option" data-md-component="palette">',
     '<form class="md-header__option" data-obo-palette>'),
)


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
    return html


def on_post_page(output, page, config, **kwargs):
    return patch(output, page.file.src_uri)


def on_post_template(output_content, template_name, config, **kwargs):
    return patch(output_content, template_name)
