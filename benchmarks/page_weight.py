"""What a reader downloads to see each page, against the floor: a text-only
page built with the same pinned Material and its search plugin.

Builds two sites in a temporary folder: ours (``mkdocs build``), and one
text-only page with stock Material (no overrides, no hooks, no extra CSS or
JavaScript; the theme's palette, features and system fonts as ours, the
search plugin on). Serves both as a static host does (gzip level 6,
tools/static_site.py), loads every page in Chromium at a phone's size with
an empty cache, scrolls to the end so lazy images load, and adds up the
bytes of every response as they came over the wire (gzip-compressed where
the host compresses). Prints one table: page, kB (1,000 bytes), ratio to the
text-only page, element count, the three biggest responses. Budget: every
page within 1.3x. A note follows when a page fetched something that grows
with the site (the search index, the sitemap) while loading.
    make bench-weight
    python benchmarks/page_weight.py positions/ faq/        # some pages only
    python benchmarks/page_weight.py --site /tmp/site        # a build you made
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.static_site import launch_chromium, pages, serve  # noqa: E402

BUDGET = 1.3
GROWS_WITH_SITE = ("search/search_index.json", "sitemap.xml")
BASELINE_CONFIG = """\
site_name: Baseline
theme:
  name: material
  language: en
  font: false
  features: [content.action.edit, content.code.copy, navigation.footer,
             navigation.sections, navigation.top, search.highlight, toc.follow]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: indigo
      toggle: {icon: material/weather-night, name: Switch to dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: indigo
      toggle: {icon: material/weather-sunny, name: Switch to light mode}
plugins:
  - search
"""
BASELINE_TEXT = """# A text-only page

**Short answer.** This page holds text and nothing else: no figure, no
table, no code, no math. It is the floor the page-weight benchmark compares
every page of the site with: what Material itself costs.

## A section

""" + ("Plain words of an explanation, the length of a short page. " * 40) + "\n"


def _mkdocs(config_dir: Path, out: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir",
                    str(out)], cwd=config_dir, env=env, check=True)
    return out


def build_baseline(out: Path) -> Path:
    """The text-only page with stock Material, built into ``out/baseline``."""
    tree = out / "baseline-src"
    (tree / "docs").mkdir(parents=True)
    (tree / "mkdocs.yml").write_text(BASELINE_CONFIG, "utf-8")
    (tree / "docs" / "index.md").write_text(BASELINE_TEXT, "utf-8")
    return _mkdocs(tree, out / "baseline")


def build_site(out: Path) -> Path:
    """Our site, built from the working tree into ``out/site``."""
    return _mkdocs(ROOT, out / "site")


def weigh(browser, url: str) -> dict:
    """Every response while ``url`` loads with a cold cache and is scrolled
    to its end: {"total": bytes, "responses": [(bytes, name)], "dom": n}."""
    context = browser.new_context(viewport={"width": 412, "height": 823},
                                  device_scale_factor=1.75, is_mobile=True)
    try:
        page = context.new_page()
        seen = []

        def done(request):
            # Chromium reports 0 bytes for a worker's script; the host's
            # Content-Length (the bytes sent, gzip included) is the same
            # figure for every other response
            response = request.response()
            sent = int(response.headers.get("content-length", 0)) if response else 0
            size = max(request.sizes()["responseBodySize"], sent)
            seen.append((size, request.url[len(url.split("/", 3)[0]) + 2:]))

        page.on("requestfinished", done)
        page.goto(url, wait_until="networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(300)               # lazy images start
        page.wait_for_load_state("networkidle")
        dom = page.evaluate("document.getElementsByTagName('*').length")
    finally:
        context.close()
    return {"total": sum(s for s, _ in seen), "responses": sorted(seen, reverse=True),
            "dom": dom}


def short(name: str) -> str:
    """A response's name without the server's address and query."""
    name = name.split("/", 1)[1] if "/" in name else name
    name = name.split("?")[0]
    return name.rsplit("/", 1)[-1] or name.rstrip("/").rsplit("/", 1)[-1] + "/"


def table(weights: dict[str, dict], floor: dict) -> list[str]:
    """The printed table, heaviest page first."""
    base = floor["total"]
    lines = [f"text-only page (stock Material + search): {base / 1000:.1f} kB, "
             f"{floor['dom']} elements",
             f"{'page':<28} {'kB':>6} {'ratio':>6} {'DOM':>5}  three biggest responses (kB)"]
    for path, w in sorted(weights.items(), key=lambda kv: -kv[1]["total"]):
        biggest = ", ".join(f"{short(n)} {s / 1000:.1f}" for s, n in w["responses"][:3])
        flag = "" if w["total"] <= BUDGET * base else "  OVER"
        lines.append(f"{path or '/':<28} {w['total'] / 1000:6.1f} "
                     f"{w['total'] / base:6.2f} {w['dom']:5}  {biggest}{flag}")
    worst = max(w["total"] for w in weights.values()) / base
    lines.append(f"heaviest page: {worst:.2f}x the text-only page (budget {BUDGET}x): "
                 + ("holds" if worst <= BUDGET else "MISSED"))
    for path, w in weights.items():
        grows = sorted({short(n) for _, n in w["responses"]
                        if n.split("?")[0].endswith(GROWS_WITH_SITE)})
        if grows:
            lines.append(f"note: {path or '/'} fetched {', '.join(grows)} while loading")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages such as positions/ (default: all)")
    parser.add_argument("--site", type=Path, help="weigh this built site instead of building one")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        floor_site = build_baseline(Path(tmp))
        site = args.site or build_site(Path(tmp))
        paths = args.pages or pages(site)
        with serve(site, compress=True) as ours, \
                serve(floor_site, compress=True) as floor_url, \
                sync_playwright() as p:
            browser = launch_chromium(p)
            floor = weigh(browser, floor_url)
            weights = {path: weigh(browser, ours + path) for path in paths}
            browser.close()
    print("\n".join(table(weights, floor)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
