"""Lighthouse (mobile preset) on every page: performance, accessibility,
best practices and SEO. Budgets: performance >= 95, the others 100.

Needs Node and npm (the benchmarks only: the site and its tests do not):
`npm ci` installs the pinned lighthouse from benchmarks/package-lock.json.
The site is served gzip-compressed with a cache lifetime, as static hosts
serve it (benchmarks/serve.py).
    make bench-lighthouse
    python benchmarks/lighthouse.py positions/ faq/     # some pages only
    LH_RUNS=5 python benchmarks/lighthouse.py          # more runs per page

One Lighthouse run is noisy (on this 2-core machine the performance score
of one page swings by up to 8 points between runs), so each page is audited
LH_RUNS times (3 by default) and the table shows the median score with the
lowest and highest run beside it, as Lighthouse's own variability notes
advise. The last two columns are the median Total Blocking Time (the metric
that moves most) and Lighthouse's benchmarkIndex of the machine during those
runs (higher is faster): a low index explains a low score. For a figure
that does not move with the machine, see load_work.py.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve import pages, serve  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def lighthouse() -> Path:
    cli = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"],
                       cwd=HERE, check=True)
    return cli


def audit(cli: Path, url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=os.environ.get("OBO_CHROMIUM", "/usr/bin/chromium"))
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
    tbt = report["audits"]["total-blocking-time"]["numericValue"]
    return {"scores": scores, "failing": failing, "tbt": tbt,
            "speed": report["environment"]["benchmarkIndex"]}


def main(only: list[str] | None = None) -> int:
    cli = lighthouse()
    site = ROOT / "site"
    if not (site / "index.html").exists():
        subprocess.run(["make", "build"], cwd=ROOT, check=True)
    runs = int(os.environ.get("LH_RUNS", "3"))
    if runs < 1:
        raise SystemExit(f"LH_RUNS must be at least 1, got {runs}")
    results: dict[str, list[dict]] = {}
    # served the way a static host serves it: gzip and a cache lifetime
    with tempfile.TemporaryDirectory() as tmp, serve(site, compress=True) as base:
        for path in only or pages(site):
            results[path or "/"] = [audit(cli, base + path, Path(tmp) / "report.json")
                                    for _ in range(runs)]
    print(f"median of {runs} run(s) per page; performance as median (low-high)")
    print(f"{'page':<30} {'perf':>13} {'a11y':>5} {'best':>5} {'seo':>5} {'TBT ms':>7} {'machine':>8}")
    ok = True
    for path, rs in results.items():
        med = {c: statistics.median_low([r["scores"][c] for r in rs]) for c in CATEGORIES}
        perf = [r["scores"]["performance"] for r in rs]
        failing = sorted({a for r in rs for a in r["failing"]})
        tbt = statistics.median(r["tbt"] for r in rs)
        speed = statistics.median(r["speed"] for r in rs)
        print(f"{path:<30} {med['performance']:5} ({min(perf):>2}-{max(perf):>3}) "
              f"{med['accessibility']:5} {med['best-practices']:5} {med['seo']:5}"
              f" {tbt:7.0f} {speed:8.0f}"
              + (f"   failing: {', '.join(failing[:6])}" if failing else ""))
        ok &= all(med[c] >= BUDGET[c] for c in CATEGORIES)
    print("budgets on the medians (performance >= 95, others 100): "
          + ("hold" if ok else "MISSED"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or None))
