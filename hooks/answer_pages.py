"""MkDocs hook: a page of its own for every FAQ answer and errata entry.

A forum builds its link preview from a page's meta tags and ignores the
``#fragment``, so ``faq/#bottleneck`` would preview the FAQ's introduction.
This hook reads ``faq.md`` and ``errata.md`` at build time (there is no copy
to keep in step) and adds one generated page per answer at
``faq/<anchor>/`` and ``errata/<anchor>/``. Each starts, like every page,
with a "**Short answer.**" paragraph, so ``hooks/citations.py`` makes it the
page's description; ``hooks/page_facts.py`` fills its ``{{ name }}``
numbers; ``hooks/cards.py`` draws its preview picture. It links to the full
section and to the page whose code proves it.

An entry the parser cannot read fails the build with a message naming it:
an FAQ answer is ``## Question {#anchor}`` then a paragraph ending in
``[Proof](page.md#anchor).``; an errata entry is ``## Source: claim
{#anchor}`` with **Source:**, **Claim:**, **Verdict:**, **Correction:** and
**Proof:** lines. A heading with none of those lines that only groups
``###`` entries (errata's "Beyond the three sources") is not an entry.
"""

from __future__ import annotations

import json
import posixpath
import re
from typing import NamedTuple

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

# source page -> (folder of its answer pages, what one answer is called,
# the page's name in "Read it in the ...")
SOURCES = {"faq.md": ("faq", "answer", "FAQ"),
           "errata.md": ("errata", "entry", "errata")}
FIELDS = ("Source", "Claim", "Verdict", "Correction", "Proof")

HEADING = re.compile(r"^(#{2,3})\s+(.*?)\s*$")
ANCHOR = re.compile(r"\s*\{\s*#([a-z0-9][a-z0-9-]*)[^}]*\}$")
FENCE = re.compile(r"^\s*(```|~~~)")
FIELD = re.compile(r"^\*\*([A-Z][A-Za-z ]*):\*\*\s*(.*)$")     # any label
PROOF_LINK = re.compile(r"\s*\[Proof\]\(([^)\s]+)\)\.?\s*$")
INLINE_LINK = re.compile(r"(!?\[[^\]]*\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")
REF_DEF = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(\S+)(.*)$", re.M)


class Answer(NamedTuple):
    """One citable answer, as Markdown of the page it came from."""
    source: str                   # "faq.md"
    anchor: str                   # "positions"
    title: str                    # the question, or "Source: claim"
    short: str                    # the short answer
    details: tuple[str, ...]      # lines shown under it (errata: source, claim)
    proof: str                    # Markdown of what proves it, with links

    @property
    def src_uri(self) -> str:
        return f"{SOURCES[self.source][0]}/{self.anchor}.md"


def _sections(markdown: str):
    """(level, heading text, anchor or None, body lines) for every ## and ###
    heading outside code fences; text before the first heading is skipped."""
    sections, current, fenced = [], None, False
    for line in markdown.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        match = None if fenced else HEADING.match(line)
        if match:
            text = match.group(2)
            anchor = ANCHOR.search(text)
            current = (len(match.group(1)),
                       text[:anchor.start()] if anchor else text,
                       anchor.group(1) if anchor else None, [])
            sections.append(current)
        elif current is not None:
            current[3].append(line)
    return sections


def _paragraphs(lines) -> list[str]:
    """Body text as paragraphs (joined lines), code fences left out."""
    out, block, fenced = [], [], False
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if line.strip():
            block.append(line.strip())
        elif block:
            out.append(" ".join(block))
            block = []
    if block:
        out.append(" ".join(block))
    return out


def _fields(lines) -> dict[str, str]:
    """**Name:** lines of an errata entry; a field runs on to the next field
    or the end of its paragraph."""
    fields, name, fenced = {}, None, False
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
        if fenced or not line.strip():
            name = None
            continue
        match = FIELD.match(line.strip())
        if match:
            name = match.group(1)
            fields[name] = match.group(2)
        elif name:
            fields[name] += " " + line.strip()
    return fields


def parse(markdown: str, source: str) -> list[Answer]:
    """The answers of ``faq.md`` or ``errata.md``; a PluginError naming the
    entry if one does not have the expected shape."""
    if source not in SOURCES:
        raise ValueError(f"no answers are read from {source!r}; "
                         f"only from {sorted(SOURCES)}")
    sections = _sections(markdown)
    answers, seen = [], set()
    for i, (level, title, anchor, body) in enumerate(sections):
        where = f"{source}: {'#' * level} {title}"
        deeper = i + 1 < len(sections) and sections[i + 1][0] > level
        fields = _fields(body)
        paragraphs = _paragraphs(body)
        proof = PROOF_LINK.search(paragraphs[0]) if paragraphs else None
        if deeper and not (proof if source == "faq.md" else fields):
            continue                        # a group heading, not an answer
        if anchor is None:
            raise PluginError(f"{where}: an answer needs a short explicit "
                              "anchor, such as {#like-this}, at the end of "
                              "its heading")
        if anchor in seen:
            raise PluginError(f"{where}: the anchor #{anchor} is used twice")
        seen.add(anchor)
        if source == "faq.md":
            if proof is None:
                raise PluginError(f"{where}: the answer must be one paragraph "
                                  "ending in [Proof](page.md#anchor).")
            short = paragraphs[0][:proof.start()].strip()
            if not short:
                raise PluginError(f"{where}: the answer before [Proof](...) "
                                  "is empty")
            answers.append(Answer(source, anchor, title, short, (),
                                  f"[the code that shows it]({proof.group(1)})."))
        else:
            missing = [name for name in FIELDS if not fields.get(name, "").strip()]
            if missing:
                raise PluginError(
                    f"{where}: an errata entry needs the lines "
                    + ", ".join(f"**{name}:**" for name in FIELDS)
                    + "; missing or empty: "
                    + ", ".join(f"**{name}:**" for name in missing))
            verdict = fields["Verdict"].strip().rstrip(".")
            verdict = verdict[:1].upper() + verdict[1:]
            short = f"{verdict}: {fields['Correction'].strip()}"
            details = (f"**Source:** {fields['Source'].strip()}",
                       f"**Claim:** {fields['Claim'].strip()}")
            answers.append(Answer(source, anchor, title, short, details,
                                  fields["Proof"].strip()))
    return answers


def relink(markdown: str, source: str, target: str) -> str:
    """Markdown of ``source`` (a docs path) with its relative links rewritten
    for a page at ``target``; ``#anchor`` links point back at ``source``."""
    here, there = posixpath.dirname(source), posixpath.dirname(target)

    def fix(url: str) -> str:
        if re.match(r"^[a-z][a-z0-9+.-]*:|^/", url, re.I):
            return url                                   # absolute
        path, hash_, anchor = url.partition("#")
        full = posixpath.normpath(posixpath.join(here, path)) if path else source
        return posixpath.relpath(full, there or ".") + hash_ + anchor

    out = INLINE_LINK.sub(lambda m: m.group(1) + fix(m.group(2)) + m.group(3),
                          markdown)
    return REF_DEF.sub(lambda m: m.group(1) + fix(m.group(2)) + m.group(3), out)


def plain_title(markdown: str) -> str:
    """A heading as the plain text of a page title (and link preview)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]",
                  lambda m: m.group(1) or m.group(2), markdown)
    return " ".join(re.sub(r"[`*]", "", text).split())


def page_markdown(answer: Answer, source_markdown: str = "") -> str:
    """The generated page: title, short answer, details, then the links to
    the full section and to the proof. Reference-link definitions of the
    source page come along so its ``[text][ref]`` links still work."""
    folder, noun, name = SOURCES[answer.source]
    back = f"{answer.source}#{answer.anchor}"
    # "the check below" is on the source page, under the entry (a link's
    # own text is left alone)
    proof = re.sub(r"(\[[^\]]*\]\([^)]*\))|\bbelow\b",
                   lambda m: m.group(1) or f"in the [full {noun}]({back})",
                   answer.proof)
    lines = [
        "---",
        f"title: {json.dumps(plain_title(answer.title), ensure_ascii=False)}",
        f"answer_of: {answer.source}",
        "search:",
        "  exclude: true",                # the FAQ itself is what search finds
        "---",
        "",
        f"# {answer.title} {{#{answer.anchor}}}",
        "",
        f"**Short answer.** {answer.short}",
        "",
    ]
    lines += [line + "  " for line in answer.details]   # one line each
    lines += [f"**Proof:** {proof}", "",
              f"[Read it in the {name}]({back}), among the other "
              f"{'answers' if noun == 'answer' else 'entries'}.", ""]
    refs = [m.group(0) for m in REF_DEF.finditer(source_markdown)]
    if refs:
        lines += refs + [""]
    return relink("\n".join(lines), answer.source, answer.src_uri)


def on_files(files, config, **kwargs):
    taken = {file.url for file in files}
    for source in SOURCES:
        page = files.get_file_from_path(source)
        if page is None:
            continue
        markdown = page.content_string
        for answer in parse(markdown, source):
            file = File.generated(config, answer.src_uri,
                                  content=page_markdown(answer, markdown),
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            if file.url in taken or files.get_file_from_path(answer.src_uri):
                raise PluginError(
                    f"{source}: the page for #{answer.anchor} would be "
                    f"{file.url}, which another page already has")
            taken.add(file.url)
            files.append(file)
    return files


def on_page_context(context, page, config, nav, **kwargs):
    """An answer page's "edit this page" opens the page it comes from."""
    source = page.meta.get("answer_of")
    if source and config.repo_url and config.edit_uri:
        page.edit_url = (config.repo_url.rstrip("/") + "/"
                         + config.edit_uri.strip("/") + "/" + source)
    return context

