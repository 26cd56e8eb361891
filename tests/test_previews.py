"""Link previews, read as a forum reads them: only the meta tags of each
page's <head>. Every page and every answer page says its title and answer,
names a 1200x630 PNG card that exists, and names an address only when the
build has one (SITE_URL). The cards themselves (hooks/cards.py): size,
bytes, no metadata."""

import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import PUBLISHED, load_hook

ROOT = Path(__file__).resolve().parents[1]
PREFIX = PUBLISHED["SITE_URL"]


cards = load_hook("cards")
answer_pages = load_hook("answer_pages")


class Head(HTMLParser):
    """What a link-preview fetcher reads: <meta> and <link> in <head>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}
        self.title = ""
        self._in_title = False
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        a = dict(attrs)
        if tag == "meta" and "content" in a:
            key = a.get("property") or a.get("name")
            if key:
                self.meta.setdefault(key, []).append(a["content"])
        elif tag == "link" and a.get("rel"):
            self.links.setdefault(a["rel"], []).append(a.get("href", ""))
        elif tag == "title":
            self._in_title = True

    def handle_data(self, data):
        if self._in_title and not self.done:
            self.title += data

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "head":
            self.done = True

    def one(self, key):
        values = self.meta.get(key, [])
        assert len(values) <= 1, f"{key} given {len(values)} times"
        return values[0] if values else None


def preview(page: Path) -> Head:
    head = Head()
    head.feed(page.read_text("utf-8"))
    return head


def html_pages(site: Path):
    """Every page a reader or a forum can reach (redirect stubs excluded)."""
    for page in sorted(site.rglob("*.html")):
        if 'http-equiv="refresh"' in page.read_text("utf-8")[:3000]:
            continue
        yield page


def address(site: Path, page: Path) -> str:
    """The page's own path under the site: 'faq/positions/', '' for home."""
    rel = page.relative_to(site).as_posix()
    return rel[:-len("index.html")] if rel.endswith("index.html") else rel


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def png_chunks(data: bytes) -> list[bytes]:
    chunks, at = [], 8
    while at < len(data):
        length = struct.unpack(">I", data[at:at + 4])[0]
        chunks.append(data[at + 4:at + 8])
        at += 12 + length
    return chunks


def check_page(site: Path, page: Path, published: bool) -> str:
    """Assert what a preview of ``page`` shows; return its image's path."""
    head = preview(page)
    where = address(site, page) or "/"
    title, description = head.one("og:title"), head.one("og:description")
    assert title and len(title) >= 3, (where, title)
    assert description and len(description) >= 30, (where, description)
    assert "{{" not in title + description and "<" not in title + description, where
    assert head.one("twitter:title") == title and head.one("twitter:description") == description
    assert head.one("twitter:card") == "summary_large_image", where
    assert head.one("og:image:width") == "1200" and head.one("og:image:height") == "630"
    assert head.one("og:image:alt"), where
    image = head.one("og:image")
    assert image and head.one("twitter:image") == image, where
    canonical = head.links.get("canonical", [])
    if published:
        assert image.startswith(PREFIX), (where, image)
        file = site / image[len(PREFIX):]
        if page.name == "404.html":         # served at any address: no canonical
            assert not canonical and head.one("og:url") is None
        else:
            assert canonical == [PREFIX + address(site, page)], (where, canonical)
            assert head.one("og:url") == PREFIX + address(site, page), where
    else:
        assert not canonical and head.one("og:url") is None, where
        assert not urlsplit(image).scheme and not image.startswith("//"), image
        head_text = page.read_text("utf-8").split("</head>")[0]
        assert "127.0.0.1" not in head_text and "localhost" not in head_text, where
        # page-relative (the 404, served at any depth, is root-relative)
        base = site if image.startswith("/") else page.parent
        file = base / image.lstrip("/")
    assert file.resolve().is_file(), (where, image)
    assert png_size(file.read_bytes()) == (1200, 630), (where, image)
    return file.resolve().relative_to(site.resolve()).as_posix()


@pytest.mark.parametrize("published", [False, True], ids=["local", "published"])
def test_every_page_previews_with_title_answer_and_picture(built_site, published_site,
                                                           published):
    site = published_site if published else built_site
    images = {}
    for page in html_pages(site):
        images[address(site, page)] = check_page(site, page, published)
    assert len(images) >= 50               # the pages and the answer pages
    # every page but the 404 has a card of its own
    own = {k: v for k, v in images.items() if k != "404.html"}
    assert len(set(own.values())) == len(own)
    assert images["404.html"] == "cards/site.png"


def test_an_answer_preview_states_the_answer(built_site, published_site):
    for site in (built_site, published_site):
        head = preview(site / "faq" / "bottleneck" / "index.html")
        assert head.one("og:title") == \
            "Why does the inception module put a 1x1 before the 3x3 and 5x5?"
        assert head.one("og:description").startswith("To cut the depth first")
        assert "times fewer" in head.one("og:description")
        assert head.one("og:image").endswith("cards/faq/bottleneck.png")
    head = preview(published_site / "errata" / "sixty-two" / "index.html")
    assert head.one("og:title") == 'Lecture: "62 different positions"'
    assert head.one("og:description").startswith("Wrong number")   # the verdict
    assert "6 x 6 = 36 positions" in head.one("og:description")    # the correction
    assert head.one("og:url") == PREFIX + "errata/sixty-two/"
    assert head.one("og:image") == PREFIX + "cards/errata/sixty-two.png"


def test_every_answer_page_previews_its_own_question(built_site):
    for source in answer_pages.SOURCES:
        folder = answer_pages.SOURCES[source][0]
        for answer in answer_pages.parse((ROOT / "docs" / source).read_text("utf-8"), source):
            page = built_site / folder / answer.anchor / "index.html"
            head = preview(page)
            assert head.one("og:title") == answer_pages.plain_title(answer.title)
            assert head.one("og:image") == f"../../cards/{folder}/{answer.anchor}.png"


def test_cards_are_identical_across_builds(built_site, published_site):
    """Same text, same bytes, whatever the address (the card has none)."""
    for card in sorted((built_site / "cards").rglob("*.png")):
        other = published_site / card.relative_to(built_site)
        assert other.read_bytes() == card.read_bytes(), card


# --- the card itself ---------------------------------------------------------------

def test_a_card_is_a_1200x630_png_without_metadata():
    data = cards.card("What is a 1x1 convolution?", "A fully connected layer " * 20,
                      "One by One", "FAQ answer")
    assert png_size(data) == (1200, 630)
    assert set(png_chunks(data)) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}
    assert data == cards.card("What is a 1x1 convolution?", "A fully connected layer " * 20,
                              "One by One", "FAQ answer")
    assert data != cards.card("What is a 1x1 convolution?", "Something else.",
                              "One by One", "FAQ answer")
    assert len(data) < 60_000


def test_a_card_is_readable_in_a_thumbnail():
    """Text is white on a dark field: most pixels are the background, and
    the lightest are white (contrast, not a washed-out picture)."""
    from io import BytesIO

    from PIL import Image
    image = Image.open(BytesIO(cards.card("Title", "Answer text.", "Site"))).convert("RGB")
    colours = sorted(image.getcolors(1200 * 630), reverse=True)
    assert colours[0][1] == cards.BACKGROUND
    assert (255, 255, 255) in {c for _, c in colours}


def test_wrapping_fits_the_width_and_ends_long_text_with_an_ellipsis():
    face = cards.font(36)
    lines = cards.wrap("word " * 200, face, 600, 3)
    assert len(lines) == 3 and lines[-1].endswith("\u2026")
    assert all(face.getlength(line) <= 600 for line in lines)
    assert cards.wrap("two words", face, 600, 3) == ["two words"]


def test_card_paths_and_bad_input():
    assert cards.card_path("faq/positions/") == "cards/faq/positions.png"
    assert cards.card_path("") == "cards/index.png"
    assert cards.card_path("404.html") == "cards/404.png"
    assert cards.plain("Say &quot;62&quot; <b>now</b>") == 'Say "62" now'
    with pytest.raises(ValueError, match="non-empty title"):
        cards.card("  ", "text", "Site")


def test_the_cache_returns_the_same_bytes(tmp_path):
    first = cards.cached_card(tmp_path, "T", "text", "Site", "")
    assert len(list(tmp_path.glob("*.png"))) == 1
    assert cards.cached_card(tmp_path, "T", "text", "Site", "") == first
    assert zlib.crc32(first) == zlib.crc32(cards.card("T", "text", "Site", ""))
