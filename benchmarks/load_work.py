"""Main-thread work a phone does to load each page, against a text-only page.

Lighthouse's performance score on this 2-core machine swings by up to ten
points between runs of the same page, because it scales what it measures by
the machine's speed of the moment. This script measures what the score is
made of, and what the site controls, directly: Chromium's own counters of
script, style and layout time while a page loads at a phone's size (412 x
823, as Lighthouse's mobile preset), medians of several loads taken in turn
so that a slow minute hits every page alike. Each page is printed as a ratio
to the text-only page of page_weight.py (stock Material and its search
plugin, the same pinned versions), so the figure says what a page's code,
figures and math add to the theme's own cost.

Beside the times, one traced load a page counts the elements Chromium
restyles while Material's script starts (``restyled``): a count, not a
time, so it does not move with the machine's speed and shows a change too
small for the times' noise (hooks/table_boxes.py halved it on the pages
with tables).

    make bench-load
    python benchmarks/load_work.py positions/ faq/        # some pages only
    python benchmarks/load_work.py --site /tmp/site            # a build you made
    python benchmarks/load_work.py --site /tmp/old --site site positions/
        # two or more builds, no ratios, loaded in turn, for a before/after
    LOAD_RUNS=9 python benchmarks/load_work.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from page_weight import build_baseline, build_site  # noqa: E402
from tools.static_site import launch_chromium, pages, serve  # noqa: E402

PARTS = {"script": "ScriptDuration", "style": "RecalcStyleDuration",
         "layout": "LayoutDuration"}


def load_once(browser, url: str) -> dict[str, float]:
    """Milliseconds of script, style and layout until a second after load."""
    context = browser.new_context(viewport={"width": 412, "height": 823},
                                  device_scale_factor=1.75, is_mobile=True,
                                  has_touch=True)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.goto(url, wait_until="load")
        page.wait_for_timeout(1000)          # Material's start-up settles
        metrics = {m["name"]: m["value"]
                   for m in cdp.send("Performance.getMetrics")["metrics"]}
        return {part: metrics[name] * 1000 for part, name in PARTS.items()}
    finally:
        context.close()


def restyled(browser, url: str) -> int:
    """Elements restyled while Material's script starts on ``url``: the sum
    of ``elementCount`` over Chromium's UpdateLayoutTree trace events inside
    the page's DOMContentLoaded handlers. Unlike a count over the whole
    load, this does not depend on how the parser happened to split the page
    between paints, so the same page gives the same count."""
    context = browser.new_context(viewport={"width": 412, "height": 823},
                                  device_scale_factor=1.75, is_mobile=True,
                                  has_touch=True)
    try:
        page = context.new_page()
        browser.start_tracing(page=page, categories=["devtools.timeline"])
        try:
            page.goto(url, wait_until="load")
            page.wait_for_timeout(1000)
        finally:
            trace = json.loads(browser.stop_tracing())
    finally:
        context.close()
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    # the page's own handlers; an SVG figure's document has none, and its
    # event takes no time
    starts = [e for e in events if e.get("name") == "EventDispatch"
              and (e.get("args", {}).get("data") or {}).get("type") == "DOMContentLoaded"]
    start = max(starts, key=lambda e: e.get("dur", 0))
    thread, begin, end = start["tid"], start["ts"], start["ts"] + start.get("dur", 0)
    return sum((e.get("args") or {}).get("elementCount", 0) for e in events
               if e.get("name") == "UpdateLayoutTree" and e.get("tid") == thread
               and begin <= e["ts"] <= end)


def measure(sites: list[Path], paths: list[list[str]], runs: int) -> list[dict[str, dict[str, float]]]:
    """Median milliseconds per part for each page of each site (``paths[i]``
    are site i's pages); the loads are taken in turn (a page of each site,
    the next page of each, ..., then all again)."""
    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    samples = [{path: [] for path in site_paths} for site_paths in paths]
    with ExitStack() as stack, sync_playwright() as p:
        bases = [stack.enter_context(serve(site, compress=True)) for site in sites]
        browser = launch_chromium(p)
        try:
            for _ in range(runs):
                for row in zip_longest(*paths):
                    for base, loads, path in zip(bases, samples, row):
                        if path is not None:
                            loads[path].append(load_once(browser, base + path))
            counts = [{path: restyled(browser, base + path) for path in site_paths}
                      for base, site_paths in zip(bases, paths)]
        finally:
            browser.close()
    results = []
    for site_samples, site_counts in zip(samples, counts):
        result = {}
        for path, loads in site_samples.items():
            medians = {part: statistics.median(load[part] for load in loads)
                       for part in PARTS}
            medians["total"] = statistics.median(sum(load.values()) for load in loads)
            medians["restyled"] = site_counts[path]
            result[path] = medians
        results.append(result)
    return results


def report(result: dict[str, dict[str, float]], baseline: dict[str, float] | None) -> None:
    """One line a page, most work first: the median milliseconds (with
    ``baseline``, the text-only page's figures, the total's ratio to its
    total), then the elements restyled at start-up. That count has no ratio:
    the text-only page's is next to nothing (it has no code or tables)."""
    header = (f"{'page':<30} {'script':>7} {'style':>7} {'layout':>7} {'total':>7}"
              + ("  ratio" if baseline else "") + f" {'restyled':>9}")
    print(header + "   (ms, median; elements)")
    for path, ms in sorted(result.items(), key=lambda kv: -kv[1]["total"]):
        line = (f"{path or '/':<30} {ms['script']:7.0f} {ms['style']:7.0f} "
                f"{ms['layout']:7.0f} {ms['total']:7.0f}")
        if baseline:
            line += f"  {ms['total'] / baseline['total']:5.2f}"
        line += f" {ms['restyled']:9.0f}"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages such as positions/ (default: all)")
    parser.add_argument("--site", type=Path, action="append",
                        help="measure this built site instead (repeat to compare)")
    args = parser.parse_args(argv)
    runs = int(os.environ.get("LOAD_RUNS", "5"))
    if runs < 1:
        raise SystemExit(f"LOAD_RUNS must be at least 1, got {runs}")
    with_baseline = len(args.site or []) <= 1     # one site: against the floor
    with tempfile.TemporaryDirectory() as tmp:
        sites = list(args.site or [build_site(Path(tmp))])
        paths = [args.pages or pages(sites[0]) for _ in sites]
        if with_baseline:
            sites.append(build_baseline(Path(tmp)))
            paths.append([""])
        results = measure(sites, paths, runs)
    print(f"{runs} loads a page, in turn; Chromium at 412 x 823, unthrottled")
    baseline = results.pop()[""] if with_baseline else None
    for site, result in zip(sites, results):
        if args.site:
            print(f"\n{site}")
        if baseline:
            print(f"text-only page: {baseline['total']:.0f} ms of script, style and "
                  f"layout; {baseline['restyled']:.0f} elements restyled at start-up")
        report(result, baseline)
        if baseline:
            worst = max(ms["total"] for ms in result.values()) / baseline["total"]
            print(f"most work: {worst:.2f}x the text-only page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
