"""Time every form of a 1x1 convolution against a bare np.matmul.

Writes benchmarks/results/gemm.json (docs/benchmarks.md and its figure are
drawn from it) and gemm.md, the full table (commit both), and prints the
ratios and whether the matmul form stays within its budget of 1.1x a bare
np.matmul.
    make bench-gemm
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

# One BLAS thread: on a small shared machine, thread scheduling adds more
# noise than the 1x1 forms differ by. Set OPENBLAS_NUM_THREADS to override.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness import run  # noqa: E402  (benchmarks/harness.py)
from snippets.benchmarks import (  # noqa: E402
    BUDGET, RESULTS, RESULTS_TABLE, results_markdown)


def main() -> int:
    data = run(repeats=15, min_seconds=0.2)
    data["machine"]["blas_threads"] = os.environ["OPENBLAS_NUM_THREADS"]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    RESULTS_TABLE.write_text(results_markdown(data), "utf-8")  # the full table
    m = data["machine"]
    print(f"machine: {m['cpu']}, {m['cores']} cores, numpy {m['numpy']}, {m['blas']}")
    print(f"{'layer':<24} {'bare ms':>8} {'matmul':>7} {'einsum':>7} "
          f"{'einsum*':>8} {'conv2d':>7} {'loop':>7} {'naive':>9} {'noise':>6}")
    ok = True
    for r in data["rows"]:
        ratio = r["ratio"]
        shape = f"{r['h']}x{r['w']}x{r['c_in']}->{r['c_out']}"
        print(f"{shape:<24} {r['seconds']['bare'] * 1e3:8.3f} {ratio['matmul']:7.3f} "
              f"{ratio['einsum']:7.2f} {ratio['einsum_plain']:8.1f} "
              f"{ratio['conv2d']:7.2f} {ratio['loop']:7.0f} "
              f"{ratio['naive']:9,.0f} {ratio['bare_again']:6.3f}")
        ok &= ratio["matmul"] <= BUDGET
    print("ratios to the bare np.matmul; einsum* = einsum without optimize=True;"
          " noise = the bare call timed again")
    print(f"budget: matmul form within {BUDGET}x of bare np.matmul: "
          f"{'holds' if ok else 'MISSED'}")
    print(f"written: {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
