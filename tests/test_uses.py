"""snippets.uses: one real 1x1 layer per use, counted by snippets.costs."""

from snippets import costs, uses


def test_rows_match_the_cost_model():
    rows = {row["use"]: row for row in uses.example_costs()}
    assert len(rows) == len(uses.EXAMPLES) == 9
    reduce = rows["reduce depth"]
    lecture = costs.Bottleneck()
    assert reduce["mult_adds"] == lecture.reduce_step == 2_408_448
    short = rows["projection shortcut"]
    assert short["output"] == (28, 28, 512)
    assert short["mult_adds"] == 28 * 28 * 256 * 512
    se = rows["squeeze-and-excitation"]
    assert se["channels"] == [256, 16, 256]
    assert se["weights"] == se["mult_adds"] == 2 * 256 * 16
    assert rows["feed-forward sub-layer"]["weights"] == 2 * 512 * 2048
    assert rows["colour transform"]["weights"] == 9


def test_table_and_facts():
    table = uses.table()
    lines = table.splitlines()
    assert len(lines) == 2 + 9
    assert "| reduce depth |" in lines[2] and "2,408,448" in lines[2]
    assert "192 → 16" in lines[2]
    facts = uses.facts()
    assert facts["uses.table"] == table
    assert facts["uses.count"] == "9"
    assert facts["uses.reduce_mult_adds"] == "2,408,448"
    assert uses.figures() == []
