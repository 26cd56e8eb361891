"""MkDocs hook: make every answer quotable and every page previewable.

- The page's description (``<meta name="description">`` and the OpenGraph /
  Twitter tags in ``overrides/main.html``) is its "**Short answer.**"
  paragraph, taken from the page itself, never typed twice.
- On the FAQ and errata pages each answer's heading gets a "Copy link"
  control: a plain link to the answer's own page (``hooks/answer_pages.py``
  makes one per answer, at ``faq/<anchor>/``), which ``javascripts/cite.js``
  upgrades to copy that page's full address. A heading with no answer page
  (a group heading) gets none.
"""

from __future__ import annotations

import html
import re

SHORT = re.compile(r"^\*\*Short answer\.\*\*\s*(.+?)(?:\n\s*\n|\Z)", re.M | re.S)
# pages whose h2/h3 headings are citable answers, and headings that are not
CITABLE_PAGES = {"faq.md": "answer", "errata.md": "entry"}
NOT_ANSWERS = {"beyond-sources"}


def plain_text(markdown: str) -> str:
    """Markdown of a paragraph as one line of plain text."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)      # links
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)         # ref links
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\$([^$]*)\$", lambda m: re.sub(r"\\mathrm\{([^}]*)\}|[{}\\_^]",
                                                   lambda n: n.group(1) or "", m.group(1)), text)
    text = text.replace("**", "").replace("*", "")
    return " ".join(text.split())


def short_answer(markdown: str) -> str | None:
    match = SHORT.search(markdown)
    return plain_text(match.group(1)) if match else None


def on_page_markdown(markdown, page, **kwargs):
    answer = short_answer(markdown)
    if answer and not page.meta.get("description"):
        # the theme prints it into an attribute unescaped: escape it here
        page.meta["description"] = html.escape(answer, quote=True)
    return markdown


HEADING = re.compile(r'(<h([23]) id="([a-z0-9-]+)">(.*?)</h\2>)', re.S)


def add_copy_links(html: str, noun: str, answers: dict[str, str]) -> str:
    """A copy link under each heading whose anchor has an answer page;
    ``answers`` maps the anchor to that page's address, relative."""
    def button(match):
        anchor = match.group(3)
        if anchor in NOT_ANSWERS or anchor not in answers:
            return match.group(1)
        return (match.group(1) + f'\n<p class="obo-cite"><a class="obo-copy-link" '
                f'href="{answers[anchor]}" data-anchor="{anchor}">Copy link to '
                f"this {noun}</a></p>")
    return HEADING.sub(button, html)


def answer_pages(page, files) -> dict[str, str]:
    """anchor -> address of its answer page (``faq/<anchor>/``) relative to
    ``page``, for every page ``hooks/answer_pages.py`` generated for it."""
    from mkdocs.utils import get_relative_url

    folder = page.file.src_uri[:-len(".md")] + "/"
    return {file.src_uri[len(folder):-len(".md")]: get_relative_url(file.url, page.url)
            for file in files
            if file.generated_by and file.src_uri.startswith(folder)
            and file.src_uri.endswith(".md")}


def on_page_content(html, page, files, **kwargs):
    noun = CITABLE_PAGES.get(page.file.src_uri)
    return add_copy_links(html, noun, answer_pages(page, files)) if noun else html
