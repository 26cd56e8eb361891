"""Numbers in the prose come from snippets.facts, and all of them are used."""

import re
from pathlib import Path

import pytest

from snippets import animations, facts, figures

DOCS = Path(__file__).resolve().parents[1] / "docs"
PLACEHOLDER = re.compile(
    r"\{\{\s*(figure:|animation:)?([a-z][a-z0-9_.-]*)\s*\}\}")


def used():
    found = {"": set(), "figure:": set(), "animation:": set()}
    for page in DOCS.rglob("*.md"):
        for kind, name in PLACEHOLDER.findall(page.read_text("utf-8")):
            found[kind].add(name)
    return found[""], found["figure:"], found["animation:"]


def test_every_placeholder_is_known_and_every_fact_is_used():
    names, figs, anims = used()
    known = facts.all_facts()
    assert names - known.keys() == set(), "pages cite unknown facts"
    assert known.keys() - names == set(), "facts computed but never shown"
    assert figs - figures.registry().keys() == set()
    assert figures.registry().keys() - figs == set(), "figure never shown"
    assert anims == set(animations.registry()), "animations and pages differ"


def test_facts_are_non_empty_strings():
    for name, value in facts.all_facts().items():
        assert isinstance(value, str) and value.strip(), name


def test_a_fact_defined_twice_is_refused(monkeypatch):
    monkeypatch.setattr(facts, "PAGE_MODULES", ("positions", "positions"))
    with pytest.raises(ValueError, match="fact 'positions.lecture' is defined twice"):
        facts.all_facts()
