"""Parse, validate and build briefings: `load()` returns valid models or raises every problem."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from briefing.errors import DataError, Problem, ValidationError
from briefing.i18n import _
from briefing.model import (
    Acknowledgement,
    Briefing,
    Item,
    PartialDate,
    Party,
    Revision,
    Signpost,
    Source,
    SourceRef,
    Theme,
    TimelineEntry,
)
from briefing.reading.files import STDIN, decode, files_of, max_bytes, read_bytes
from briefing.reading.translations import translation_problems
from briefing.reading.validate import MAX_FINDINGS, validate
from briefing.reading.yamlplaces import locate
from briefing.reading.yamlread import Reader, Typed, format_path


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


def check_files(
    files: list[str], limit: int | None = None, texts: dict[str, str] | None = None
) -> tuple[list[Briefing], list[Problem]]:
    """Load these files, collecting every problem instead of stopping at the first file.

    `texts`, when given, receives the text of each file read, by the name it is shown under.
    """
    import gc

    # Loading builds only acyclic data: the cycle collector would rescan the
    # growing tree again and again and make large files superlinear.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_files(files, max_bytes() if limit is None else limit, texts)
    finally:
        if collecting:
            gc.enable()


def _check_files(
    files: list[str], limit: int, kept: dict[str, str] | None
) -> tuple[list[Briefing], list[Problem]]:
    briefings: list[Briefing] = []
    problems: list[Problem] = []
    # Kept to locate problems found across files without reading again.
    texts: dict[str, str] = {} if kept is None else kept
    for name in files:
        shown = STDIN if name == "-" else name
        try:
            text = texts[shown] = decode(read_bytes(name, limit), shown)
            briefings.append(parse(text, shown))
        except ValidationError as exc:
            problems.extend(exc.problems)
        except DataError as exc:
            problems.append(Problem(shown, "", "; ".join(exc.lines())))
    problems += translation_problems(briefings, texts)
    return briefings, problems


def load(
    data: Sequence[str] = (), given_as: str = "--data", limit: int | None = None
) -> list[Briefing]:
    """Load every briefing that the `--data` paths name; raise one error holding every problem."""
    briefings, problems = check_files(files_of(data, given_as), limit)
    if problems:
        raise ValidationError(problems)
    return briefings


class InvalidFile(NamedTuple):
    """A data file left out because it breaks the contract, with every problem found in it."""

    file: str
    problems: tuple[Problem, ...]


def load_valid(
    data: Sequence[str] = (), given_as: str = "--data", limit: int | None = None
) -> tuple[list[Briefing], list[InvalidFile]]:
    """Load the valid briefings among the files the paths name, and say which files were not.

    A single file is what was asked for: if it is invalid, every problem is
    raised, as by `load`. So is a problem that no one file holds.
    """
    files = files_of(data, given_as)
    briefings, problems = check_files(files, limit)
    if not problems:
        return briefings, []
    if len(files) == 1 or any(not p.file for p in problems):
        raise ValidationError(problems)
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    valid = [b for b in briefings if b.origin not in by_file]
    invalid = [InvalidFile(name, tuple(found)) for name, found in by_file.items()]
    return valid, invalid


def build(data: dict[str, Any], origin: str) -> Briefing:
    """Build the model from data that has passed validation."""

    def refs(entry: dict[str, Any]) -> tuple[SourceRef, ...]:
        return tuple(
            SourceRef(r["source"], r.get("locator"), r.get("quote"))
            for r in entry.get("sources", ())
        )

    def acknowledged(entry: dict[str, Any]) -> tuple[Acknowledgement, ...]:
        return tuple(Acknowledgement(a["rule"], a["reason"]) for a in entry.get("acknowledged", ()))

    def date(value: str | Typed) -> PartialDate:
        return PartialDate.parse(value.text if isinstance(value, Typed) else value)

    # Format version 2: grades, source descriptors and revisions (absent in version 1).
    def credibility(entry: dict[str, Any]) -> int | None:
        value = entry.get("credibility")
        return int(value.text) if isinstance(value, Typed) else None

    def optional_date(entry: dict[str, Any], key: str) -> PartialDate | None:
        return date(entry[key]) if key in entry else None

    # Format version 3: signposts (absent before).
    def signposts(entry: dict[str, Any]) -> tuple[Signpost, ...]:
        return tuple(
            Signpost(
                id=s["id"],
                text=s["text"],
                direction=s["direction"],
                status=s["status"],
                attribution=s.get("attribution"),
                observed=optional_date(s, "observed"),
                sources=refs(s),
                credibility=credibility(s),
            )
            for s in entry.get("signposts", ())
        )

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
                expected_by=optional_date(i, "expected_by"),
                expected_by_set_by=i.get("expected_by_set_by"),
                signposts=signposts(i),
                tlp=i.get("tlp"),
                account_of=i.get("account_of"),
                acknowledged=acknowledged(i),
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
                relays=s.get("relays"),
                acknowledged=acknowledged(s),
            )
            for s in data["sources"]
        ),
        origin=origin,
        version=int(data["briefing"].text.lstrip("+")),
        revisions=tuple(Revision(date(r["date"]), r["summary"]) for r in data.get("revisions", ())),
        tlp=data.get("tlp"),
    )
