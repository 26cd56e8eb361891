"""The MkDocs hooks: MathML, placeholders, figure writing, notebook cache key."""

import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from tests.conftest import load_hook

ROOT = Path(__file__).resolve().parents[1]


def test_math_becomes_mathml_without_script():
    math = load_hook("math_mathml")
    html = ('<p>a <span class="arithmatex">\\(x_{ij} &lt; 2\\)</span></p>'
            '<div class="arithmatex">\\[y = W^{\\top} x\\]</div>')
    out = math.on_page_content(html)
    assert "arithmatex" not in out
    assert out.count("<math") == 2
    assert 'display="block"' in out and "&#x0003C;" in out  # "<" escaped
    assert '<div class="obo-math" tabindex="0">' in out


def page(src_uri):
    url = "" if src_uri == "index.md" else src_uri.replace(".md", "/")
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


def test_placeholders_fill_and_unknown_names_fail():
    facts = load_hook("page_facts")
    facts.on_pre_build(config=None)
    md = "36 is {{ positions.lecture }}.\n\n{{ figure:positions }}"
    out = facts.on_page_markdown(md, page("notebooks/x.md"), None, None)
    assert out.startswith("36 is 36.")
    assert "](../figures/positions-light.svg#only-light)" in out
    assert "<figcaption>" in out
    with pytest.raises(PluginError, match="unknown fact 'nope'"):
        facts.on_page_markdown("{{ nope }}", page("a.md"), None, None)
    with pytest.raises(PluginError, match="unknown figure 'nope'"):
        facts.on_page_markdown("{{ figure:nope }}", page("a.md"), None, None)
    with pytest.raises(PluginError, match="unknown animation 'nope'"):
        facts.on_page_markdown("{{ animation:nope }}", page("a.md"), None, None)


def test_animation_markup_honours_reduced_motion_and_page_depth():
    facts = load_hook("page_facts")
    facts.on_pre_build(config=None)
    out = facts.on_page_markdown("{{ animation:conv1x1 }}", page("positions.md"),
                                 None, None)
    assert out.count("<picture>") == 2
    assert ('<source media="(prefers-reduced-motion: reduce)" '
            'srcset="../figures/conv1x1-light.strip.svg">') in out
    assert 'src="../figures/conv1x1-dark.anim.svg#only-dark"' in out
    top = facts.on_page_markdown("{{ animation:conv1x1 }}", page("index.md"),
                                 None, None)
    assert 'src="figures/conv1x1-light.anim.svg#only-light"' in top


def test_figures_are_written_only_when_their_bytes_change(tmp_path):
    figs = load_hook("build_figures")
    target = tmp_path / "a.svg"
    assert figs.write_if_changed(target, b"one") is True
    assert figs.write_if_changed(target, b"one") is False
    assert figs.write_if_changed(target, b"two") is True


def test_source_digest_is_stable():
    from snippets.figures import source_digest
    assert source_digest() == source_digest() and len(source_digest()) == 16


def test_short_answer_becomes_the_description():
    cite = load_hook("citations")
    md = "# T\n\n**Short answer.** A [link](x.md) and `code`, $C_{\\mathrm{in}}$.\nMore.\n\n## Next"
    assert cite.short_answer(md) == "A link and code, Cin. More."
    assert cite.short_answer("# No short answer\n\ntext") is None
    page = SimpleNamespace(meta={})
    cite.on_page_markdown('**Short answer.** Say "62".', page)
    assert page.meta["description"] == "Say &quot;62&quot;."


def test_every_page_has_a_short_answer():
    cite = load_hook("citations")
    for md in (ROOT / "docs").glob("*.md"):
        assert cite.short_answer(md.read_text("utf-8")), f"{md.name} has no short answer"


def test_copy_links_on_answers_only():
    cite = load_hook("citations")
    html = ('<h2 id="positions">Q<a class="headerlink" href="#positions">#</a></h2>'
            '<h2 id="beyond-sources">Beyond</h2><h4 id="x">x</h4>')
    out = cite.add_copy_links(html, "answer", {"positions": "positions/",
                                               "beyond-sources": "beyond-sources/"})
    assert out.count("obo-copy-link") == 1
    assert 'href="positions/" data-anchor="positions">Copy link to this answer' in out
    # a heading without an answer page gets no copy link
    assert "obo-copy-link" not in cite.add_copy_links(html, "answer", {})


def test_notebook_pages_light_and_reproducible():
    nb = load_hook("notebook_pages")
    html = ('<div id="cell-id=ab12"></div><div id="cell-id=cd34"></div>'
            '<!-- Load mathjax -->\n<script src=""> </script>'
            '<style>.jupyter-wrapper{--used:red;--unused:blue}'
            '.jupyter-wrapper .jp-Cell{color:var(--used)}'
            '.jupyter-wrapper .jp-Absent{color:green}'
            '[data-jp-theme-light=true] .jp-Cell{color:black}'
            '[data-md-color-scheme=slate] .jp-Cell{color:white}'
            '@media print{.jp-Cell{display:block}.jp-Absent{display:none}}</style>'
            '<div class="jupyter-wrapper"><div class="jp-Cell jp-Notebook">'
            '<div class="highlight-ipynb hl-python"><pre>x</pre></div></div></div>')
    nb._cache.clear()
    out = nb.on_page_content(html, page=None)
    assert 'id="cell-1"' in out and 'id="cell-2"' in out and "cell-id=" not in out
    assert '<script src="">' not in out
    assert "<style" not in out          # moved to the shared stylesheet
    css = nb._sheet().css()
    assert "--used:red" in css and "--unused" not in css
    assert "jp-Absent" not in css and "data-jp-theme-light" not in css
    assert "[data-md-color-scheme=slate] .jp-Cell{color:white}" in css
    assert "@media print{.jp-Cell{display:block}}" in css
    assert 'class="highlight-ipynb hl-python" tabindex="0"' in out
    assert nb.on_page_content("<p>plain</p>", page=None) == "<p>plain</p>"
    assert nb.split_selectors("a:is(.b,.c), d") == ["a:is(.b,.c)", "d"]


NO_ALT = 'alt="No description has been provided for this image"'


def tiny_png(width, height):
    import base64
    import struct
    import zlib
    head = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = (struct.pack(">I", len(head)) + b"IHDR" + head
             + struct.pack(">I", zlib.crc32(b"IHDR" + head)))
    return base64.b64encode(b"\x89PNG\r\n\x1a\n" + chunk).decode()


def plot_cell(comment_lines, data):
    code = "".join(f'<span class="c1"># {line}</span>\n' for line in comment_lines)
    return ('<div class="jp-Cell jp-CodeCell"><pre>' + code
            + '<span class="n">plt</span></pre></div><div class="jp-OutputArea">'
            f'<img {NO_ALT} class="" src="data:image/png;base64,{data}"/></div>')


def test_notebook_plots_get_their_alt_text_and_size():
    nb = load_hook("notebook_pages")
    html = (plot_cell(["a comment that is not the alt text"], tiny_png(1, 1))
            + plot_cell(["Alt text: Two lines of",
                         "description &amp; more.", "", "not this"], tiny_png(320, 240)))
    # the first cell has no alt text: the build must refuse it
    with pytest.raises(PluginError, match="no '# Alt text:' comment"):
        nb.describe_images(html)
    out = nb.describe_images(html[html.index('<div class="jp-Cell', 1):])
    assert 'alt="Two lines of description &amp; more."' in out
    assert 'width="320" height="240"' in out and "No description" not in out
    with pytest.raises(PluginError, match="not a PNG"):
        nb.describe_images(plot_cell(["Alt text: x"], "R0lGODlhAQABAAAAACw="))


@pytest.mark.heavy
def test_figures_are_drawn_stale_ones_removed_and_skipped_when_sources_did_not_change(
        tmp_path, monkeypatch):
    figs = load_hook("build_figures")
    figures, animations = figs.fresh_snippets()
    # two figures and one animation stand for the registry: the logic is
    # the same, the drawing of all of them would cost seconds
    some = {k: v for k, v in figures.registry().items() if k in ("positions", "abs")}
    one = {k: v for k, v in animations.registry().items() if k == "blog-fix"}
    monkeypatch.setattr(figs, "fresh_snippets", lambda: (
        SimpleNamespace(**{**vars(figures), "registry": lambda: some}),
        SimpleNamespace(**{**vars(animations), "registry": lambda: one})))
    config = SimpleNamespace(docs_dir=str(tmp_path))
    (tmp_path / "figures").mkdir()
    stale = tmp_path / "figures" / "old-light.svg"
    stale.write_bytes(b"x")
    figs.on_pre_build(config)                      # no stamp yet: all drawn
    assert not stale.exists()
    assert (tmp_path / "figures" / "positions-dark.svg").exists()
    target = tmp_path / "figures" / "positions-light.svg"
    stamp = tmp_path / "figures" / figs.STAMP
    assert stamp.exists()
    target.write_bytes(b"edited by hand")
    figs.on_pre_build(config)                      # digest unchanged: skipped
    assert target.read_bytes() == b"edited by hand"
    stamp.write_text("old")
    figs.on_pre_build(config)                      # digest changed: redrawn
    assert target.read_bytes().startswith(b"<?xml")


def test_notebook_css_is_one_shared_sheet_written_once(tmp_path):
    """Two pages' sheets purged together against both pages, cached, and
    written under a name that changes with the content."""
    nb = load_hook("notebook_pages")
    sheet = nb.notebook_css.SharedSheet(tmp_path / "cache")
    style = "<style>.jp-A{color:red}.jp-B{color:blue}.jp-C{color:green}</style>"
    assert sheet.add(style + '<div class="jp-A"></div>') == '<div class="jp-A"></div>'
    sheet.add(style + '<div class="jp-B"></div>')
    assert sheet.sheets == [".jp-A{color:red}.jp-B{color:blue}.jp-C{color:green}"]
    name = sheet.write(tmp_path / "site")
    css = (tmp_path / "site" / name).read_text()
    assert ".jp-A{color:red}.jp-B{color:blue}" in css and "jp-C" not in css
    assert name.startswith("assets/stylesheets/notebook.") and name.endswith(".css")
    assert len(list((tmp_path / "cache").glob("*.css"))) == 1
    (tmp_path / "cache" / next((tmp_path / "cache").glob("*.css")).name
     ).write_text(".cached{}")
    assert sheet.css() == ".cached{}"               # the cache answers
    lone = nb.notebook_css.lighten(style + '<div class="jp-C"></div>')
    assert lone == '<style>.jp-C{color:green}</style><div class="jp-C"></div>'


MPL_SVG = (
    '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
    '  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    '<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt">\n'
    ' <metadata>\n  <rdf:RDF>date</rdf:RDF>\n </metadata>\n'
    ' <g id="figure_1">\n  <path d="M 0 0 \nL 1 1" style="fill: #ffffff"/>\n'
    '  <g clip-path="url(#p3f9a2b)" style="stroke: #000000">'
    '<use xlink:href="#DejaVuSans-30"/></g>\n </g>\n'
    ' <defs><path id="DejaVuSans-30" d="M 1 1"/>'
    '<clipPath id="p3f9a2b"><rect/></clipPath></defs>\n</svg>\n')


def test_notebook_svg_plots_are_tidy_inline_and_in_the_palette():
    import base64
    nb = load_hook("notebook_pages")
    tidy = nb.tidy_svg(MPL_SVG, "f")
    assert tidy.startswith("<svg ") and "metadata" not in tidy
    assert "DOCTYPE" not in tidy and "\n" not in tidy
    assert 'id="figure_1"' not in tidy                  # nothing refers to it
    assert 'href="#f1"' in tidy and 'id="f1"' in tidy and 'url(#f2)' in tidy
    assert nb.tidy_svg(MPL_SVG.replace("p3f9a2b", "p77"), "f") == tidy
    data = base64.b64encode(MPL_SVG.encode()).decode()
    html = ('<div class="jp-Cell "><pre><span class="c1"># Alt text: A V.</span>'
            f'</pre></div><img {NO_ALT} src="data:image/svg+xml;base64,{data}"/>')
    out = nb.inline_svgs(html)
    assert "<img" not in out
    assert '<svg role="img" aria-label="A V." style="fill: var(--md-default-fg-color)"' in out
    assert "fill: var(--md-default-bg-color)" in out and "#ffffff" not in out
    assert "stroke: var(--md-default-fg-color)" in out
    gif = f'<img {NO_ALT} src="data:image/gif;base64,R0lGODlh"/>'
    with pytest.raises(PluginError, match="no alt text"):
        nb.process('<div class="jp-Notebook">' + gif + "</div>")


def test_notebook_download_links_and_deterministic_ipynb():
    import nbformat
    nb = load_hook("notebook_pages")
    page = '<div><h1 id="t">T</h1><p>x</p></div>'
    out = nb.download_links(page, "positions")
    assert out.index('href="positions.ipynb" download') > out.index("</h1>")
    assert "Download as a Python script (.py)" in out
    assert nb.download_links("<p>x</p>", "a").endswith("<p>x</p>")
    book = nbformat.v4.new_notebook(metadata={"jupytext": {"x": 1}})
    code = nbformat.v4.new_code_cell("print(1)", id="random-id",
                                     metadata={"execution": {"t": "now"}})
    code.outputs = [nbformat.v4.new_output("stream", text="a"),
                    nbformat.v4.new_output("stream", text="b\n"),
                    nbformat.v4.new_output("execute_result", {"text/plain": "1"},
                                           execution_count=7),
                    nbformat.v4.new_output("display_data",
                                           {"image/svg+xml": MPL_SVG})]
    book.cells = [nbformat.v4.new_markdown_cell("# T"), code]
    text = nb.normalise(book)
    again = nbformat.reads(text, 4)
    assert [c.id for c in again.cells] == ["cell-1", "cell-2"]
    assert again.cells[1].metadata == {} and "jupytext" not in again.metadata
    outputs = again.cells[1].outputs
    assert outputs[0].text == "ab\n" and outputs[1].execution_count == 1
    assert outputs[2].data["image/svg+xml"].startswith("<svg ")


CODE_BLOCK = (
    '<div class="highlight"><pre><span></span><code>'
    '<span class="n">y</span><span class="w"> </span><span class="o">=</span>'
    '<span class="w"> </span><span class="n">x</span><span class="p">[</span>'
    '<span class="mi">2</span><span class="p">,</span><span class="w"> </span>'
    '<span class="o">-</span><span class="mi">1</span><span class="p">]</span>'
    '<span class="w">  </span><span class="c1"># a</span>\n'
    '<span class="c1"># b</span>\n'
    '<span class="hll"><span class="k">if</span> <span class="n">a</span></span>'
    '</code></pre></div>')


def text_of(html):
    import re
    return re.sub(r"<[^>]+>", "", html)


def test_each_bare_table_gets_a_box_of_its_own_once():
    boxes = load_hook("table_boxes")
    page = ("<p>a</p><table>\n<tr><td>1</td></tr>\n</table><p>b</p>"
            '<table class="x"><tr><td>2</td></tr></table><table><tr><td>3</td></tr></table>')
    boxed = boxes.box_tables(page)
    assert boxed == ('<p>a</p><div class="obo-table"><table>\n<tr><td>1</td></tr>\n'
                     '</table></div><p>b</p><table class="x"><tr><td>2</td></tr></table>'
                     '<div class="obo-table"><table><tr><td>3</td></tr></table></div>')
    assert boxes.box_tables(boxed) == boxed
    assert boxes.on_page_content("<p>no table</p>") == "<p>no table</p>"


def test_every_table_of_the_built_site_is_boxed_and_every_block_has_its_button(
        built_site):
    bare = boxed = blocks = buttoned = 0
    for page in built_site.rglob("*.html"):
        text = page.read_text("utf-8")
        bare += text.count("<table>")
        boxed += text.count('<div class="obo-table"><table>')
        blocks += len(re.findall(r"<pre\b[^>]*>(?:<span></span>)?(?:<nav[^>]*>.*?</nav>)?<code", text))
        buttoned += text.count('<pre><span></span><nav class="md-code__nav">')
    assert bare == boxed > 10
    assert blocks == buttoned > 50


def test_copy_buttons_are_material_s_own_markup_numbered_per_page():
    buttons = load_hook("copy_buttons")
    page = ('<pre><span></span><code>a = 1</code></pre><pre>plain output</pre>'
            '<pre><span></span><code><span class="k">b</span></code></pre>')
    built = buttons.add_buttons(page)
    for n in (1, 2):
        assert (f'<nav class="md-code__nav"><button class="md-code__button" '
                f'title="Copy to clipboard" data-clipboard-target="[data-obo-code=\'{n}\']" '
                f'data-md-type="copy"></button></nav><code data-obo-code="{n}">') in built
    assert "<pre>plain output</pre>" in built and built.count("<nav") == 2
    assert buttons.on_page_content("<p>no code</p>") == "<p>no code</p>"


def test_the_copy_button_markup_is_still_material_s():
    """What hooks/copy_buttons.py copies from Material's script: the button
    and its nav, and the clipboard code that serves any
    [data-clipboard-target] whether or not content.code.copy is on. An
    upgrade that changes them fails here, not silently on the site."""
    import material
    bundle = next((Path(material.__file__).parent / "templates" / "assets"
                   / "javascripts").glob("bundle.*.min.js")).read_text("utf-8")
    assert ('x("button",{class:"md-code__button",title:Me("clipboard.copy"),'
            '"data-clipboard-target":`#${e} > code`,"data-md-type":"copy"})') in bundle
    assert 'x("nav",{class:"md-code__nav"})' in bundle
    handler = re.search(r'function (\w+)\(\{alert\$:\w+\}\)\{\w+\.default\.isSupported\(\)'
                        r'&&new \w+\(\w+=>\{new \w+\.default\("\[data-clipboard-target\], '
                        r'\[data-clipboard-text\]"', bundle)
    assert handler, "Material's clipboard handler changed"
    # started at load for every page, not only with content.code.copy
    assert re.search(rf"[;,]{handler.group(1)}\(\{{alert\$:\w+\}}\);", bundle)


def test_material_s_script_is_deferred_once_and_a_missing_tag_fails():
    markup = load_hook("material_markup")
    header = ('<header class="md-header"><div class="md-search" data-md-component="search" '
              'role="dialog"></div><form class="md-header__option" '
              'data-md-component="palette"></form></header>')
    tag = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    done = markup.patch(header + tag + '<script src="../javascripts/cite.js" defer></script>', "x")
    assert ('<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>'
            '<script src="../javascripts/cite.js" defer></script>') in done
    assert 'aria-label="Search the site"' in done and "data-obo-palette" in done
    with pytest.raises(PluginError, match="bundle.*not found once"):
        markup.patch(header, "page.md")
    with pytest.raises(PluginError, match="found 2"):
        markup.patch(header + tag + tag, "page.md")
    assert markup.patch("<p>no header</p>", "x") == "<p>no header</p>"


def test_every_page_defers_material_s_script_and_sets_its_classes_first(built_site):
    """Each page with Material's script loads it deferred, and <head> sets
    the classes the script would set on <html>, before <body>."""
    pages = 0
    for page in built_site.rglob("*.html"):
        text = page.read_text("utf-8")
        if "assets/javascripts/bundle." not in text:
            continue                             # a redirect page
        pages += 1
        tags = re.findall(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"[^>]*>',
                          text)
        assert len(tags) == 1 and tags[0].endswith(" defer>"), (page, tags)
        head = text[:text.index("<body")]
        assert 'classList.replace("no-js", "js")' in head, page
        assert 'classList.add("js-focus-visible")' in head, page
    assert pages > 50


def test_lean_code_drops_spans_that_change_nothing():
    lean = load_hook("lean_code")
    out = lean.on_page_content(CODE_BLOCK)
    assert text_of(out) == text_of(CODE_BLOCK)             # same text, to copy
    for plain in ("n", "w", "o", "p"):     # the code's own colour: bare text
        assert f'class="{plain}"' not in out
    assert '<code>y = x[<span class="mi">2</span>, -<span class="mi">1</span>]' in out
    # neighbours of one class merge, spaces included
    merged = load_hook("lean_code").lean(
        '<span class="k">not</span> <span class="k">in</span>\n<span class="k">if</span>')
    assert merged == '<span class="k">not in</span>\n<span class="k">if</span>'
    # a line break ends a run: each comment line keeps its own span
    assert '<span class="c1"># a</span>\n<span class="c1"># b</span>' in out
    # other tags (a highlighted line) stay as they are
    assert '<span class="hll"><span class="k">if</span> a</span>' in out
    assert (CODE_BLOCK.count("<span"), out.count("<span")) == (19, 7)
    assert lean.on_page_content(out) == out                # settled


def test_lean_code_keeps_notebook_operators_apart():
    """On notebook pages JupyterLab's style makes operators bold."""
    lean = load_hook("lean_code")
    notebook = '<div class="jp-Notebook">' + CODE_BLOCK + "</div>"
    out = lean.on_page_content(notebook)
    assert text_of(out) == text_of(notebook)
    assert '<span class="p">,</span> <span class="o">-</span>' in out
    assert 'class="n"' not in out


def test_lean_code_leaves_text_outside_code_alone():
    lean = load_hook("lean_code")
    prose = '<p><span class="n">kept</span> <span class="p">a</span><span class="o">b</span></p>'
    assert lean.on_page_content(prose) == prose


def test_the_spans_lean_code_merges_really_look_the_same():
    """What lean_code assumes about the stylesheets, checked in them."""
    import re
    site_packages = Path(importlib.util.find_spec("material").origin).parent
    material = "".join(p.read_text("utf-8") for p in
                       (site_packages / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    # names take the code's own colour; whitespace has no rule at all
    assert "--md-code-hl-name-color:var(--md-code-fg-color)" in material
    assert ".highlight .kc,.highlight .n{color:var(--md-code-hl-name-color)}" in material
    assert not re.search(r"\.highlight \.w\b", material)
    # operators and punctuation: colour only, each through its variable
    assert ".highlight .o,.highlight .ow{color:var(--md-code-hl-operator-color)}" in material
    assert ".highlight .p{color:var(--md-code-hl-punctuation-color)}" in material
    assert not re.search(r"\.highlight \.[op]\b[^{]*\{[^}]*(?:font|background)", material)
    # and our stylesheet sets both variables to the code's own colour in
    # every palette (operator words get the keywords' colour instead)
    extra = (ROOT / "docs" / "stylesheets" / "extra.css").read_text("utf-8")
    blocks = re.findall(r"([^{}]+)\{([^}]*)\}", extra)
    palettes = 0
    for _, body in blocks:
        values = dict(re.findall(r"--md-code-hl-(operator|punctuation)-color:\s*([^;]+);", body))
        if values:
            palettes += 1
            assert values == {"operator": "var(--md-code-fg-color)",
                              "punctuation": "var(--md-code-fg-color)"}, body
    assert palettes == 2
    assert re.search(r"\.md-typeset \.highlight \.ow \{\s*color: "
                     r"var\(--md-code-hl-keyword-color\);", extra)


def stdout_block(text, tabindex=""):
    return ('<div class="jp-OutputArea-child">\n<div class="jp-RenderedText '
            f'jp-OutputArea-output" data-mime-type="text/plain"{tabindex}>\n'
            f"<pre>{text}</pre>\n</div>\n</div>\n")


def test_printed_text_split_by_the_kernel_is_one_block():
    """ipykernel may send print()'s text and its newline as two messages."""
    nb = load_hook("notebook_pages")
    one = stdout_block("best line: 0.000\n")
    split = stdout_block("best line: 0.000") + stdout_block("\n")
    three = stdout_block("a") + stdout_block("b", ' tabindex="0"') + stdout_block("\n")
    assert nb.merge_streams(split) == one
    assert nb.merge_streams(three) == stdout_block("ab\n")
    assert nb.merge_streams(one) == one
    # an error stream or a cell's result stays a block of its own
    stderr = one.replace("text/plain", "application/vnd.jupyter.stderr")
    assert nb.merge_streams(stderr + one) == stderr + one
    result = one.replace("jp-OutputArea-output", "jp-OutputArea-output jp-OutputArea-executeResult")
    assert nb.merge_streams(one + result) == one + result
