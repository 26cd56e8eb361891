"""The timing harness behind ``benchmarks/gemm.py``: each form of a 1x1
convolution from ``snippets.conv``, timed on one layer shape against a bare
``np.matmul`` of the same GEMM.

Not part of the site: the page (``docs/benchmarks.md``, drawn by
``snippets/benchmarks.py``) reads only the committed results file that
``make bench-gemm`` writes with :func:`run`. ``tests/test_benchmarks.py``
runs this harness on tiny shapes so it cannot rot.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from snippets.benchmarks import FORMS  # noqa: E402
from snippets.checks import check_size  # noqa: E402
from snippets.conv import (  # noqa: E402
    conv1x1_einsum, conv1x1_loop, conv1x1_matmul, conv2d)

# (label, H, W, C_in, C_out): real 1x1 layers
SHAPES = (
    ("Inception 3a, its 1x1 layers fused", 28, 28, 192, 176),
    ("ResNet bottleneck reduction", 56, 56, 256, 64),
    ("The lecture's reduction", 28, 28, 192, 32),
)


def _calibrate(fn, min_seconds: float) -> int:
    """Calls per round so that a round lasts at least ``min_seconds``."""
    fn()                                         # warm up
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        if time.perf_counter() - start >= min_seconds or number >= 1 << 20:
            return number
        number *= 2


def best_times(fns: dict, repeats: int = 7, min_seconds: float = 0.05) -> dict:
    """Seconds per call of each function: the best of ``repeats`` rounds.
    Rounds of the different functions alternate, so a slow moment of the
    machine hits them all alike and the ratios stay fair."""
    repeats = check_size(repeats, "repeats")
    numbers = {name: _calibrate(fn, min_seconds) for name, fn in fns.items()}
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            for _ in range(numbers[name]):
                fn()
            best[name] = min(best[name],
                             (time.perf_counter() - start) / numbers[name])
    return best


def best_time(fn, repeats: int = 7, min_seconds: float = 0.05) -> float:
    """Seconds per call of one function (see :func:`best_times`)."""
    return best_times({"fn": fn}, repeats, min_seconds)["fn"]


def naive_conv1x1(x, w, positions: int):
    """Scalar Python loops (position, filter, channel) over the first
    ``positions`` positions only: the cost of doing it by hand."""
    h, wd, c = x.shape
    out = []
    for p in range(positions):
        i, j = divmod(p, wd)
        column = x[i, j].tolist()
        for f in range(w.shape[1]):
            total = 0.0
            for k in range(c):
                total += column[k] * w[k, f]
            out.append(total)
    return out


def measure(h: int, w: int, c_in: int, c_out: int, repeats: int = 7,
            min_seconds: float = 0.05, naive_positions: int = 8,
            seed: int = 0) -> dict:
    """Seconds per call of every form on one shape (float32), and ratios to a
    bare ``np.matmul`` of the same (H*W, C_in) x (C_in, C_out) GEMM."""
    for name, value in (("h", h), ("w", w), ("c_in", c_in), ("c_out", c_out)):
        check_size(value, name)
    naive_positions = min(check_size(naive_positions, "naive_positions"), h * w)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((h, w, c_in)).astype(np.float32)
    weights = rng.standard_normal((c_in, c_out)).astype(np.float32)
    rows = x.reshape(h * w, c_in)
    kernel = weights.reshape(1, 1, c_in, c_out)
    timed = {
        "bare": lambda: np.matmul(rows, weights),
        # the same call again: how far apart two identical timings fall
        "bare_again": lambda: np.matmul(rows, weights),
        "matmul": lambda: conv1x1_matmul(x, weights),
        "einsum": lambda: conv1x1_einsum(x, weights),
        "einsum_plain": lambda: np.einsum("hwc,cd->hwd", x, weights),
        "loop": lambda: conv1x1_loop(x, weights),
        "conv2d": lambda: conv2d(x, kernel),
    }
    seconds = best_times(timed, repeats, min_seconds)
    # the scalar loops are far too slow for every position: time a few and
    # scale to all H*W positions
    per_position = best_time(lambda: naive_conv1x1(x, weights, naive_positions),
                             1, 0.0) / naive_positions
    seconds["naive"] = per_position * h * w
    return {
        "h": h, "w": w, "c_in": c_in, "c_out": c_out,
        "multiply_adds": h * w * c_in * c_out,
        "seconds": seconds,
        "ratio": {form: seconds[form] / seconds["bare"] for form in FORMS},
    }


def machine() -> dict:
    """What the numbers were measured on."""
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        blas_name = f"{blas.get('name')} {blas.get('version')}"
    except Exception:  # numpy builds without the dict mode
        blas_name = "unknown"
    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "system": platform.system(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas_name,
    }


def run(shapes=SHAPES, **options) -> dict:
    """Measure every shape; the result is what ``gemm.json`` holds."""
    return {
        "machine": machine(),
        "rows": [dict(label=label, **measure(h, w, c_in, c_out, **options))
                 for label, h, w, c_in, c_out in shapes],
    }
