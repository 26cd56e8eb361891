"""How long the site takes to build, against a bare MkDocs build.

- clean: the build into an emptied site/, with the caches that are keyed by
  the hash of their sources (figures, executed notebooks) warm, as after
  any earlier build of the same sources;
- no change: the same build again straight after;
- bare: MkDocs on the same pages without our hooks, the figures already
  drawn and the notebooks already executed (mkdocs-jupyter's cache warm):
  the floor any build of these pages pays;
- cold (for information): no caches at all, every figure drawn and every
  notebook executed.
Budgets: clean within 2x of bare, no change within 1.2x.
    make bench-build
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")


def timed(command, cwd=ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def bare_config() -> Path:
    """mkdocs.yml without the hooks (mkdocs-jupyter stays: the notebook
    pages cannot be made without it)."""
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    text = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", text)
    text = text.replace("strict: true", "strict: false")
    text = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", text)
    path = ROOT / ".cache" / "mkdocs-bare.yml"
    path.parent.mkdir(exist_ok=True)
    # the copy lives in .cache/: point it back at the repository's folders
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    path.write_text(text, "utf-8")
    return path


def best(command, runs=3) -> float:
    return min(timed(command) for _ in range(runs))


def main() -> int:
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    site = ["--strict", "--site-dir", "site"]
    for generated in ("site", ".cache", "docs/figures"):
        shutil.rmtree(ROOT / generated, ignore_errors=True)
    cold = timed(mkdocs + site)
    clean = float("inf")
    for _ in range(3):
        shutil.rmtree(ROOT / "site", ignore_errors=True)
        clean = min(clean, timed(mkdocs + site))
    again = best(mkdocs + site)
    config = bare_config()
    bare = best(mkdocs + ["-f", str(config), "--site-dir",
                          str(ROOT / ".cache" / "bare-site")], runs=4)
    print(f"clean build:       {clean:6.2f} s  ({clean / bare:4.2f}x bare; budget 2x: "
          f"{'holds' if clean <= 2 * bare else 'MISSED'})")
    print(f"no-change rebuild: {again:6.2f} s  ({again / bare:4.2f}x bare; budget 1.2x: "
          f"{'holds' if again <= 1.2 * bare else 'MISSED'})")
    print(f"bare mkdocs build: {bare:6.2f} s  (same pages, no hooks, figures "
          "drawn and notebooks executed already)")
    print(f"cold build:        {cold:6.2f} s  (no caches: every figure drawn, "
          "every notebook executed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
