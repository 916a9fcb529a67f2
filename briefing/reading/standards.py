"""Analytic standards checked on a briefing: warnings that cite the rule, where, and how to fix.

The rules come from the standards the grades do (the Admiralty grades of
NATO AJP-2.1, and ICD 203 and ICD 206): a claim graded as corroborated has
two independent sources, a report does not hedge and an assessment hedges
only on the ICD 203 scale, high confidence does not rest on unreliable
sources, one side's account is not told as fact, a source is described, and
a commitment still planned is not past its due date as of the briefing's date.
A warning is not an error: an author may accept one deliberately with an
`acknowledged` entry (rule and reason) on the item or source it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from briefing.grades import STANDARD_RULES
from briefing.i18n import _, ngettext
from briefing.model import Acknowledgement, Briefing, Item, PartialDate, Source
from briefing.reading.yamlplaces import KeyPath

__all__ = ["STANDARD_RULES", "WORDS", "Notice", "check", "word_languages"]

STALE = "unused-acknowledgement"  # the one warning that cannot itself be acknowledged


class Notice(NamedTuple):
    """One standards warning, before its position in the file is known."""

    path: KeyPath
    rule: str
    message: str
    reason: str | None = None  # the acknowledgement's reason, when the warning is accepted
    at_key: bool = False


class WordList(NamedTuple):
    """The words of one language that each word rule looks for, as phrases."""

    estimative: tuple[str, ...]  # not in a report
    off_scale: tuple[str, ...]  # not in an assessment: hedges outside the ICD 203 scale
    reporting: tuple[str, ...]  # what tells a claim as someone's account, not as fact


# Word lists per language (the primary subtag of the briefing's `language`).
# A phrase matches whole words, in any case; `*` ends a stem (`déclar*`).
# Documented in docs/data-format.md, "Analytic standards".
WORDS: dict[str, WordList] = {
    "en": WordList(
        estimative=(
            "probably",
            "probable",
            "likely",
            "unlikely",
            "may",
            "might",
            "could",
            "perhaps",
            "possibly",
            "presumably",
            "maybe",
            "doubtless",
            "almost certainly",
            "in all likelihood",
        ),
        off_scale=(
            "possible",
            "possibly",
            "could",
            "might",
            "may",
            "perhaps",
            "maybe",
            "conceivably",
            "presumably",
            "doubtless",
        ),
        reporting=(
            "according to",
            "said",
            "say",
            "says",
            "stated",
            "states",
            "told",
            "described",
            "describes",
            "claimed",
            "claims",
            "indicated",
            "reported",
            "reports",
            "announced",
            "spoke of",
            "speak of",
            "account",
            "in the view of",
            "as they put it",
        ),
    ),
    "fr": WordList(
        estimative=(
            "probablement",
            "probable",
            "probables",
            "improbable",
            "improbables",
            "vraisemblablement",
            "sans doute",
            "peut-être",
            "il se peut",
            "pourrait",
            "pourraient",
            "éventuellement",
            "semble",
            "semblent",
        ),
        off_scale=(
            "possible",
            "possibles",
            "possiblement",
            "pourrait",
            "pourraient",
            "peut-être",
            "il se peut",
            "éventuellement",
            "sans doute",
            "vraisemblablement",
        ),
        reporting=(
            "selon",
            "d’après",
            "d'après",
            "à en croire",
            "indiqu*",
            "affirm*",
            "déclar*",
            "dit",
            "disent",
            "rapport*",
            "décri*",
            "évoqu*",
            "annonc*",
            "version",
            "aux yeux de",
        ),
    ),
}

_COMPILED: dict[tuple[str, str], re.Pattern[str]] = {}


def word_languages() -> tuple[str, ...]:
    """The languages the word rules have lists for."""
    return tuple(WORDS)


def _pattern(language: str, which: str) -> re.Pattern[str]:
    """One regular expression for a word list: whole words, any case, stems ending in `*`."""
    key = (language, which)
    found = _COMPILED.get(key)
    if found is None:
        phrases = getattr(WORDS[language], which)
        parts = []
        for phrase in sorted(phrases, key=len, reverse=True):
            stem = phrase.endswith("*")
            words = [re.escape(w) for w in phrase.rstrip("*").split()]
            body = r"\s+".join(words) + (r"\w*" if stem else "")
            parts.append(body)
        # Apostrophes and hyphens join words: `d’après` is one phrase, `peut-être` too.
        found = re.compile(r"(?<![\w’'-])(?:" + "|".join(parts) + r")(?![\w’'-])", re.IGNORECASE)
        _COMPILED[key] = found
    return found


_MONTH_NEAR = re.compile(r"\d")


def find_words(text: str, language: str, which: str) -> list[str]:
    """The words of a list found in a text, each once, in the order they first appear.

    `May` written with a capital next to a number (`May 2025`, `3 May`) is the
    month, not a hedge.
    """
    found: dict[str, None] = {}
    for match in _pattern(language, which).finditer(text):
        word = match.group()
        if word == "May":
            before, after = text[max(0, match.start() - 4) : match.start()], text[match.end() :]
            if _MONTH_NEAR.search(before) or _MONTH_NEAR.match(after.lstrip()[:1] or "x"):
                continue
        found.setdefault(" ".join(word.lower().split()))
    return list(found)


def _language(briefing: Briefing) -> str:
    return briefing.language.split("-")[0].lower()


def check(briefing: Briefing) -> list[Notice]:
    """Every standards warning of one briefing, acknowledged ones marked with their reason."""
    notices: list[Notice] = []
    language = _language(briefing)
    sources = {s.id: s for s in briefing.sources}
    for index, item in enumerate(briefing.items):
        path: KeyPath = ("items", index)
        found = list(_item_notices(item, path, sources, language, briefing.as_of))
        notices += _acknowledge(found, item.acknowledged, path)
    for index, source in enumerate(briefing.sources):
        path = ("sources", index)
        notices += _acknowledge(list(_source_notices(source, path)), source.acknowledged, path)
    return notices


def _acknowledge(
    found: list[Notice], acknowledged: Sequence[Acknowledgement], path: KeyPath
) -> list[Notice]:
    """Mark the warnings an entry accepts; an acknowledgement that accepts nothing is a warning."""
    reasons = {a.rule: a.reason for a in acknowledged}
    marked = [n._replace(reason=reasons.get(n.rule)) for n in found]
    fired = {n.rule for n in found}
    for index, ack in enumerate(acknowledged):
        if ack.rule not in fired:
            marked.append(
                Notice(
                    (*path, "acknowledged", index, "rule"),
                    STALE,
                    _(
                        "`{rule}` is acknowledged but does not apply here: remove the "
                        "acknowledgement, so it cannot hide a later warning"
                    ).format(rule=ack.rule),
                )
            )
    return marked


def independent_origins(cited: Iterable[str], sources: dict[str, Source]) -> list[str]:
    """The independent origins among cited sources: relays followed, one outlet counted once.

    A source that relays another counts as the one it relays; two sources of
    the same publisher (compared case-insensitively) count once. A source
    without a publisher counts on its own.
    """
    origins: dict[str, str] = {}
    for source_id in dict.fromkeys(cited):
        seen: set[str] = set()
        current = source_id
        while current in sources and sources[current].relays and current not in seen:
            seen.add(current)
            current = sources[current].relays or current
        root = sources.get(current)
        outlet = root.publisher.casefold().strip() if root and root.publisher else None
        key = f"publisher:{outlet}" if outlet else f"source:{current}"
        origins.setdefault(key, current)
    return list(origins.values())


def _corroboration_message(grade: int, origins: list[str]) -> str:
    """Why credibility 1 or 2 needs a second independent source, in the grade's own words."""
    n, ids = len(origins), ", ".join(origins)
    if grade == 1:
        return ngettext(
            "credibility 1 says the item is confirmed by other independent sources, yet it "
            "rests on {n} independent source ({ids}): grade it 3 or lower, or cite a second "
            "independent source",
            "credibility 1 says the item is confirmed by other independent sources, yet it "
            "rests on {n} independent sources ({ids}): grade it 3 or lower, or cite a second "
            "independent source",
            n,
        ).format(n=n, ids=ids)
    return ngettext(
        "credibility 2 says the item is consistent with other information on the "
        "subject, yet it rests on {n} independent source ({ids}): grade "
        "it 3 or lower, or cite a second independent source",
        "credibility 2 says the item is consistent with other information on the "
        "subject, yet it rests on {n} independent sources ({ids}): grade "
        "it 3 or lower, or cite a second independent source",
        n,
    ).format(n=n, ids=ids)


def _item_notices(
    item: Item, path: KeyPath, sources: dict[str, Source], language: str, as_of: PartialDate
) -> Iterable[Notice]:
    cited = [r.source for r in item.sources]
    if item.credibility in (1, 2):
        origins = independent_origins(cited, sources)
        if len(origins) < 2:
            yield Notice(
                (*path, "credibility"),
                "corroboration",
                _corroboration_message(item.credibility, origins),
            )
    words = WORDS.get(language)
    # Each text is searched on its own, so a warning names the field its words are in.
    texts = (("title", item.title), ("summary", item.summary))
    if words is not None and not item.assessment:
        for field, text in texts:
            hedges = find_words(text, language, "estimative")
            if hedges:
                yield Notice(
                    (*path, field),
                    "estimative-in-report",
                    _(
                        "a report tells what a source said or did, yet it uses estimative words "
                        "({words}): state what was reported, or make the judgement an "
                        "assessment (`kind: assessment`) with a confidence"
                    ).format(words=", ".join(f"“{w}”" for w in hedges)),
                )
    if words is not None and item.assessment:
        for field, text in texts:
            hedges = find_words(text, language, "off_scale")
            if hedges:
                yield Notice(
                    (*path, field),
                    "off-scale-in-assessment",
                    _(
                        "an assessment hedges with words outside the ICD 203 scale ({words}): "
                        "use one of the seven terms, in `likelihood` or in the text"
                    ).format(words=", ".join(f"“{w}”" for w in hedges)),
                )
    if item.confidence == "high":
        grades = [sources[s].reliability for s in dict.fromkeys(cited) if s in sources]
        if grades and all(g in ("E", "F") for g in grades):
            yield Notice(
                (*path, "confidence"),
                "high-confidence-weak-sources",
                _(
                    "high confidence rests only on sources graded E or F ({grades}): lower the "
                    "confidence, or cite a source whose reliability can be judged"
                ).format(grades=", ".join(g or "-" for g in grades)),
            )
    if (
        item.account_of is not None
        and words is not None
        and not find_words(item.summary, language, "reporting")
    ):
        yield Notice(
            (*path, "summary"),
            "one-sided-as-fact",
            _(
                "the item gives the account of {party} alone, but the summary states it as "
                "fact: say whose account it is (for example “according to …”)"
            ).format(party=item.account_of),
        )
    # Checked as of the briefing's own date, not the clock: the warning is about what
    # the data says at its date, so the same file gives the same answer every day.
    # What has fallen due since is what `briefing watch` answers.
    if item.status == "planned" and item.expected_by is not None:
        from briefing.commands.tracking import is_overdue

        if is_overdue(item, as_of):
            yield Notice(
                (*path, "expected_by"),
                "planned-past-due",
                _(
                    "the item is still planned as of {as_of}, but it was due by {due}: say "
                    "what became of it (`status`), record a later due date with who set it, "
                    "or acknowledge why it stays planned"
                ).format(as_of=as_of, due=item.expected_by),
            )


def _source_notices(source: Source, path: KeyPath) -> Iterable[Notice]:
    missing = [
        key
        for key, value in (
            ("published", source.published),
            ("publisher", source.publisher),
            ("archived_url", source.archived_url),
        )
        if value is None
    ]
    if missing:
        yield Notice(
            path,
            "source-descriptors",
            _(
                "source `{id}` is not fully described (missing {keys}): add what is known, "
                "or acknowledge the gap and say in `grade_note` what is missing"
            ).format(id=source.id, keys=", ".join(f"`{k}`" for k in missing)),
            at_key=False,
        )
