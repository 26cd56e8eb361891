"""'A 1x1 convolution is a matrix product', measured.

Backs ``docs/benchmarks.md``. :func:`run` times each form of ``conv1x1`` on
real layer shapes against a bare ``np.matmul`` of the same GEMM; ``make
bench`` (``benchmarks/gemm.py``) writes the results, with the machine they
ran on, to ``benchmarks/results/gemm.json``, which is committed. The page
and its figure are drawn from that file, never from a timing taken during
the build.
"""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path

import numpy as np

from .conv import check_size, conv1x1_einsum, conv1x1_loop, conv1x1_matmul, conv2d
from .figures import Figure, pyplot, style_chart

RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "results" / "gemm.json"

# (label, H, W, C_in, C_out): real 1x1 layers
SHAPES = (
    ("Inception 3a, its 1x1 layers fused", 28, 28, 192, 176),
    ("ResNet bottleneck reduction", 56, 56, 256, 64),
    ("The lecture's reduction", 28, 28, 192, 32),
)
FORMS = ("matmul", "einsum", "einsum_plain", "loop", "conv2d", "naive",
         "bare_again")
BUDGET = 1.1          # the matmul form within 1.1x of a bare np.matmul


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
    import os

    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        blas_name = f"{blas.get('name')} {blas.get('version')}"
    except Exception:  # pragma: no cover - numpy builds without the dict mode
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


def load(path: Path = RESULTS) -> dict:
    """The committed results, checked for the fields the page needs."""
    data = json.loads(Path(path).read_text("utf-8"))
    for row in data["rows"]:
        missing = set(FORMS) - set(row["ratio"])
        if missing:
            raise ValueError(f"{path}: row {row['label']!r} lacks {sorted(missing)}")
    return data


def results_table(data: dict) -> str:
    rows = ["| layer (H x W x C_in to C_out) | bare np.matmul | matmul form "
            "| einsum form | einsum, no optimize | loop form "
            "| conv2d, 1x1 kernel | scalar loops | noise: bare again |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in data["rows"]:
        ms = r["seconds"]["bare"] * 1e3
        ratio = r["ratio"]
        rows.append(
            f"| {r['label']} ({r['h']}x{r['w']}x{r['c_in']} to {r['c_out']}) "
            f"| {ms:.2f} ms | {ratio['matmul']:.2f}x | {ratio['einsum']:.2f}x "
            f"| {ratio['einsum_plain']:.1f}x | {ratio['loop']:.0f}x "
            f"| {ratio['conv2d']:.2f}x "
            f"| {ratio['naive']:,.0f}x | {ratio['bare_again']:.2f}x |")
    return "\n".join(rows)


def facts() -> dict[str, str]:
    data = load()
    ratios = [r["ratio"] for r in data["rows"]]
    m = data["machine"]
    worst_matmul = max(r["matmul"] for r in ratios)
    return {
        "bench.table": results_table(data),
        "bench.worst_matmul": f"{worst_matmul:.2f}",
        "bench.budget": f"{BUDGET}",
        "bench.within_budget": "within" if worst_matmul <= BUDGET else "outside",
        "bench.loop_min": f"{min(r['loop'] for r in ratios):.0f}",
        "bench.einsum_max": f"{max(r['einsum'] for r in ratios):.2f}",
        "bench.noise": f"{max(abs(r['bare_again'] - 1) for r in ratios):.0%}",
        "bench.plain_min": f"{min(r['einsum_plain'] for r in ratios):.0f}",
        "bench.plain_max": f"{max(r['einsum_plain'] for r in ratios):.0f}",
        "bench.loop_max": f"{max(r['loop'] for r in ratios):.0f}",
        "bench.naive_min": f"{min(r['naive'] for r in ratios):,.0f}",
        "bench.machine": (f"{m['cpu']}, {m['cores']} cores, {m['system']}, "
                          f"Python {m['python']}, numpy {m['numpy']} with "
                          f"{m['blas']}, {m.get('blas_threads', 'default')} "
                          "BLAS thread(s)"),
    }


# --- figure -----------------------------------------------------------------

def fig_gemm(p: dict):
    """Time of each form as a multiple of a bare np.matmul, log scale."""
    plt = pyplot()

    data = load()
    labels = {"matmul": "matmul form", "einsum": "einsum form",
              "einsum_plain": "einsum, no optimize",
              "conv2d": "conv2d, 1x1 kernel", "loop": "loop over positions",
              "naive": "scalar Python loops"}
    colours = [p["accent2"], p["accent"], p["fill"], p["muted"], p["line"],
               p["ink"]]
    fig, ax = plt.subplots(figsize=(7.2, 3.8))
    n = len(data["rows"])
    width = 0.8 / len(labels)
    for k, (form, label) in enumerate(labels.items()):
        values = [r["ratio"][form] for r in data["rows"]]
        ax.bar([i + (k - 2.5) * width for i in range(n)], values, width * 0.9,
               color=colours[k], edgecolor=p["line"], linewidth=0.4,
               label=label)
    ax.axhline(1.0, color=p["ink"], linewidth=0.8, linestyle="--")
    ax.set_yscale("log")
    ax.set_xticks(range(n))
    ax.set_xticklabels([f"{r['h']}x{r['w']}x{r['c_in']}\nto {r['c_out']}"
                        for r in data["rows"]], color=p["ink"])
    ax.set_ylabel("time / bare np.matmul", color=p["ink"])
    style_chart(ax, p, legend={"fontsize": 8, "ncol": 3, "loc": "lower center",
                               "bbox_to_anchor": (0.5, 1.0)})
    fig.tight_layout()
    return fig


def figures() -> list[Figure]:
    data = load()
    worst = max(r["ratio"]["matmul"] for r in data["rows"])
    loop = min(r["ratio"]["loop"] for r in data["rows"])
    return [
        Figure(
            name="gemm",
            draw=fig_gemm,
            alt=("Grouped bars on a log scale, one group per layer shape, "
                 "showing each form's time as a multiple of a bare np.matmul. "
                 f"The matmul form sits at the dashed line (at most {worst:.2f} "
                 "times), einsum and conv2d near it, the loop over positions "
                 f"at least {loop:.0f} times higher and the scalar Python "
                 "loops highest of all."),
            caption=("Each form of a 1x1 convolution, timed against a bare "
                     "matrix product of the same shapes (lower is faster)."),
        ),
    ]
