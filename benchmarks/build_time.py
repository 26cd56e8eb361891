"""Print how long a clean build and a no-change rebuild of the site take.

Run from the repository root with the project's virtualenv:
    make build-time
A clean build removes site/, the figure folder and the notebook cache first;
the rebuild runs straight after it with nothing changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(site: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                    "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    site = ROOT / "site"
    for generated in (site, ROOT / ".cache", ROOT / "docs" / "figures"):
        shutil.rmtree(generated, ignore_errors=True)
    clean = build(site)
    again = build(site)
    print(f"clean build:      {clean:6.2f} s")
    print(f"no-change build:  {again:6.2f} s")
    print(f"rebuild / clean:  {again / clean:6.2f}")


if __name__ == "__main__":
    main()
