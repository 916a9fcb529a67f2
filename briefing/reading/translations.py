"""Translations: files may share an id only as translations of one original, kept in step."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from briefing.errors import Problem
from briefing.i18n import N_, _
from briefing.model import Briefing, Item, by_edition
from briefing.reading.yamlplaces import locate

# Where a top-level key sits: (briefing, key) -> problem at that key.
AtKey = Callable[[Briefing, str, str], Problem]


def translation_problems(
    briefings: list[Briefing], texts: Mapping[str, str] | None = None
) -> list[Problem]:
    """Files may share an id only as translations: one original, one file per language.

    A translation names its original's language in `translation_of` and must
    keep its theme ids, item ids, timeline dates and source ids. `texts` holds
    the text each briefing was read from (by origin), to give problems a line
    and column without reading anything again (standard input cannot be).
    """
    _at_key = locator(texts or {})
    problems: list[Problem] = []
    # Editions of one id (another as_of) are not translations of each other.
    for group in by_edition(briefings).values():
        seen: dict[str, Briefing] = {}
        for briefing in group:
            other = seen.get(briefing.language)
            if (
                other is not None
                and briefing.translation_of is None
                and other.translation_of is None
            ):
                # Neither says it is a translation, and they share a language: the same
                # briefing twice (a copy, a file kept under two names), not a translation.
                message = _(
                    "two files define the same briefing id `{id}`: {first} and {second}; "
                    "remove or rename one"
                ).format(id=briefing.id, first=other.origin, second=briefing.origin)
                problems.append(_at_key(briefing, "id", message))
            elif other is not None:
                problems.append(
                    _at_key(
                        briefing,
                        "id",
                        _(
                            "briefing id `{id}` in language `{lang}` is also used by {other}: "
                            "a translation needs another `language`"
                        ).format(id=briefing.id, lang=briefing.language, other=other.origin),
                    )
                )
            seen.setdefault(briefing.language, briefing)
        originals = [b for b in group if b.translation_of is None]
        # Originals in one language are the same briefing twice, told above; only
        # originals in several languages are a translation that does not say so.
        languages = {b.language for b in originals}
        if len(group) > 1 and len(originals) != 1 and len(languages) != 1:
            names = ", ".join(b.origin for b in originals) or _("none of them")
            problems.append(
                _at_key(
                    group[-1],
                    "id",
                    _(
                        "briefing id `{id}` is shared by {n} files but {originals} of them are "
                        "originals ({names}): mark each translation with `translation_of: LANG`, "
                        "the language of the original"
                    ).format(id=group[0].id, n=len(group), originals=len(originals), names=names),
                )
            )
            continue
        original = originals[0] if originals else None
        if original is None:
            # A translation dated otherwise than its original would pass for another edition.
            elsewhere = [b for b in briefings if b.id == group[0].id and b.translation_of is None]
            if elsewhere:
                problems.append(
                    _at_key(
                        group[0],
                        "as_of",
                        _(
                            "a translation keeps its original's as_of: `{id}` has no original "
                            "as of {date} (the original {file} is as of {other})"
                        ).format(
                            id=group[0].id,
                            date=group[0].as_of,
                            file=elsewhere[0].origin,
                            other=elsewhere[0].as_of,
                        ),
                    )
                )
        for briefing in group:
            if briefing.translation_of is None or original is None:
                continue
            if briefing.translation_of != original.language:
                problems.append(
                    _at_key(
                        briefing,
                        "translation_of",
                        _(
                            "`{lang}` is not the language of the original {file} (`{original}`)"
                        ).format(
                            lang=briefing.translation_of,
                            file=original.origin,
                            original=original.language,
                        ),
                    )
                )
            problems += drift(briefing, original, _at_key)
    return problems


def drift(translation: Briefing, original: Briefing, at_key: AtKey | None = None) -> list[Problem]:
    """Name every theme, item, timeline date, source or revision date a translation lacks or adds.

    Counted, not just looked up, so a second entry on the same date is seen;
    each item must keep its themes, status, grades, due date and signposts
    (all but their wording), each source its reliability, and the file its
    format version.
    """
    _at_key = at_key or locator({})
    problems = []
    parts = [
        (
            "themes",
            N_("theme"),
            [t.id for t in original.themes],
            [t.id for t in translation.themes],
        ),
        ("items", N_("item"), [i.id for i in original.items], [i.id for i in translation.items]),
        (
            "timeline",
            N_("timeline date"),
            [str(e.date) for e in original.timeline],
            [str(e.date) for e in translation.timeline],
        ),
        (
            "sources",
            N_("source"),
            [s.id for s in original.sources],
            [s.id for s in translation.sources],
        ),
        (
            "revisions",
            N_("revision date"),
            [str(r.date) for r in original.revisions],
            [str(r.date) for r in translation.revisions],
        ),
    ]
    if translation.version != original.version:
        problems.append(
            _at_key(
                translation,
                "briefing",
                _(
                    "format version {version}, but the original {file} is version {theirs}: "
                    "a translation follows its original"
                ).format(
                    version=translation.version, file=original.origin, theirs=original.version
                ),
            )
        )
    for key, noun, theirs, ours in parts:
        for label, order, left_over in (
            (
                _("missing {what} `{id}` of the original {file}"),
                theirs,
                Counter(theirs) - Counter(ours),
            ),
            (
                _("extra {what} `{id}`, not in the original {file}"),
                ours,
                Counter(ours) - Counter(theirs),
            ),
        ):
            for value in dict.fromkeys(order):
                if left_over[value]:
                    message = label.format(what=_(noun), id=value, file=original.origin)
                    problems += [_at_key(translation, key, message)] * left_over[value]
    if translation.tlp != original.tlp:
        problems.append(
            _at_key(
                translation,
                "tlp",
                _(
                    "the briefing is marked {marking}, but the original {file} is marked "
                    "{theirs}: a translation keeps the handling marking"
                ).format(
                    marking=_marking(translation.tlp),
                    file=original.origin,
                    theirs=_marking(original.tlp),
                ),
            )
        )
    theirs_by_id = {i.id: i for i in original.items}
    for item in translation.items:
        other = theirs_by_id.get(item.id)
        if other is None:
            continue
        if item.themes != other.themes or item.status != other.status:
            problems.append(
                _at_key(
                    translation,
                    "items",
                    _(
                        "item `{id}` has other themes or another status than in the original "
                        "{file}: a translation changes only the text"
                    ).format(id=item.id, file=original.origin),
                )
            )
        ours_graded, theirs_graded = _grades(item), _grades(other)
        changed = [g for g in ours_graded if ours_graded[g] != theirs_graded[g]]
        if changed:
            problems.append(
                _at_key(
                    translation,
                    "items",
                    _(
                        "item `{id}` is graded differently than in the original {file} "
                        "({keys}): a translation keeps the grades"
                    ).format(id=item.id, file=original.origin, keys=", ".join(changed)),
                )
            )
        if _checking(item, translation) != _checking(other, original):
            problems.append(
                _at_key(
                    translation,
                    "items",
                    _(
                        "item `{id}` has another `account_of`, `acknowledged` or `quote` than in "
                        "the original {file}: a translation keeps what the checks rely on"
                    ).format(id=item.id, file=original.origin),
                )
            )
        if item.tlp != other.tlp:
            problems.append(
                _at_key(
                    translation,
                    "items",
                    _(
                        "item `{id}` is marked {marking}, but {theirs} in the original {file}: "
                        "a translation keeps the handling marking"
                    ).format(
                        id=item.id,
                        marking=_marking(item.tlp),
                        theirs=_marking(other.tlp),
                        file=original.origin,
                    ),
                )
            )
        if _tracking(item) != _tracking(other):
            problems.append(
                _at_key(
                    translation,
                    "items",
                    _(
                        "item `{id}` has another due date or other signposts (ids, directions, "
                        "statuses, dates, sources or grades) than in the original {file}: "
                        "a translation changes only the text"
                    ).format(id=item.id, file=original.origin),
                )
            )
    theirs_sources = {s.id: s for s in original.sources}
    for source in translation.sources:
        their = theirs_sources.get(source.id)
        if their is not None and (
            source.relays != their.relays
            or sorted(a.rule for a in source.acknowledged)
            != sorted(a.rule for a in their.acknowledged)
        ):
            problems.append(
                _at_key(
                    translation,
                    "sources",
                    _(
                        "source `{id}` has another `relays` or `acknowledged` than in the "
                        "original {file}: a translation keeps what the checks rely on"
                    ).format(id=source.id, file=original.origin),
                )
            )
        if their is not None and source.reliability != their.reliability:
            problems.append(
                _at_key(
                    translation,
                    "sources",
                    _(
                        "source `{id}` has another reliability than in the original {file}: "
                        "a translation keeps the grades"
                    ).format(id=source.id, file=original.origin),
                )
            )
    return problems


def _marking(code: str | None) -> str:
    """A marking as a message names it: `TLP:AMBER`, or `unmarked`."""
    from briefing.tlp import label

    return label(code) if code is not None else _("unmarked")


def _checking(item: Item, briefing: Briefing) -> tuple[object, ...]:
    """What the standards and source checks read of an item, the same in every language.

    `account_of` names a party, whose name is translated: its place in `parties` is kept.
    The quotations are the source's own words, so they stay as they are.
    """
    names = [p.name for p in briefing.parties]
    party = names.index(item.account_of) if item.account_of in names else item.account_of
    return (
        party,
        sorted(a.rule for a in item.acknowledged),
        [r.quote for r in item.sources],
    )


def _grades(item: Item) -> dict[str, object]:
    """An item's grades as a translation must keep them (no kind means a report)."""
    return {
        "kind": item.kind or "report",
        "credibility": item.credibility,
        "confidence": item.confidence,
        "likelihood": item.likelihood,
    }


def _tracking(item: Item) -> tuple[object, ...]:
    """What a translation must keep of an item's tracking: all but the signposts' wording."""
    return (
        item.expected_by,
        item.expected_by_set_by,
        tuple(
            (s.id, s.direction, s.status, s.observed, [r.source for r in s.sources], s.credibility)
            for s in item.signposts
        ),
    )


def locator(texts: Mapping[str, str]) -> AtKey:
    """Build the function placing a problem at a top-level key of the text a briefing came from.

    Positions are looked up on error paths only, once per file and key.
    """
    found: dict[tuple[str, str], tuple[int | None, int | None]] = {}

    def at_key(briefing: Briefing, key: str, message: str) -> Problem:
        where = (briefing.origin, key)
        if where not in found:
            text = texts.get(briefing.origin)
            spot = locate(text, {(key,)}).get((key,)) if text is not None else None
            found[where] = (spot[0], spot[1]) if spot else (None, None)
        line, column = found[where]
        return Problem(briefing.origin, key, message, line, column)

    return at_key
