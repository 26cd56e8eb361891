"""snippets.tables: the one helper that writes a Markdown table."""

import pytest

from snippets.tables import markdown_table


def test_numbers_right_aligned_by_default():
    assert markdown_table(["layer", "params"], [["3a", "159K"], [1, 2.5]]) == (
        "| layer | params |\n|---|---:|\n| 3a | 159K |\n| 1 | 2.5 |")


def test_explicit_alignment_and_no_rows():
    assert markdown_table(["a", "b", "c"], [], ["center", "left", "right"]) \
        == "| a | b | c |\n|:---:|---|---:|"


@pytest.mark.parametrize("headers, rows, align, message", [
    ([], [], None, "at least one column"),
    (["a", "b"], [], ["left"], "align has 1 entries for 2 columns"),
    (["a"], [], ["middle"], r"align must be left, right or center, got \['middle'\]"),
    (["a", "b"], [["x"]], None, "row 0 has 1 cells for 2 columns"),
    (["a"], [["x|y"]], None, r"row 0 has a cell with '\|'"),
])
def test_bad_input(headers, rows, align, message):
    with pytest.raises(ValueError, match=message):
        markdown_table(headers, rows, align)
