"""Links: every outside link comes from includes/links.md and is well formed;
every inside link and anchor of the served site resolves (a crawl)."""

import re
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

ROOT = Path(__file__).resolve().parents[1]
LINKS = ROOT / "includes" / "links.md"
DEFINITION = re.compile(r"^\[([\w-]+)\]:\s*(\S+)\s*$", re.M)


def registered():
    return dict(DEFINITION.findall(LINKS.read_text("utf-8")))


def test_every_registered_link_is_well_formed():
    links = registered()
    assert len(links) >= 5
    for name, url in links.items():
        parts = urlparse(url)
        assert parts.scheme == "https", (name, url)
        assert "." in parts.netloc and " " not in url, (name, url)
        assert not url.endswith((".", ",", ")")), (name, url)


class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.links, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.refs.append(attrs["href"])
            self.links.append(attrs["href"])
        if tag in ("img", "script", "source") and (attrs.get("src") or attrs.get("srcset")):
            self.refs.append(attrs.get("src") or attrs.get("srcset"))
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.refs.append(attrs["href"])


def test_outside_links_come_only_from_the_list(built_site):
    allowed = set(registered().values())
    used = set()
    for page in built_site.rglob("*.html"):
        parser = Refs()
        parser.feed(page.read_text("utf-8"))
        for ref in parser.refs:
            if ref.startswith(("http://", "https://")) and not ref.startswith(
                    "http://127.0.0.1:8000/"):
                assert ref in allowed, f"{page}: {ref} is not in includes/links.md"
                used.add(ref)
    assert used == allowed, f"listed but never used: {allowed - used}"


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get_content_type(), response.read()


def test_crawl_every_inside_link_and_anchor(site_url):
    """Start at the home page, follow every inside link, check every anchor."""
    todo, seen, ids, anchors = [site_url], set(), {}, []
    site_root = "http://127.0.0.1:8000/"
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        assert status == 200, url
        if kind != "text/html":
            continue
        parser = Refs()
        parser.feed(body.decode("utf-8"))
        ids[url] = parser.ids
        for ref in parser.refs:
            if ref.startswith(site_root):      # absolute links of the 404 page
                ref = site_url + ref[len(site_root):]
            if ref.startswith(("mailto:", "data:")) or (
                    ref.startswith("http") and not ref.startswith(site_url)):
                continue
            target, fragment = urldefrag(urljoin(url, ref))
            target = target.split("?")[0]
            if fragment and ref in parser.links:      # images use #only-light
                anchors.append((url, target, fragment))
            todo.append(target)
    assert len([u for u in ids if u.endswith("/")]) >= 15
    broken = [f"{src} -> {dst}#{frag}" for src, dst, frag in anchors
              if frag not in ids.get(dst, set())]
    assert not broken, "\n".join(broken)
