"""MkDocs hook: draw every figure from ``snippets`` before each build.

Figures go to ``docs/figures/`` (ignored by git). A file is written only when
its bytes change, so ``mkdocs serve`` does not rebuild in a loop; figures no
longer in the registry are removed.
"""

from __future__ import annotations

import importlib
import logging
import os
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
    """Write ``data`` unless the file holds it already. The bytes go to a
    temporary file first and replace the old one in one step, so a build
    running at the same time (the tests build twice in parallel) never
    copies a half-written figure."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)
    return True


STAMP = ".source-digest"


def on_pre_build(config, **kwargs):
    figures, animations = fresh_snippets()
    out = Path(config.docs_dir) / "figures"
    jobs = {}
    for name, figure in figures.registry().items():
        for theme in figures.THEMES:
            jobs[figures.file_name(name, theme)] = (figures.render, figure, theme)
    for name, anim in animations.registry().items():
        for theme in figures.THEMES:
            moving, still = animations.file_names(name, theme)
            jobs[moving] = (animations.render_svg, anim, theme)
            jobs[still] = (animations.render_strip, anim, theme)
    for stale in out.glob("*.svg"):
        if stale.name not in jobs:
            stale.unlink()
    # same sources, same bytes: skip drawing when nothing in snippets changed
    digest = figures.source_digest()
    stamp = out / STAMP
    if (stamp.exists() and stamp.read_text() == digest
            and all((out / f).exists() for f in jobs)):
        log.info("figures: %d up to date", len(jobs))
        return
    written = sum(write_if_changed(out / file, render(item, theme))
                  for file, (render, item, theme) in jobs.items())
    write_if_changed(stamp, digest.encode())
    log.info("figures: %d drawn, %d changed", len(jobs), written)
