"""Bytes a reader downloads for each page, against a text-only page.

Builds the site plus one text-only page with the same configuration into a
temporary folder, loads every page in Chromium with an empty cache, sums the
body bytes of every response, and prints each page as a ratio to the
text-only page. Budget: every page within 1.3x.
    make bench-weight
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve import launch_chromium, pages, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 1.3
BASELINE = "bench-baseline"
TEXT = """# A text-only page

**Short answer.** This page holds text and nothing else: no figure, no
table, no code, no math. It is the baseline the page-weight benchmark
compares every real page with, built with the site's own configuration.

## A section {#section}

""" + ("Plain words of an explanation, the length of a short page. " * 40) + "\n"


def build(out: Path) -> Path:
    """The site plus the text-only page, built from a copy of the tree."""
    tree = out / "tree"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "test-artifacts", "node_modules", "__pycache__"))
    (tree / "docs" / f"{BASELINE}.md").write_text(TEXT, "utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir",
                    str(out / "site")], cwd=tree, env=env, check=True)
    return out / "site"


def weigh(browser, url: str) -> int:
    """Body bytes of every response while loading ``url`` with a cold cache."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    sizes = []
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    # scroll to the end so lazy images load, as a reader scrolling would
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(sizes)


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp))
        with serve(site) as base, sync_playwright() as p:
            browser = launch_chromium(p)
            weights = {path: weigh(browser, base + path) for path in pages(site)}
            browser.close()
    baseline = weights.pop(f"{BASELINE}/")
    print(f"text-only page: {baseline / 1024:.0f} KiB")
    print(f"{'page':<32} {'KiB':>6} {'ratio':>6}")
    for path, size in sorted(weights.items(), key=lambda kv: -kv[1]):
        flag = "" if size <= BUDGET * baseline else "  over budget"
        print(f"{path or '/':<32} {size / 1024:6.0f} {size / baseline:6.2f}{flag}")
    worst = max(weights.values()) / baseline
    print(f"heaviest page: {worst:.2f}x the text-only page (budget {BUDGET}x): "
          f"{'holds' if worst <= BUDGET else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
