"""One static server and one Chromium launcher for the tests, the benchmarks
and the tools, so that they all see the site the same way.

``serve(site)`` answers on 127.0.0.1 as a plain static host does: files as
they are, and a missing page with the site's own ``404.html``. With
``compress=True`` it sends text the way the hosts the site is meant for
(GitHub Pages, Netlify, Cloudflare Pages) send it: gzip at level 6 to a
browser that accepts it, and ``Cache-Control: max-age=600`` on every answer.
The benchmarks weigh and audit the site that way; the tests use plain bytes.

``launch_chromium(playwright)`` starts Debian's Chromium (``/usr/bin/chromium``
or ``$OBO_CHROMIUM``) headless and quiet on the network: no background
fetches, no updates, no sync, so that every request a test or a benchmark
sees was made by the page.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import mimetypes
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path(os.environ.get("OBO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-quic", "--disable-default-apps",
]
GZIP_LEVEL = 6                  # what nginx-based static hosts use
TEXT = ("text/", "application/javascript", "application/json",
        "image/svg+xml", "application/xml")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from ``directory``; see the module's docstring."""

    compress = False

    def log_message(self, *args):
        pass

    def end_headers(self):
        if self.compress:
            self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        self._send(404, "text/html", page.read_bytes())

    def _send(self, status: int, kind: str, body: bytes) -> None:
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        gzipped = self.compress and wants and kind.startswith(TEXT)
        if gzipped:
            body = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") else ""
        self.send_header("Content-Type", kind + charset)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        url = self.path.split("?")[0].split("#")[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url.endswith("/"):
                return super().do_GET()          # the usual redirect to "dir/"
            path = path / "index.html"
        if not (self.compress and path.is_file()):
            return super().do_GET()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self._send(200, kind, path.read_bytes())


@contextmanager
def serve(site: Path, compress: bool = False) -> Iterator[str]:
    """Serve ``site`` on a free port; yields its address, ending in "/"."""
    handler = functools.partial(
        type("Handler", (SiteHandler,), {"compress": compress}),
        directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def pages(site: Path) -> list[str]:
    """Every page of a built site, as paths ('' for the home page)."""
    skip = ("assets/", "search/", "figures/", "stylesheets/", "javascripts/")
    out = []
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).as_posix()[:-len("index.html")]
        if not rel.startswith(skip):
            out.append(rel)
    return out


def launch_chromium(playwright, **options):
    """Chromium, headless, with the quiet flags above."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM),
                                      args=CHROMIUM_ARGS, **options)
