"""MkDocs hook: what a published site says about its address and its source.

- No fake address. ``site_url`` comes from ``SITE_URL`` (mkdocs.yml); when
  it is unset the build has no address, so it writes no sitemap (MkDocs
  would fill it with bare paths) and Material no canonical link (its
  template needs ``page.canonical_url``). The source maps Material ships
  are dropped too: no reader loads them, and they are 1.2 MB of comments
  (one of which names localhost).
- The citation names the address. In ``cite.md`` a line holding
  ``SITE_ADDRESS`` gets the published address, or is dropped when the
  build has none (a local copy cites no address rather than a wrong one).
- Where the source is. With ``REPO_URL`` set, Material shows the
  repository link and "edit this page"; this hook adds, under a page that
  shows code included from ``snippets/``, links to those modules' source.
  Material's repository link would fetch star and fork counts from GitHub's
  API on every page view: the link stays, the fetch goes (the attribute
  that wakes Material's script is removed).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

INCLUDE = re.compile(r'^\s*--8<--\s+"(snippets/[\w/]+\.py)(?::[\w-]+)?"', re.M)
# lines of a block include: --8<--, then one path per line, then --8<--
BLOCK_INCLUDE = re.compile(r"^\s*--8<--\s*\n(.*?)^\s*--8<--\s*$", re.M | re.S)
SOURCE_COMPONENT = ' data-md-component="source"'

EDIT_URI = "edit/main/docs/"

_modules: dict[str, list[str]] = {}


def on_config(config, **kwargs):
    # an edit link needs a repository; without one MkDocs would warn on
    # every page (and --strict fail) that the edit link is not a URL
    config.edit_uri = EDIT_URI if config.repo_url else None
    return config


def shown_modules(markdown: str) -> list[str]:
    """The ``snippets/`` modules a page includes code from, in order."""
    found = INCLUDE.findall(markdown)
    for block in BLOCK_INCLUDE.findall(markdown):
        found += re.findall(r'^\s*"?(snippets/[\w/]+\.py)', block, re.M)
    return list(dict.fromkeys(found))


def source_links(repo_url: str, modules: list[str], branch: str = "main") -> str:
    base = repo_url.rstrip("/")
    links = ", ".join(
        f'<a href="{html.escape(base)}/blob/{branch}/{m}"><code>{m}</code></a>'
        for m in modules)
    noun = "module" if len(modules) == 1 else "modules"
    return (f'<p class="obo-source-links">The code on this page comes from the '
            f"{noun} {links} of the site's repository, where its tests are "
            "too.</p>")


ADDRESS = "SITE_ADDRESS"


def cite_address(markdown: str, site_url: str | None) -> str:
    """Put the site's address into the lines that ask for it, or drop them."""
    if site_url:
        return markdown.replace(ADDRESS, site_url)
    return "".join(line for line in markdown.splitlines(keepends=True)
                   if ADDRESS not in line)


def on_page_markdown(markdown, page, config, **kwargs):
    _modules[page.file.src_uri] = shown_modules(markdown)
    if ADDRESS in markdown:
        markdown = cite_address(markdown, config.site_url)
    return markdown


def on_page_content(content, page, config, **kwargs):
    modules = _modules.get(page.file.src_uri)
    if modules and config.repo_url:
        content += "\n" + source_links(config.repo_url, modules)
    return content


def on_post_page(output, page, config, **kwargs):
    return output.replace(SOURCE_COMPONENT, "")


def on_post_template(output_content, template_name, config, **kwargs):
    # the 404 page is a template, not a page
    return output_content.replace(SOURCE_COMPONENT, "")


def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    if not config.site_url:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / name).unlink(missing_ok=True)
    for source_map in (site / "assets").rglob("*.js.map"):
        source_map.unlink()
