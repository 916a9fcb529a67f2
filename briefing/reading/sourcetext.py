"""A briefing checked against the plain text of a source it cites: locators, quotations, copying.

A source text is plain text in paragraphs separated by blank lines. A
heading is a line of its own starting with `#`, or a one-line paragraph of
at most HEADING_WORDS words that does not end like a sentence. Paragraphs
before the first heading are the `intro`. A locator names `intro` or a
heading in double quotes, then optionally a paragraph number or range:
`intro ¶1`, `"A heading" ¶2`, `"A heading" ¶1–¶3`.

Words are compared case-, accent- and punctuation-blind: `Défense,` and
`defense` are one word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from briefing.i18n import _, ngettext
from briefing.model import Briefing, Item, SourceRef
from briefing.reading.yamlplaces import KeyPath

HEADING_WORDS = 12  # a longer one-line paragraph is a paragraph, not a heading
COPY_RUN = 8  # this many words in a row shared with the source text is copying
INTRO = "intro"

_SENTENCE_END = re.compile(r"[.!?;:…»”\"')\]]\s*$")
_LOCATOR = re.compile(
    r"^\s*(?:(?P<intro>intro)|\"(?P<a>[^\"]+)\"|“(?P<b>[^”]+)”|«\s*(?P<c>[^»]+?)\s*»)"
    r"\s*(?:¶\s*(?P<first>\d{1,6})(?:\s*[–-]\s*¶?\s*(?P<last>\d{1,6}))?)?\s*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


class Paragraph(NamedTuple):
    """One paragraph of a source text: the heading it sits under, its number there, its words."""

    heading: str | None  # None: the intro
    number: int  # from 1 under its heading
    line: int  # where it starts in the file, from 1
    text: str

    def locator(self) -> str:
        """The locator that names this paragraph."""
        where = INTRO if self.heading is None else f'"{self.heading}"'
        return f"{where} ¶{self.number}"


class Outline(NamedTuple):
    """A source text as headings and numbered paragraphs."""

    paragraphs: tuple[Paragraph, ...]
    headings: tuple[str, ...]

    def under(self, heading: str | None) -> list[Paragraph]:
        """The paragraphs under a heading (None: the intro), in order."""
        return [p for p in self.paragraphs if p.heading == heading]


def words(text: str) -> list[str]:
    """The words of a text, case-, accent- and punctuation-blind."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(plain)


def _same_heading(text: str) -> str:
    return " ".join(words(text))


def outline(text: str) -> Outline:
    """Cut a source text into headings and numbered paragraphs."""
    paragraphs: list[Paragraph] = []
    headings: list[str] = []
    heading: str | None = None
    number = 0
    block: list[str] = []
    start = 0

    def close() -> None:
        nonlocal heading, number
        if not block:
            return
        joined = " ".join(" ".join(block).split())
        marked = joined.startswith("#")
        if marked or (
            len(block) == 1
            and len(joined.split()) <= HEADING_WORDS
            and not _SENTENCE_END.search(joined)
        ):
            heading = joined.lstrip("#").strip() or joined
            headings.append(heading)
            number = 0
        else:
            number += 1
            paragraphs.append(Paragraph(heading, number, start, joined))
        block.clear()

    for index, line in enumerate(text.splitlines(), 1):
        if line.strip():
            if not block:
                start = index
            block.append(line.strip())
        else:
            close()
    close()
    return Outline(tuple(paragraphs), tuple(headings))


class SourceFinding(NamedTuple):
    """A mismatch between a briefing and a source text, before its position is known."""

    path: KeyPath
    kind: str  # "locator" | "quote" | "copied"
    message: str


class Counts(NamedTuple):
    """What was checked against one source text."""

    locators: int = 0
    quotations: int = 0
    fields: int = 0


def resolve(locator: str, text: Outline) -> tuple[list[Paragraph], str | None]:
    """The paragraphs a locator names, or the reason it names none."""
    match = _LOCATOR.match(locator)
    if match is None:
        return [], _(
            "locator `{locator}` cannot be checked: write it as `intro ¶N` or "
            '`"Heading" ¶N` (a range: `¶1–¶3`)'
        ).format(locator=locator)
    heading: str | None = None
    if not match.group("intro"):
        wanted = match.group("a") or match.group("b") or match.group("c") or ""
        exact = [h for h in text.headings if " ".join(h.split()) == " ".join(wanted.split())]
        if exact:
            heading = exact[0]
        else:
            blind = [h for h in text.headings if _same_heading(h) == _same_heading(wanted)]
            headings = ", ".join(f'"{h}"' for h in text.headings) or _("none")
            if blind:
                return [], _(
                    'heading "{wanted}" is written "{found}" in the source text: copy it exactly'
                ).format(wanted=wanted, found=blind[0])
            return [], _(
                'the source text has no heading "{wanted}": its headings are {headings}'
            ).format(wanted=wanted, headings=headings)
    under = text.under(heading)
    place = INTRO if heading is None else f'"{heading}"'
    if not under:
        return [], _("the source text has no paragraph under {place}").format(place=place)
    first, last = match.group("first"), match.group("last")
    if first is None:
        return under, None
    low, high = int(first), int(last or first)
    if low < 1 or high < low or high > len(under):
        return [], ngettext(
            "{place} has {n} paragraph, so ¶{asked} does not exist",
            "{place} has {n} paragraphs, so ¶{asked} does not exist",
            len(under),
        ).format(place=place, n=len(under), asked=f"{low}–¶{high}" if last else low)
    return under[low - 1 : high], None


def _contains(haystack: list[str], needle: list[str]) -> bool:
    if not needle:
        return False
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def texts_of(briefing: Briefing) -> Iterator[tuple[KeyPath, str, Item | None]]:
    """Every prose field of a briefing, with its path and the item it belongs to."""
    yield ("title",), briefing.title, None
    if briefing.subtitle:
        yield ("subtitle",), briefing.subtitle, None
    yield ("summary",), briefing.summary, None
    for index, theme in enumerate(briefing.themes):
        if theme.description:
            yield ("themes", index, "description"), theme.description, None
    for index, item in enumerate(briefing.items):
        path: KeyPath = ("items", index)
        yield (*path, "title"), item.title, item
        yield (*path, "summary"), item.summary, item
        if item.attribution:
            yield (*path, "attribution"), item.attribution, item
        for number, question in enumerate(item.open_questions):
            yield (*path, "open_questions", number), question, item
    for index, entry in enumerate(briefing.timeline):
        yield ("timeline", index, "title"), entry.title, None


def _same_language(briefing: Briefing, source_language: str | None) -> bool:
    if source_language is None:
        return True  # unknown: compare, since copying is the worse mistake to miss
    return briefing.language.split("-")[0].lower() == source_language.split("-")[0].lower()


def check(briefing: Briefing, source_id: str, text: Outline) -> tuple[list[SourceFinding], Counts]:
    """Check a briefing's citations of one source, and its prose, against that source's text."""
    findings: list[SourceFinding] = []
    locators = quotations = fields = 0
    places: list[tuple[KeyPath, tuple[SourceRef, ...]]] = []
    places += [(("items", i), item.sources) for i, item in enumerate(briefing.items)]
    places += [(("timeline", i), entry.sources) for i, entry in enumerate(briefing.timeline)]
    every_word = [w for p in text.paragraphs for w in words(p.text)]
    for path, refs in places:
        for number, ref in enumerate(refs):
            if ref.source != source_id:
                continue
            here: KeyPath = (*path, "sources", number)
            cited = text.paragraphs
            if ref.locator is not None:
                locators += 1
                found, why = resolve(ref.locator, text)
                if why is not None:
                    findings.append(SourceFinding((*here, "locator"), "locator", why))
                else:
                    cited = tuple(found)
            if ref.quote is not None:
                quotations += 1
                quoted = words(ref.quote)
                if not _contains([w for p in cited for w in words(p.text)], quoted):
                    elsewhere = [p for p in text.paragraphs if _contains(words(p.text), quoted)]
                    if elsewhere:
                        message = _(
                            "the quotation is in the source text at {found}, not at the place "
                            "cited: correct the locator"
                        ).format(found=elsewhere[0].locator())
                    elif _contains(every_word, quoted):
                        message = _(
                            "the quotation runs across paragraphs of the source text: quote "
                            "within one paragraph"
                        )
                    else:
                        message = _(
                            "the quotation is not in the source text: quote its words exactly"
                        )
                    findings.append(SourceFinding((*here, "quote"), "quote", message))
    source = next((s for s in briefing.sources if s.id == source_id), None)
    if _same_language(briefing, source.language if source else None):
        grams = _grams(text)
        for path, prose, item in texts_of(briefing):
            fields += 1
            marked = [words(r.quote) for r in (item.sources if item else ()) if r.quote]
            for run, paragraph in _copied(_unquoted(words(prose), marked), grams, text):
                findings.append(
                    SourceFinding(
                        path,
                        "copied",
                        _(
                            "{n} words in a row are the source text's own (“{run}”, at "
                            "{place}): rewrite them in your own words, or quote them and mark "
                            "the quotation with `quote:` on the citation"
                        ).format(n=len(run), run=" ".join(run), place=paragraph.locator()),
                    )
                )
    return findings, Counts(locators, quotations, fields)


def _unquoted(tokens: list[str], quotes: list[list[str]]) -> list[str]:
    """The words of a field with its marked quotations blanked out, so no run crosses them."""
    tokens = list(tokens)
    for quote in quotes:
        size = len(quote)
        for start in range(len(tokens) - size + 1):
            if size and tokens[start : start + size] == quote:
                tokens[start : start + size] = [""] * size  # a word no source text has
    return tokens


Grams = dict[tuple[str, ...], tuple[int, int]]


def _grams(text: Outline) -> Grams:
    """Every run of COPY_RUN words of each paragraph, with where it first starts."""
    grams: Grams = {}
    for index, paragraph in enumerate(text.paragraphs):
        tokens = words(paragraph.text)
        for start in range(len(tokens) - COPY_RUN + 1):
            grams.setdefault(tuple(tokens[start : start + COPY_RUN]), (index, start))
    return grams


def _copied(
    tokens: list[str], grams: Grams, text: Outline
) -> Iterator[tuple[list[str], Paragraph]]:
    """The longest runs of at least COPY_RUN words that a field shares with the source text."""
    position = 0
    while position + COPY_RUN <= len(tokens):
        hit = grams.get(tuple(tokens[position : position + COPY_RUN]))
        if hit is None:
            position += 1
            continue
        index, start = hit
        theirs = words(text.paragraphs[index].text)
        end = position + COPY_RUN
        while (
            end < len(tokens)
            and start + end - position < len(theirs)
            and tokens[end] == theirs[start + end - position]
        ):
            end += 1
        yield tokens[position:end], text.paragraphs[index]
        position = end


def outline_lines(text: Outline, preview: int = 8) -> list[str]:
    """One line per locator a text offers: the locator, then the paragraph's first words."""
    lines = []
    for paragraph in text.paragraphs:
        shown = paragraph.text.split()
        start = " ".join(shown[:preview]) + (" …" if len(shown) > preview else "")
        lines.append(
            _("{locator}  (line {line})  {start}").format(
                locator=paragraph.locator(), line=paragraph.line, start=start
            )
        )
    return lines
