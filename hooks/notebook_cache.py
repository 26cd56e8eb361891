"""MkDocs hook: key mkdocs-jupyter's execution cache on ``snippets`` too.

mkdocs-jupyter caches an executed notebook by the notebook's own bytes; our
notebooks import ``snippets``, so a change there must miss the cache.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def snippets_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "snippets").rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def on_config(config, **kwargs):
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        return config
    root = Path(config.config_file_path).parent
    base = Path(plugin.config["cache_dir"])
    if not base.is_absolute():
        base = root / base
    plugin.config["cache_dir"] = str(base / snippets_digest(root))
    return config
