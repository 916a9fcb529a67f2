"""`diff`: the two editions named on the command line (files, ID@AS_OF, or one id), compared."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.commands.loading import load_data, output_format
from briefing.delivery.deliverer import Shown
from briefing.delivery.stderr import report
from briefing.errors import EXIT_DATA
from briefing.i18n import dating

if TYPE_CHECKING:
    from briefing.cli.settings import Settings
    from briefing.model import Briefing


def diff(
    settings: Settings,
    editions: Sequence[str],
    theme: Sequence[str] = (),
    format: str | None = None,
    exit_code: bool = False,
) -> Shown:
    """Compare two editions of a briefing; with --exit-code, exit 1 when anything differs.

    One argument, an id (or `ID@AS_OF`), compares that briefing's latest edition
    (or the one named) with the edition before it among the loaded briefings.
    """
    from briefing.commands.diff import check_comparable, diff
    from briefing.commands.narrowing import resolve_themes
    from briefing.errors import UsageError
    from briefing.formats import able, get
    from briefing.i18n import _

    if len(editions) == 1 and not _names_a_file(editions[0]):
        old, new = _previous_and(settings, editions[0])
    elif len(editions) != 2:
        raise UsageError(
            _("diff needs two briefings, OLD and NEW, not {n}").format(n=len(editions)),
            _(
                "give two files, two editions as ID@AS_OF such as plan@2026-01 plan@2026-06, "
                "or one id to compare its latest edition with the one before"
            ),
        )
    else:
        old, new = (_edition(settings, word) for word in editions)
    check_comparable(old, new)
    theme_ids = resolve_themes(new, list(theme), (old,))
    titles = [t.title for t in new.themes if t.id in theme_ids] or [
        t.title for t in old.themes if t.id in theme_ids
    ]
    changes = diff(old, new, tuple(theme_ids), tuple(titles))
    shown = output_format(format, settings.output, "diff")
    render = able(get(shown).diff, shown, "diff")
    with dating(new.language):
        text = render(changes, settings.output)
    return Shown(text, exit_code=EXIT_DATA if exit_code and not changes.empty else None)


def _names_a_file(word: str) -> bool:
    """Whether a diff argument is meant as a file: `-`, a path that exists, or one that looks it."""
    import os

    from briefing.reading.files import looks_like_data

    return (
        word == "-"
        or os.path.lexists(word)
        or os.sep in word
        or (os.altsep is not None and os.altsep in word)
        or looks_like_data(word)
    )


def _read_one(settings: Settings, word: str) -> Briefing:
    """The briefing of one file named on the command line (`-`: standard input).

    A missing file, a broken link, a loop, a FIFO or a device is reported as
    such, by the same checks as every data file; a folder holds several.
    """
    import os

    from briefing.commands.choosing import choose
    from briefing.errors import UsageError
    from briefing.i18n import _
    from briefing.reading.loader import load

    if word != "-" and os.path.isdir(word):
        raise UsageError(
            _("`{word}` is a folder: diff compares two briefing files").format(word=word),
            _("or give its editions as ID@AS_OF with --data {word}").format(word=word),
        )
    language = settings.language if settings.language_asked else None
    loaded = load([word], _("the command line"), settings.max_bytes)
    return choose(loaded, None, language).briefing


def _edition(settings: Settings, word: str) -> Briefing:
    """One side of a diff: a briefing file, or `ID@AS_OF` among the briefings of --data."""
    briefing_id, at, as_of = word.rpartition("@")
    if _names_a_file(word) or not at or not briefing_id:
        # Not an edition: a file, existing or not (a missing one is exit 1, as for --data).
        return _read_one(settings, word)
    loaded = load_data(settings)
    return _pick(settings, loaded, briefing_id, as_of, word)


def _pick(
    settings: Settings, loaded: list[Briefing], briefing_id: str, as_of: str, word: str
) -> Briefing:
    """The edition of `briefing_id` as of `as_of` among the loaded briefings, in the language."""
    from briefing.commands.choosing import choose

    found = [b for b in loaded if b.id == briefing_id and str(b.as_of) == as_of]
    if not found:
        raise _no_edition(loaded, word)
    language = settings.language if settings.language_asked else None
    picked = choose(found, briefing_id, language)
    if picked.notice:
        report([picked.notice])
    return picked.briefing


def _no_edition(loaded: list[Briefing], word: str) -> Exception:
    """The error for an `ID@AS_OF` that no loaded briefing is, with the closest one."""
    from briefing.errors import UsageError
    from briefing.i18n import _
    from briefing.reading.conformance import did_you_mean

    known = sorted({f"{b.id}@{b.as_of}" for b in loaded})
    return UsageError(
        _("no briefing edition `{word}` in the data").format(word=word) + did_you_mean(word, known),
        _("editions loaded: {editions}").format(editions=", ".join(known)),
    )


def _previous_and(settings: Settings, word: str) -> tuple[Briefing, Briefing]:
    """`diff ID` (or `ID@AS_OF`): the edition before the latest (or the named one), and it."""
    from briefing.errors import UsageError
    from briefing.i18n import _

    briefing_id, at, as_of = word.rpartition("@")
    if not at:
        briefing_id, as_of = word, ""
    loaded = load_data(settings)
    dates = sorted({b.as_of for b in loaded if b.id == briefing_id}, key=lambda d: d.sort_key())
    if not dates:
        from briefing.reading.conformance import did_you_mean

        ids = list(dict.fromkeys(b.id for b in loaded))
        raise UsageError(
            _("no briefing with id `{id}`").format(id=briefing_id) + did_you_mean(briefing_id, ids),
            _("loaded: {ids}; or give two files, OLD and NEW").format(ids=", ".join(ids)),
        )
    newer = next((d for d in dates if str(d) == as_of), None) if as_of else dates[-1]
    if newer is None:
        raise _no_edition(loaded, word)
    earlier = [d for d in dates if d.sort_key() < newer.sort_key()]
    if not earlier:
        raise UsageError(
            _("`{id}` has no edition before {date} in the data: nothing to compare it with").format(
                id=briefing_id, date=newer
            ),
            _("add the folder that holds its older editions with --data, or give two files"),
        )
    old = _pick(settings, loaded, briefing_id, str(earlier[-1]), f"{briefing_id}@{earlier[-1]}")
    new = _pick(settings, loaded, briefing_id, str(newer), f"{briefing_id}@{newer}")
    return old, new
