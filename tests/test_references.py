"""No reference-style link is left unresolved in the built site.

Markdown prints `[text][name]` as plain text when `name` is not defined
(in includes/links.md or on the page), so a missing definition shows up as
raw brackets on the page instead of a link, and the strict build does not
notice. This scans the text of every built page, outside code, for them.
"""

import re
from html.parser import HTMLParser

# [text][name] or [text][]: what Markdown leaves behind when name is unknown
LEFTOVER = re.compile(r"\[[^\[\]\n]+\]\[[^\[\]\n]*\]")
# text inside these elements is code or not prose: brackets there are meant
SKIPPED = {"code", "pre", "script", "style", "textarea", "kbd", "samp"}
# notebook pages keep each cell's source for the copy button in a div
SKIPPED_CLASSES = {"clipboard-copy-txt"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class ProseText(HTMLParser):
    """Collects the text of a page that is not inside code or scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []   # (tag, skipped) per element
        self.parts: list[str] = []

    def skipping(self) -> bool:
        return any(skipped for _, skipped in self.open)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.open.append((tag, tag in SKIPPED or bool(classes & SKIPPED_CLASSES)))

    def handle_endtag(self, tag):
        # close up to the matching element (browsers forgive missing ends)
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        if not self.skipping():
            self.parts.append(data)


def leftovers(html: str) -> list[str]:
    """Every `[text][name]` left as plain text outside code in ``html``."""
    parser = ProseText()
    parser.feed(html)
    parser.close()
    return LEFTOVER.findall("".join(parser.parts))


def test_the_scan_finds_a_leftover_and_ignores_code():
    page = ("<p>See [the paper][googlenet-paper] and [this][].</p>"
            "<pre><code>x = a[i][j]</code></pre>"
            "<p>Inline <code>w[0][1]</code> is code; "
            '<a href="https://arxiv.org/abs/1409.4842">a link</a> is fine; '
            "One by One [1 x 1] Convolution is a title.<br></p>"
            '<div class="clipboard-copy-txt">m = w[0][0]</div>'
            "<p>After the div, [again][missing].</p>")
    assert leftovers(page) == ["[the paper][googlenet-paper]", "[this][]",
                              "[again][missing]"]
    assert leftovers("<p>No brackets here.</p>") == []


def test_no_page_prints_an_unresolved_reference(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 15
    found = {}
    for page in pages:
        hits = leftovers(page.read_text("utf-8"))
        if hits:
            found[str(page.relative_to(built_site))] = hits
    assert not found, ("reference-style links with no definition (add them "
                       f"to includes/links.md): {found}")
