"""MkDocs hook: notebook pages that are reproducible, light and downloadable.

mkdocs-jupyter runs each notebook (``docs/notebooks/*.py``, percent format)
and renders it; this hook then:

- Keys mkdocs-jupyter's execution cache on the pinned packages
  (``requirements.lock``) and the Python version, on top of the notebook's
  own bytes and options, which mkdocs-jupyter hashes itself: those are what
  a notebook's output depends on. (It was keyed on ``snippets/`` while the
  notebooks imported it; they import only numpy and matplotlib now, as a
  reader's copy must, so an edit to ``snippets/`` no longer re-runs them.)
- Numbers the cells ``cell-1``, ``cell-2``... instead of the random ids
  jupytext gives on every read, and shows a cell's printed text as one block
  however many messages the kernel split it into, so two builds give the
  same bytes.
- Drops what these pages never use and would fetch from elsewhere: the empty
  MathJax ``<script src="">`` and its configuration, and the Mermaid loader
  that imports from a CDN.
- Gives every plot its alt text, written in the notebook as a ``# Alt text:``
  comment in the cell that draws it (nbconvert's default says "No
  description has been provided"); a plot with no such comment fails the
  build. The notebooks draw SVG (``%config InlineBackend.figure_formats``):
  it is inlined here with stable ids, no metadata, and black and white
  mapped to the palette's ink and paper, so a plot is crisp and readable in
  both palettes and weighs a quarter of the PNG.
- Moves the JupyterLab CSS out of the pages into one shared, purged
  stylesheet (``hooks/notebook_css.py``) that every notebook page links.
- Offers both downloads at the top of the page: the percent-format ``.py``
  that mkdocs-jupyter copies next to the page (``include_source``), and the
  notebook as ``.ipynb`` with its outputs. mkdocs-jupyter keeps neither the
  executed notebook nor a cache of it (only the HTML), so this hook runs
  the notebook once more with nbclient, cached under the same key, and
  writes it deterministically: numbered cell ids, no execution timestamps,
  merged streams, the same SVG clean-up minus the palette colours.
"""

from __future__ import annotations

import base64
import hashlib
import html as htmllib
import importlib.util
import os
import re
import struct
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url


def _load_css():
    path = Path(__file__).with_name("notebook_css.py")
    spec = importlib.util.spec_from_file_location("obo_notebook_css", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


notebook_css = _load_css()
split_selectors = notebook_css.split_selectors

LOCK = Path(__file__).resolve().parents[1] / "requirements.lock"

_cache: dict = {}


def packages_digest() -> str:
    """What a notebook's output depends on besides the notebook itself."""
    digest = hashlib.sha256(sys.version.encode())
    if LOCK.exists():
        digest.update(LOCK.read_bytes())
    return digest.hexdigest()[:16]


def on_config(config, **kwargs):
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        return config
    root = Path(config.config_file_path).parent
    # OBO_CACHE_DIR puts the caches elsewhere: OBO_CACHE_DIR=$(mktemp -d)
    # make build is a build from empty caches
    base = Path(os.environ.get("OBO_CACHE_DIR") or plugin.config["cache_dir"])
    if not base.is_absolute():
        base = root / base
    plugin.config["cache_dir"] = str(base / packages_digest())
    _cache["base"] = base
    _cache["kernel"] = plugin.config["kernel_name"] or "python3"
    return config


def on_pre_build(config, **kwargs):
    _cache["sheet"] = None
    _cache["notebooks"] = set()


def _sheet():
    if _cache.get("sheet") is None:
        base = _cache.get("base")
        _cache["sheet"] = notebook_css.SharedSheet(base / "css" if base else None)
    return _cache["sheet"]


# --- reproducible ids -----------------------------------------------------------

CELL_ID = re.compile(r'id="cell-id=[0-9a-f-]+"')


def number_cells(html: str) -> str:
    counter = iter(range(1, 1_000_000))
    return CELL_ID.sub(lambda m: f'id="cell-{next(counter)}"', html)


# --- scripts these pages do not need --------------------------------------------

UNUSED_SCRIPTS = [
    re.compile(r'<!-- Load mathjax -->\s*<script src="">\s*</script>', re.S),
    re.compile(r'<!-- MathJax configuration -->\s*<script type="text/x-mathjax-config">'
               r".*?</script>\s*<!-- End of mathjax configuration -->", re.S),
    re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*?</script>',
               re.S),
]


# --- one stream, one block --------------------------------------------------------

STDOUT = ('<div class="jp-RenderedText jp-OutputArea-output" '
          'data-mime-type="text/plain"[^>]*>\n<pre>')
# a cell's printed text that reached nbconvert in two messages: the kernel
# sends stdout when its timer fires, which can fall between print()'s text
# and its newline, so the same notebook gave one block on one run and two on
# another (and two builds differed)
SPLIT_STREAM = re.compile(
    f"({STDOUT})((?:(?!</pre>).)*)</pre>\n</div>\n</div>\n"
    f'<div class="jp-OutputArea-child">\n{STDOUT}', re.S)


def merge_streams(html: str) -> str:
    """Consecutive stdout blocks of a cell as one, as JupyterLab shows them."""
    while True:
        merged = SPLIT_STREAM.sub(r"\1\2", html)
        if merged == html:
            return html
        html = merged


def drop_unused_scripts(html: str) -> str:
    for pattern in UNUSED_SCRIPTS:
        html = pattern.sub("", html)
    return html


# --- plots as light SVG ---------------------------------------------------------

# nbconvert writes an SVG plot as an <img> of a base64 data URL
SVG_IMG = re.compile(r'<img alt="No description has been provided for this '
                     r'image" src="data:image/svg\+xml;base64,([^"]+)"\s*/?>')
STYLE_ATTR = re.compile(r'style="([^"]*)"')
# matplotlib's default black and white, as the palette's ink and paper
PALETTE_COLOURS = {"#000000": "var(--md-default-fg-color)",
                   "#ffffff": "var(--md-default-bg-color)"}


def tidy_svg(svg: str, prefix: str) -> str:
    """Matplotlib's SVG without its XML prolog, doctype, metadata and
    indentation, and with its ids (random unless ``svg.hashsalt`` is set)
    renamed ``prefix1``, ``prefix2``... in order; ids nothing refers to go."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"\s*\n\s*", " ", svg).replace("> <", "><").strip()
    referred = set(re.findall(r"#([\w.:-]+)", svg))
    names: dict[str, str] = {}

    def rename(match):
        ident = match.group(1)
        if ident not in referred:
            return ""
        names.setdefault(ident, f"{prefix}{len(names) + 1}")
        return f' id="{names[ident]}"'

    svg = re.sub(r' id="([^"]+)"', rename, svg)
    svg = re.sub(r"#([\w.:-]+)",
                 lambda m: "#" + names.get(m.group(1), m.group(1)), svg)
    return svg


def palette_colours(svg: str) -> str:
    """Black and white in style attributes as the page's ink and paper."""
    def recolour(match):
        style = match.group(1)
        for old, new in PALETTE_COLOURS.items():
            style = style.replace(old, new)
        return f'style="{style}"'
    return STYLE_ATTR.sub(recolour, svg)


def inline_svgs(html: str) -> str:
    """Each SVG plot inlined (so the page's palette reaches it: an <img>
    cannot see the page's CSS), tidied, with its alt text."""
    out, last = [], 0
    for n, match in enumerate(SVG_IMG.finditer(html), 1):
        alt = htmllib.escape(alt_text(html, match.start()), quote=True)
        svg = base64.b64decode(match.group(1)).decode("utf-8")
        svg = palette_colours(tidy_svg(svg, f"nbfig{n}-"))
        # text has no fill of its own: it takes the ink from the root
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{alt}" '
                          f'style="fill: {PALETTE_COLOURS["#000000"]}" ', 1)
        out += [html[last:match.start()], svg]
        last = match.end()
    out.append(html[last:])
    return "".join(out)


# --- alt text and size of PNG plots ----------------------------------------------

def focusable_code(html: str) -> str:
    """Code cells scroll sideways: give them a tab stop (WCAG 2.1.1)."""
    return re.sub(r'<div class="highlight-ipynb([^"]*)"',
                  r'<div class="highlight-ipynb\1" tabindex="0"', html)


NO_ALT = 'alt="No description has been provided for this image"'
ALT_COMMENT = re.compile(r'<span class="c1">#\s*Alt text:\s*(.*?)</span>')
PNG = re.compile(r'<img {alt} class="([^"]*)" src="data:image/png;base64,([^"]+)"'
                 .format(alt=re.escape(NO_ALT)))


def png_size(data: str) -> tuple[int, int]:
    """Width and height from a base64 PNG's IHDR chunk."""
    head = base64.b64decode(data[:44])
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise PluginError("notebook image is not a PNG")
    return struct.unpack(">II", head[16:24])


def alt_text(html: str, end: int) -> str:
    """The ``# Alt text:`` comment of the last code cell before ``end``:
    the comment may run over several lines, each a comment of its own."""
    cell = html.rfind('<div class="jp-Cell ', 0, end)
    found = []
    for match in ALT_COMMENT.finditer(html, cell if cell >= 0 else 0, end):
        found = [match]                   # the last "Alt text" of the cell
    if not found:
        raise PluginError("a notebook plot has no '# Alt text:' comment in the "
                          "cell that draws it")
    text = [found[0].group(1)]
    pos = found[0].end()
    more = re.compile(r'\n<span class="c1">#\s*(.*?)</span>')
    while (line := more.match(html, pos, end)) and line.group(1).strip():
        text.append(line.group(1))
        pos = line.end()
    return htmllib.unescape(" ".join(t.strip() for t in text)).strip()


def describe_images(html: str) -> str:
    out, last = [], 0
    for match in PNG.finditer(html):
        w, h = png_size(match.group(2))
        alt = htmllib.escape(alt_text(html, match.start()), quote=True)
        out.append(html[last:match.start()])
        out.append(f'<img alt="{alt}" class="{match.group(1)}" width="{w}" '
                   f'height="{h}" src="data:image/png;base64,{match.group(2)}"')
        last = match.end()
    out.append(html[last:])
    return "".join(out)


def process(html: str) -> str:
    html = focusable_code(describe_images(inline_svgs(
        drop_unused_scripts(merge_streams(number_cells(html))))))
    if NO_ALT in html:
        raise PluginError("a notebook output is an image this hook does not "
                          "describe (neither PNG nor SVG): no alt text")
    return html


# --- downloads ----------------------------------------------------------------------

def download_links(html: str, stem: str) -> str:
    """Links to the notebook and to its script, under the page's title."""
    links = (f'<p class="obo-downloads"><a href="{stem}.ipynb" download>'
             "Download the notebook (.ipynb)</a> · "
             f'<a href="{stem}.py" download>Download as a Python script '
             "(.py)</a></p>")
    end = html.find("</h1>")
    if end < 0:
        return links + html
    end += len("</h1>")
    return html[:end] + links + html[end:]


def merged_outputs(outputs: list) -> list:
    """Consecutive outputs of one stream as one, as on the page."""
    merged: list = []
    for output in outputs:
        if (merged and output.get("output_type") == "stream"
                and merged[-1].get("output_type") == "stream"
                and merged[-1]["name"] == output["name"]):
            merged[-1]["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def normalise(nb) -> str:
    """The executed notebook as bytes that do not change between runs."""
    import nbformat

    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python",
                       "name": "python3"},
        "language_info": {"name": "python"},
    }
    count = 0
    figures = 0
    for k, cell in enumerate(nb.cells, 1):
        cell.id = f"cell-{k}"
        cell.metadata = {}
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        cell.outputs = merged_outputs(cell.outputs)
        for output in cell.outputs:
            if "execution_count" in output:
                output.execution_count = count
            data = output.get("data", {})
            if "image/svg+xml" in data:
                figures += 1
                data["image/svg+xml"] = tidy_svg(data["image/svg+xml"],
                                                 f"fig{figures}-")
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def executed_notebook(src: Path, kernel: str = "python3") -> bytes:
    """The notebook ``src`` run from top to bottom, with its outputs;
    cached on its bytes, the packages and this hook's code."""
    import jupytext
    from nbclient import NotebookClient

    base = _cache.get("base")
    key = hashlib.sha256(src.read_bytes() + packages_digest().encode()
                         + Path(__file__).read_bytes()).hexdigest()[:24]
    cached = base / "executed" / f"{key}.ipynb" if base else None
    if cached is not None and cached.exists():
        return cached.read_bytes()
    nb = jupytext.read(src)
    with tempfile.TemporaryDirectory() as cwd:
        NotebookClient(nb, kernel_name=kernel, timeout=600, allow_errors=False,
                       resources={"metadata": {"path": cwd}}).execute()
    data = normalise(nb).encode()
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(data)
    return data


# --- the hook's events ----------------------------------------------------------------

def on_page_content(html, page, **kwargs):
    if "jp-Notebook" not in html:
        return html
    html = process(html)
    if page is not None:
        html = download_links(html, Path(page.file.abs_src_path).stem)
        _cache.setdefault("notebooks", set()).add(page.file.src_uri)
    return _sheet().add(html)


def on_env(env, config, files, **kwargs):
    if _cache.get("notebooks"):
        _cache["css"] = _sheet().write(Path(config.site_dir))
    return env


def on_post_page(output, page, config, **kwargs):
    if page.file.src_uri not in _cache.get("notebooks", ()):
        return output
    href = get_relative_url(_cache["css"], page.url)
    if "</head>" not in output:
        raise PluginError(f"{page.file.src_uri}: no </head> to link its CSS")
    output = output.replace(
        "</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1)
    src = Path(page.file.abs_src_path)
    target = Path(page.file.abs_dest_path).parent / f"{src.stem}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(executed_notebook(src, _cache.get("kernel", "python3")))
    return output
