"""Markdown's text: data escaped so it stays text, numbered or pandoc citations, front matter."""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing.formats.metadata import Meta
from briefing.formats.metadata import block as metadata_block
from briefing.formats.views import (
    Citations,
    citation_grade,
    marking,
)
from briefing.i18n import _
from briefing.model import Briefing, Item, Signpost, Source, SourceRef
from briefing.text import one_line

# Characters that mean something inline in one of the readers, wherever they stand:
# emphasis, code, links, HTML, tables, pandoc's sub/superscript, maths,
# citations and attributes, entities, smart quotes and dashes, GFM emoji and
# bare-URL autolinks.
# `>` means something only at the start of a line, `&` only where it spells an
# entity, and parentheses only after a link's brackets, which are escaped.
# Double quotes are for pandoc's smart typography to curl (CommonMark gives them
# no meaning) when they pair up as quotes do; see `_paired`.
_INLINE = re.compile(
    r"""[\\`*_\[\]<|~^$@#{}']|&(?=#?\w+;)|-(?=-)|\.(?=\.)|:(?=\S)|(?<=www)\.""", re.I
)


# A quotation pandoc curls as it is written: an opening `"` at the start or
# after a space or an opening bracket, text, a closing `"` before the end, a
# space or punctuation. Text whose quotes all pair so keeps them bare.
_QUOTATION = re.compile(r'(?:(?<=^)|(?<=[\s(\[]))"[^"\s](?:[^"]*[^"\s])?"(?=$|[\s.,;:!?)\]])')


# What makes a block when it starts a line: list markers (including pandoc's
# letters and roman numerals), definition lists, setext and thematic breaks.
_BLOCK_START = re.compile(r"^(\(?)([A-Za-z0-9]+)([.)])")


def md(text: str, start: bool = True, smart: bool = True) -> str:
    """Escape data text so every reader shows it literally, on one line.

    Only what would otherwise be markup is escaped. With `start` (the text may
    begin a line), so is what makes a block there: a list marker, a quote, a
    definition; text placed after other text on its line (`start=False`) is
    spared those escapes. Without `smart`, double quotes are always escaped, for
    text pandoc must keep exactly as written (a citation's locator).
    """
    text = one_line(text)
    escaped = _INLINE.sub(lambda m: "\\" + m.group(), text)
    if '"' in text and not (smart and _paired(text)):
        escaped = escaped.replace('"', '\\"')
    if not start:
        return escaped
    if escaped[:1] in ("-", "+", "=", ":", ">"):
        return "\\" + escaped
    return _BLOCK_START.sub(
        lambda m: ("\\(" if m.group(1) else "") + m.group(2) + "\\" + m.group(3), escaped, count=1
    )


def _paired(text: str) -> bool:
    """Whether every double quote of the text opens or closes a quotation, as pandoc pairs them."""
    return '"' not in _QUOTATION.sub("", text)


def md_url(url: str) -> str:
    """Return a validated URL safe inside `( )`: parentheses percent-encoded, `&` as `&amp;`.

    Readers decode character references in a link destination, so `&#x6A;`
    would become `j`; `&amp;` decodes back to the `&` of the URL in every
    reader (a backslash escape does not: pandoc's CommonMark reader ignores it).
    """
    return url.replace("&", "&amp;").replace("(", "%28").replace(")", "%29")


def front_matter_lines(briefing: Briefing, cites: MarkdownCitations) -> list[str]:
    """The YAML metadata block pandoc reads: title, subtitle, date, lang, parties, references."""
    # pandoc reads metadata strings as Markdown, so they are escaped like any data text.
    meta: dict[str, Meta] = {"title": md(briefing.title)}
    if briefing.subtitle:
        meta["subtitle"] = md(briefing.subtitle)
    meta["date"] = str(briefing.as_of)
    meta["lang"] = briefing.language  # validated as a language tag: letters, digits, hyphens
    mark = marking(briefing)
    if mark is not None:  # a .docx keeps it as a document property a header can show
        meta["tlp"] = mark.label
    if briefing.parties:
        meta["parties"] = [
            {"name": md(p.name), **({"forces": md(p.forces)} if p.forces else {})}
            for p in briefing.parties
        ]
    if cites.pandoc:
        meta["references"] = [_reference(s) for s in briefing.sources]
        uncited = [s.id for s in briefing.sources if s.id not in cites.numbers]
        if uncited:  # listed in the bibliography although nothing shown cites them
            meta["nocite"] = ", ".join("@" + s for s in uncited)
        if briefing.sources:
            meta["reference-section-title"] = md(_("Sources"))
    return metadata_block(meta)  # every value quoted: text stays text in pandoc's YAML


# CSL types for the usual kinds of source, by a word of the kind; any other is a `document`.
_CSL_TYPES = (
    ("release", "document"),
    ("newspaper", "article-newspaper"),
    ("press", "article-newspaper"),
    ("news", "article-newspaper"),
    ("magazine", "article-magazine"),
    ("journal", "article-journal"),
    ("report", "report"),
    ("book", "book"),
    ("interview", "interview"),
    ("speech", "speech"),
    ("blog", "post-weblog"),
    ("web", "webpage"),
    ("treaty", "treaty"),
)


def _reference(source: Source) -> dict[str, Meta]:
    """A source as a CSL JSON item for pandoc's `references` metadata."""
    kind = (source.kind or "").casefold()
    csl_type = next((t for word, t in _CSL_TYPES if word in kind), "document")
    ref: dict[str, Meta] = {"id": source.id, "type": csl_type, "title": md(source.title)}
    if source.kind and csl_type == "document":
        ref["genre"] = md(source.kind)
    if source.language:
        ref["language"] = source.language
    if source.published:
        parts = [source.published.year, source.published.month, source.published.day]
        ref["issued"] = {"date-parts": [[p for p in parts if p is not None]]}
    if source.url:
        # pandoc reads the field as Markdown too; the escapes keep the URL literal.
        ref["URL"] = md(source.url)
    return ref


class MarkdownCitations(Citations):
    """How citations are written: numbered marks and a Sources list, or pandoc citations."""

    def __init__(
        self, refs: Iterable[SourceRef], pandoc: bool = False, graded: Briefing | None = None
    ) -> None:
        super().__init__(refs)
        self.pandoc = pandoc
        self.graded = graded  # the briefing whose grades citations show; None: none shown

    def marks(self, refs: tuple[SourceRef, ...], item: Item | Signpost | None = None) -> str:
        """In-text citations: `[1, p. 2; p. 5] (B2), [3] (C2)`, or pandoc's `[@a, {p. 2}; @b]`.

        Each source's grade follows its citation (for pandoc, the grades of all follow them).
        """
        grouped = self.grouped(refs)
        grades = [self.grade(source, item) for source, _locs in grouped]
        if self.pandoc:
            cites = [
                f"@{source}" + (f", {{{_locator(loc)}}}" if loc else "")
                for source, locs in grouped
                for loc in (locs or [""])
            ]
            shown = [g for g in grades if g]  # none for a briefing without grades
            return "[" + "; ".join(cites) + "]" + (f" ({', '.join(shown)})" if shown else "")
        # Only the opening bracket is escaped: a lone `]` is text in every reader,
        # and data's own brackets are escaped, so nothing can pair with it.
        return ", ".join(
            f"\\[{self.numbers[source]}"
            + (", " + "; ".join(md(loc, start=False) for loc in locs) if locs else "")
            + "]"
            + (f" ({grade})" if grade else "")
            for (source, locs), grade in zip(grouped, grades, strict=True)
        )

    def grade(self, source: str, item: Item | Signpost | None) -> str:
        """The escaped compact grade of a citation, or "" when the grades are not known here."""
        if self.graded is None:
            return ""
        return md(citation_grade(self.graded, SourceRef(source), item))


def _locator(text: str) -> str:
    """A locator inside pandoc's `{…}`: escaped, `;` escaped, braces and brackets kept as text.

    pandoc's locator parser pairs braces and brackets itself, without regard
    to escapes: it showed `{{x}}` as `{{{x}}}`, and `x[1;]x` with its braces.
    So each brace and bracket goes in an empty span (`[{]{}`, `[\\[]{}`), the
    same text to every writer and none to that parser. A `;` is escaped, so
    it never ends the citation.
    """
    # One pass over md()'s escapes, left to right, so `\\` (a backslash) stays itself;
    # quotes as written: pandoc's smart quotes would change the locator in the citation.
    return _ESCAPE.sub(_spanned, md(text, smart=False)).replace(";", "\\;")


_ESCAPE = re.compile(r"\\(.)")


def _spanned(match: re.Match[str]) -> str:
    """An escaped brace or bracket in an empty span; any other escape as it was."""
    char = match.group(1)
    if char in "{}":
        return "[" + char + "]{}"
    if char in "[]":
        return "[\\" + char + "]{}"
    return match.group()
