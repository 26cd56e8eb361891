"""A static server for a built site on 127.0.0.1, for the benchmarks.

``compress=True`` makes it behave like the static hosts the site is meant
for (GitHub Pages, Netlify, Cloudflare Pages): text is sent gzip-compressed
and every response carries ``Cache-Control: max-age=600``. Lighthouse is run
that way; the page-weight benchmark uses plain, uncompressed bytes.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import mimetypes
import os
import threading
from contextlib import contextmanager
from pathlib import Path

TEXT = ("text/", "application/javascript", "application/json", "image/svg+xml")


class Quiet(http.server.SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, *args):
        pass

    def end_headers(self):
        if self.compress:
            self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self):
        url = self.path.split("?")[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url.endswith("/"):
                return super().do_GET()          # the usual redirect to "dir/"
            path = path / "index.html"
        kind = mimetypes.guess_type(path.name)[0] or ""
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants and path.is_file()
                and kind.startswith(TEXT)):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        charset = "; charset=utf-8" if kind.startswith("text/") else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site: Path, compress: bool = False):
    handler = functools.partial(type("Handler", (Quiet,), {"compress": compress}),
                                directory=str(site))
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


def launch_chromium(playwright):
    """Debian's Chromium (or $OBO_CHROMIUM), headless, quiet on the network."""
    return playwright.chromium.launch(
        executable_path=os.environ.get("OBO_CHROMIUM", "/usr/bin/chromium"),
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
