"""Every Python fence in docs/ is run by pytest-markdown-docs or says notest.

pytest-markdown-docs silently skips fences it cannot see (indented inside an
admonition or a tab, or written in a syntax it does not parse). This test
scans the pages independently and fails on any such fence.
"""

import re
from pathlib import Path

import pytest
from pytest_markdown_docs.plugin import (FenceSyntax, extract_fence_tests,
                                         pytest_markdown_docs_markdown_it)

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
PY = re.compile(r"^\{?\s*\.?(python3?|py)\b")


def scan(text):
    """Yield (line, indent, info) for each opening fence, by hand."""
    closing = None
    for number, line in enumerate(text.splitlines(), 1):
        m = OPEN.match(line)
        if not m:
            continue
        if closing is None:
            closing = m["fence"]
            yield number, m["indent"], m["info"].strip()
        elif m["fence"].startswith(closing) and not m["info"].strip():
            closing = None


def is_python(info):
    return bool(PY.match(info))


def test_pages_exist():
    assert len(PAGES) >= 2


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_python_fence_is_collected_or_notest(page):
    text = page.read_text(encoding="utf-8")
    fences = [(n, ind, info) for n, ind, info in scan(text) if is_python(info)]
    for number, indent, info in fences:
        if "notest" in info:
            continue
        assert not indent, (
            f"{page.name}:{number}: an indented Python fence is never run by "
            "pytest-markdown-docs; move it out of the admonition or tab, or "
            "mark it {.python notest}")
        assert info.startswith("{"), (
            f"{page.name}:{number}: use the brace form ```{{.python}}; "
            "Material cannot render bare-word attributes")
    for number, _, info in fences:
        if "--8<--" in text.splitlines()[number]:
            assert "notest" in info, f"{page.name}:{number}: an include fence must be notest"
    expected = sum("notest" not in info for _, _, info in fences)
    collected = list(extract_fence_tests(
        pytest_markdown_docs_markdown_it(), text, 0, page,
        fence_syntax=FenceSyntax.superfences))
    assert len(collected) == expected


def test_scanner_sees_what_the_collector_would_miss():
    text = (
        "```{.python}\nx = 1\n```\n\n"
        '!!! note\n    ```{.python}\n    y = 2\n    ```\n\n'
        "```{.python notest}\nz = 3\n```\n"
    )
    infos = [(ind, info) for _, ind, info in scan(text) if is_python(info)]
    assert infos == [("", "{.python}"), ("    ", "{.python}"),
                     ("", "{.python notest}")]
    collected = list(extract_fence_tests(
        pytest_markdown_docs_markdown_it(), text, 0, Path("x.md"),
        fence_syntax=FenceSyntax.superfences))
    assert len(collected) == 1   # the indented fence is silently skipped
