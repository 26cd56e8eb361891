"""MkDocs hook: draw every figure from ``snippets`` before each build.

Figures go to ``docs/figures/`` (ignored by git). A file is written only when
its bytes change, so ``mkdocs serve`` does not rebuild in a loop; figures no
longer in the registry are removed.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.figures")


def fresh_snippets():
    """Import ``snippets`` anew, so ``mkdocs serve`` sees edited code."""
    for name in [m for m in sys.modules if m == "snippets"
                 or m.startswith("snippets.")]:
        del sys.modules[name]
    return (importlib.import_module("snippets.figures"),
            importlib.import_module("snippets.animations"))


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def on_pre_build(config, **kwargs):
    figures, animations = fresh_snippets()
    out = Path(config.docs_dir) / "figures"
    wanted = set()
    written = 0
    for name, figure in figures.registry().items():
        for theme in figures.THEMES:
            path = out / figures.file_name(name, theme)
            wanted.add(path.name)
            written += write_if_changed(path, figures.render(figure, theme))
    for name, anim in animations.registry().items():
        for theme in figures.THEMES:
            moving, still = animations.file_names(name, theme)
            for file, render in ((moving, animations.render_svg),
                                 (still, animations.render_strip)):
                wanted.add(file)
                written += write_if_changed(out / file, render(anim, theme))
    for stale in out.glob("*.svg"):
        if stale.name not in wanted:
            stale.unlink()
    log.info("figures: %d drawn, %d changed", len(wanted), written)
