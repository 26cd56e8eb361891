"""What a playing animation costs the reader's browser: main-thread time per
second of wall time, measured in Chromium with the animation on screen,
against the same page at rest at its top (no animation in view).

The animations switch frames with SMIL <set> elements, which wake the
browser only when a frame changes (about 1.4 times a second). CSS keyframes,
even with steps(), restyle the image on every display refresh; this script
is how that difference was measured.
    make bench-animation
    python benchmarks/animation_cost.py positions/ channels/
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.static_site import launch_chromium, serve  # noqa: E402

WARM_MS, MEASURE_MS = 2000, 4000


def main_thread_ms_per_s(browser, url: str, selector: str) -> float:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.goto(url)
        page.locator(selector).first.scroll_into_view_if_needed()
        page.wait_for_timeout(WARM_MS)

        def task_seconds() -> float:
            metrics = cdp.send("Performance.getMetrics")["metrics"]
            return next(m["value"] for m in metrics if m["name"] == "TaskDuration")

        before = task_seconds()
        page.wait_for_timeout(MEASURE_MS)
        return 1000 * (task_seconds() - before) / (MEASURE_MS / 1000)
    finally:
        page.close()


def main(paths: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    site = ROOT / "site"
    if not (site / "index.html").exists():
        subprocess.run(["make", "build"], cwd=ROOT, check=True)
    print("main-thread time while the page sits still, ms per second")
    print(f"{'page':<14} {'animation on screen':>20} {'top of the page':>16}")
    with serve(site, compress=True) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        for path in paths:
            moving = main_thread_ms_per_s(browser, base + path, ".obo-animation img")
            still = main_thread_ms_per_s(browser, base + path, "h1")
            print(f"{path:<14} {moving:20.1f} {still:16.1f}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["positions/", "channels/", "errata/"]))
