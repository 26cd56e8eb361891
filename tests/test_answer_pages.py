"""One page per FAQ answer and errata entry (hooks/answer_pages.py): the
parser, the build failing on an entry it cannot read, and the pages and
copy links the real build makes."""

import functools
import html
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from tests.conftest import load_hook

ROOT = Path(__file__).resolve().parents[1]


pages = load_hook("answer_pages")
cite = load_hook("citations")

FAQ = textwrap.dedent("""\
    # Questions

    **Short answer.** The intro, which is not an answer.

    ## What is it? {#what}

    A thing with {{ positions.lecture }} parts, see [there](other.md#x)
    and [here](#why). [Proof](positions.md#thirty-six).

    ## Grouped {#grouped}

    A heading that only groups the questions under it.

    ### Why? {#why}

    ```python
    ## not a heading, inside a fence
    ```

    Because. [Proof](sub/page.md).
    """)

ERRATA = textwrap.dedent("""\
    # Errata

    **Short answer.** Intro.

    ## Blog: "a claim" {#claim}

    **Source:** blog, "Part".
    **Claim:** "it is so", and
    so on.
    **Verdict:** wrong word.
    **Correction:** it is *not* so.
    **Proof:** the check below, and [a page below](x.md#y).
    **Note:** a label the parser does not use ends the proof.

    ```python
    assert True
    ```

    ## Beyond {#beyond}

    Some text that groups the next entries.

    ### Notes: "2.5M" {#rounding}

    **Source:** notes.
    **Claim:** "2.5M".
    **Verdict:** wrong rounding.
    **Correction:** it is {{ inception.reduce_step_m }}M.
    **Proof:** [The bottleneck][ref].

    [ref]: inception.md#bottleneck
    """)


def test_faq_answers_are_read_with_their_proof():
    what, why = pages.parse(FAQ, "faq.md")
    assert (what.anchor, what.title, what.src_uri) == ("what", "What is it?", "faq/what.md")
    assert what.short == ("A thing with {{ positions.lecture }} parts, see "
                          "[there](other.md#x) and [here](#why).")
    assert what.proof == "[the code that shows it](positions.md#thirty-six)."
    assert why.short == "Because."                  # the fence is skipped
    assert why.title == "Why?"                      # "Grouped" is no answer


def test_errata_entries_are_read_and_group_headings_skipped():
    claim, rounding = pages.parse(ERRATA, "errata.md")
    assert claim.anchor == "claim" and rounding.anchor == "rounding"
    assert claim.short == "Wrong word: it is *not* so."
    assert claim.details == ('**Source:** blog, "Part".',
                             '**Claim:** "it is so", and so on.')
    assert rounding.short.startswith("Wrong rounding: it is {{ inception")


def test_generated_markdown_links_back_and_to_the_proof():
    what = pages.parse(FAQ, "faq.md")[0]
    md = pages.page_markdown(what, FAQ)
    assert md.startswith('---\ntitle: "What is it?"\nanswer_of: faq.md\n')
    assert "# What is it? {#what}" in md
    assert "**Short answer.** A thing with {{ positions.lecture }} parts" in md
    # links made relative to faq/what.md; "#why" points back at the FAQ
    assert "[there](../other.md#x)" in md and "[here](../faq.md#why)" in md
    assert "**Proof:** [the code that shows it](../positions.md#thirty-six)." in md
    assert "[Read it in the FAQ](../faq.md#what)" in md
    assert pages.plain_title("Is `Dense` a [1x1](a.md) *conv*?") == "Is Dense a 1x1 conv?"
    claim, rounding = pages.parse(ERRATA, "errata.md")
    md = pages.page_markdown(claim, ERRATA)
    # "the check below" is under the entry on the errata page
    assert ("the check in the [full entry](../errata.md#claim), and "
            "[a page below](../x.md#y).\n") in md
    assert "**Source:** blog, \"Part\".  \n**Claim:**" in md
    # the source page's reference links come along, relinked
    assert "[ref]: ../inception.md#bottleneck" in pages.page_markdown(rounding, ERRATA)
    assert pages.relink("[a](https://x.org/#b) [c](/abs)", "faq.md", "faq/a.md") \
        == "[a](https://x.org/#b) [c](/abs)"


@pytest.mark.parametrize("markdown, source, message", [
    ("## Q {#q}\n\nAn answer with no proof.\n", "faq.md",
     r"faq.md: ## Q: the answer must be one paragraph ending in \[Proof\]"),
    ("## Q {#q}\n\n[Proof](a.md).\n", "faq.md", "is empty"),
    ("## Q without anchor\n\nA. [Proof](a.md).\n", "faq.md",
     "needs a short explicit anchor"),
    ("## Q {#q}\n\nA. [Proof](a.md).\n\n## R {#q}\n\nB. [Proof](a.md).\n",
     "faq.md", "#q is used twice"),
    ("## E {#e}\n\n**Source:** s.\n**Claim:** c.\n**Correction:** x.\n**Proof:** p.\n",
     "errata.md", r"missing or empty: \*\*Verdict:\*\*"),
    ("## E {#e}\n\nNo fields and no entries under it.\n", "errata.md",
     r"missing or empty: \*\*Source:\*\*"),
])
def test_an_entry_that_cannot_be_read_fails_with_its_name(markdown, source, message):
    with pytest.raises(PluginError, match=message):
        pages.parse(markdown, source)


def test_only_faq_and_errata_have_answers():
    with pytest.raises(ValueError, match="only from"):
        pages.parse("## Q {#q}\n", "index.md")


def mini_project(tmp_path, faq: str) -> subprocess.CompletedProcess:
    """A two-page site with only this hook, built strictly."""
    docs = tmp_path / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Home\n\n## Proved {#p}\n\nIt is.\n")
    (docs / "faq.md").write_text(faq)
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: Mini
        strict: true
        nav: [index.md, faq.md]
        markdown_extensions: [attr_list]
        hooks: [{ROOT / "hooks" / "answer_pages.py"}]
        """))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                           "-d", str(tmp_path / "site")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_build_fails_on_an_faq_entry_it_cannot_parse(tmp_path):
    good = "# FAQ\n\n## Is it? {#is-it}\n\nYes. [Proof](index.md#p).\n"
    done = mini_project(tmp_path / "good", good)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "good" / "site" / "faq" / "is-it" / "index.html").read_text()
    assert "<strong>Short answer.</strong> Yes." in page
    assert 'href="../../#p"' in page and 'href="../#is-it"' in page
    bad = good + "\n## Is it not? {#not}\n\nNo proof given here.\n"
    done = mini_project(tmp_path / "bad", bad)
    assert done.returncode != 0
    assert "faq.md: ## Is it not?: the answer must be one paragraph ending in" \
        in done.stdout + done.stderr
    assert not (tmp_path / "bad" / "site" / "faq" / "index.html").exists()


def test_a_generated_page_may_not_take_an_existing_address(tmp_path):
    (tmp_path / "good" / "docs" / "faq").mkdir(parents=True)
    (tmp_path / "good" / "docs" / "faq" / "is-it.md").write_text("# Taken\n")
    done = mini_project(tmp_path / "good",
                        "# FAQ\n\n## Is it? {#is-it}\n\nYes. [Proof](index.md#p).\n")
    assert done.returncode != 0
    assert "which another page already has" in done.stdout + done.stderr


# --- the real site -------------------------------------------------------------

def answers():
    out = []
    for source in pages.SOURCES:
        out += pages.parse((ROOT / "docs" / source).read_text("utf-8"), source)
    return out


@functools.lru_cache(maxsize=1)
def all_facts() -> dict[str, str]:
    from snippets.facts import all_facts as compute
    return compute()


def filled(markdown: str) -> str:
    """Placeholders filled as hooks/page_facts.py fills them."""
    facts = all_facts()
    return re.sub(r"\{\{\s*([a-z][a-z0-9_.-]*)\s*\}\}", lambda m: facts[m.group(1)], markdown)


def test_every_answer_has_a_page_with_its_question_and_short_answer(built_site):
    found = answers()
    assert len([a for a in found if a.source == "faq.md"]) >= 15
    assert len([a for a in found if a.source == "errata.md"]) >= 15
    for answer in found:
        folder = pages.SOURCES[answer.source][0]
        page = built_site / folder / answer.anchor / "index.html"
        assert page.exists(), f"no page for {answer.source}#{answer.anchor}"
        text = page.read_text("utf-8")
        assert f'<h1 id="{answer.anchor}">' in text
        description = html.escape(cite.plain_text(filled(answer.short)), quote=True)
        assert f'<meta name="description" content="{description}">' in text, answer.anchor
        assert f'href="../#{answer.anchor}"' in text          # the full section
        assert "{{" not in text                                # numbers filled
        # not in the navigation and not a second search hit for the answer
        assert "Read it in the" in text


def test_copy_links_go_to_the_answer_pages(built_site):
    for answer in answers():
        folder = pages.SOURCES[answer.source][0]
        text = (built_site / folder / "index.html").read_text("utf-8")
        assert (f'<a class="obo-copy-link" href="{answer.anchor}/" '
                f'data-anchor="{answer.anchor}">') in text, answer.anchor
    errata = (built_site / "errata" / "index.html").read_text("utf-8")
    assert 'data-anchor="beyond-sources"' not in errata      # a group heading


def test_answer_pages_stay_out_of_the_search_index(built_site):
    index = (built_site / "search" / "search_index.json").read_text("utf-8")
    assert '"location":"faq/positions/' not in index.replace(" ", "")
    assert '"location":"faq/#positions"' in index.replace(" ", "")


def test_answer_pages_edit_their_source_page(published_site):
    text = (published_site / "faq" / "positions" / "index.html").read_text("utf-8")
    assert 'href="https://github.com/example/onebyone/edit/main/docs/faq.md"' in text
