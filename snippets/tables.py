"""Markdown tables built from rows, so no page module writes pipes by hand."""

from __future__ import annotations

ALIGN = {"left": "---", "right": "---:", "center": ":---:"}


def markdown_table(headers, rows, align=None) -> str:
    """A Markdown table: one header row, then ``rows`` (each as many cells
    as ``headers``; a cell is written with ``str``). ``align`` gives each
    column's alignment, ``"left"``, ``"right"`` or ``"center"``; by default
    the first column is left and the others right, as numbers read best."""
    headers = [str(h) for h in headers]
    if not headers:
        raise ValueError("a table needs at least one column")
    if align is None:
        align = ["left"] + ["right"] * (len(headers) - 1)
    align = list(align)
    if len(align) != len(headers):
        raise ValueError(f"align has {len(align)} entries for "
                         f"{len(headers)} columns")
    unknown = sorted({a for a in align if a not in ALIGN}, key=str)
    if unknown:
        raise ValueError(f"align must be left, right or center, got {unknown}")
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join(ALIGN[a] for a in align) + "|"]
    for k, row in enumerate(rows):
        cells = [str(cell) for cell in row]
        if len(cells) != len(headers):
            raise ValueError(f"row {k} has {len(cells)} cells for "
                             f"{len(headers)} columns")
        if any("|" in c or "\n" in c for c in cells):
            raise ValueError(f"row {k} has a cell with '|' or a line break")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
