"""snippets.benchmarks on tiny shapes, so the benchmark code cannot rot, and
the committed results file has what the page needs."""

import json

import pytest

from snippets import benchmarks as bm


def test_measure_on_a_tiny_shape():
    row = bm.measure(3, 4, 5, 2, repeats=1, min_seconds=0.0, naive_positions=2)
    assert set(row["ratio"]) == set(bm.FORMS)
    assert row["multiply_adds"] == 3 * 4 * 5 * 2
    assert all(t > 0 for t in row["seconds"].values())


def test_run_and_load_round_trip(tmp_path):
    data = bm.run(shapes=(("tiny", 2, 2, 3, 1),), repeats=1, min_seconds=0.0,
                  naive_positions=1)
    path = tmp_path / "gemm.json"
    path.write_text(json.dumps(data))
    assert bm.load(path)["rows"][0]["label"] == "tiny"
    assert "| tiny (2x2x3 to 1) |" in bm.results_table(data)
    assert data["machine"]["numpy"]
    del data["rows"][0]["ratio"]["naive"]
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match=r"lacks \['naive'\]"):
        bm.load(path)


def test_committed_results_cover_the_real_shapes():
    data = bm.load()
    assert [r["label"] for r in data["rows"]] == [s[0] for s in bm.SHAPES]
    facts = bm.facts()
    assert facts["bench.within_budget"] in ("within", "outside")
    assert float(facts["bench.worst_matmul"]) > 0


def test_naive_loops_compute_the_product():
    import numpy as np
    x = np.arange(2 * 2 * 3, dtype=float).reshape(2, 2, 3)
    w = np.ones((3, 2))
    assert bm.naive_conv1x1(x, w, 2) == [3.0, 3.0, 12.0, 12.0]


def test_bad_input():
    with pytest.raises(ValueError, match="c_out must be >= 1"):
        bm.measure(2, 2, 2, 0)
    with pytest.raises(ValueError, match="repeats must be >= 1"):
        bm.best_time(lambda: None, repeats=0)


def test_calibration_doubles_until_a_round_is_long_enough():
    calls = []
    number = bm._calibrate(lambda: calls.append(1), 0.001)
    assert number > 1 and len(calls) >= number
