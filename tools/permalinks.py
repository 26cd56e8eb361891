"""The permalink registry: every published page address and heading anchor.

Usage (from the repository root, after a build into site/):
    python tools/permalinks.py site            # list what the build publishes
    python tools/permalinks.py site --update   # add new entries to permalinks.txt

Entries are only ever added. tests/test_permalinks.py fails when an entry no
longer resolves in a fresh build (a page gone without a redirect, a heading
renamed without an alias anchor) or when a published anchor is missing from
the registry.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "permalinks.txt"
HEADER = ("# Every published page address and heading anchor of One by One.\n"
          "# Entries are never removed: keep them alive with a redirect or an\n"
          "# alias anchor. Add new ones with: make permalinks\n")
HEADING_ID = re.compile(r'<h[1-6][^>]*\sid="([^"]+)"')
REDIRECT = re.compile(r'<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)"', re.I)
SKIP = ("assets/", "search/", "stylesheets/", "javascripts/", "figures/")


def page_url(site: Path, html: Path) -> str:
    """'positions/' for positions/index.html; '/' for the home page."""
    rel = html.relative_to(site).as_posix()
    return "/" if rel == "index.html" else rel[:-len("index.html")]


def published(site: Path) -> set[str]:
    """Page addresses and 'address#anchor' for every heading of every page."""
    entries: set[str] = set()
    for html in sorted(site.rglob("index.html")):
        url = page_url(site, html)
        if url.startswith(SKIP):
            continue
        text = html.read_text("utf-8")
        if REDIRECT.search(text):
            continue
        entries.add(url)
        entries.update(f"{url}#{anchor}" for anchor in HEADING_ID.findall(text))
    return entries


def read_registry(path: Path = REGISTRY) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def resolve(site: Path, entry: str) -> str | None:
    """None if ``entry`` resolves in ``site``, else why not. Follows one
    redirect page (mkdocs-redirects) and accepts any element id as anchor."""
    url, _, anchor = entry.partition("#")
    path = site / ("index.html" if url in ("", "/") else url + "index.html")
    if not path.exists():
        return f"no page at {url or '/'}"
    text = path.read_text("utf-8")
    moved = REDIRECT.search(text)
    if moved:
        target = (path.parent / moved.group(1).split("#")[0]).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            return f"{url} redirects to a missing page"
        text = target.read_text("utf-8")
    if anchor and not re.search(rf'\sid="{re.escape(anchor)}"', text):
        return f"no anchor #{anchor} on {url or '/'}"
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--update", action="store_true",
                        help="add newly published entries to permalinks.txt")
    args = parser.parse_args(argv)
    now = published(args.site)
    if not args.update:
        print("\n".join(sorted(now)))
        return 0
    known = set(read_registry())
    added = sorted(now - known)
    REGISTRY.write_text(HEADER + "\n".join(sorted(known | now)) + "\n", "utf-8")
    print(f"{len(added)} added, {len(known | now)} registered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
