"""MkDocs hook: a link-preview picture (og:image) for every page.

Each page, answer pages included (``hooks/answer_pages.py``), gets a
1200x630 PNG card: the site's name, the page's title and its short answer,
in large type on a dark field, so a forum's thumbnail still reads. The
cards go to ``site/cards/<page>.png`` (``cards/faq/positions.png`` for
``faq/positions/``; ``cards/index.png`` for the home page; ``cards/site.png``
for pages without one, such as the 404); ``overrides/main.html`` names them
in ``og:image`` and ``twitter:image``.

Drawn with Pillow (a matplotlib dependency) in matplotlib's bundled DejaVu
fonts: nothing is downloaded (Material's social plugin would fetch fonts).
The PNG holds only IHDR, PLTE, IDAT and IEND chunks: no date, no software
name, so two builds write the same bytes. Finished cards are kept under
``.cache/cards/`` by a hash of their text and of this file, so an unchanged
card is copied, not drawn again.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = (26, 35, 126)        # Material indigo 900
INK = (255, 255, 255)
SOFT = (220, 224, 245)            # the short answer: 11:1 on the background
ACCENT = (140, 158, 255)          # indigo A200: the rule and the labels
CARDS = "cards"
SITE_CARD = f"{CARDS}/site.png"
KINDS = {"faq.md": "FAQ answer", "errata.md": "Erratum"}

_fonts: dict = {}


def font(size: int, bold: bool = False):
    """DejaVu Sans from matplotlib's own data: the same glyphs everywhere,
    no network. Basic layout (no libraqm), so the result does not depend on
    which optional libraries Pillow found."""
    key = (size, bold)
    if key not in _fonts:
        import matplotlib
        from PIL import ImageFont
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name
        _fonts[key] = ImageFont.truetype(str(path), size,
                                         layout_engine=ImageFont.Layout.BASIC)
    return _fonts[key]


def wrap(text: str, face, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels; past ``max_lines`` the last
    line ends in an ellipsis."""
    lines: list[str] = []
    for word in text.split():
        if lines and face.getlength(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and face.getlength(last + " \u2026") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return lines[:max_lines - 1] + [last.rstrip(" ,;:") + " \u2026"]


def _palette():
    """A palette image: the background and 21 steps towards each ink."""
    if "palette" not in _fonts:
        from PIL import Image
        colours = [BACKGROUND]
        for ink in (INK, SOFT, ACCENT):
            colours += [tuple(round(b + (i - b) * step / 21)
                              for b, i in zip(BACKGROUND, ink))
                        for step in range(1, 22)]
        palette = Image.new("P", (1, 1))
        palette.putpalette([value for colour in colours for value in colour])
        _fonts["palette"] = palette
    return _fonts["palette"]


def card(title: str, text: str, site_name: str, kind: str = "") -> bytes:
    """The PNG bytes of one 1200x630 card (plain text in, no markup)."""
    if not isinstance(title, str) or not title.strip():
        raise ValueError("a card needs a non-empty title")
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    inner = WIDTH - 2 * MARGIN

    # header: a 1x1 box (the site's logo, drawn) and the site's name
    box = 52
    draw.rounded_rectangle((MARGIN, 56, MARGIN + box, 56 + box), radius=8,
                           outline=INK, width=5)
    draw.text((MARGIN + box / 2, 56 + box / 2), "1", font=font(34, True),
              fill=INK, anchor="mm")
    draw.text((MARGIN + box + 20, 56 + box / 2), site_name, font=font(36, True),
              fill=INK, anchor="lm")
    if kind:
        draw.text((WIDTH - MARGIN, 56 + box / 2), kind, font=font(30, True),
                  fill=ACCENT, anchor="rm")

    # the title, as large as fits in three lines
    for size in (64, 56, 50, 44):
        face = font(size, True)
        lines = wrap(title, face, inner, 3)
        if not lines[-1].endswith("\u2026"):
            break
    y = 140
    step = round(size * 1.2)
    for line in lines:
        draw.text((MARGIN, y), line, font=face, fill=INK)
        y += step

    # the short answer under a rule, in what room is left
    if text:
        y += 10
        draw.rectangle((MARGIN, y, MARGIN + 96, y + 6), fill=ACCENT)
        y += 26
        body = font(34)
        step = 44
        room = max(1, (HEIGHT - 36 - y) // step)
        for line in wrap(text, body, inner, room):
            draw.text((MARGIN, y), line, font=body, fill=SOFT)
            y += step

    # the text's edges only blend the background with one of three inks:
    # a fixed palette of those blends keeps every colour exact and the PNG
    # small (about 15 kB); Pillow writes no metadata
    out = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG")
    return out.getvalue()


def plain(text: str) -> str:
    """Text of a description or title: entities decoded, tags dropped."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text or "")).split())


def card_path(url: str) -> str:
    """Where a page's card goes, from the page's address: ``faq/positions/``
    gives ``cards/faq/positions.png``, the home page ``cards/index.png``."""
    stem = url.strip("/")
    if stem.endswith(".html"):
        stem = stem[:-len(".html")]
    return f"{CARDS}/{stem or 'index'}.png"


_state: dict = {}


def _cache_dir(config) -> Path:
    base = os.environ.get("OBO_CACHE_DIR") or ".cache"
    root = Path(config.config_file_path).parent
    return (root / base if not Path(base).is_absolute() else Path(base)) / "cards"


def _source_hash() -> str:
    """This file, Pillow (rendering) and matplotlib (the fonts)."""
    import matplotlib
    import PIL
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{PIL.__version__} {matplotlib.__version__}".encode())
    return digest.hexdigest()


def cached_card(cache: Path, title: str, text: str, site_name: str,
                kind: str) -> bytes:
    """``card(...)``, from the cache when this text was drawn before."""
    key = hashlib.sha256("\0".join((_state.setdefault("source", _source_hash()),
                                    title, text, site_name, kind)).encode())
    path = cache / f"{key.hexdigest()[:32]}.png"
    _state.setdefault("used", set()).add(path.name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = card(title, text, site_name, kind)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return data


def on_env(env, config, files, **kwargs):
    """Every page is read by now (title, description): draw all cards."""
    site = Path(config.site_dir)
    cache = _cache_dir(config)
    name = config.site_name
    jobs = {SITE_CARD: (name, plain(config.site_description), "")}
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        path = card_path(page.url)
        if path in jobs:
            raise PluginError(f"{file.src_uri}: its preview card {path} is "
                              "another page's card too")
        page.meta["card"] = path
        title = plain(page.title)
        if page.is_homepage:            # "Home": say what the site is instead
            title = plain(config.site_description).split(":")[0]
        text = plain(page.meta.get("description") or config.site_description)
        kind = KINDS.get(page.meta.get("answer_of", ""), "")
        jobs[path] = (title, text, kind)
    _state["used"] = set()
    for path, (title, text, kind) in jobs.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(cached_card(cache, title, text, name, kind))
    # forget cards no page shows any more (another build that still needs
    # one just draws it again)
    for old in cache.glob("*.png"):
        if old.name not in _state["used"]:
            old.unlink(missing_ok=True)
    return env
