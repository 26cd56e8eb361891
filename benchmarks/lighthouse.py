"""Lighthouse (mobile preset) on every page: performance, accessibility,
best practices and SEO. Budgets: performance >= 95, the others 100.

Needs Node and npm (the benchmarks only: the site and its tests do not):
`npm ci` installs the pinned lighthouse from benchmarks/package-lock.json.
    make bench-lighthouse
"""

from __future__ import annotations

import json
import os
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
    return {"scores": scores, "failing": failing}


def main() -> int:
    cli = lighthouse()
    site = ROOT / "site"
    if not (site / "index.html").exists():
        subprocess.run(["make", "build"], cwd=ROOT, check=True)
    results = {}
    with tempfile.TemporaryDirectory() as tmp, serve(site) as base:
        for path in pages(site):
            results[path or "/"] = audit(cli, base + path, Path(tmp) / "report.json")
    print(f"{'page':<30} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
    ok = True
    for path, r in results.items():
        s = r["scores"]
        print(f"{path:<30} {s['performance']:5} {s['accessibility']:5} "
              f"{s['best-practices']:5} {s['seo']:5}"
              + (f"   failing: {', '.join(r['failing'][:6])}" if r["failing"] else ""))
        ok &= all(s[c] >= BUDGET[c] for c in CATEGORIES)
    print("budgets (performance >= 95, others 100): " + ("hold" if ok else "MISSED"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
