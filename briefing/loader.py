"""Find, read, validate and build briefings: `load()` returns valid models or raises."""

from __future__ import annotations

import functools
import os
import stat
import sys
from pathlib import Path as FsPath
from typing import Any, NamedTuple

from .errors import DataError, Problem, UsageError, ValidationError
from .i18n import N_, _
from .model import (
    Briefing,
    Item,
    PartialDate,
    Party,
    Revision,
    Source,
    SourceRef,
    Theme,
    TimelineEntry,
)
from .schema import did_you_mean
from .validate import MAX_FINDINGS, validate
from .yamlread import Reader, Typed, format_path, locate

DATA_ENV = "BRIEFING_DATA"
MAX_BYTES_ENV = "BRIEFING_MAX_BYTES"
DEFAULT_MAX_BYTES = 128 * 1024 * 1024
SUFFIXES = (".yaml", ".yml")
STDIN = "<stdin>"


def default_data_dir() -> FsPath:
    """Return the folder of briefings shipped with the package."""
    shipped = FsPath(__file__).resolve().parent / "data"  # inside the installed package
    if shipped.is_dir():
        return shipped
    # Running from a source checkout: the data sits beside the package.
    return FsPath(__file__).resolve().parent.parent / "data"


def max_bytes() -> int:
    """Return the size cap for one data file, from BRIEFING_MAX_BYTES or the default."""
    raw = os.environ.get(MAX_BYTES_ENV)
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise UsageError(
            _("{name}={value} is not a number of bytes").format(
                name=MAX_BYTES_ENV, value=repr(raw)
            ),
            _("e.g. {example}").format(example="200000000"),
        ) from None
    if value <= 0:
        raise UsageError(_("{name} must be a positive number of bytes").format(name=MAX_BYTES_ENV))
    return min(value, sys.maxsize - 1)


def data_files(data: str | None, given_as: str = "--data") -> list[str]:
    """Resolve `--data` (else BRIEFING_DATA, else the shipped data) to files to load."""
    spec = data if data is not None else os.environ.get(DATA_ENV) or None
    if spec == "-":
        return ["-"]
    if spec is not None and not spec.strip():
        raise UsageError(_("{option} is empty: give a file, a folder or -").format(option=given_as))
    folder = FsPath(spec) if spec else default_data_dir()
    try:
        if folder.is_dir():
            found = sorted(str(p) for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
            if not found:
                raise DataError(
                    _("{path}: no briefings here").format(path=folder),
                    _("a data folder holds .yaml or .yml files; pass one with --data"),
                )
            return found
        exists = folder.exists()
    except OSError as exc:
        raise DataError(
            _("{path}: cannot read: {reason}").format(path=folder, reason=exc.strerror or exc)
        ) from None
    if not exists:
        where = given_as if data is not None else DATA_ENV if spec else _("the installed package")
        raise DataError(
            _("{path}: no such file or folder (from {where})").format(path=folder, where=where),
            _("check the path"),
        )
    return [str(folder)]


def read_bytes(name: str, limit: int) -> bytes:
    """Read a data file or standard input, refusing anything above `limit` bytes."""
    try:
        if name == "-":
            if sys.stdin is None or sys.stdin.closed:
                raise DataError(_("standard input is closed: pipe a briefing into --data -"))
            raw = _read_capped(sys.stdin.buffer, limit)
        else:
            # Checked before opening: opening a FIFO would wait for a writer.
            if not stat.S_ISREG(os.stat(name).st_mode):
                raise DataError(_("not a regular file: give a .yaml file or a folder"))
            with open(name, "rb") as handle:
                raw = _read_capped(handle, limit)
    except OSError as exc:
        raise DataError(_("cannot read: {reason}").format(reason=exc.strerror or exc)) from None
    if len(raw) > limit:
        raise DataError(
            _("larger than the {limit}-byte limit").format(limit=f"{limit:,}"),
            _("raise it with {name}=<bytes> if the file is trusted").format(name=MAX_BYTES_ENV),
        )
    return raw


def _read_capped(handle: Any, limit: int) -> bytes:
    """Read at most `limit + 1` bytes, in pieces, so a huge limit allocates nothing up front."""
    pieces: list[bytes] = []
    left = limit + 1
    while left > 0:
        piece = handle.read(min(left, 1 << 20))
        if not piece:
            break
        pieces.append(piece)
        left -= len(piece)
    return b"".join(pieces)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (a byte-order mark is tolerated), or raise one precise problem."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ValidationError(
            [
                Problem(
                    name,
                    "",
                    _("not valid UTF-8 (byte {byte}): save the file as UTF-8").format(
                        byte=f"0x{raw[exc.start]:02x}"
                    ),
                    line,
                    column,
                )
            ]
        ) from None


def parse(text: str, name: str, pure: bool = False) -> Briefing:
    """Read, validate and build one briefing from its text, or raise ValidationError.

    `pure` forces PyYAML's pure-Python parser instead of libyaml (for tests).
    """
    reader = Reader(text, name, pure)
    data = reader.read()
    problems = reader.problems
    if data is not None or not problems:
        findings = [f for f in validate(data) if format_path(f.path) not in reader.alias_paths]
        if findings:
            where = locate(text, {f.path for f in findings}, pure)
            for finding in findings:
                pos = where.get(finding.path)
                line = col = None
                if pos is not None:
                    line, col = (pos[0], pos[1]) if finding.at_key else (pos[2], pos[3])
                problems.append(
                    Problem(name, format_path(finding.path), finding.message, line, col)
                )
    if problems:
        problems.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0))
        if len(problems) >= MAX_FINDINGS:
            problems = problems[:MAX_FINDINGS]
            problems.append(
                Problem(
                    name,
                    "",
                    _("stopped after {n} problems: fix these and check again").format(
                        n=MAX_FINDINGS
                    ),
                )
            )
        raise ValidationError(problems)
    return build(data, name)


def check_files(files: list[str]) -> tuple[list[Briefing], list[Problem]]:
    """Load these files, collecting every problem instead of stopping at the first file."""
    import gc

    # Loading builds only acyclic data: the cycle collector would rescan the
    # growing tree again and again and make large files superlinear.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_files(files)
    finally:
        if collecting:
            gc.enable()


def _check_files(files: list[str]) -> tuple[list[Briefing], list[Problem]]:
    limit = max_bytes()
    briefings: list[Briefing] = []
    problems: list[Problem] = []
    for name in files:
        shown = STDIN if name == "-" else name
        try:
            briefings.append(parse(decode(read_bytes(name, limit), shown), shown))
        except ValidationError as exc:
            problems.extend(exc.problems)
        except DataError as exc:
            problems.append(Problem(shown, "", "; ".join(exc.lines())))
    problems += translation_problems(briefings)
    return briefings, problems


def translation_problems(briefings: list[Briefing]) -> list[Problem]:
    """Files may share an id only as translations: one original, one file per language.

    A translation names its original's language in `translation_of` and must
    keep its theme ids, item ids, timeline dates and source ids.
    """
    problems: list[Problem] = []
    groups: dict[str, list[Briefing]] = {}
    for briefing in briefings:
        groups.setdefault(briefing.id, []).append(briefing)
    for group in groups.values():
        seen: dict[str, Briefing] = {}
        for briefing in group:
            other = seen.get(briefing.language)
            if other is not None:
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
        if len(group) > 1 and len(originals) != 1:
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
            problems += drift(briefing, original)
    return problems


def drift(translation: Briefing, original: Briefing) -> list[Problem]:
    """Name every theme, item, timeline date, source or revision date a translation lacks or adds.

    Counted, not just looked up, so a second entry on the same date is seen;
    each item must keep its themes, status and grades, each source its
    reliability, and the file its format version.
    """
    from collections import Counter

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
    theirs_sources = {s.id: s for s in original.sources}
    for source in translation.sources:
        their = theirs_sources.get(source.id)
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


def _grades(item: Item) -> dict[str, object]:
    """An item's grades as a translation must keep them (no kind means a report)."""
    return {
        "kind": item.kind or "report",
        "credibility": item.credibility,
        "confidence": item.confidence,
        "likelihood": item.likelihood,
    }


def _at_key(briefing: Briefing, key: str, message: str) -> Problem:
    """A problem about a whole top-level key, located in the file when it can be read again."""
    line, column = _key_position(briefing.origin, key)
    return Problem(briefing.origin, key, message, line, column)


@functools.lru_cache(maxsize=64)
def _key_position(origin: str, key: str) -> tuple[int | None, int | None]:
    """Where a top-level key sits in a file: read again, once, on error paths only."""
    if origin == STDIN:
        return None, None
    try:
        with open(origin, encoding="utf-8-sig") as handle:
            found = locate(handle.read(), {(key,)}).get((key,))
    except (OSError, UnicodeDecodeError):
        return None, None
    return (found[0], found[1]) if found else (None, None)


def load(data: str | None = None) -> list[Briefing]:
    """Load every briefing that `--data` names; raise one error holding every problem."""
    briefings, problems = check_files(data_files(data))
    if problems:
        raise ValidationError(problems)
    return briefings


class Choice(NamedTuple):
    """The briefing to show, its other translations, and a notice for the reader if any."""

    briefing: Briefing
    translations: tuple[Briefing, ...]
    notice: str | None = None


def select(
    briefings: list[Briefing], briefing_id: str | None, language: str | None = None
) -> Briefing:
    """Pick `--briefing ID`, else the latest `as_of` (a tie is a usage error), in a language."""
    return choose(briefings, briefing_id, language).briefing


def choose(
    briefings: list[Briefing], briefing_id: str | None, language: str | None = None
) -> Choice:
    """Pick a briefing and its translation in `language` (else its original, with a notice)."""
    from .i18n import _

    groups: dict[str, list[Briefing]] = {}
    for briefing in briefings:
        groups.setdefault(briefing.id, []).append(briefing)
    originals = {
        key: next((b for b in g if b.translation_of is None), g[0]) for key, g in groups.items()
    }
    if briefing_id is not None:
        if briefing_id not in groups:
            ids = list(groups)
            raise UsageError(
                _("no briefing with id `{id}`").format(id=briefing_id)
                + did_you_mean(briefing_id, ids),
                _("loaded: {ids}").format(ids=", ".join(ids)),
            )
        chosen = briefing_id
    else:
        latest = max(b.as_of.sort_key() for b in originals.values())
        top = [key for key, b in originals.items() if b.as_of.sort_key() == latest]
        if len(top) > 1:
            raise UsageError(
                _("{n} briefings share the latest as_of date {date}").format(
                    n=len(top), date=originals[top[0]].as_of
                ),
                _("choose one with --briefing: {ids}").format(ids=", ".join(top)),
            )
        chosen = top[0]
    group, original = groups[chosen], originals[chosen]
    wanted = language or original.language
    match = next((b for b in group if b.language.split("-")[0] == wanted), None)
    notice = None
    if match is None:
        match = original
        if language is not None:
            notice = _(
                "no `{language}` translation of `{id}`: showing the `{shown}` version"
            ).format(language=language, id=chosen, shown=original.language)
    return Choice(match, tuple(b for b in group if b is not match), notice)


def build(data: dict[str, Any], origin: str) -> Briefing:
    """Build the model from data that has passed validation."""

    def refs(entry: dict[str, Any]) -> tuple[SourceRef, ...]:
        return tuple(SourceRef(r["source"], r.get("locator")) for r in entry.get("sources", ()))

    def date(value: str | Typed) -> PartialDate:
        return PartialDate.parse(value.text if isinstance(value, Typed) else value)

    # Format version 2: grades, source descriptors and revisions (absent in version 1).
    def credibility(entry: dict[str, Any]) -> int | None:
        value = entry.get("credibility")
        return int(value.text) if isinstance(value, Typed) else None

    def optional_date(entry: dict[str, Any], key: str) -> PartialDate | None:
        return date(entry[key]) if key in entry else None

    return Briefing(
        id=data["id"],
        title=data["title"],
        subtitle=data.get("subtitle"),
        as_of=date(data["as_of"]),
        language=data.get("language", "en"),
        translation_of=data.get("translation_of"),
        summary=data["summary"],
        parties=tuple(Party(p["name"], p.get("forces")) for p in data.get("parties", ())),
        themes=tuple(
            Theme(t["id"], t["title"], tuple(t.get("aliases", ())), t.get("description"))
            for t in data["themes"]
        ),
        items=tuple(
            Item(
                id=i["id"],
                title=i["title"],
                themes=tuple(i["themes"]),
                summary=i["summary"],
                sources=refs(i),
                status=i.get("status", "unclear"),
                attribution=i.get("attribution"),
                open_questions=tuple(i.get("open_questions", ())),
                kind=i.get("kind"),
                credibility=credibility(i),
                confidence=i.get("confidence"),
                likelihood=i.get("likelihood"),
            )
            for i in data["items"]
        ),
        timeline=tuple(
            TimelineEntry(date(e["date"]), e["title"], tuple(e.get("themes", ())), refs(e))
            for e in data.get("timeline", ())
        ),
        sources=tuple(
            Source(
                s["id"],
                s["title"],
                s.get("kind"),
                s.get("language"),
                optional_date(s, "published"),
                s.get("url"),
                reliability=s.get("reliability"),
                grade_note=s.get("grade_note"),
                publisher=s.get("publisher"),
                author=s.get("author"),
                accessed=optional_date(s, "accessed"),
                archived_url=s.get("archived_url"),
            )
            for s in data["sources"]
        ),
        origin=origin,
        version=int(data["briefing"].text.lstrip("+")),
        revisions=tuple(Revision(date(r["date"]), r["summary"]) for r in data.get("revisions", ())),
    )
