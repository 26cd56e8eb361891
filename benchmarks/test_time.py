"""How long `make test` takes once the set-up is done (aim: under 2 minutes).
    make bench-test
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    start = time.perf_counter()
    done = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    summary = [line for line in done.stdout.splitlines() if " passed" in line]
    print(f"make test: {seconds:.0f} s ({summary[-1].strip('= ') if summary else 'no summary'}); "
          f"aim 120 s: {'holds' if seconds <= 120 else 'MISSED'}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
