"""A static server for a built site on 127.0.0.1, for the benchmarks."""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(site: Path):
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def pages(site: Path) -> list[str]:
    """Every page of the built site, as paths ('' for the home page)."""
    skip = ("assets/", "search/", "figures/", "stylesheets/", "javascripts/")
    out = []
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).as_posix()[:-len("index.html")]
        if not rel.startswith(skip):
            out.append(rel)
    return out
