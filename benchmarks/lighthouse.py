"""Lighthouse (mobile preset) on every page, interleaved with the text-only
page of page_weight.py (stock Material and its search plugin), so that a
slow minute of this shared 2-core machine hits both alike.

Budgets (issue 12): every page's median performance score 98 or more, its
median Total Blocking Time within 100 ms of the text-only page's; and
accessibility, best practices and SEO at 100.

Needs Node and npm (the benchmarks only: the site and its tests do not):
`npm ci` installs the pinned lighthouse from benchmarks/package-lock.json.
Both sites are served as static hosts serve them (gzip level 6, a cache
lifetime: tools/static_site.py).
    make bench-lighthouse
    python benchmarks/lighthouse.py positions/ faq/     # some pages only
    python benchmarks/lighthouse.py --site /tmp/site    # a build you made
    LH_RUNS=3 python benchmarks/lighthouse.py           # fewer runs (default 5)

Order: in each round, the text-only page, then our pages, with the text-only
page again after every LH_EVERY (default 3) of ours; the table shows each
page's median over the rounds and the text-only page's median over all its
runs. One run takes 10 to 30 s here; all sixteen pages at five rounds take
about half an hour.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from page_weight import build_baseline, build_site  # noqa: E402
from tools.static_site import CHROMIUM, pages, serve  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PERFORMANCE, TBT_MARGIN = 98, 100
FLOOR = "text-only page"


def lighthouse() -> Path:
    cli = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"],
                       cwd=HERE, check=True)
    return cli


def audit(cli: Path, url: str, out: Path) -> dict:
    """One Lighthouse run (mobile, its default): scores, TBT, machine speed."""
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    subprocess.run(
        ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
         "--only-categories=" + ",".join(CATEGORIES),
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
         "--disable-background-networking --disable-component-update"],
        env=env, check=True)
    report = json.loads(out.read_text("utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = [a["id"] for a in report["audits"].values()
               if a.get("score") is not None and a["score"] < 1
               and a.get("scoreDisplayMode") in ("binary", "metricSavings")]
    return {"scores": scores, "failing": failing,
            "tbt": report["audits"]["total-blocking-time"]["numericValue"],
            "speed": report["environment"]["benchmarkIndex"]}


def schedule(paths: list[str], runs: int, every: int) -> list[tuple[str, str]]:
    """The order of the runs: ("floor", "") or ("ours", path), interleaved."""
    order = []
    for _ in range(runs):
        for i, path in enumerate(paths):
            if i % every == 0:
                order.append(("floor", ""))
            order.append(("ours", path))
    return order


def summary(rs: list[dict]) -> dict:
    perf = [r["scores"]["performance"] for r in rs]
    return {"median": {c: statistics.median_low([r["scores"][c] for r in rs])
                       for c in CATEGORIES},
            "low": min(perf), "high": max(perf),
            "tbt": statistics.median(r["tbt"] for r in rs),
            "speed": statistics.median(r["speed"] for r in rs),
            "failing": sorted({a for r in rs for a in r["failing"]})}


def table(results: dict[str, list[dict]], floor_runs: list[dict]) -> tuple[list[str], bool]:
    floor = summary(floor_runs)
    lines = [f"{'page':<28} {'perf':>13} {'TBT ms':>7} {'floor perf':>10} "
             f"{'floor TBT':>9} {'a11y':>5} {'best':>5} {'seo':>5} {'machine':>8}"]
    fm = floor["median"]

    def row(name, s):
        m = s["median"]
        return (f"{name:<28} {m['performance']:5} ({s['low']:>2}-{s['high']:>3})"
                f" {s['tbt']:7.0f} {fm['performance']:10} {floor['tbt']:9.0f}"
                f" {m['accessibility']:5} {m['best-practices']:5} {m['seo']:5}"
                f" {s['speed']:8.0f}"
                + (f"   failing: {', '.join(s['failing'][:6])}" if s["failing"] else ""))

    lines.append(row(FLOOR, floor))
    ok = True
    for path, rs in results.items():
        s = summary(rs)
        lines.append(row(path or "/", s))
        m = s["median"]
        ok &= (m["performance"] >= PERFORMANCE and s["tbt"] <= floor["tbt"] + TBT_MARGIN
               and all(m[c] == 100 for c in CATEGORIES[1:]))
    lines.append(f"budgets on the medians (performance >= {PERFORMANCE}, TBT within "
                 f"{TBT_MARGIN} ms of the text-only page's, the others 100): "
                 + ("hold" if ok else "MISSED"))
    return lines, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages such as positions/ (default: all)")
    parser.add_argument("--site", type=Path, help="audit this built site instead of building one")
    args = parser.parse_args(argv)
    runs = int(os.environ.get("LH_RUNS", "5"))
    every = int(os.environ.get("LH_EVERY", "3"))
    if runs < 1 or every < 1:
        raise SystemExit(f"LH_RUNS and LH_EVERY must be at least 1, got {runs}, {every}")
    cli = lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        floor_site = build_baseline(tmp)
        site = args.site or build_site(tmp)
        paths = args.pages or pages(site)
        results: dict[str, list[dict]] = {path: [] for path in paths}
        floor_runs: list[dict] = []
        with serve(site, compress=True) as ours, serve(floor_site, compress=True) as floor:
            for which, path in schedule(paths, runs, every):
                if which == "floor":
                    floor_runs.append(audit(cli, floor, tmp / "report.json"))
                else:
                    results[path].append(audit(cli, ours + path, tmp / "report.json"))
    print(f"Lighthouse {json.loads((HERE / 'package.json').read_text())['dependencies']['lighthouse']}"
          f", mobile; median of {runs} run(s) a page, performance as median (low-high);"
          f" the text-only page ran {len(floor_runs)} times, interleaved")
    lines, _ = table(results, floor_runs)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
