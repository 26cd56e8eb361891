"""Every number and table printed in the prose of the site, by name.

Pages write ``{{ name }}``; the build fills it from here, and fails on a
name this registry does not know.
"""

from __future__ import annotations

import importlib

# The modules of ``snippets`` behind a page; each defines ``facts()`` (the
# numbers its page prints) and ``figures()`` (the figures it draws).
PAGE_MODULES = ("positions", "nonlinearity", "channels", "inception",
                "fully_connected", "network_in_network", "beyond", "errata",
                "benchmarks", "calculator", "uses", "frameworks", "history",
                "shapes", "experiments", "folding", "separable")


def all_facts() -> dict[str, str]:
    """Merge each page module's ``facts()``; a name may be defined once."""
    merged: dict[str, str] = {}
    for module_name in PAGE_MODULES:
        module = importlib.import_module(f"{__package__}.{module_name}")
        for name, value in module.facts().items():
            if name in merged:
                raise ValueError(f"fact {name!r} is defined twice")
            merged[name] = value
    return merged
